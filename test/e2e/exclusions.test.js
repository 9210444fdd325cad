'use strict';
// Exclusions in the emulated shell: kept in the extension's admin settings on the emulated gateway
// (every user reads, gateway administrators write) through the SDK's own settings manager (the
// module's Settings RPC, the shell's GET/PUT of /api/settings/admin), so they survive a reload; two
// admins saving at the same moment both keep their exclusion; an unreadable record is listed with
// Remove while the others work; the previous version's application-scope document is carried over;
// a gateway user who is not a gateway administrator is refused with a message and keeps a working,
// read-only grid.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, startEnvironment } = require('./environment');

const moduleName = 'hvtools.replica-failover-ip';
const rule = 'hyperv-replica-failover-ip-integration-services';
const app07 = 'a1dbf721-3994-493e-a3ae-6e685323451b';
const lostComm = '6b4cb242-4a23-4596-a217-beaddbc496cb';
let env;

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

/** The verdict counts shown, as { verdict: number }. */
function counts(tool) {
    return tool.locator('button.verdict-count').evaluateAll(buttons =>
        Object.fromEntries(buttons.map(b => [b.getAttribute('data-verdict'), Number(b.querySelector('.verdict-count-number').textContent)])));
}

/** The exclusions document the emulated gateway keeps for the tool in a scope (admin by default), or null. */
function stored(scope = 'admin') {
    const settings = env.server.gateway.settings[scope];
    const tool = settings && settings.properties.extensions && settings.properties.extensions[moduleName];
    return tool ? tool.properties.exclusions : null;
}

/** A scope's settings object holding the tool's exclusions document with these records. */
function settingsWith(exclusions) {
    return { version: 1, properties: { extensions: { [moduleName]: { version: 1, properties: { exclusions: { version: 1, exclusions } } } } } };
}

function resetSettings() {
    const settings = env.server.gateway.settings;
    settings.admin = null;
    settings.application = null;
    settings.users.clear();
    settings.beforeWrite = null;
}

async function selectVm(tool, name) {
    await tool.locator('.vm-name', { hasText: name }).first().click();
    await tool.locator('sme-finding-details .details-vm-name', { hasText: name }).waitFor();
    return tool.locator('sme-exclusion-panel');
}

test('exclude a failing VM with a reason: it leaves the counts, stays excluded after a reload, Show excluded lists it, Include puts it back', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    const before = await counts(tool);
    const panel = await selectVm(tool, 'APP07');

    // The reason is required.
    await panel.locator('button.exclusion-exclude').click();
    await panel.locator('.exclusion-reason-error', { hasText: 'Enter a reason.' }).waitFor();
    assert.equal(stored(), null);

    await panel.locator('.exclusion-reason-field textarea').fill('  Retired on Friday, replication removed then  ');
    await panel.locator('button.exclusion-exclude').click();
    await panel.locator('.exclusion-reason', { hasText: 'Retired on Friday, replication removed then' }).waitFor();
    assert.equal(await panel.locator('.exclusion-by').innerText(), 'CORP\\hvadmin');
    await tool.locator('.vm-name', { hasText: 'APP07' }).waitFor({ state: 'detached' });
    assert.deepEqual(await counts(tool), { ...before, fail: before.fail - 1 });
    assert.match(await tool.locator('.excluded-count').innerText(), /Excluded: 1/);

    // Saved on the gateway, in the extension's admin settings, as the SDK's VersionedObject writes it.
    const document = stored();
    assert.equal(document.version, 1);
    assert.equal(document.exclusions.length, 1);
    const record = document.exclusions[0];
    assert.deepEqual({ ...record, at: undefined }, { vmId: app07, vmName: 'APP07', host: 'hv01.corp.example', rule, verdict: 'fail',
        reason: 'Retired on Friday, replication removed then', by: 'CORP\\hvadmin', at: undefined });
    assert.ok(Math.abs(Date.parse(record.at) - Date.now()) < 120000, record.at);
    assert.ok(env.server.gateway.settings.requests.some(r => r.method === 'PUT' && r.path === '/api/settings/admin' && r.status === 200));

    // A reload reads it back from the gateway.
    await page.reload();
    await page.waitForSelector('body[data-shell-ready="true"]', { timeout: 60000 });
    await tool.locator('.excluded-count', { hasText: 'Excluded: 1' }).waitFor({ timeout: 120000 });
    const rows = await gridRows(tool);
    assert.ok(!rows.some(r => r.name === 'APP07'), 'APP07 stays out of the grid');
    assert.deepEqual(await counts(tool), { ...before, fail: before.fail - 1 });

    // Show excluded lists it, marked, with the reason.
    await tool.locator('sme-form-field.show-excluded .sme-checkbox label').click();
    await tool.locator('.vm-name', { hasText: 'APP07' }).waitFor();
    assert.deepEqual(await counts(tool), { ...before, fail: before.fail - 1 });
    const reasons = await tool.locator('sme-data-table .exclusion-reason').allTextContents();
    assert.ok(reasons.includes('Retired on Friday, replication removed then'), reasons.join('|'));
    const excludedTags = await tool.locator('sme-data-table .excluded-tag').count();
    assert.equal(excludedTags, 1);

    // Include puts it back.
    const again = await selectVm(tool, 'APP07');
    await again.locator('button.exclusion-include').click();
    await again.locator('button.exclusion-exclude').waitFor();
    assert.deepEqual(await counts(tool), before);
    assert.equal(await tool.locator('.excluded-count').count(), 0);
    assert.deepEqual(stored().exclusions, []);
    assert.deepEqual(page.errors, []);
});

