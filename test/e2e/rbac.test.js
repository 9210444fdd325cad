'use strict';
// RBAC mode: the emulated gateway puts every node behind WAC's JEA endpoint (test/emulator/
// jea-endpoint.js) and the emulated shell signs the user in with a role (?role=...), handing the
// module the nodes' JEA endpoints as the real shell does (test/emulator/shell-rbac.ts). The SDK then
// calls the PowerShell module's commands by name; script text and commands the role can't see are
// refused as a JEA session refuses them (a terminating error: 400 with the session and its errors).
// Runs on the gateway API of E2E_GATEWAY_API (2.0.0 WinREST routes by default, or 1.0.0).
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { gridRows, root, shellEvents, startEnvironment } = require('./environment');
const { versions, apiVersionCookie } = require('../emulator/gateway');

const demo = JSON.parse(fs.readFileSync(path.join(root, 'test/scenarios/demo-host.json'), 'utf8'));
const notAllowed = 'your account isn\'t allowed to change hv01.corp.example. This needs the Administrators role on the host.';
let env;

before(async () => {
    env = await startEnvironment({ rbac: 'Readers' });
});

after(async () => {
    await env.close();
});

const calls = () => env.server.gateway.jea.calls;

/** Opens hv01 as a user of the role, selects PRI-KVP-OFF-HOST and confirms Enable; returns the page and the JEA call count before it. */
async function enableAs(role) {
    const { page, tool } = await env.open('hv01.corp.example', `&role=${role}`);
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'PRI-KVP-OFF-HOST' }).click();
    const before = calls().length;
    await tool.locator('button.action-enable').click();
    await page.locator('#shell-dialog:not([hidden])').waitFor();
    await page.locator('#shell-dialog-confirm').click();
    return { page, tool, before };
}
const verdictOf = async (tool, name) => (await gridRows(tool)).find(r => r.name === name).verdict;

test('a Readers user scans: the SDK calls the module\'s command through the JEA endpoint and the findings show', async () => {
    const before = calls().length;
    const { page, tool } = await env.open('hv01.corp.example', '&role=Readers');
    const rows = await gridRows(tool);
    assert.ok(rows.length > 5, `findings listed: ${rows.length}`);
    assert.equal(rows.find(r => r.name === 'PRI-KVP-OFF-HOST').verdict, demo.expect['PRI-KVP-OFF-HOST']);
    assert.match(await page.textContent('#shell-status'), /RBAC role Readers/);
    const scans = calls().slice(before);
    assert.ok(scans.length > 0);
    for (const call of scans) {
        assert.deepEqual({ command: call.command, module: call.module, role: call.role, outcome: call.outcome },
            { command: 'Get-ReplicaFailoverIpSnapshot', module: 'hvtools.replica-failover-ip', role: 'Readers', outcome: 'ran' });
    }
    assert.deepEqual(page.errors, []);
});

test('a Readers user trying a remediation gets the "needs Administrators" explanation and nothing changes', async () => {
    const { page, before } = await enableAs('Readers');
    const error = page.locator('#shell-notifications li[data-state="error"]');
    await error.waitFor({ timeout: 30000 });
    assert.match(await error.innerText(), new RegExp(`Couldn't change PRI-KVP-OFF-HOST: ${notAllowed.replace(/[.]/g, '\\.')}`));
    assert.deepEqual(calls().slice(before).map(c => [c.command, c.role, c.outcome]), [['Enable-KvpExchangeService', 'Readers', 'not-found']]);
    // Still off on the host: a fresh scan still fails the VM.
    const reopened = await env.open('hv01.corp.example', '&role=Readers');
    assert.equal(await verdictOf(reopened.tool, 'PRI-KVP-OFF-HOST'), 'fail');
});

