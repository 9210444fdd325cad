'use strict';
// Exclusions in the emulated shell: kept in the extension's application settings on the emulated
// gateway through the SDK's own settings manager (the module's Settings RPC, the shell's GET/PUT of
// /api/settings/all), so they survive a reload; a gateway user who is not a gateway administrator is
// refused with a message and keeps a working, read-only grid.
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

/** The exclusions document the emulated gateway keeps for the tool, or null. */
function stored() {
    const settings = env.server.gateway.settings.application;
    const tool = settings && settings.properties.extensions && settings.properties.extensions[moduleName];
    return tool ? tool.properties.exclusions : null;
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

    // Saved on the gateway, in the extension's application settings, as the SDK's VersionedObject writes it.
    const document = stored();
    assert.equal(document.version, 1);
    assert.equal(document.exclusions.length, 1);
    const record = document.exclusions[0];
    assert.deepEqual({ ...record, at: undefined }, { vmId: app07, vmName: 'APP07', host: 'hv01.corp.example', rule, verdict: 'fail',
        reason: 'Retired on Friday, replication removed then', by: 'CORP\\hvadmin', at: undefined });
    assert.ok(Math.abs(Date.parse(record.at) - Date.now()) < 120000, record.at);
    assert.ok(env.server.gateway.settings.requests.some(r => r.method === 'PUT' && r.path === '/api/settings/all' && r.status === 200));

    // A reload reads it back from the gateway.
    await page.reload();
    await page.waitForSelector('body[data-shell-ready="true"]', { timeout: 60000 });
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
    env.server.gateway.settings.application = { version: 1, properties: { extensions: { [moduleName]: { version: 1, properties: { exclusions: {
        version: 1, exclusions: [{ vmId: lostComm, vmName: 'PRI-LOSTCOMM', host: 'hv01.corp.example', rule, verdict: 'fail',
            reason: 'Accepted while the guest was rebuilt', by: 'CORP\\alice', at: '2026-11-20T09:00:00.000Z' }] } } } } } };
    try {
        const { tool } = await env.open('hv01.corp.example');
        const rows = await gridRows(tool);
        assert.equal(rows.find(r => r.name === 'PRI-LOSTCOMM').verdict, 'warn');
        assert.equal(await tool.locator('.excluded-count').count(), 0);
        assert.deepEqual(await tool.locator('sme-data-table .exclusion-stale').allTextContents(), ['Doesn\'t apply: the verdict changed']);
        const panel = await selectVm(tool, 'PRI-LOSTCOMM');
        const text = await panel.innerText();
        assert.match(text, /This VM was excluded while its verdict was Fail\. Its verdict is now Warning, so the exclusion doesn't apply/);
        assert.match(text, /CORP\\alice/);
    } finally {
        env.server.gateway.settings.application = null;
    }
});

test('a gateway user who may not write application settings gets a clear message, and the grid keeps working', async () => {
    const { page, tool } = await env.open('hv01.corp.example', '&gatewayRole=user&user=' + encodeURIComponent('CORP\\hvreader'));
    await gridRows(tool);
    const before = await counts(tool);
    const panel = await selectVm(tool, 'APP07');
    await panel.locator('.exclusion-reason-field textarea').fill('Known issue');
    await panel.locator('button.exclusion-exclude').click();
    const failure = panel.locator('.exclusion-failure');
    await failure.waitFor();
    assert.match(await failure.innerText(), /^Couldn't save the exclusion: only gateway administrators can change the extension's application settings/);
    assert.match(await failure.innerText(), /CORP\\hvreader is not a gateway administrator/);
    assert.deepEqual(await counts(tool), before);
    assert.ok(env.server.gateway.settings.requests.some(r => r.method === 'PUT' && r.user === 'CORP\\hvreader' && r.status === 403));
    assert.equal(stored(), null);
    // Still a working grid: the filters answer.
    await tool.locator('button.verdict-count[data-verdict="fail"]').click();
    await tool.locator('.vm-name', { hasText: 'SQL01' }).waitFor({ state: 'detached' });
    assert.ok((await gridRows(tool)).every(r => r.verdict === 'fail'));
    assert.deepEqual(page.errors, []);
});
