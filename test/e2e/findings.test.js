'use strict';
// The production bundle in the emulated WAC shell, against the emulated gateway and simulated
// Hyper-V hosts: what an admin sees and does on the findings page.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { gridRows, root, startEnvironment } = require('./environment');

const demo = JSON.parse(fs.readFileSync(path.join(root, 'test/scenarios/demo-host.json'), 'utf8'));
const takesPart = vm => vm.Replication && ['Primary', 'Replica', 'ExtendedReplica'].includes(vm.Replication.ReplicationMode);
const verdictStringNames = { 'fail': 'fail', 'warn': 'warn', 'scan-error': 'scanError', 'unknown': 'unknown', 'pass': 'pass', 'not-applicable': 'notApplicable' };
let env;

/** The verdict counts the grid shows by default (VMs that take part in replication), from the scenario's expect. */
function expectedCounts() {
    const counts = Object.fromEntries(Object.keys(verdictStringNames).map(v => [v, 0]));
    demo.vms.filter(takesPart).forEach(vm => counts[demo.expect[vm.Name]]++);
    return counts;
}

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

test('the demo host: every VM that takes part in replication, with its expected verdict, and the counts', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    const rows = await gridRows(tool);
    const expected = demo.vms.filter(takesPart).map(vm => ({ name: vm.Name, verdict: demo.expect[vm.Name] }));
    assert.deepEqual(rows, expected);
    const counts = await tool.locator('button.verdict-count').evaluateAll(buttons =>
        Object.fromEntries(buttons.map(b => [b.getAttribute('data-verdict'), Number(b.querySelector('.verdict-count-number').textContent)])));
    assert.deepEqual(counts, expectedCounts());
    assert.match(await tool.locator('sme-master-view').innerText(), new RegExp(`${expected.length} items`));
    assert.deepEqual(page.errors, []);
});

test('"Show all VMs" adds the VMs outside replication', async () => {
    const { tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    await tool.locator('sme-form-field.show-all .sme-checkbox label').click();
    await tool.locator('.vm-name', { hasText: 'BUILD01' }).waitFor();
    const rows = await gridRows(tool);
    assert.deepEqual(rows.map(r => r.name), demo.vms.map(vm => vm.Name));
    assert.equal(rows.find(r => r.name === 'BUILD01').verdict, 'not-applicable');
});

test('the text filter, the verdict counts as filters, and sorting', async () => {
    const { tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    await tool.locator('sme-form-field.text-filter input').fill('app07');
    await tool.locator('.vm-name', { hasText: 'SQL01' }).waitFor({ state: 'detached' });
    assert.deepEqual((await gridRows(tool)).map(r => r.name), ['APP07']);
    await tool.locator('sme-form-field.text-filter input').fill('');
    await tool.locator('button.verdict-count[data-verdict="warn"]').click();
    await tool.locator('.vm-name', { hasText: 'SQL01' }).waitFor({ state: 'detached' });
    assert.ok((await gridRows(tool)).every(r => r.verdict === 'warn'));
    await tool.locator('button.verdict-count[data-verdict="warn"]').click();
    await tool.locator('.vm-name', { hasText: 'SQL01' }).waitFor();
    await tool.locator('[role=columnheader]', { hasText: /^VM$/ }).click();
    const sorted = (await gridRows(tool)).map(r => r.name);
    const expected = [...sorted].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
    assert.deepEqual(sorted.map(n => n.toLowerCase()), expected.map(n => n.toLowerCase()));
    await tool.locator('[role=columnheader]', { hasText: /^VM$/ }).click();
    const reversed = (await gridRows(tool)).map(r => r.name);
    assert.deepEqual(reversed, [...sorted].reverse());
});

test('the details pane explains the selected VM', async () => {
    const { tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'APP07' }).click();
    const details = tool.locator('sme-finding-details');
    await details.locator('.details-vm-name', { hasText: 'APP07' }).waitFor();
    const text = await details.innerText();
    assert.match(text, /Key-Value Pair Exchange doesn't answer \(no contact\)/);
    assert.match(text, /10\.20\.0\.27/);
    assert.match(text, /Resolution/);
});

test('a hostile VM name is plain text and breaks nothing', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    const rows = await gridRows(tool);
    const hostile = '<img src=x onerror=alert(1)>';
    assert.ok(rows.some(r => r.name === hostile && r.verdict === 'fail'));
    assert.equal(await tool.locator('sme-data-table img').count(), 0);
    await tool.locator('.vm-name', { hasText: hostile }).click();
    await tool.locator('sme-finding-details .details-vm-name', { hasText: hostile }).waitFor();
    assert.equal(await tool.locator('sme-finding-details img').count(), 0);
    assert.deepEqual(page.errors, []);
});

test('the keyboard alone: reach the grid, move to a VM and read its details', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    await tool.locator('sme-form-field.text-filter input').focus();
    for (let i = 0; i < 12 && !(await tool.locator('[role=row]:focus, [role=row] :focus, [role=gridcell]:focus').count()); i++) {
        await page.keyboard.press('Tab');
    }
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tool.locator('sme-finding-details .details-vm-name').waitFor();
    assert.ok((await tool.locator('sme-finding-details .details-message').innerText()).length > 20);
});

