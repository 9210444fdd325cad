'use strict';
// Cancel: Refresh during a scan cancels the running command through the SDK (the session's cancel,
// POST .../cancel); the gateway stops its pipeline, and the new scan runs at once instead of waiting
// behind the old command in the same session.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, startEnvironment } = require('./environment');

let env;

before(async () => {
    env = await startEnvironment({ slowNodes: { 'hv01.corp.example': 120000 } });
});

after(async () => {
    await env.close();
});

async function until(condition, what, timeoutMs = 60000) {
    const start = Date.now();
    while (!condition()) {
        if (Date.now() - start > timeoutMs) {
            throw new Error(`Timed out waiting for ${what}.`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

test('Refresh during a slow scan stops the old command and the new scan does not wait behind it', async () => {
    const gateway = env.server.gateway;
    const scans = () => gateway.commands.filter(c => c.node === 'hv01.corp.example' && c.command === 'Get-ReplicaFailoverIpSnapshot');
    const { page, tool } = await env.open('hv01.corp.example');
    await until(() => scans().length === 1, 'the first scan to start');
    // The node answers quickly from now on: only the first scan is slow (two minutes).
    gateway.options.slowNodes = {};
    await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'attached' });
    const refreshedAt = Date.now();
    await tool.locator('sme-master-view button:has(.sme-icon-refresh)').click();

    const rows = await gridRows(tool);
    assert.ok(rows.length > 0);
    const [old, fresh] = scans();
    assert.ok(fresh, 'a second scan ran');
    assert.equal(old.state, 'stopped', 'the old command was stopped on the node');
    assert.ok(old.endedAt - refreshedAt < 15000, `the old command stopped soon after Refresh (${old.endedAt - refreshedAt} ms)`);
    assert.ok(fresh.startedAt - refreshedAt < 15000, `the new scan started without waiting for the old one (${fresh.startedAt - refreshedAt} ms)`);
    assert.equal(fresh.state, 'completed');
    const cancel = gateway.cancels.find(c => c.node === 'hv01.corp.example');
    assert.ok(cancel, 'the SDK sent the session\'s cancel');
    assert.equal(cancel.session, old.session);
    assert.equal(cancel.stoppedCommand, old);
    assert.deepEqual(page.errors, []);
});

test('leaving the tool during a slow scan cancels its command on the gateway', async () => {
    const gateway = env.server.gateway;
    gateway.options.slowNodes = { 'hv2012.corp.example': 120000 };
    const scans = () => gateway.commands.filter(c => c.node === 'hv2012.corp.example' && c.command === 'Get-ReplicaFailoverIpSnapshot');
    const { page } = await env.open('hv2012.corp.example');
    await until(() => scans().length === 1, 'the scan to start');
    const leftAt = Date.now();
    await page.evaluate(() => window.shellLeaveTool());
    await until(() => scans()[0].state !== 'running', 'the scan to stop', 20000);
    assert.equal(scans()[0].state, 'stopped');
    assert.ok(scans()[0].endedAt - leftAt < 15000);
    assert.ok(gateway.cancels.some(c => c.node === 'hv2012.corp.example' && c.stoppedCommand === scans()[0]));
    assert.equal(scans().length, 1);
    gateway.options.slowNodes = {};
});
