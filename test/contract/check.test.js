'use strict';
// Contract between the two halves: the real data-gathering script runs on the simulated host for
// every scenario the project carries (the public examples among them, test/scenarios/example-*.json), and its
// output goes through the TypeScript parser and rules (the command-line check). Under each rule,
// each VM must get the verdict and the BPA flag its scenario expects, and the exit code follows.
const { before, describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pwshPath } = require('../../tools/pwsh-path');

const root = path.resolve(__dirname, '../..');
// The data-gathering script as the build assembles it (with its helpers), from the current sources.
const snapshotScript = require('../../gulps/assemble-scripts').assembleScripts().find(f => path.basename(f) === 'Get-ReplicaFailoverIpSnapshot.ps1');
const scenarios = path.join(root, 'test/scenarios');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-test-'));

const pwsh = () => pwshPath();

function check(...args) {
    const run = spawnSync(process.execPath, [path.join(root, 'tools/check.js'), ...args],
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, json: run.stdout ? JSON.parse(run.stdout) : null };
}

// The two rules: the arguments that pick each, the id the output names, the scenario fields that hold
// the expected verdicts and BPA flags (test/scenarios/FORMAT.md, docs/cli.md), and the verdict
// that makes the check exit 1.
const rules = [
    { name: 'seed rule', args: [], id: 'hyperv-replica-failover-ip-integration-services', verdicts: 'expect', bpa: 'expectBpa', failing: 'fail' },
    { name: 'failover TCP/IP rule', args: ['--rule', 'failover-tcpip'], id: 'hyperv-replica-failover-tcpip-settings',
        verdicts: 'expectFailoverTcpip', bpa: 'expectFailoverTcpipBpa', failing: 'warn' }
];
const expectationFields = rules.flatMap(r => [r.verdicts, r.bpa]);

/** Hosts whose scan ends in an error: no Hyper-V module, or a caller in neither group that may see VMs. */
function unscannable(scenario) {
    const caller = scenario.host.Caller;
    return scenario.host.HyperVModule === false || (!!caller && !caller.IsAdministrator && !caller.IsHyperVAdministrator);
}

function byName(results, field) {
    return Object.fromEntries(results.map(r => [r.vmName, r[field]]));
}

/** The real data-gathering script's snapshot of the simulated host loaded with the scenario file. */
function scan(scenarioPath) {
    const run = spawnSync(pwsh(), ['-NoProfile', '-NonInteractive', '-File', path.join(root, 'test/simulator/Invoke-OnSimulatedHost.ps1'),
        '-ScenarioPath', scenarioPath, '-ScriptPath', snapshotScript],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
}

/**
 * Runs the check under the rule and holds the output to the scenario's expectations: on the scenario
 * itself (`--scenario`), or on a snapshot already taken of it (`--snapshot`, one scan for both rules).
 */
function assertRule(scenarioPath, scenario, rule, snapshotPath = null) {
    const result = check(...rule.args, ...(snapshotPath ? ['--snapshot', snapshotPath] : ['--scenario', scenarioPath]));
    assert.equal(result.json.host, scenario.host.ComputerName);
    assert.equal(result.json.rule, rule.id);
    assert.deepEqual(byName(result.json.results, 'verdict'), scenario[rule.verdicts], `${rule.name}: verdicts`);
    assert.deepEqual(byName(result.json.results, 'bpa'), scenario[rule.bpa], `${rule.name}: BPA flags`);
    for (const r of result.json.results) {
        assert.deepEqual(Object.keys(r), ['vmId', 'vmName', 'verdict', 'message', 'bpa']);
        assert.ok(r.message.length > 20 && !/\{\w+\}/.test(r.message), `message of ${r.vmName}: ${r.message}`);
    }
    if (unscannable(scenario)) {
        assert.equal(result.status, 2);
        assert.ok(result.json.error.code);
        assert.deepEqual(result.json.results, []);
        assert.match(result.stderr, new RegExp(`^${scenario.host.ComputerName}: `));
        return result;
    }
    assert.equal(result.stderr, '');
    assert.deepEqual(result.json.results.map(r => r.vmId), scenario.vms.map(v => v.Id.toLowerCase()));
    assert.equal(result.status, Object.values(scenario[rule.verdicts]).includes(rule.failing) ? 1 : 0, `${rule.name}: exit code`);
    return result;
}

function readScenario(file) {
    const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const field of expectationFields) {
        assert.ok(field in scenario, `${path.basename(file)} has "expect" but no "${field}"`);
    }
    return scenario;
}

// Every scenario of the project with expectations (test/scenarios/, test/e2e/fixtures/).
const fixtures = path.join(root, 'test/e2e/fixtures');
const cases = [
    ...fs.readdirSync(scenarios).filter(f => f.endsWith('.json')).map(f => ({ label: `scenario ${f}`, file: path.join(scenarios, f) })),
    ...fs.readdirSync(fixtures).filter(f => f.endsWith('.json')).map(f => ({ label: `e2e fixture ${f}`, file: path.join(fixtures, f) }))
].filter(c => 'expect' in JSON.parse(fs.readFileSync(c.file, 'utf8')));

