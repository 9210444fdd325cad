'use strict';
// A clustered VM on a two-node Windows Server 2012 R2 cluster whose nodes share storage
// (C:\ClusterStorage): Insert replaces its ISO on one node, the VM is live-migrated to the other
// node, and Restore there puts the ISO back from the record kept beside the VM's configuration.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { gridRows, root, startEnvironment } = require('./environment');

const node1 = 'hv12-n1.corp.example';
const node2 = 'hv12-n2.corp.example';
const cluster = 'hvclu2012.corp.example';
let env;
let shared;

before(async () => {
    // Both simulated nodes (one PowerShell process each, which inherit this) see the same shared storage.
    shared = fs.mkdtempSync(path.join(os.tmpdir(), 'hvsim-csv-'));
    process.env.HVSIM_SHARED_STORAGE = shared;
    env = await startEnvironment({
        nodes: { [node1]: path.join(root, 'test/scenarios/cluster2012-node1.json'), [node2]: path.join(root, 'test/scenarios/cluster2012-node2.json') },
        // The cluster as the SDK's inventory reports it (gateway.js), with the credential it was added with.
        clusters: { [cluster]: {
            credential: { username: 'CORP\\hvadmin', password: 'cluster2012-credential' }, currentNode: 'hv12-n1',
            nodes: [{ name: 'hv12-n1', fqdn: node1, state: 'Up' }, { name: 'hv12-n2', fqdn: node2, state: 'Up' }]
        } },
        unreachableNodes: [],
        faultyNodes: []
    });
});

after(async () => {
    await env.close();
    delete process.env.HVSIM_SHARED_STORAGE;
    fs.rmSync(shared, { recursive: true, force: true });
});

function vmRow(tool, name) {
    return tool.locator('[role=row]', { has: tool.locator('.vm-name', { hasText: new RegExp(`^${name}$`) }) });
}

test('Insert on one node, live migration, Restore on the other node puts the ISO back', async () => {
    const scenario = JSON.parse(fs.readFileSync(path.join(root, 'test/scenarios/cluster2012-node1.json'), 'utf8'));
    const id = scenario.vms.find(vm => vm.Name === 'CLU-APP').Id;
    const first = await env.open(cluster, '&type=cluster');
    await gridRows(first.tool);
    await first.tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'detached', timeout: 60000 });
    assert.match(await vmRow(first.tool, 'CLU-APP').innerText(), new RegExp(node1.replace(/\./g, '\\.')));
    await first.tool.locator('.vm-name', { hasText: /^CLU-APP$/ }).click();
    await first.tool.locator('button.action-insert').click();
    await first.page.locator('#shell-dialog:not([hidden])').waitFor();
    assert.match(await first.page.locator('#shell-dialog').innerText(), /holds C:\\ClusterStorage\\Volume1\\ISO\\app-tools\.iso/);
    await first.page.locator('#shell-dialog-confirm').click();
    await first.page.locator('#shell-notifications li[data-state="success"]', { hasText: 'Inserted the setup disk into IDE 1:0 of CLU-APP' })
        .waitFor({ timeout: 30000 });
    // The record is on the shared storage, beside the VM's configuration.
    assert.ok(fs.existsSync(path.join(shared, 'Volume1', 'CLU-APP', `hvtools-setup-disk-restore.${id}.json`)));

    // Live migration: node 1 lets the VM go (with the setup disk in its drive), node 2 registers it.
    const exported = await env.server.gateway.host(node1).run(`ConvertTo-Json -InputObject (Export-HvSimVm -Id '${id}') -Depth 12 -Compress`);
    assert.equal(exported.errors.length, 0, JSON.stringify(exported.errors));
    const encoded = Buffer.from(exported.results[0], 'utf8').toString('base64');
    const imported = await env.server.gateway.host(node2).run(
        `Import-HvSimVm ([System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${encoded}')) | ConvertFrom-Json); 'imported'`);
    assert.deepEqual(imported.results, ['imported']);

    const second = await env.open(cluster, '&type=cluster');
    await gridRows(second.tool);
    await second.tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'detached', timeout: 60000 });
    assert.match(await vmRow(second.tool, 'CLU-APP').innerText(), new RegExp(node2.replace(/\./g, '\\.')));
    await second.tool.locator('.vm-name', { hasText: /^CLU-APP$/ }).click();
    assert.match(await second.tool.locator('.finding-actions').innerText(), /puts back C:\\ClusterStorage\\Volume1\\ISO\\app-tools\.iso/);
    await second.tool.locator('button.action-restore').click();
    await second.page.locator('#shell-dialog:not([hidden])').waitFor();
    await second.page.locator('#shell-dialog-confirm').click();
    await second.page.locator('#shell-notifications li[data-state="success"]', { hasText: 'Put C:\\ClusterStorage\\Volume1\\ISO\\app-tools.iso back into IDE 1:0 of CLU-APP' })
        .waitFor({ timeout: 30000 });
    // The change ran on the node that owns the VM now.
    const restores = env.server.gateway.commands.filter(c => /Dismount-IntegrationServicesSetupDisk/.test(c.script)).map(c => c.node);
    assert.deepEqual(restores, [node2]);
    await second.tool.locator('button.action-insert').waitFor({ timeout: 30000 });
    assert.ok(!fs.existsSync(path.join(shared, 'Volume1', 'CLU-APP', `hvtools-setup-disk-restore.${id}.json`)));
    assert.deepEqual(second.page.errors, []);
});
