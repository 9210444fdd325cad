'use strict';
// Both rules and Server Manager's BPA in the emulated shell: the rule switch with each rule's counts,
// the BPA column and its filter, and the details pane explaining why the BPA answers differently.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, startEnvironment } = require('./environment');

const seedRule = 'hyperv-replica-failover-ip-integration-services';
const companionRule = 'hyperv-replica-failover-tcpip-settings';
let env;

before(async () => {
    // hv-bpa: Replica VMs the BPA lists (KVP off on the host; no failover IP; no network adapter at all).
    env = await startEnvironment({ extraNodes: { 'hv-bpa.corp.example': 'test/e2e/fixtures/bpa-host.json' } });
});

after(async () => {
    await env.close();
});

/** The verdict counts shown, by verdict. */
function counts(tool) {
    return tool.locator('button.verdict-count').evaluateAll(buttons =>
        Object.fromEntries(buttons.map(b => [b.getAttribute('data-verdict'), Number(b.querySelector('.verdict-count-number').textContent)])));
}

/** The grid's rows as { name, verdict, bpa }, in display order. */
async function rowsWithBpa(tool) {
    const rows = await gridRows(tool);
    const bpa = await tool.locator('sme-data-table .vm-bpa').allTextContents();
    return rows.map((row, i) => ({ ...row, bpa: bpa[i].trim() }));
}

/** Picks an option of one of the page's selects (the SDK's sme-form-field type="select"): the one whose text starts with `text`. */
async function choose(tool, field, text) {
    const escaped = text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    await tool.locator(`sme-form-field.${field} input[role=combobox]`).click();
    await tool.locator(`sme-form-field.${field} button[role=option]`, { hasText: new RegExp(`^\\s*${escaped}`) }).click();
}

async function ruleOptions(tool) {
    await tool.locator('sme-form-field.rule-switch input[role=combobox]').click();
    const options = await tool.locator('sme-form-field.rule-switch button[role=option]').allInnerTexts();
    await tool.locator('sme-form-field.rule-switch input[role=combobox]').press('Escape');
    return options.map(o => o.trim());
}

/** Waits until the grid shows these VM names (the grid updates after the change detection that follows a switch). */
async function waitForNames(tool, names) {
    await tool.locator('sme-data-table').evaluate(async (table, expected) => {
        for (let i = 0; i < 100; i++) {
            const shown = [...table.querySelectorAll('.vm-name')].map(e => e.textContent);
            if (JSON.stringify(shown) === JSON.stringify(expected)) {
                return;
            }
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        throw new Error(`the grid shows ${[...table.querySelectorAll('.vm-name')].map(e => e.textContent)} instead of ${expected}`);
    }, names);
}

const demoInScope = ['SQL01', 'APP07', 'WEB03', 'DC02', 'PRI-KVP-OFF-HOST', 'PRI-LOSTCOMM', 'PRI-LEGACY-ONLY', 'EXTREPLICA-OFF',
    'IS-QUERY-FAILS', '<img src=x onerror=alert(1)>', '\'; Remove-Item -Recurse -Force C:\\ #'];

test('the demo host: the rule switch changes the verdicts and the counts to the companion rule\'s, and back', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    const seedRows = await rowsWithBpa(tool);
    assert.deepEqual(seedRows.map(r => r.name), demoInScope);
    assert.deepEqual(await counts(tool), { 'fail': 4, 'warn': 2, 'scan-error': 1, 'unknown': 2, 'pass': 2, 'not-applicable': 0 });
    assert.deepEqual(await ruleOptions(tool), ['Integration services (Fail: 4, Warning: 2)', 'Failover TCP/IP settings (Fail: 0, Warning: 0)']);
    assert.equal(await tool.locator('sme-form-field.rule-switch input[role=combobox]').inputValue(), 'Integration services (Fail: 4, Warning: 2)');

    await choose(tool, 'rule-switch', 'Failover TCP/IP settings');
    await tool.locator('button.verdict-count[data-verdict="not-applicable"] .verdict-count-number', { hasText: '9' }).waitFor();
    assert.deepEqual(await counts(tool), { 'fail': 0, 'warn': 0, 'scan-error': 0, 'unknown': 0, 'pass': 2, 'not-applicable': 9 });
    const companionRows = await rowsWithBpa(tool);
    assert.deepEqual(companionRows.filter(r => r.verdict !== 'not-applicable').map(r => [r.name, r.verdict]), [['DC02', 'pass'], ['EXTREPLICA-OFF', 'pass']]);
    // The BPA lists no VM of the demo host under either rule; the VM that couldn't be read has no flag under the seed rule only.
    assert.ok(companionRows.every(r => r.bpa === 'No'));
    assert.deepEqual(seedRows.filter(r => r.bpa !== 'No').map(r => [r.name, r.bpa]), [['IS-QUERY-FAILS', '']]);

    await choose(tool, 'rule-switch', 'Integration services');
    await tool.locator('button.verdict-count[data-verdict="fail"] .verdict-count-number', { hasText: '4' }).waitFor();
    assert.deepEqual((await rowsWithBpa(tool)).map(r => r.verdict), seedRows.map(r => r.verdict));
    // The verdict column sorts worst first (its compareFunction), not by the label's alphabet.
    await tool.locator('[role=columnheader]', { hasText: /^Verdict$/ }).click();
    assert.deepEqual((await rowsWithBpa(tool)).map(r => r.verdict),
        ['fail', 'fail', 'fail', 'fail', 'warn', 'warn', 'scan-error', 'unknown', 'unknown', 'pass', 'pass']);
    assert.deepEqual(page.errors, []);
});

