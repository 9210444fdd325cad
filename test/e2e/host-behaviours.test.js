'use strict';
// What real Hyper-V hosts do, end to end in the emulated shell: the KVP secondary status (out-of-date
// integration services), a caller who may not see VMs (no false all-clear), and a VM that left its
// host between the scan and a remediation.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { gridRows, root, startEnvironment } = require('./environment');

let env;

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

function row(tool, name) {
    return tool.locator('[role=row]', { has: tool.locator('.vm-name', { hasText: new RegExp(`^${name}$`) }) });
}

test('out-of-date integration services: warn, the secondary status in the grid and the details, and how to update', async () => {
    const { page, tool } = await env.open('hv-kvp.corp.example');
    const rows = await gridRows(tool);
    const scenario = JSON.parse(fs.readFileSync(path.join(root, 'test/scenarios/kvp-secondary-status.json'), 'utf8'));
    assert.deepEqual(Object.fromEntries(rows.map(r => [r.name, r.verdict])), scenario.expect);
    assert.match(await row(tool, 'KVP-OUTDATED').innerText(), /OK, protocol mismatch/);
    assert.match(await row(tool, 'KVP-OUTDATED-DEGRADED').innerText(), /Degraded, protocol mismatch/);

    await tool.locator('.vm-name', { hasText: /^KVP-OUTDATED$/ }).click();
    const details = tool.locator('sme-finding-details');
    assert.match(await details.locator('.details-message').innerText(), /integration services are out of date/);
    assert.match(await details.locator('.kvp-primary').innerText(), /^OK \(2\)$/);
    assert.match(await details.locator('.kvp-secondary').innerText(), /^Protocol mismatch \(32775\)$/);
    assert.match(await details.innerText(), /KVP status detail/);
    // A 2019 host: the update comes through Windows Update inside the guest.
    await details.locator('.guidance-windows-update').waitFor();
    assert.equal(await tool.locator('button.action-insert').count(), 0);
    assert.deepEqual(page.errors, []);
});

test('a caller in neither Administrators nor Hyper-V Administrators: an access-denied state that says what to do, never "no VMs"', async () => {
    const { page, tool } = await env.open('hvdenied.corp.example');
    const alert = tool.locator('.scan-failure');
    await alert.waitFor({ timeout: 60000 });
    const text = await alert.innerText();
    assert.match(text, /Couldn't scan hvdenied\.corp\.example: access was denied, or Hyper-V lists no VMs to your account there/);
    assert.match(text, /member of the local Administrators group or of Hyper-V Administrators on the host, then refresh/);
    assert.match(text, /S-1-5-32-544/);
    assert.equal(await tool.locator('.vm-name').count(), 0);
    assert.equal(await tool.locator('.empty-state').count(), 0);
    assert.doesNotMatch(await tool.locator('body').innerText(), /has no VMs/);
    assert.deepEqual(page.errors, []);
});

test('Spanish: the access-denied state names both groups', async () => {
    const { tool } = await env.open('hvdenied.corp.example', '&locale=es-ES');
    const alert = tool.locator('.scan-failure');
    await alert.waitFor({ timeout: 60000 });
    assert.match(await alert.innerText(), /grupo local Administradores o del grupo Administradores de Hyper-V/);
});

test('a VM that left the host after the scan: the remediation says so, changes nothing, and the host is scanned again', async () => {
    const { page, tool } = await env.open('hv2012.corp.example');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'LEGACY-APP' }).click();
    await tool.locator('button.action-insert').waitFor();
    const scenario = JSON.parse(fs.readFileSync(path.join(root, 'test/scenarios/host-2012r2.json'), 'utf8'));
    const id = scenario.vms.find(vm => vm.Name === 'LEGACY-APP').Id;
    // The VM is migrated away (the simulated host lets it go) while the page still lists it.
    const moved = await env.server.gateway.host('hv2012.corp.example').run(`Export-HvSimVm -Id '${id}' | Out-Null; 'moved'`);
    assert.deepEqual(moved.results, ['moved']);
    const scansBefore = env.server.gateway.commands.filter(c => c.node === 'hv2012.corp.example' && /Get-ReplicaFailoverIpSnapshot|replica-failover-ip-snapshot/.test(c.script)).length;

    await tool.locator('button.action-insert').click();
    await page.locator('#shell-dialog:not([hidden])').waitFor();
    await page.locator('#shell-dialog-confirm').click();
    await page.locator('#shell-notifications li[data-state="warning"]',
        { hasText: "LEGACY-APP isn't on hv2012.corp.example any more (deleted, or moved to another host): nothing was changed." }).waitFor({ timeout: 30000 });
    await tool.locator('.vm-name', { hasText: 'LEGACY-APP' }).waitFor({ state: 'detached', timeout: 60000 });
    const names = (await gridRows(tool)).map(r => r.name);
    assert.ok(!names.includes('LEGACY-APP'));
    assert.ok(names.includes('LEGACY-SQL'));
    const scansAfter = env.server.gateway.commands.filter(c => c.node === 'hv2012.corp.example' && /Get-ReplicaFailoverIpSnapshot|replica-failover-ip-snapshot/.test(c.script)).length;
    assert.ok(scansAfter > scansBefore, 'the host was scanned again');
    // No other VM's drive changed.
    const media = await env.server.gateway.host('hv2012.corp.example').run("@(Get-VMDvdDrive -VMName * | ForEach-Object { '{0}={1}' -f $_.VMName, $_.Path }) -join ';'");
    assert.match(media.results[0], /LEGACY-SQL=D:\\ISO\\sql2014-sp3\.iso/);
    assert.doesNotMatch(media.results[0], /vmguest\.iso/);
    assert.deepEqual(page.errors, []);
});