test('the public example scenarios are among them, with expectations under both rules', () => {
    const examples = cases.filter(c => /^example-.*\.json$/.test(path.basename(c.file))).map(c => path.basename(c.file)).sort();
    assert.deepEqual(examples, ['example-2012r2-host.json', 'example-no-hyperv-module.json', 'example-primary-host.json']);
});

// One scan per scenario (PowerShell is the slow part), judged under both rules.
cases.forEach(({ label, file }, index) => {
    describe(label, () => {
        const snapshot = path.join(tmp, `scan-${index}.json`);
        before(() => fs.writeFileSync(snapshot, scan(file)));
        for (const rule of rules) {
            test(`every VM gets its expected verdict and BPA flag under the ${rule.name}`, () => {
                assertRule(file, readScenario(file), rule, snapshot);
            });
        }
    });
});

test('--scenario and --snapshot of the same scan agree under both rules (replica-host.json)', () => {
    const file = path.join(scenarios, 'replica-host.json');
    const snapshot = path.join(tmp, 'replica-host-scan.json');
    fs.writeFileSync(snapshot, scan(file));
    for (const rule of rules) {
        assert.deepEqual(assertRule(file, readScenario(file), rule).json, assertRule(file, readScenario(file), rule, snapshot).json);
    }
});

test('exit codes per rule: 1 for a fail under the seed rule, for a warn under the failover TCP/IP rule; 2 when the host was not scanned', () => {
    const replicaHost = path.join(scenarios, 'replica-host.json');
    const primaryHost = path.join(scenarios, 'primary-host.json');
    assert.equal(check('--scenario', primaryHost).status, 1);
    // The primaries fail the seed rule; the failover TCP/IP rule doesn't apply to them.
    assert.equal(check('--rule', 'failover-tcpip', '--scenario', primaryHost).status, 0);
    const warned = check('--rule', 'failover-tcpip', '--scenario', replicaHost);
    assert.equal(warned.status, 1);
    assert.ok(warned.json.results.every(r => r.verdict !== 'fail'));
    // The seed rule's warn (doubtful KVP) alone doesn't make it exit 1.
    const kvpWarn = path.join(tmp, 'warn-only.json');
    const scenario = JSON.parse(fs.readFileSync(path.join(scenarios, 'hostile-names.json'), 'utf8'));
    scenario.vms = scenario.vms.filter(v => ['warn', 'pass'].includes(scenario.expect[v.Name]));
    fs.writeFileSync(kvpWarn, JSON.stringify(scenario));
    const seedWarn = check('--scenario', kvpWarn);
    assert.deepEqual(seedWarn.json.results.map(r => r.verdict).sort(), ['pass', 'warn']);
    assert.equal(seedWarn.status, 0);
    assert.equal(check('--rule', 'failover-tcpip', '--scenario', path.join(scenarios, 'no-hyperv-module.json')).status, 2);
});

test('messages name the KVP status and whether a failover IP is configured', () => {
    const result = check('--scenario', path.join(scenarios, 'primary-host.json'));
    const byName = Object.fromEntries(result.json.results.map(r => [r.vmName, r.message]));
    assert.match(byName.APP07, /no contact/);
    assert.match(byName.APP07, /10\.20\.0\.27/);
    assert.match(byName.WEB03, /No failover IP address is configured/);
    assert.match(byName.SQL01, /answers \(OK\)/);
    assert.match(byName.DC02, /hv03\.corp\.example/);
});

test('a host whose failover settings were matched by the InstanceID guess is named on stderr; verdicts and exit code stay', () => {
    const file = path.join(scenarios, 'primary-host.json');
    const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
    // The adapter association can't be read; the object GUIDs are the adapters' own, so the guess holds.
    scenario.host.FailoverInstanceGuid = 'adapter';
    scenario.host.CimFaults = { Msvm_EthernetPortFailoverSettingDataComponent: 'Invalid class' };
    const guessed = path.join(tmp, 'guessed-mapping.json');
    fs.writeFileSync(guessed, JSON.stringify(scenario));
    for (const rule of rules) {
        const result = check(...rule.args, '--scenario', guessed);
        const byAssociation = check(...rule.args, '--scenario', file);
        assert.deepEqual(result.json, byAssociation.json);
        assert.equal(result.stderr, 'HV01: warning: failover IP settings were matched to network adapters by their instance ID '
            + '(the adapter association could not be read); if that match is wrong, failover IP addresses read as not set.\n');
        assert.equal(byAssociation.stderr, '');
        assert.equal(result.status, byAssociation.status);
    }
});

test('a host with several hundred VMs', () => {
    const large = path.join(tmp, 'large-host.json');
    const generate = spawnSync(pwsh(), ['-NoProfile', '-NonInteractive', '-File', path.join(scenarios, 'New-LargeHostScenario.ps1'),
        '-VmCount', '400', '-Path', large], { encoding: 'utf8' });
    assert.equal(generate.status, 0, generate.stderr);
    const scenario = readScenario(large);
    for (const rule of rules) {
        assert.equal(assertRule(large, scenario, rule).json.results.length, 400);
    }
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
        '-ScriptPath', snapshotScript], { encoding: 'utf8' });
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
    return scan(path.join(scenarios, scenarioFile));
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
