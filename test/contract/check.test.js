'use strict';
// Contract between the two halves: the real data-gathering script runs on the simulated host for
// every scenario the project carries, and its output goes through the TypeScript parser and rule
// (the command-line check). Each VM must get the verdict its scenario expects.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pwshPath } = require('../../tools/pwsh-path');

const root = path.resolve(__dirname, '../..');
const scenarios = path.join(root, 'test/scenarios');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-test-'));

const pwsh = () => pwshPath();

function check(...args) {
    const run = spawnSync(process.execPath, [path.join(root, 'tools/check.js'), ...args],
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, json: run.stdout ? JSON.parse(run.stdout) : null };
}

function expectedExit(expect) {
    return Object.values(expect).includes('fail') ? 1 : 0;
}

function assertVerdicts(scenarioPath) {
    const scenario = JSON.parse(fs.readFileSync(scenarioPath, 'utf8'));
    const result = check('--scenario', scenarioPath);
    assert.equal(result.stderr, '');
    assert.equal(result.json.host, scenario.host.ComputerName);
    assert.equal(result.json.rule, 'hyperv-replica-failover-ip-integration-services');
    const verdicts = Object.fromEntries(result.json.results.map(r => [r.vmName, r.verdict]));
    assert.deepEqual(verdicts, scenario.expect);
    assert.deepEqual(result.json.results.map(r => r.vmId), scenario.vms.map(v => v.Id.toLowerCase()));
    for (const r of result.json.results) {
        assert.ok(r.message.length > 20 && !/\{\w+\}/.test(r.message), `message of ${r.vmName}: ${r.message}`);
    }
    assert.equal(result.status, expectedExit(scenario.expect));
    return result;
}

// Hosts that can't be scanned (no Hyper-V module, a caller who may not see VMs) have their own tests below.
const files = fs.readdirSync(scenarios).filter(f => f.endsWith('.json') && f !== 'no-hyperv-module.json' && f !== 'access-denied.json');
for (const file of files) {
    test(`scenario ${file}: every VM gets its expected verdict`, () => {
        assertVerdicts(path.join(scenarios, file));
    });
}

test('messages name the KVP status and whether a failover IP is configured', () => {
    const result = check('--scenario', path.join(scenarios, 'primary-host.json'));
    const byName = Object.fromEntries(result.json.results.map(r => [r.vmName, r.message]));
    assert.match(byName.APP07, /no contact/);
    assert.match(byName.APP07, /10\.20\.0\.27/);
    assert.match(byName.WEB03, /No failover IP address is configured/);
    assert.match(byName.SQL01, /answers \(OK\)/);
    assert.match(byName.DC02, /hv03\.corp\.example/);
});

test('a host with several hundred VMs', () => {
    const large = path.join(tmp, 'large-host.json');
    const generate = spawnSync(pwsh(), ['-NoProfile', '-NonInteractive', '-File', path.join(scenarios, 'New-LargeHostScenario.ps1'),
        '-VmCount', '400', '-Path', large], { encoding: 'utf8' });
    assert.equal(generate.status, 0, generate.stderr);
    const result = assertVerdicts(large);
    assert.equal(result.json.results.length, 400);
});

test('a host without the Hyper-V module: exit 2, the reason on stderr', () => {
    const result = check('--scenario', path.join(scenarios, 'no-hyperv-module.json'));
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Hyper-V PowerShell module isn't installed on FS01/);
    assert.deepEqual(result.json.results, []);
});

test('--snapshot judges a saved snapshot, with or without a byte-order mark', () => {
    const scan = spawnSync(pwsh(), ['-NoProfile', '-NonInteractive', '-File', path.join(root, 'test/simulator/Invoke-OnSimulatedHost.ps1'),
        '-ScenarioPath', path.join(scenarios, 'host-2012r2.json'),
        '-ScriptPath', path.join(root, 'src/resources/scripts/Get-ReplicaFailoverIpSnapshot.ps1')], { encoding: 'utf8' });
    assert.equal(scan.status, 0, scan.stderr);
    const saved = path.join(tmp, 'hv2012.json');
    fs.writeFileSync(saved, '\uFEFF' + scan.stdout);
    const result = check('--snapshot', saved);
    assert.equal(result.status, 1);
    assert.deepEqual(result.json.results.map(r => r.verdict), ['fail', 'fail', 'pass']);
});