test('in es-ES the tool speaks Spanish', async () => {
    const { tool } = await env.open('hv01.corp.example', '&locale=es-ES');
    const rows = await gridRows(tool);
    assert.ok(rows.length > 0);
    const page = await tool.locator('body').innerText();
    assert.match(page, /Comprobación de IP de conmutación por error de réplica/);
    assert.match(page, /Mostrar todas las máquinas virtuales/);
    // Every count button: its es-ES label, and the count the scenario's expect gives.
    const spanish = JSON.parse(fs.readFileSync(path.join(root, 'src/resources/strings/es-ES/strings.resjson'), 'utf8'));
    const buttons = await tool.locator('button.verdict-count').evaluateAll(all => all.map(b => [b.getAttribute('data-verdict'), b.innerText.trim()]));
    const expected = expectedCounts();
    assert.deepEqual(buttons.map(([verdict]) => verdict).sort(), Object.keys(expected).sort());
    assert.ok(expected.fail > 0 && expected.pass > 0, 'the demo host has failing and passing VMs');
    for (const [verdict, text] of buttons) {
        const label = spanish[`HvtoolsReplicaFailoverIp_Finding_Verdict_${verdictStringNames[verdict]}`];
        assert.ok(label, `an es-ES string for ${verdict}`);
        assert.equal(text.replace(/\s+/g, ' ').replace(/ ?: ?/, ': '), `${label}: ${expected[verdict]}`);
    }
    await tool.locator('.vm-name', { hasText: 'APP07' }).click();
    assert.match(await tool.locator('sme-finding-details .details-message').innerText(), /El intercambio de pares clave-valor no responde \(sin contacto\)/);
});

test('a host without the Hyper-V module shows its error state', async () => {
    const { tool } = await env.open('fs01.corp.example');
    const alert = tool.locator('.scan-failure');
    await alert.waitFor({ timeout: 60000 });
    assert.match(await alert.innerText(), /Couldn't scan fs01\.corp\.example: the Hyper-V PowerShell module isn't installed there/);
    assert.equal(await tool.locator('.vm-name').count(), 0);
});

test('a node the gateway cannot reach shows the gateway error', async () => {
    const { tool } = await env.open('offline.corp.example');
    const alert = tool.locator('.scan-failure');
    await alert.waitFor({ timeout: 60000 });
    const text = await alert.innerText();
    assert.match(text, /Couldn't reach offline\.corp\.example through the Windows Admin Center gateway/);
    assert.match(text, /WinRM cannot complete the operation/);
});

test('the shell hands the module the SDK\'s fonts.css at Init: the Server-MDL2 icon font and Segoe UI are declared, and the icon font loads', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    const frame = page.frames().find(f => f.url().includes('/module/'));
    const linked = await frame.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map(l => l.href));
    assert.ok(linked.some(href => href.endsWith('/styles/css/fonts.css')), `fonts.css appended by the SDK's asset manager: ${linked}`);
    const families = await frame.evaluate(() => [...document.fonts].map(f => f.family.replace(/"/g, '')));
    assert.ok(families.includes('Server-MDL2'));
    assert.ok(families.includes('Segoe UI'));
    // The icon font really loads (a corrupt .woff is declared but never loads, and icons show as boxes).
    const loaded = await frame.evaluate(async () => {
        await document.fonts.load('16px "Server-MDL2"');
        return [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Server-MDL2').map(f => f.status);
    });
    assert.deepStrictEqual(loaded, ['loaded']);
});