test('an Administrators user remediates through the same JEA endpoint', async () => {
    const { page, tool, before } = await enableAs('Administrators');
    await page.locator('#shell-notifications li[data-state="success"]', { hasText: 'Turned on Key-Value Pair Exchange' }).waitFor({ timeout: 30000 });
    const row = tool.locator('[role=row]', { has: tool.locator('.vm-name', { hasText: 'PRI-KVP-OFF-HOST' }) });
    await row.locator('.verdict[data-verdict="unknown"]').waitFor({ timeout: 30000 });
    assert.deepEqual(calls().slice(before).map(c => [c.command, c.role, c.outcome]),
        [['Enable-KvpExchangeService', 'Administrators', 'ran'], ['Get-ReplicaFailoverIpSnapshot', 'Administrators', 'ran']]);
    assert.deepEqual(page.errors, []);
});

test('without the endpoint from the shell, the SDK finds it itself: the default endpoint refuses and names the JEA endpoint', async () => {
    const before = calls().length;
    const { tool } = await env.open('hv2012.corp.example', '&role=Readers&jea=discover');
    assert.ok((await gridRows(tool)).length > 0);
    const made = calls().slice(before).map(c => c.outcome);
    assert.equal(made[0], 'endpoint-refused', made.join(', '));
    assert.ok(made.includes('ran'), made.join(', '));
});

test('the JEA endpoint refuses script text and commands outside the module, and the default endpoint refuses everything', async () => {
    const apiVersion = env.server.gateway.options.apiVersion;
    const url = apiVersion === '2.0.0'
        ? `${env.server.url}/api/services/WinREST/PowerShell/nodes/hv01.corp.example/pssessions/rbac-test-newSession`
        : `${env.server.url}/api/nodes/hv01.corp.example/features/powershellApi/pssessions/rbac-test-newSession?api-version=2019-02-01`;
    const xsrf = 'rbac-test-xsrf';
    const headers = { 'content-type': 'application/json', 'x-xsrf-token': xsrf,
        'cookie': `wac-emulator-role=Administrators; ${apiVersionCookie}=${apiVersion}; ${versions[apiVersion].xsrfCookie}=${xsrf}`,
        'x-ms-sme-jea-endpoint': 'http://schemas.microsoft.com/powershell/microsoft.sme.powershell' };
    // Refused inside the JEA session: a terminating error, answered as a script that throws.
    const terminating = async response => {
        assert.equal(response.status, 400);
        const body = await response.json();
        assert.equal(typeof body.sessionId, 'string');
        return body.errors;
    };
    const script = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ properties: { script: 'Get-VM | Remove-VM -Force' } }) });
    assert.ok((await terminating(script)).some(e => e.errorType === 'ParseException' && /no-language mode/.test(e.message)));

    const other = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ properties: { script: 'x', module: 'Hyper-V', command: 'Remove-VM', parameters: {} } }) });
    assert.ok((await terminating(other)).some(e => e.errorType === 'CommandNotFoundException' && /'Hyper-V\\Remove-VM' is not recognized/.test(e.message)));

    const { 'x-ms-sme-jea-endpoint': _, ...defaultEndpoint } = headers;
    const refused = await fetch(url, { method: 'PUT', headers: defaultEndpoint, body: JSON.stringify({ properties: { script: 'x', command: 'Get-ReplicaFailoverIpSnapshot' } }) });
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('x-ms-sme-jea-endpoint'), 'http://schemas.microsoft.com/powershell/microsoft.sme.powershell');
    assert.match((await refused.json()).error.message, /Access is denied/);
});