test('an exclusion made for another verdict does not hide the VM, and the pane says why', async () => {
    env.server.gateway.settings.admin = settingsWith([{ vmId: lostComm, vmName: 'PRI-LOSTCOMM', host: 'hv01.corp.example', rule, verdict: 'fail',
        reason: 'Accepted while the guest was rebuilt', by: 'CORP\\alice', at: '2026-11-20T09:00:00.000Z' }]);
    try {
        const { tool } = await env.open('hv01.corp.example');
        // The exclusions are read beside the scan: the column says when they were applied.
        await tool.locator('sme-data-table .exclusion-stale').first().waitFor({ timeout: 120000 });
        const rows = await gridRows(tool);
        assert.equal(rows.find(r => r.name === 'PRI-LOSTCOMM').verdict, 'warn');
        assert.equal(await tool.locator('.excluded-count').count(), 0);
        assert.deepEqual(await tool.locator('sme-data-table .exclusion-stale').allTextContents(), ['Doesn\'t apply: the verdict changed']);
        const panel = await selectVm(tool, 'PRI-LOSTCOMM');
        const text = await panel.innerText();
        assert.match(text, /This VM was excluded while its verdict was Fail\. Its verdict is now Warning, so the exclusion doesn't apply/);
        assert.match(text, /CORP\\alice/);
    } finally {
        resetSettings();
    }
});

test('a gateway user who may not write the admin settings gets a clear message, and the grid keeps working', async () => {
    const { page, tool } = await env.open('hv01.corp.example', '&gatewayRole=user&user=' + encodeURIComponent('CORP\\hvreader'));
    await gridRows(tool);
    const before = await counts(tool);
    const panel = await selectVm(tool, 'APP07');
    await panel.locator('.exclusion-reason-field textarea').fill('Known issue');
    await panel.locator('button.exclusion-exclude').click();
    const failure = panel.locator('.exclusion-failure');
    await failure.waitFor();
    assert.match(await failure.innerText(), /^Couldn't save the exclusion: only gateway administrators can change the exclusions, which every user of this gateway reads/);
    assert.match(await failure.innerText(), /CORP\\hvreader is not a gateway administrator/);
    assert.deepEqual(await counts(tool), before);
    assert.ok(env.server.gateway.settings.requests.some(r => r.method === 'PUT' && r.path === '/api/settings/admin' && r.user === 'CORP\\hvreader' && r.status === 403));
    assert.equal(stored(), null);
    // Still a working grid: the filters answer.
    await tool.locator('button.verdict-count[data-verdict="fail"]').click();
    await tool.locator('.vm-name', { hasText: 'SQL01' }).waitFor({ state: 'detached' });
    assert.ok((await gridRows(tool)).every(r => r.verdict === 'fail'));
    assert.deepEqual(page.errors, []);
});

test('two admins exclude two different VMs at the same moment, each from a read without the other\'s: both exclusions are kept', async () => {
    const alice = await env.open('hv01.corp.example', '&user=' + encodeURIComponent('CORP\\alice'));
    const bob = await env.open('hv01.corp.example', '&user=' + encodeURIComponent('CORP\\bob'));
    const rows = await gridRows(alice.tool);
    assert.deepEqual(['APP07', 'WEB03'].map(name => rows.find(r => r.name === name).verdict), ['fail', 'fail']);
    await gridRows(bob.tool);
    const alicePanel = await selectVm(alice.tool, 'APP07');
    const bobPanel = await selectVm(bob.tool, 'WEB03');
    await alicePanel.locator('.exclusion-reason-field textarea').fill('Retired on Friday');
    await bobPanel.locator('.exclusion-reason-field textarea').fill('Owned by the web team');
    // Both writes are held until both were sent, each made from a read without the other's exclusion:
    // the second one written lands over the first.
    let release;
    const bothSent = new Promise(resolve => release = resolve);
    let writes = 0;
    env.server.gateway.settings.beforeWrite = ({ path }) => {
        if (path !== '/api/settings/admin') {
            return undefined;
        }
        writes += 1;
        if (writes === 2) {
            env.server.gateway.settings.beforeWrite = null;
            release();
        }
        return bothSent;
    };
    try {
        await Promise.all([alicePanel.locator('button.exclusion-exclude').click(), bobPanel.locator('button.exclusion-exclude').click()]);
        await alicePanel.locator('.exclusion-reason', { hasText: 'Retired on Friday' }).waitFor();
        await bobPanel.locator('.exclusion-reason', { hasText: 'Owned by the web team' }).waitFor();
        assert.equal(writes, 2, 'both saves were held together');
        assert.deepEqual(stored().exclusions.map(e => [e.vmName, e.by]).sort(), [['APP07', 'CORP\\alice'], ['WEB03', 'CORP\\bob']]);
        for (const { page, tool } of [alice, bob]) {
            await page.reload();
            await page.waitForSelector('body[data-shell-ready="true"]', { timeout: 60000 });
            // The exclusions are read beside the scan: the count says when they were applied.
            await tool.locator('.excluded-count', { hasText: 'Excluded: 2' }).waitFor({ timeout: 120000 });
            const after = await gridRows(tool);
            assert.ok(!after.some(r => r.name === 'APP07' || r.name === 'WEB03'), after.map(r => r.name).join('|'));
            assert.deepEqual(page.errors, []);
        }
    } finally {
        release();
        resetSettings();
        await alice.page.close();
        await bob.page.close();
    }
});

test('an unreadable record is listed with its index and field and Remove, and the other records and Exclude keep working', async () => {
    const bad = { vmId: 'NOT-A-GUID', vmName: 'OLD01', host: 'hv01.corp.example', rule, verdict: 'fail', reason: 'Edited by hand',
        by: 'CORP\\alice', at: '2026-11-20T09:00:00.000Z' };
    const lostCommExcluded = { vmId: lostComm, vmName: 'PRI-LOSTCOMM', host: 'hv01.corp.example', rule, verdict: 'warn',
        reason: 'Accepted while the guest is rebuilt', by: 'CORP\\alice', at: '2026-11-20T09:00:00.000Z' };
    env.server.gateway.settings.admin = settingsWith([bad, lostCommExcluded]);
    try {
        const { page, tool } = await env.open('hv01.corp.example');
        await tool.locator('.excluded-count', { hasText: 'Excluded: 1' }).waitFor({ timeout: 120000 });
        const rows = await gridRows(tool);
        assert.ok(!rows.some(r => r.name === 'PRI-LOSTCOMM'), 'the readable record still excludes its VM');
        const unreadable = tool.locator('sme-unreadable-exclusions .unreadable-exclusion');
        assert.equal(await unreadable.count(), 1);
        assert.equal(await unreadable.locator('.unreadable-problem').innerText(), 'exclusions[0].vmId: is not a GUID: \'NOT-A-GUID\'');
        assert.equal(await tool.locator('.exclusions-failure').count(), 0);

        const panel = await selectVm(tool, 'APP07');
        await panel.locator('.exclusion-reason-field textarea').fill('Retired on Friday');
        await panel.locator('button.exclusion-exclude').click();
        await panel.locator('.exclusion-reason', { hasText: 'Retired on Friday' }).waitFor();
        assert.deepEqual(stored().exclusions.map(e => e.vmName), ['OLD01', 'PRI-LOSTCOMM', 'APP07']);

        await unreadable.locator('button.unreadable-remove').click();
        await unreadable.waitFor({ state: 'detached' });
        assert.deepEqual(stored().exclusions.map(e => e.vmName), ['PRI-LOSTCOMM', 'APP07']);
        assert.match(await tool.locator('.excluded-count').innerText(), /Excluded: 2/);
        assert.deepEqual(page.errors, []);
        await page.close();
    } finally {
        resetSettings();
    }
});

test('the previous version\'s exclusions, kept in the application settings, are carried over to the admin settings once', async () => {
    const app07Excluded = { vmId: app07, vmName: 'APP07', host: 'hv01.corp.example', rule, verdict: 'fail', reason: 'Retired on Friday',
        by: 'CORP\\alice', at: '2026-11-20T09:00:00.000Z' };
    env.server.gateway.settings.application = settingsWith([app07Excluded]);
    try {
        const { page, tool } = await env.open('hv01.corp.example');
        await tool.locator('.excluded-count', { hasText: 'Excluded: 1' }).waitFor({ timeout: 120000 });
        const rows = await gridRows(tool);
        assert.ok(!rows.some(r => r.name === 'APP07'));
        assert.deepEqual(stored().exclusions, [app07Excluded]);
        assert.deepEqual(stored('application').exclusions, [app07Excluded], 'the old document is left as it was');
        // Read once: Include empties the admin document, and the old one does not come back.
        await tool.locator('sme-form-field.show-excluded .sme-checkbox label').click();
        const panel = await selectVm(tool, 'APP07');
        await panel.locator('button.exclusion-include').click();
        await panel.locator('button.exclusion-exclude').waitFor();
        const requests = env.server.gateway.settings.requests;
        const reloadedAt = requests.length;
        await page.reload();
        await page.waitForSelector('body[data-shell-ready="true"]', { timeout: 60000 });
        assert.ok((await gridRows(tool)).some(r => r.name === 'APP07'));
        while (!requests.slice(reloadedAt).some(r => r.method === 'GET' && r.path === '/api/settings/admin')) {
            await page.waitForTimeout(100);
        }
        await page.waitForTimeout(2000);
        assert.deepEqual(requests.slice(reloadedAt).filter(r => r.path === '/api/settings/all'), [], 'the old document is not read again');
        assert.equal(await tool.locator('.excluded-count').count(), 0);
        assert.deepEqual(stored().exclusions, []);
        assert.deepEqual(page.errors, []);
        await page.close();
    } finally {
        resetSettings();
    }
});

test('the emulated gateway keeps the SDK\'s three scopes: every user reads them; a gateway user writes user and application settings, not admin settings', async () => {
    const { page } = await env.open('hv01.corp.example', '&gatewayRole=user&user=' + encodeURIComponent('CORP\\hvreader'));
    try {
        const statuses = await page.evaluate(async () => {
            const cookies = Object.fromEntries(document.cookie.split(';').map(c => c.trim().split('=')).map(([n, ...v]) => [n, decodeURIComponent(v.join('='))]));
            const headers = { 'x-xsrf-token': cookies['WAC-XSRF'] || cookies['XSRF-TOKEN'], 'content-type': 'application/json' };
            const body = JSON.stringify({ version: 1, properties: { extensions: {} } });
            const status = async (method, path) => (await fetch(path, { method, headers, body: method === 'PUT' ? body : undefined })).status;
            return {
                user: [await status('PUT', '/api/settings/user'), await status('GET', '/api/settings/user')],
                application: [await status('PUT', '/api/settings/all'), await status('GET', '/api/settings/all')],
                admin: [await status('PUT', '/api/settings/admin'), await status('GET', '/api/settings/admin')]
            };
        });
        assert.deepEqual(statuses, { user: [200, 200], application: [200, 200], admin: [403, 404] });
        env.server.gateway.settings.admin = settingsWith([]);
        assert.equal(await page.evaluate(async () => {
            const token = document.cookie.split(';').map(c => c.trim().split('=')).find(([n]) => n === 'WAC-XSRF' || n === 'XSRF-TOKEN')[1];
            return (await fetch('/api/settings/admin', { headers: { 'x-xsrf-token': decodeURIComponent(token) } })).status;
        }), 200);
    } finally {
        resetSettings();
        await page.close();
    }
});