test('the demo host: "Differs from this tool" lists the VMs the BPA answers differently for, each with a note that says why', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    await choose(tool, 'bpa-filter', 'Differs from this tool');
    const differs = ['APP07', 'WEB03', 'DC02', 'PRI-KVP-OFF-HOST', 'PRI-LOSTCOMM', 'PRI-LEGACY-ONLY', 'EXTREPLICA-OFF', '<img src=x onerror=alert(1)>'];
    await waitForNames(tool, differs);
    const details = tool.locator('sme-finding-details');
    const notes = {
        'APP07': /Server Manager's BPA checks Replica VMs only, so it doesn't list this primary VM/,
        'DC02': /looks at the host's setting only, which is on, so it doesn't list this VM; whether the guest's component answers can only be seen while the VM runs/,
        'EXTREPLICA-OFF': /not extended Replica VMs, so it doesn't list this VM/
    };
    for (const [name, note] of Object.entries(notes)) {
        await tool.locator('.vm-name', { hasText: name }).click();
        await details.locator('.details-vm-name', { hasText: name }).waitFor();
        assert.equal((await details.locator('.details-bpa').innerText()).trim(), 'Server Manager\'s BPA: doesn\'t list this VM');
        assert.match(await details.locator('.details-bpa-note').innerText(), note);
    }
    // Every row the filter keeps explains itself.
    for (const name of differs) {
        await tool.locator('.vm-name', { hasText: name }).first().click();
        await details.locator('.details-vm-name', { hasText: name }).waitFor();
        assert.ok((await details.locator('.details-bpa-note').innerText()).length > 40, `${name} has a note`);
    }
    // A VM both agree on has none: SQL01 passes and the BPA doesn't list it.
    await choose(tool, 'bpa-filter', 'All');
    await tool.locator('.vm-name', { hasText: 'SQL01' }).click();
    await details.locator('.details-vm-name', { hasText: 'SQL01' }).waitFor();
    assert.equal(await details.locator('.details-bpa-note').count(), 0);
    // Under the companion rule the BPA agrees with the tool on every VM of the demo host.
    await choose(tool, 'rule-switch', 'Failover TCP/IP settings');
    await choose(tool, 'bpa-filter', 'Differs from this tool');
    await tool.locator('.empty-state', { hasText: 'No VM matches the filter.' }).waitFor();
    assert.deepEqual(page.errors, []);
});

test('the details pane: the selected rule\'s texts, both rules\' verdicts, and remediation under the seed rule only', async () => {
    const { tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'DC02' }).click();
    const details = tool.locator('sme-finding-details');
    await details.locator('.details-vm-name', { hasText: 'DC02' }).waitFor();
    assert.match(await details.locator('.details-rule h4').innerText(), /^Integration services must be installed/);
    const rules = await details.locator('.details-rule-verdict').evaluateAll(rows => rows.map(r => [r.getAttribute('data-rule'),
        r.querySelector('.verdict').getAttribute('data-verdict')]));
    assert.deepEqual(rules, [[seedRule, 'unknown'], [companionRule, 'pass']]);
    assert.equal(await details.locator('sme-finding-actions .action-connect').count(), 1);

    await choose(tool, 'rule-switch', 'Failover TCP/IP settings');
    await details.locator('.details-rule h4', { hasText: 'Configure the failover TCP/IP settings' }).waitFor();
    assert.equal(await details.locator('.details-vm-name').innerText(), 'DC02', 'the selection stays on the VM');
    const text = await details.innerText();
    assert.match(text, /Severity: Warning/);
    assert.match(text, /A failover IP address is configured \(10\.20\.0\.50\)/);
    assert.equal(await details.locator('.details-rule-selected').getAttribute('data-rule'), companionRule);
    assert.equal(await details.locator('sme-finding-actions').count(), 0);
});

