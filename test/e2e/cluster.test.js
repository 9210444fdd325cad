'use strict';
// A 4-node failover cluster with one node down: every VM of the three other nodes, its owner node,
// one clear error for the node that does not answer, and the Replica Broker.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, startEnvironment } = require('./environment');

let env;

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

test('a 4-node cluster with one node down shows the VMs of the other three and one node error', async () => {
    const { page, tool } = await env.open('hvcluster.corp.example', '&type=cluster');
    await tool.locator('.node-failure').waitFor({ timeout: 60000 });
    await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'detached', timeout: 60000 });
    const rows = await gridRows(tool);
    assert.deepEqual(rows.map(r => r.name).sort(), ['N1-APP', 'N1-SQL', 'N2-APP', 'N2-SQL', 'N3-APP', 'N3-SQL']);
    const nodes = await tool.locator('sme-data-table .vm-node').allTextContents();
    assert.deepEqual([...new Set(nodes)].sort(), ['node1.corp.example', 'node2.corp.example', 'node3.corp.example']);
    const failures = await tool.locator('.node-failure').allInnerTexts();
    assert.equal(failures.length, 1);
    assert.match(failures[0], /Couldn't scan node node4\.corp\.example/);
    assert.match(failures[0], /WinRM cannot complete the operation/);
    assert.match(await tool.locator('.replica-broker').innerText(), /Hyper-V Replica Broker: HVBROKER/);
    assert.deepEqual(page.errors, []);
    // Each node was asked once, in parallel, through its own session.
    const scanned = env.server.gateway.commands.filter(c => /Get-ReplicaFailoverIpSnapshot/.test(c.script)).map(c => c.node).sort();
    assert.deepEqual(scanned, ['node1.corp.example', 'node2.corp.example', 'node3.corp.example']);
});

test('Connect on a cluster VM targets its owner node', async () => {
    const { page, tool } = await env.open('hvcluster.corp.example', '&type=cluster');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'N2-APP' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), tool.locator('button.action-connect').click()]);
    const content = require('fs').readFileSync(await download.path(), 'utf8');
    assert.match(content, /^full address:s:node2\.corp\.example\r$/m);
});