test('a manifest without "jea": true is not listed on a JEA connection; without powerShellModuleName the endpoint has no module', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'bundle/manifest.json'), 'utf8'));
    const dirs = [];
    const copyBundle = changed => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rbac-bundle-'));
        dirs.push(dir);
        fs.cpSync(path.join(root, 'bundle'), dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(changed));
        return dir;
    };
    const { jea, ...withoutJea } = manifest;
    assert.equal(jea, true);
    const noJea = await startEnvironment({ rbac: 'Readers', bundle: copyBundle(withoutJea) });
    try {
        await assert.rejects(noJea.open('hv01.corp.example', '&role=Readers'), /no "jea": true/);
    } finally {
        await noJea.close();
    }
    const { powerShellModuleName, ...withoutModule } = manifest;
    assert.equal(powerShellModuleName, 'hvtools.replica-failover-ip');
    const noModule = await startEnvironment({ rbac: 'Readers', bundle: copyBundle(withoutModule) });
    try {
        const { tool } = await noModule.open('hv01.corp.example', '&role=Readers');
        await tool.locator('.scan-failure').waitFor({ timeout: 60000 });
        assert.equal(await tool.locator('sme-data-table .vm-name').count(), 0);
        const outcomes = noModule.server.gateway.jea.calls.map(c => `${c.command}:${c.outcome}`);
        assert.ok(outcomes.length > 0 && outcomes.every(o => o === 'Get-ReplicaFailoverIpSnapshot:not-found'), outcomes.join(', '));
    } finally {
        await noModule.close();
        dirs.forEach(dir => fs.rmSync(dir, { recursive: true, force: true }));
    }
});

// "Role-based access control is not supported for cluster management" (Microsoft's WAC user access
// control docs): a cluster connection has no JEA endpoint, so a user who has only a role there is
// refused, as on a server without one, and nothing runs on the cluster or its nodes.
test('a user with only an RBAC role on a cluster: the cluster is not served through the JEA endpoint, the tool says the cluster refused access', async () => {
    const gateway = env.server.gateway;
    const before = calls().length;
    const commandsBefore = gateway.commands.length;
    const { page, tool } = await env.open('hvcluster.corp.example', '&type=cluster&role=Readers');
    const failure = tool.locator('.node-failure');
    await failure.waitFor({ timeout: 60000 });
    await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'detached', timeout: 60000 });
    const text = (await failure.allInnerTexts()).join('\n');
    assert.match(text, /Couldn't scan node hvcluster\.corp\.example; its VMs are missing from the list\./);
    assert.match(text, /Access is denied/);
    assert.equal(await tool.locator('sme-data-table .vm-name').count(), 0);
    const made = calls().slice(before);
    assert.ok(made.length > 0);
    assert.deepEqual(made.filter(c => c.outcome !== 'cluster-refused'), []);
    assert.ok(made.every(c => c.node === 'hvcluster.corp.example'));
    // Nothing ran: not the SDK's cluster inventory, not a node's scan.
    assert.deepEqual(gateway.commands.slice(commandsBefore), []);
    assert.deepEqual(page.errors, []);
});

test('Refresh during a slow scan under RBAC stops the module command on the node; the new scan does not wait behind it', async () => {
    const gateway = env.server.gateway;
    const node = 'hv-madrid.corp.example';
    const scans = () => gateway.commands.filter(c => c.node === node && c.command === 'Get-ReplicaFailoverIpSnapshot');
    gateway.options.slowNodes = { [node]: 120000 };
    try {
        const { page, tool } = await env.open(node, '&role=Readers');
        const start = Date.now();
        while (scans().length === 0 && Date.now() - start < 60000) {
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        gateway.options.slowNodes = {};
        await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'attached' });
        const refreshedAt = Date.now();
        await tool.locator('sme-master-view button:has(.sme-icon-refresh)').click();
        assert.ok((await gridRows(tool)).length > 0);
        const [old, fresh] = scans();
        assert.ok(fresh, 'a second scan ran');
        assert.equal(old.state, 'stopped', 'the old module command was stopped on the node');
        assert.ok(old.endedAt - refreshedAt < 15000, `stopped soon after Refresh (${old.endedAt - refreshedAt} ms)`);
        assert.equal(fresh.state, 'completed');
        assert.ok(gateway.cancels.some(c => c.node === node && c.stoppedCommand === old));
        assert.deepEqual(page.errors, []);
    } finally {
        gateway.options.slowNodes = {};
    }
});