test('a host where the BPA lists VMs: Yes in the BPA column under each rule, the filters, and the note for a Replica without adapters', async () => {
    const { page, tool } = await env.open('hv-bpa.corp.example');
    const seed = await rowsWithBpa(tool);
    assert.deepEqual(seed.map(r => [r.name, r.verdict, r.bpa]), [
        ['REPLICA-KVP-OFF', 'fail', 'Yes'], ['REPLICA-NO-IP', 'unknown', 'No'], ['REPLICA-NO-NIC', 'unknown', 'No'], ['PRIMARY-NO-CONTACT', 'fail', 'No']
    ]);
    await choose(tool, 'bpa-filter', 'Listed by the BPA');
    await waitForNames(tool, ['REPLICA-KVP-OFF']);
    await tool.locator('.vm-name', { hasText: 'REPLICA-KVP-OFF' }).click();
    const details = tool.locator('sme-finding-details');
    await details.locator('.details-vm-name', { hasText: 'REPLICA-KVP-OFF' }).waitFor();
    assert.equal((await details.locator('.details-bpa').innerText()).trim(), 'Server Manager\'s BPA: lists this VM');
    assert.equal(await details.locator('.details-bpa-note').count(), 0);

    await choose(tool, 'rule-switch', 'Failover TCP/IP settings');
    await waitForNames(tool, ['REPLICA-NO-IP', 'REPLICA-NO-NIC']);
    await choose(tool, 'bpa-filter', 'All');
    await waitForNames(tool, seed.map(r => r.name));
    assert.deepEqual((await rowsWithBpa(tool)).map(r => [r.name, r.verdict, r.bpa]), [
        ['REPLICA-KVP-OFF', 'pass', 'No'], ['REPLICA-NO-IP', 'warn', 'Yes'], ['REPLICA-NO-NIC', 'not-applicable', 'Yes'], ['PRIMARY-NO-CONTACT', 'not-applicable', 'No']
    ]);
    assert.deepEqual(await counts(tool), { 'fail': 0, 'warn': 1, 'scan-error': 0, 'unknown': 0, 'pass': 1, 'not-applicable': 2 });
    // Sorting by the BPA column puts the VMs the BPA lists first.
    await tool.locator('[role=columnheader]', { hasText: /^BPA$/ }).click();
    assert.deepEqual((await rowsWithBpa(tool)).map(r => r.bpa), ['Yes', 'Yes', 'No', 'No']);
    await choose(tool, 'bpa-filter', 'Differs from this tool');
    await waitForNames(tool, ['REPLICA-NO-NIC']);
    await tool.locator('.vm-name', { hasText: 'REPLICA-NO-NIC' }).click();
    await details.locator('.details-vm-name', { hasText: 'REPLICA-NO-NIC' }).waitFor();
    assert.match(await details.locator('.details-bpa-note').innerText(),
        /Server Manager's BPA lists this Replica VM because it has no failover IP address, but the VM has no network adapters/);
    assert.deepEqual(page.errors, []);
});

test('a change re-checks the VM under both rules: its verdict, BPA flag and note, and the switch\'s counts follow', async () => {
    const { page, tool } = await env.open('hv-bpa.corp.example');
    await gridRows(tool);
    assert.equal((await ruleOptions(tool))[0], 'Integration services (Fail: 2, Warning: 0)');
    await tool.locator('.vm-name', { hasText: 'REPLICA-KVP-OFF' }).click();
    const details = tool.locator('sme-finding-details');
    await details.locator('.details-vm-name', { hasText: 'REPLICA-KVP-OFF' }).waitFor();
    await details.locator('button.action-enable').click();
    await page.locator('#shell-dialog:not([hidden])').waitFor();
    await page.locator('#shell-dialog-confirm').click();
    await page.locator('#shell-notifications li[data-state="success"]', { hasText: 'Turned on Key-Value Pair Exchange' }).waitFor({ timeout: 30000 });
    const row = tool.locator('[role=row]', { has: tool.locator('.vm-name', { hasText: 'REPLICA-KVP-OFF' }) });
    await row.locator('.verdict[data-verdict="unknown"]').waitFor({ timeout: 30000 });
    // KVP is on now: the BPA no longer lists the VM, and says why it can't tell more than the host's setting.
    assert.equal((await row.locator('.vm-bpa').innerText()).trim(), 'No');
    assert.equal((await details.locator('.details-bpa').innerText()).trim(), 'Server Manager\'s BPA: doesn\'t list this VM');
    assert.match(await details.locator('.details-bpa-note').innerText(), /whether the guest's component answers can only be seen while the VM runs/);
    const rules = await details.locator('.details-rule-verdict').evaluateAll(rows => rows.map(r => r.querySelector('.verdict').getAttribute('data-verdict')));
    assert.deepEqual(rules, ['unknown', 'pass']);
    assert.deepEqual(await ruleOptions(tool), ['Integration services (Fail: 1, Warning: 0)', 'Failover TCP/IP settings (Fail: 0, Warning: 1)']);
    assert.deepEqual(page.errors, []);
});
