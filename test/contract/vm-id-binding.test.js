'use strict';
// The scripts take the VM Id as a [guid] parameter. Both ways the gateway runs them must bind a
// valid Id, and a malformed one must fail with PowerShell's binding error that names the
// parameter, the value and the type (no script runs, nothing changes):
// - the SDK's script text: PowerShell.createCommand of the SDK itself (core/data/powershell.js)
//   wraps the script in `function SmeSubmit { ... }` and passes each parameter as a JSON literal,
//   `-vmId (cvt '"<text>"')`, a string that PowerShell converts to [guid] while binding;
// - the module command a JEA endpoint runs (RBAC): the packed module's command with the
//   parameters as values (dist-ps/, from `npm run generate`).
// Both run in the emulated gateway's node (test/emulator/node-host.js) on the simulated host,
// which returns the error record's message as the gateway's `errors[].message`. What a real
// gateway does with that message is not verified here (docs/powershell.md).
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { NodeHost } = require('../emulator/node-host');

const root = path.resolve(__dirname, '../..');
const scenario = path.join(root, 'test/scenarios/remediation-2012r2.json');
const kvpOff = '11111111-2222-4333-8444-000000000006';
const malformed = ['not-a-guid', "11111111-2222-4333-8444-000000000001'); Stop-Computer; ('", '$(Stop-Computer)'];
const scripts = ['Get-ReplicaFailoverIpSnapshot', 'Mount-IntegrationServicesSetupDisk', 'Dismount-IntegrationServicesSetupDisk', 'Enable-KvpExchangeService',
    'Set-FailoverTcpIpConfiguration', 'Restore-FailoverTcpIpConfiguration'];
// The other parameters a script needs (valid), so that only the VM Id can fail binding.
const kvpOffAdapter = 'Microsoft:11111111-2222-4333-8444-000000000006\\92D254D7-FE03-40E4-808F-532C9AF26054';
const otherParameters = {
    'Set-FailoverTcpIpConfiguration': { adapterId: kvpOffAdapter, clearIpv4: true },
    'Restore-FailoverTcpIpConfiguration': { adapterId: kvpOffAdapter }
};

/** The SDK's PowerShell.createCommand for each generated script resource, run in node. */
function loadSdkCommands() {
    const generated = path.join(root, 'src/generated/powershell-scripts.ts');
    assert.ok(fs.existsSync(generated), `${generated} is missing: run 'npm run generate' first`);
    const built = esbuild.buildSync({
        stdin: {
            contents: `
                globalThis.window = globalThis;
                require('@microsoft/windows-admin-center-sdk/core/base/utilities');
                MsftSme.self = () => ({ Init: {} });
                const { PowerShell } = require('@microsoft/windows-admin-center-sdk/core/data/powershell');
                const { PowerShellScripts } = require('./src/generated/powershell-scripts');
                module.exports = { createCommand: (name, parameters) => PowerShell.createCommand(PowerShellScripts[name], parameters) };`,
            resolveDir: root, loader: 'js'
        },
        bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'error'
    });
    const module = { exports: {} };
    new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, require);
    return module.exports;
}

function modulePath() {
    const name = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')).powerShellModuleName;
    const psd1 = path.join(root, 'dist-ps/powershell-module', name, `${name}.psd1`);
    assert.ok(fs.existsSync(psd1), `${psd1} is missing: run 'npm run generate' first`);
    return psd1;
}

const bindingError = value => new RegExp(`^Cannot process argument transformation on parameter 'vmId'\\. Cannot convert value "${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" to type "System\\.Guid"\\.`);

let sdk;
let host;
before(() => {
    sdk = loadSdkCommands();
    host = new NodeHost('hv2012.corp.example', scenario);
});
after(() => host.close());

test('the SDK\'s script text binds a valid Id: the string from JSON becomes the [guid]', async () => {
    const command = sdk.createCommand('Enable_KvpExchangeService', { vmId: kvpOff });
    assert.match(command.script, /SmeSubmit -vmId \(cvt '"11111111-2222-4333-8444-000000000006"'\)$/);
    const response = await host.run(command.script);
    assert.deepEqual(response.errors, []);
    assert.equal(JSON.parse(response.results[0]).status, 'enabled');
    const recheck = await host.run(sdk.createCommand('Get_ReplicaFailoverIpSnapshot', { vmId: kvpOff }).script);
    assert.deepEqual(JSON.parse(recheck.results[0]).vms.map(v => [v.id, v.kvp.enabled]), [[kvpOff, true]]);
});

test('the SDK\'s script text with a malformed Id: the binding error names the parameter, the value and the type; nothing runs', async () => {
    for (const name of scripts) {
        for (const value of malformed) {
            const response = await host.run(sdk.createCommand(name.replace(/-/g, '_'), { vmId: value, ...otherParameters[name] }).script);
            assert.deepEqual(response.results, [], `${name} ${value}`);
            assert.equal(response.errors.length, 1, `${name} ${value}: ${JSON.stringify(response.errors)}`);
            assert.match(response.errors[0].message, bindingError(value), name);
            assert.doesNotMatch(response.errors[0].message, /\n\s*at /, 'a message, not a stack trace');
        }
    }
});

test('the module command a JEA endpoint runs binds a valid Id and refuses a malformed one with the same error', async () => {
    const psd1 = modulePath();
    const valid = await host.invoke(psd1, 'Get-ReplicaFailoverIpSnapshot', { vmId: kvpOff });
    assert.deepEqual(valid.errors, []);
    assert.deepEqual(JSON.parse(valid.results[0]).vms.map(v => v.id), [kvpOff]);
    assert.equal(JSON.parse((await host.invoke(psd1, 'Enable-KvpExchangeService', { vmId: kvpOff })).results[0]).status, 'already-enabled');
    // The failover TCP/IP scripts bind the VM Id and the adapter Id as values.
    const cleared = JSON.parse((await host.invoke(psd1, 'Set-FailoverTcpIpConfiguration', { vmId: kvpOff, adapterId: kvpOffAdapter, clearIpv4: true })).results[0]);
    assert.equal(cleared.status, 'failover-cleared');
    assert.equal(cleared.before.IPv4Address, '10.20.0.50');
    const restored = JSON.parse((await host.invoke(psd1, 'Restore-FailoverTcpIpConfiguration', { vmId: kvpOff, adapterId: kvpOffAdapter })).results[0]);
    assert.equal(restored.status, 'failover-restored');
    assert.equal(restored.after.IPv4Address, '10.20.0.50');
    for (const name of scripts) {
        const response = await host.invoke(psd1, name, { vmId: 'not-a-guid', ...otherParameters[name] });
        assert.deepEqual(response.results, [], name);
        // Invoked as a command, the binding error ends the pipeline (terminating); in script text it
        // is the SmeSubmit call's error. Either way exactly one error, with the same message.
        const records = [...response.errors, ...(response.terminating ? [response.terminating] : [])];
        assert.equal(records.length, 1, `${name}: ${JSON.stringify(records)}`);
        assert.match(records[0].message, bindingError('not-a-guid'), name);
    }
});
