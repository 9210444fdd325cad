'use strict';
// A 4-node failover cluster: node3 paused, node4 down. The tool takes the nodes from the SDK's
// cluster inventory (the cluster's Get-ClusterInventory and Get-ClusterNodes, then a batch of the
// live nodes' server inventory), scans the nodes that are Up or Paused with the cluster's saved node
// token, lists the down node without asking it, and names the Replica Broker.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, root, shellEvents, startEnvironment } = require('./environment');

let env;

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

test('the nodes that are up or paused are scanned with the cluster\'s token; the down node is listed, not asked', async () => {
    const gateway = env.server.gateway;
    const { page, tool } = await env.open('hvcluster.corp.example', '&type=cluster');
    await tool.locator('.node-failure').waitFor({ timeout: 60000 });
    await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'detached', timeout: 60000 });
    const rows = await gridRows(tool);
    assert.deepEqual(rows.map(r => r.name).sort(), ['N1-APP', 'N1-SQL', 'N2-APP', 'N2-SQL', 'N3-APP', 'N3-SQL']);
    const nodes = await tool.locator('sme-data-table .vm-node').allTextContents();
    assert.deepEqual([...new Set(nodes)].sort(), ['node1.corp.example', 'node2.corp.example', 'node3.corp.example']);
    const failures = await tool.locator('.node-failure').allInnerTexts();
    assert.equal(failures.length, 1);
    assert.match(failures[0], /Node node4\.corp\.example wasn't scanned: the cluster reports it as Down/);
    assert.match(await tool.locator('.replica-broker').innerText(), /Hyper-V Replica Broker: HVBROKER/);
    assert.deepEqual(page.errors, []);

    // The SDK's cluster inventory ran on the cluster, and its server inventory batch on the live nodes.
    const inventory = gateway.commands.filter(c => c.node === 'hvcluster.corp.example').map(c => c.command).sort();
    assert.deepEqual(inventory, ['Get-ClusterInventory', 'Get-ClusterNodes']);
    const batch = gateway.requests.filter(r => r.batch && r.method === 'POST').map(r => r.node).sort();
    assert.deepEqual(batch, ['node1.corp.example', 'node2.corp.example', 'node3.corp.example']);
    // Each live node was scanned once, by FQDN, through its own session; node4 was never asked.
    const scanned = gateway.commands.filter(c => c.command === 'Get-ReplicaFailoverIpSnapshot').map(c => c.node).sort();
    assert.deepEqual(scanned, ['node1.corp.example', 'node2.corp.example', 'node3.corp.example']);
    assert.deepEqual(gateway.requests.filter(r => r.node === 'node4.corp.example'), []);
    // Every request carried the cluster's token: no 401, no credential prompt.
    assert.deepEqual(gateway.requests.filter(r => r.status === 401), []);
    assert.deepEqual((await shellEvents(page)).filter(e => e.type === 'credential-prompt'), []);
});

test('the gateway refuses a cluster node request without the cluster\'s token', async () => {
    const { page } = await env.open('hv01.corp.example');
    const v2 = env.server.gateway.options.apiVersion === '2.0.0';
    const route = v2 ? '/api/services/WinREST/PowerShell/nodes/node1.corp.example/invokeCommand'
        : '/api/nodes/node1.corp.example/features/powershellApi/invokeCommand?api-version=2019-02-01';
    const status = await page.evaluate(async ([url, cookie]) => {
        const xsrf = (document.cookie.match(new RegExp(`(?:^|; )${cookie}=([^;]+)`)) || [])[1] || '';
        const response = await fetch(url, {
            method: 'POST', headers: { 'content-type': 'application/json', 'x-xsrf-token': xsrf },
            body: JSON.stringify({ properties: { script: '"hello"', state: 'ready' } })
        });
        return response.status;
    }, [route, v2 ? 'WAC-XSRF' : 'XSRF-TOKEN']);
    assert.equal(status, 401);
});

test('Connect on a cluster VM targets its owner node', async () => {
    const { page, tool } = await env.open('hvcluster.corp.example', '&type=cluster');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'N2-APP' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), tool.locator('button.action-connect').click()]);
    const content = require('fs').readFileSync(await download.path(), 'utf8');
    assert.match(content, /^full address:s:node2\.corp\.example\r$/m);
});

test('Open goes to the cluster\'s Virtual Machines tool, for the VM on its owner node, through the shell\'s navigation', async () => {
    const { page, tool } = await env.open('hvcluster.corp.example', '&type=cluster');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'N2-APP' }).click();
    const scenario = JSON.parse(require('fs').readFileSync(require('path').join(root, 'test/scenarios/cluster-node2.json'), 'utf8'));
    const vmId = scenario.vms.find(vm => vm.Name === 'N2-APP').Id;
    await tool.locator('button.action-open').click();
    await page.waitForFunction(() => window.shellEvents.some(e => e.type === 'navigate'));
    const navigation = (await shellEvents(page)).find(e => e.type === 'navigate');
    assert.deepEqual(navigation.solution, { moduleName: 'msft.sme.software-defined-data-center', entryPointName: 'cluster' });
    assert.deepEqual(navigation.connection, { name: 'hvcluster.corp.example', type: 'msft.sme.connection-type.cluster' });
    assert.equal(navigation.tool.moduleName, 'msft.sme.hyperv');
    assert.equal(navigation.tool.entryPointName, 'virtualMachines');
    assert.equal(navigation.tool.queryParams.node, 'node2.corp.example');
    assert.equal(navigation.tool.queryParams.vmId, vmId);
});
