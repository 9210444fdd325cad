'use strict';
// The gateway API versions: the emulated gateway serves 2.0.0 (WinREST routes) by default and 1.0.0
// as a mode, and refuses the other version's routes, so the core flow below only passes when the
// SDK builds the routes of the version the shell announced.
const { after, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, startEnvironment } = require('./environment');

const routeOf = {
    '2.0.0': /^\/api\/services\/WinREST\/PowerShell\/nodes\/hv2012\.corp\.example\//,
    '1.0.0': /^\/api\/nodes\/hv2012\.corp\.example\/features\/powershellApi\//
};
const environments = [];

after(async () => {
    await Promise.all(environments.map(env => env.close()));
});

/** Scan, grid, details, one remediation (insert the setup disk, confirmed), on hv2012. */
async function coreFlow(env, query) {
    const { page, tool } = await env.open('hv2012.corp.example', query);
    const rows = await gridRows(tool);
    assert.deepEqual(rows.map(r => r.name), ['LEGACY-SQL', 'LEGACY-APP', 'LEGACY-DC']);
    await tool.locator('.vm-name', { hasText: 'LEGACY-APP' }).click();
    assert.match(await tool.locator('sme-finding-details').innerText(), /LEGACY-APP/);
    await tool.locator('button.action-insert').click();
    await page.locator('#shell-dialog:not([hidden])').waitFor();
    await page.locator('#shell-dialog-confirm').click();
    await page.locator('#shell-notifications li[data-state="success"]', { hasText: 'LEGACY-APP' }).waitFor({ timeout: 30000 });
    assert.deepEqual(page.errors, []);
}

for (const version of ['2.0.0', '1.0.0']) {
    test(`gateway API ${version}: scan, grid, details and a remediation through the ${version} routes`, async () => {
        const env = await startEnvironment({ apiVersion: version });
        environments.push(env);
        await coreFlow(env, '');
        const requests = env.server.gateway.requests.filter(r => r.node === 'hv2012.corp.example');
        assert.ok(requests.length >= 4, 'the scan, the remediation and the re-check reached the node');
        assert.deepEqual(requests.filter(r => !routeOf[version].test(r.path)), [], `every node request used the ${version} routes`);
        assert.deepEqual(requests.filter(r => r.status >= 400), []);
        const scripts = env.server.gateway.commands.map(c => c.command);
        assert.ok(scripts.includes('Mount-IntegrationServicesSetupDisk'));
        assert.ok(env.server.gateway.commands.every(c => c.apiVersion === version));
    });
}

test('a page picks the gateway API 1.0.0 with &api=1.0.0 on a 2.0.0 gateway', async () => {
    const env = await startEnvironment({ apiVersion: '2.0.0' });
    environments.push(env);
    const { tool } = await env.open('hv01.corp.example', '&api=1.0.0');
    await gridRows(tool);
    const requests = env.server.gateway.requests.filter(r => r.node === 'hv01.corp.example');
    assert.ok(requests.length > 0 && requests.every(r => r.apiVersion === '1.0.0' && /\/features\/powershellApi\//.test(r.path)));
});

test('each version refuses the other version\'s routes and a request without its XSRF token', async () => {
    const env = await startEnvironment({ apiVersion: '2.0.0' });
    environments.push(env);
    const { page } = await env.open('hv01.corp.example');
    const status = (url, init) => page.evaluate(async ([u, i]) => {
        const xsrf = (document.cookie.match(/(?:^|; )WAC-XSRF=([^;]+)/) || [])[1] || '';
        const response = await fetch(u, { ...i, headers: { 'content-type': 'application/json', 'x-xsrf-token': xsrf, ...(i.headers || {}) } });
        return { status: response.status, body: await response.json() };
    }, [url, init]);
    const body = JSON.stringify({ properties: { script: '"hello"', state: 'ready' } });
    const v2 = await status('/api/services/WinREST/PowerShell/nodes/hv01.corp.example/invokeCommand', { method: 'POST', body });
    assert.equal(v2.status, 200);
    const v1 = await status('/api/nodes/hv01.corp.example/features/powershellApi/invokeCommand?api-version=2019-02-01', { method: 'POST', body });
    assert.equal(v1.status, 404);
    assert.match(v1.body.error.message, /other version/);
    const withApiVersion = await status('/api/services/WinREST/PowerShell/nodes/hv01.corp.example/invokeCommand?api-version=2019-02-01', { method: 'POST', body });
    assert.equal(withApiVersion.status, 400);
    const noXsrf = await status('/api/services/WinREST/PowerShell/nodes/hv01.corp.example/invokeCommand', { method: 'POST', body, headers: { 'x-xsrf-token': 'wrong' } });
    assert.equal(noXsrf.status, 403);
});
