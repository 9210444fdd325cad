'use strict';
// Errors as the real gateway sends them (an HTTP error status and a body the SDK parses), each shown
// in the tool with the host's or the gateway's own message: a script that throws, a gateway fault
// (500), a node that does not answer, and an expired credential (401, then the SDK's re-authentication).
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, shellEvents, startEnvironment } = require('./environment');

let env;

before(async () => {
    env = await startEnvironment({ extraNodes: { 'hv-locked.corp.example': 'test/e2e/fixtures/host-2012r2-dvd-locked.json' }, nodeTimeoutMs: 1500 });
});

after(async () => {
    await env.close();
});

const requestsTo = node => env.server.gateway.requests.filter(r => r.node === node);

test('a script that throws on the host: the gateway answers 400 with the errors, the tool shows the host\'s message', async () => {
    const { page, tool } = await env.open('hv-locked.corp.example');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'LEGACY-APP' }).click();
    await tool.locator('button.action-insert').click();
    await page.locator('#shell-dialog:not([hidden])').waitFor();
    await page.locator('#shell-dialog-confirm').click();
    const error = page.locator('#shell-notifications li[data-state="error"]');
    await error.waitFor({ timeout: 30000 });
    assert.match(await error.innerText(), /locked by a backup job/);
    assert.doesNotMatch(await error.innerText(), /output|snapshot/i);
    const mount = env.server.gateway.commands.find(c => c.command === 'Mount-IntegrationServicesSetupDisk' && c.node === 'hv-locked.corp.example');
    assert.equal(mount.state, 'failed');
    assert.ok(requestsTo('hv-locked.corp.example').some(r => r.status === 400), 'the gateway answered the throwing script with 400');
});

test('a gateway fault (500): the page shows the gateway\'s message', async () => {
    const { tool } = await env.open('broken.corp.example');
    const failure = tool.locator('.scan-failure');
    await failure.waitFor({ timeout: 60000 });
    const text = await failure.innerText();
    assert.match(text, /Couldn't reach broken\.corp\.example through the Windows Admin Center gateway/);
    assert.match(text, /remoting session pool is exhausted/);
    assert.deepEqual(requestsTo('broken.corp.example').map(r => r.status), [500]);
});

test('a node that does not answer: after the gateway gives up, the page shows WinRM\'s message', async () => {
    const { tool } = await env.open('offline.corp.example');
    const failure = tool.locator('.scan-failure');
    await failure.waitFor({ timeout: 60000 });
    assert.match(await failure.innerText(), /WinRM cannot complete the operation/);
    assert.deepEqual(requestsTo('offline.corp.example').map(r => r.status), [500]);
});

test('an expired credential: 401, the shell is asked for a new token, the module retries with it', async () => {
    const before = requestsTo('hv01.corp.example').length;
    const { page, tool } = await env.open('hv01.corp.example', '&token=expired');
    const rows = await gridRows(tool);
    assert.ok(rows.length > 0);
    const events = (await shellEvents(page)).filter(e => e.type === 'credential-prompt');
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].nodes, ['hv01.corp.example']);
    const statuses = requestsTo('hv01.corp.example').slice(before).map(r => r.status);
    assert.equal(statuses[0], 401);
    assert.ok(statuses.slice(1).every(s => s === 200), `after the new token every request succeeded: ${statuses}`);
    assert.deepEqual(page.errors, []);
});