test('an invalid snapshot: exit 2, and the error names the field', () => {
    const bad = path.join(tmp, 'bad.json');
    const snapshot = { format: 'replica-failover-ip-snapshot/2', collectedAt: '2026-01-01T00:00:00.000Z',
        host: { name: 'H', osVersion: null, culture: 'en-US', cluster: null, setupDisk: null }, error: null,
        vms: [{ id: 'x', name: 'A', state: '2' }] };
    fs.writeFileSync(bad, JSON.stringify(snapshot));
    const result = check('--snapshot', bad);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /vms\[0\]\.state: expected a whole number, got "2"/);
});

test('not JSON, a missing file, or wrong arguments: exit 2 with the reason', () => {
    const notJson = path.join(tmp, 'not.json');
    fs.writeFileSync(notJson, 'WARNING: something\n{');
    assert.match(check('--snapshot', notJson).stderr, /not JSON/);
    assert.equal(check('--snapshot', notJson).status, 2);
    assert.match(check('--snapshot', path.join(tmp, 'missing.json')).stderr, /couldn't read/);
    assert.match(check('--scenario', path.join(tmp, 'missing.json')).stderr, /scenario file not found/);
    const usage = check('--bogus');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage:/);
});

function scanToText(scenarioFile) {
    const scan = spawnSync(pwsh(), ['-NoProfile', '-NonInteractive', '-File', path.join(root, 'test/simulator/Invoke-OnSimulatedHost.ps1'),
        '-ScenarioPath', path.join(scenarios, scenarioFile),
        '-ScriptPath', path.join(root, 'src/resources/scripts/Get-ReplicaFailoverIpSnapshot.ps1')], { encoding: 'utf8' });
    assert.equal(scan.status, 0, scan.stderr);
    return scan.stdout;
}

test('a caller in neither Administrators nor Hyper-V Administrators: no false all-clear, exit 2, the message names both groups', () => {
    const result = check('--scenario', path.join(scenarios, 'access-denied.json'));
    assert.equal(result.status, 2);
    assert.equal(result.json.error.code, 'AccessDenied');
    assert.deepEqual(result.json.results, []);
    assert.match(result.stderr, /HV-DENIED: .*local Administrators group \(S-1-5-32-544\).*Hyper-V Administrators \(S-1-5-32-578\)/);
});

test('out-of-date integration services (primary Ok or Degraded, secondary ProtocolMismatch): warn, with how to update them', () => {
    const result = check('--scenario', path.join(scenarios, 'kvp-secondary-status.json'));
    const byName = Object.fromEntries(result.json.results.map(r => [r.vmName, r.message]));
    for (const name of ['KVP-OUTDATED', 'KVP-OUTDATED-DEGRADED', 'KVP-OUTDATED-LINUX']) {
        assert.match(byName[name], /protocol mismatch: the guest's integration services are out of date/);
        assert.match(byName[name], /Windows Update on Windows Server 2016 and later hosts/);
        assert.match(byName[name], /setup disk on older hosts/);
        assert.match(byName[name], /Linux Integration Services \(hv_kvp_daemon\)/);
    }
    assert.match(byName['KVP-OUTDATED'], /reports OK, protocol mismatch/);
    assert.match(byName['KVP-OUTDATED-DEGRADED'], /reports degraded, protocol mismatch/);
    assert.match(byName['KVP-CURRENT'], /answers \(OK\)\./);
});

test('a *Critical VM state from a real scan is judged as its base state', () => {
    const snapshot = JSON.parse(scanToText('kvp-secondary-status.json'));
    const current = snapshot.vms.find(v => v.name === 'KVP-CURRENT');
    const noContact = snapshot.vms.find(v => v.name === 'KVP-NO-CONTACT');
    current.state = 32785; // RunningCritical
    noContact.state = 32786; // OffCritical
    const file = path.join(tmp, 'critical.json');
    fs.writeFileSync(file, JSON.stringify(snapshot));
    const result = check('--snapshot', file);
    const byName = Object.fromEntries(result.json.results.map(r => [r.vmName, r]));
    assert.equal(byName['KVP-CURRENT'].verdict, 'pass');
    assert.equal(byName['KVP-NO-CONTACT'].verdict, 'unknown');
    assert.match(byName['KVP-NO-CONTACT'].message, /The VM is off \(critical\)/);
});

test('a snapshot of format 1 is refused with a message that names the formats', () => {
    const snapshot = JSON.parse(scanToText('host-2012r2.json'));
    snapshot.format = 'replica-failover-ip-snapshot/1';
    const file = path.join(tmp, 'v1.json');
    fs.writeFileSync(file, JSON.stringify(snapshot));
    const result = check('--snapshot', file);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /"replica-failover-ip-snapshot\/1" is a snapshot format this version doesn't read: it reads "replica-failover-ip-snapshot\/2"/);
});
