'use strict';
// The command-line check's formats (--format json|csv|junit) and its options (--rule, --format):
// CSV and JUnit XML read back by independent readers (PowerShell's Import-Csv; .NET's strict XML
// reader, test/contract/Read-JunitXml.ps1) give the same results as the JSON, hostile VM names
// included; a fleet in each format; the exit code is the same in every format; bad values are named.
const { before, test } = require('node:test');
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
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-formats-test-'));
const seedRule = 'hyperv-replica-failover-ip-integration-services';
const companionRule = 'hyperv-replica-failover-tcpip-settings';

function check(...args) {
    const run = spawnSync(process.execPath, [path.join(root, 'tools/check.js'), ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function pwsh(args) {
    const run = spawnSync(pwshPath(), ['-NoProfile', '-NonInteractive', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
}

function scan(scenarioFile) {
    return pwsh(['-File', path.join(root, 'test/simulator/Invoke-OnSimulatedHost.ps1'), '-ScenarioPath', path.join(scenarios, scenarioFile),
        '-ScriptPath', snapshotScript]);
}

let counter = 0;
function saveOutput(text, extension) {
    const file = path.join(tmp, `output-${counter++}.${extension}`);
    fs.writeFileSync(file, text);
    return file;
}

/** The CSV's cells as written (the formula guard still on), read by PowerShell's Import-Csv. */
function readCsvRaw(text) {
    const file = saveOutput(text, 'csv');
    return JSON.parse(pwsh(['-Command', `Import-Csv -LiteralPath '${file}' -Encoding utf8 | ConvertTo-Json -AsArray -Compress`]));
}

/** The documented way back from the formula guard: one leading apostrophe removed. */
function unguard(cell) {
    return cell.startsWith('\'') ? cell.substring(1) : cell;
}

function readCsv(text) {
    return readCsvRaw(text).map(row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, unguard(v)])));
}

/** A CSV row as a JSON result: bpa "true"/"false"/"" (null); excluded "true" with its reason, or empty. */
function csvResult(row) {
    const result = { vmId: row.vmId, vmName: row.vmName, verdict: row.verdict, message: row.message, bpa: row.bpa === '' ? null : JSON.parse(row.bpa) };
    return row.excluded === 'true' ? { ...result, excluded: true, exclusionReason: row.exclusionReason } : result;
}

/** The JUnit report's structure, read by .NET's strict XML reader (fails on XML that is not well-formed). */
function readJunit(text) {
    const file = saveOutput(text, 'xml');
    return JSON.parse(pwsh(['-File', path.join(__dirname, 'Read-JunitXml.ps1'), '-Path', file]));
}

const counted = ['tests', 'failures', 'errors', 'skipped'];

function counts(cases) {
    const outcome = element => cases.filter(c => c.outcomes.length === 1 && c.outcomes[0].element === element).length;
    return { tests: String(cases.length), failures: String(outcome('failure')), errors: String(outcome('error')), skipped: String(outcome('skipped')) };
}

function pick(attributes, names) {
    return Object.fromEntries(names.map(n => [n, attributes[n]]));
}

/** A JUnit test case as a JSON result, from its name "VM name (VM Id)" and its system-out (verdict, bpa, message). */
function junitResult(testCase) {
    const [, vmName, vmId] = /^([\s\S]*) \(([0-9a-f-]{36})\)$/.exec(testCase.attributes.name);
    const [, verdict, bpa, excluded, message] = /^verdict: (\S+)\nbpa: (true|false|null)\n(?:excluded: ([^\n]*)\n)?([\s\S]*)$/.exec(testCase.systemOut);
    const result = { vmId, vmName, verdict, message, bpa: JSON.parse(bpa) };
    return excluded === undefined ? result : { ...result, excluded: true, exclusionReason: excluded };
}

/** What a VM's verdict must look like in JUnit under the rule. */
function expectedOutcome(rule, verdict, excluded) {
    const failing = rule === seedRule ? 'fail' : 'warn';
    return excluded ? 'skipped' : verdict === failing ? 'failure' : verdict === 'scan-error' ? 'error' : verdict === 'not-applicable' ? 'skipped' : null;
}

/** Holds a JUnit report to the JSON report of the same check (one host or a fleet). */
function assertJunitMatches(junit, json) {
    const hosts = json.hosts || [json];
    assert.equal(junit.element, 'testsuites');
    assert.equal(junit.attributes.name, json.rule);
    assert.deepEqual(junit.suites.map(s => s.element), hosts.map(() => 'testsuite'));
    const all = [];
    junit.suites.forEach((suite, i) => {
        const host = hosts[i];
        const label = host.host ?? host.file;
        assert.equal(suite.attributes.name, label);
        assert.deepEqual(suite.others, []);
        assert.equal(suite.properties.rule, json.rule);
        assert.equal(suite.properties.file, host.file);
        assert.deepEqual(pick(suite.attributes, counted), counts(suite.cases), `counts of ${label}`);
        const vmCases = host.error ? suite.cases.slice(0, -1) : suite.cases;
        for (const c of suite.cases) {
            assert.equal(c.attributes.classname, label);
        }
        assert.deepEqual(vmCases.map(junitResult), host.results || []);
        for (const [j, c] of vmCases.entries()) {
            const r = host.results[j];
            const outcome = expectedOutcome(json.rule, r.verdict, r.excluded === true);
            assert.deepEqual(c.outcomes.map(o => o.element), outcome ? [outcome] : [], `${r.vmName}: ${r.verdict}`);
            if (outcome && outcome !== 'skipped') {
                assert.equal(c.outcomes[0].attributes.message, r.message);
            }
        }
        if (host.error) {
            const last = suite.cases[suite.cases.length - 1];
            assert.equal(last.attributes.name, 'host scan');
            assert.deepEqual(last.outcomes.map(o => [o.element, o.attributes.type, o.attributes.message]), [['error', host.error.code, host.error.message]]);
        }
        all.push(...suite.cases);
    });
    assert.deepEqual(pick(junit.attributes, counted), counts(all));
}

/** Holds CSV rows to the JSON report of the same check (one host or a fleet). */
function assertCsvMatches(rows, json) {
    const hosts = json.hosts || [json];
    const expected = hosts.flatMap(h => [
        ...(h.results || []).map(r => ({
            host: h.host, vmId: r.vmId, vmName: r.vmName, rule: json.rule, verdict: r.verdict, bpa: r.bpa === null ? '' : String(r.bpa), message: r.message,
            excluded: r.excluded ? 'true' : '', exclusionReason: r.exclusionReason ?? ''
        })),
        ...(h.error ? [{
            host: h.host ?? h.file, vmId: '', vmName: '', rule: json.rule, verdict: 'host-error', bpa: '', message: `${h.error.code}: ${h.error.message}`,
            excluded: '', exclusionReason: ''
        }] : [])
    ]);
    assert.deepEqual(rows, expected);
}

const hostile = path.join(scenarios, 'hostile-names.json');
const replicaHost = path.join(scenarios, 'replica-host.json');

test('hostile VM names, seed rule: CSV and JUnit read back give the JSON results; same exit code', () => {
    const json = check('--scenario', hostile);
    const csv = check('--format', 'csv', '--scenario', hostile);
    const junit = check('--format', 'junit', '--scenario', hostile);
    assert.equal(json.status, 1);
    assert.deepEqual([csv.status, junit.status], [1, 1]);
    assert.deepEqual([csv.stderr, junit.stderr], ['', '']);
    const report = JSON.parse(json.stdout);
    // Every kind of verdict but scan-error is in this scenario, and the names that need quoting or escaping.
    assert.deepEqual([...new Set(report.results.map(r => r.verdict))].sort(), ['fail', 'not-applicable', 'pass', 'unknown', 'warn']);

    assert.ok(csv.stdout.startsWith('host,vmId,vmName,rule,verdict,bpa,message,excluded,exclusionReason\r\n'));
    assert.ok(csv.stdout.endsWith('\r\n'));
    const rows = readCsv(csv.stdout);
    assertCsvMatches(rows, report);
    assert.deepEqual(rows.map(csvResult), report.results);
    // The name with a line break and a tab is one quoted cell; the one with quotes has them doubled.
    assert.ok(csv.stdout.includes(',"line\nbreak\ttab",'));
    assert.ok(csv.stdout.includes(',"""quoted"" & <b>bold</b> `backtick` {{curly}}",'));

    const xml = readJunit(junit.stdout);
    assertJunitMatches(xml, report);
    // The seed rule's warn is a passing test case that says so in its output.
    const warn = xml.suites[0].cases.find(c => c.attributes.name.startsWith('Ünïcødé'));
    assert.deepEqual(warn.outcomes, []);
    assert.match(warn.systemOut, /^verdict: warn\n/);
    // Markup in a VM name is text, escaped, never an element.
    assert.ok(junit.stdout.includes('name="&lt;img src=x onerror=alert(1)&gt; ('));
    assert.ok(junit.stdout.includes('name="line&#10;break&#9;tab ('));
});

test('failover TCP/IP rule on the Replica host: warn is a JUnit failure, scan-error an error, not-applicable skipped; CSV formula guard', () => {
    const json = check('--rule', 'failover-tcpip', '--scenario', replicaHost);
    const csv = check('--rule', 'failover-tcpip', '--format', 'csv', '--scenario', replicaHost);
    const junit = check('--rule', 'failover-tcpip', '--format', 'junit', '--scenario', replicaHost);
    assert.deepEqual([json.status, csv.status, junit.status], [1, 1, 1]);
    const report = JSON.parse(json.stdout);
    assert.equal(report.rule, companionRule);
    assert.deepEqual([...new Set(report.results.map(r => r.verdict))].sort(), ['not-applicable', 'pass', 'scan-error', 'warn']);
    assert.ok(report.results.some(r => r.bpa === null) && report.results.some(r => r.bpa === true));

    const xml = readJunit(junit.stdout);
    assertJunitMatches(xml, report);
    assert.deepEqual(pick(xml.attributes, counted), { tests: '13', failures: '5', errors: '1', skipped: '1' });

    // A cell that a spreadsheet would run (= + - @) gets a leading apostrophe, and so does one that
    // starts with an apostrophe; nothing reaches a spreadsheet starting with a formula character.
    const raw = readCsvRaw(csv.stdout);
    const names = raw.map(r => r.vmName);
    assert.ok(names.includes('\'=cmd|\' /C calc\'!A0'));
    assert.ok(names.includes('\'@SUM(1+1), "report"\r\n-2+3'));
    for (const row of raw) {
        for (const cell of Object.values(row)) {
            assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
        }
    }
    assert.deepEqual(readCsv(csv.stdout).map(csvResult), report.results);
    // The name with a CR LF inside stays one record.
    assert.equal(raw.length, report.results.length);
});

test('a leading apostrophe in a VM name survives the formula guard (doubled, then read back)', () => {
    const json = JSON.parse(check('--scenario', hostile).stdout);
    const raw = readCsvRaw(check('--format', 'csv', '--scenario', hostile).stdout);
    assert.ok(raw.some(r => r.vmName === '\'\'; Remove-Item -Recurse -Force C:\\ #'));
    assert.ok(json.results.some(r => r.vmName === '\'; Remove-Item -Recurse -Force C:\\ #'));
});

test('CSV formula guard behind leading whitespace and format characters and in full-width forms; a semicolon quotes the cell', () => {
    const snapshot = JSON.parse(scan('hostile-names.json'));
    const formulas = [' =1+1', '\n=1+1', '\u00A0+1', '\u200B-2', '\uFEFF@SUM(1)', '\u3000=1', '＝1+1', '＋1', '－2', '＠SUM(A1)', ' ＝1'];
    const names = [...formulas, 'a;=1+1;b'];
    snapshot.vms = names.map((name, i) => ({ ...snapshot.vms[0], id: `6b1f1c6e-0000-4000-8000-${String(i).padStart(12, '0')}`, name }));
    const file = path.join(tmp, 'sneaky-formulas.json');
    fs.writeFileSync(file, JSON.stringify(snapshot));
    const csv = check('--format', 'csv', '--snapshot', file);
    assert.equal(csv.stderr, '');
    const raw = readCsvRaw(csv.stdout).map(r => r.vmName);
    assert.deepEqual(raw, [...formulas.map(n => `'${n}`), 'a;=1+1;b']);
    // The list separator of es-ES Excel: the cell is quoted, so it is not split there.
    assert.ok(csv.stdout.includes(',"a;=1+1;b",'));
    assert.deepEqual(readCsv(csv.stdout).map(r => r.vmName), names);
});

test('characters XML 1.0 cannot carry (control characters, a lone surrogate) become U+FFFD; the report stays well-formed', () => {
    const snapshot = JSON.parse(scan('hostile-names.json'));
    snapshot.vms[0].name = 'bell\u0007 ]]> \uD800 vt\u000B end\r';
    const file = path.join(tmp, 'control-characters.json');
    fs.writeFileSync(file, JSON.stringify(snapshot));
    const junit = check('--format', 'junit', '--snapshot', file);
    assert.equal(junit.status, 1);
    const xml = readJunit(junit.stdout);
    assert.equal(junitResult(xml.suites[0].cases[0]).vmName, 'bell\uFFFD ]]> \uFFFD vt\uFFFD end\r');
    // CSV carries the control characters as they are (a lone surrogate has no UTF-8 form: node writes U+FFFD).
    const rows = readCsv(check('--format', 'csv', '--snapshot', file).stdout);
    assert.equal(rows[0].vmName, 'bell\u0007 ]]> \uFFFD vt\u000B end\r');
});

// A fleet: saved snapshots of three hosts, one without the Hyper-V module, and a file that is not a snapshot.
const fleet = path.join(tmp, 'fleet');
before(() => {
    fs.mkdirSync(fleet);
    for (const [file, scenario] of [['hv2012.json', 'host-2012r2.json'], ['hv02.json', 'replica-host.json'], ['fs01.json', 'no-hyperv-module.json']]) {
        fs.writeFileSync(path.join(fleet, file), scan(scenario));
    }
    fs.writeFileSync(path.join(fleet, 'broken.json'), '{"format": "something-else"}');
});

for (const rule of [{ args: [], id: seedRule }, { args: ['--rule', 'failover-tcpip'], id: companionRule }]) {
    test(`a fleet in each format (${rule.id}): the same hosts and results, exit 2 in every format`, () => {
        const json = check(...rule.args, '--snapshot', fleet);
        const csv = check(...rule.args, '--format', 'csv', '--snapshot', fleet);
        const junit = check(...rule.args, '--format', 'junit', '--snapshot', fleet);
        assert.deepEqual([json.status, csv.status, junit.status], [2, 2, 2]);
        assert.deepEqual([csv.stderr, junit.stderr], [json.stderr, json.stderr]);
        const report = JSON.parse(json.stdout);
        assert.equal(report.rule, rule.id);
        assert.deepEqual(report.hosts.map(h => [path.basename(h.file), h.host, h.error ? h.error.code : null]),
            [['broken.json', undefined, 'InvalidSnapshot'], ['fs01.json', 'FS01', 'HyperVModuleMissing'], ['hv02.json', 'HV02', null], ['hv2012.json', 'HV2012', null]]);
        for (const h of report.hosts.filter(x => x.results)) {
            assert.ok(h.results.every(r => typeof r.bpa === 'boolean' || r.bpa === null));
        }
        assertCsvMatches(readCsv(csv.stdout), report);
        assertJunitMatches(readJunit(junit.stdout), report);
    });
}

test('a fleet whose hosts were all scanned: exit 1 or 0 by the rule, the same in every format', () => {
    const files = [path.join(fleet, 'hv2012.json'), path.join(fleet, 'hv02.json')];
    for (const format of ['json', 'csv', 'junit']) {
        // The 2012 R2 primaries fail the seed rule; the Replica host has warns under the failover TCP/IP rule.
        assert.equal(check('--format', format, '--snapshot', ...files).status, 1);
        assert.equal(check('--rule', 'failover-tcpip', '--format', format, '--snapshot', ...files).status, 1);
        // Only primaries: the failover TCP/IP rule applies to none of them.
        assert.equal(check('--rule', 'failover-tcpip', '--format', format, '--snapshot', files[0], files[0]).status, 0);
    }
});

test('--rule takes the short name or the full rule id; --rule=x and --format=x work too', () => {
    const file = path.join(fleet, 'hv02.json');
    const short = check('--rule', 'failover-tcpip', '--snapshot', file);
    assert.equal(JSON.parse(short.stdout).rule, companionRule);
    assert.deepEqual(check('--rule', companionRule, '--snapshot', file), short);
    assert.deepEqual(check('--snapshot', file, '--rule=failover-tcpip'), short);
    const seed = check('--snapshot', file);
    assert.equal(JSON.parse(seed.stdout).rule, seedRule);
    assert.deepEqual(check('--rule', 'integration-services', '--snapshot', file), seed);
    assert.deepEqual(check('--rule', seedRule, '--format=json', '--snapshot', file), seed);
});

test('bad --rule or --format values, and other bad arguments: exit 2, nothing on stdout, the problem named', () => {
    const file = path.join(fleet, 'hv02.json');
    const cases = [
        [['--rule', 'failover-ip', '--snapshot', file],
            /unknown rule "failover-ip": use one of integration-services \(hyperv-replica-failover-ip-integration-services\), failover-tcpip \(hyperv-replica-failover-tcpip-settings\)/],
        [['--format', 'xml', '--snapshot', file], /unknown format "xml": use one of json, csv, junit/],
        [['--format', 'JSON', '--scenario', hostile], /unknown format "JSON"/],
        [['--snapshot', file, '--rule'], /--rule needs a value: one of integration-services/],
        [['--format', '--snapshot', file], /--format needs a value: one of json, csv, junit/],
        [['--format', 'csv', '--format', 'json', '--snapshot', file], /--format is given twice/],
        [['--snapshot', file, '--bogus', 'x.json'], /unknown option "--bogus"/],
        [['--scenario', hostile, hostile], /--scenario takes one file/],
        [[file], /give --scenario FILE or --snapshot FILE\|FOLDER before the paths/],
        [['--rule', 'failover-tcpip'], /usage:/]
    ];
    for (const [args, message] of cases) {
        const result = check(...args);
        assert.equal(result.status, 2, args.join(' '));
        assert.equal(result.stdout, '', args.join(' '));
        assert.match(result.stderr, message, args.join(' '));
    }
});

test('--exclusions: the tool\'s exclusions (document or findings export) mark results excluded in every format and leave exit 1', () => {
    const plain = check('--scenario', 'test/scenarios/primary-host.json');
    assert.equal(plain.status, 1);
    const report = JSON.parse(plain.stdout);
    const byName = Object.fromEntries(report.results.map(r => [r.vmName, r]));
    const reason = 'Appliance, "vendor" image <no IS> =SUM(1)';
    const exclusion = (vm, verdict, host) => ({
        vmId: byName[vm].vmId.toUpperCase(), vmName: vm, host, rule: seedRule, verdict, reason, by: 'CORP\\admin', at: '2026-11-20T08:00:00.000Z'
    });
    // APP07 and WEB03 fail; the tool names the server as its connection does (an FQDN here).
    // SQL01's exclusion was made while it failed: it passes now, so it doesn't apply.
    // DC02's was made on another host: it doesn't apply either.
    const both = { version: 1, exclusions: [exclusion('APP07', 'fail', 'hv01.corp.example'), exclusion('WEB03', 'fail', 'HV01'),
        exclusion('SQL01', 'fail', 'hv01.corp.example'), exclusion('DC02', 'unknown', 'hv02.corp.example')] };
    const bothFile = saveOutput(JSON.stringify(both), 'json');
    const json = check('--exclusions', bothFile, '--scenario', 'test/scenarios/primary-host.json');
    assert.equal(json.status, 0, 'every failing VM is excluded');
    const excluded = JSON.parse(json.stdout);
    assert.deepEqual(excluded.results.filter(r => r.excluded).map(r => [r.vmName, r.exclusionReason]), [['APP07', reason], ['WEB03', reason]]);
    assert.deepEqual(excluded.results.map(({ excluded: _e, exclusionReason: _r, ...rest }) => rest), report.results);

    const csv = check('--exclusions', bothFile, '--format', 'csv', '--scenario', 'test/scenarios/primary-host.json');
    const junit = check('--exclusions', bothFile, '--format', 'junit', '--scenario', 'test/scenarios/primary-host.json');
    assert.deepEqual([csv.status, junit.status], [0, 0]);
    assert.deepEqual(readCsv(csv.stdout).map(csvResult), excluded.results);
    const xml = readJunit(junit.stdout);
    assertJunitMatches(xml, excluded);
    const app07 = xml.suites[0].cases.find(c => c.attributes.name.startsWith('APP07 '));
    assert.deepEqual(app07.outcomes.map(o => [o.element, o.attributes.message]), [['skipped', `excluded: ${reason}`]]);

    // One excluded: the other failing VM still makes the check exit 1.
    const one = saveOutput(JSON.stringify({ version: 1, exclusions: [exclusion('APP07', 'fail', 'hv01')] }), 'json');
    assert.equal(check('--exclusions', one, '--scenario', 'test/scenarios/primary-host.json').status, 1);

    // The tool's findings export (JSON): rows with a reason in "excluded" are exclusions.
    const exported = report.results.map(r => ({ host: 'hv01.corp.example', node: '', vmName: r.vmName, vmId: r.vmId, rule: seedRule, verdict: r.verdict,
        message: r.message, bpa: r.bpa, failoverIps: [], kvpStatus: '', integrationServicesVersion: '',
        excluded: ['APP07', 'WEB03'].includes(r.vmName) ? reason : '', collectedAt: '2026-11-20T08:00:00Z' }));
    const fromExport = check('--exclusions', saveOutput(JSON.stringify(exported), 'json'), '--scenario', 'test/scenarios/primary-host.json');
    assert.equal(fromExport.status, 0);
    assert.deepEqual(JSON.parse(fromExport.stdout), excluded);

    // Under the other rule the seed rule's exclusions do not apply.
    const companion = JSON.parse(check('--rule', 'failover-tcpip', '--exclusions', bothFile, '--scenario', 'test/scenarios/primary-host.json').stdout);
    assert.ok(companion.results.every(r => r.excluded === undefined));
});

test('--exclusions with a file that is not exclusions: exit 2, nothing on stdout, the file and the field named', () => {
    const cases = [
        [{ version: 2, exclusions: [] }, /is not an exclusions document: version: must be 1, not 2/],
        [{ version: 1, exclusions: [{ vmId: 'x' }] }, /exclusions\[0\]\.vmId/],
        [[{ vmName: 'A' }], /is not a findings export the check can read: \[0\]\.excluded: is missing/]
    ];
    for (const [content, message] of cases) {
        const file = saveOutput(JSON.stringify(content), 'json');
        const run = check('--exclusions', file, '--snapshot', path.join(root, 'test/contract/fixtures-missing.json'));
        assert.equal(run.status, 2);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, message);
        assert.ok(run.stderr.includes(file));
    }
    const missing = check('--exclusions', path.join(tmp, 'no-such-file.json'), '--scenario', 'test/scenarios/primary-host.json');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /couldn't read the exclusions in .*no-such-file\.json/);
});

test('--exclusions matches a host by full name when both sides carry a domain, by short name only when one has none', () => {
    const snapshot = JSON.parse(scan('primary-host.json'));
    const app07 = snapshot.vms.find(vm => vm.name === 'APP07');
    const otherDomain = saveOutput(JSON.stringify({ ...snapshot, host: { ...snapshot.host, name: 'HV01.other.example' } }), 'json');
    const sameDomain = saveOutput(JSON.stringify({ ...snapshot, host: { ...snapshot.host, name: 'HV01.corp.example' } }), 'json');
    const shortName = saveOutput(JSON.stringify(snapshot), 'json');
    const exclusionsFor = host => saveOutput(JSON.stringify({ version: 1, exclusions: [{ vmId: app07.id, vmName: 'APP07', host, rule: seedRule,
        verdict: 'fail', reason: 'Retired', by: 'CORP\\admin', at: '2026-11-20T08:00:00.000Z' }] }), 'json');
    const excludedApp07 = (exclusionsFile, snapshotFile) => {
        const run = check('--exclusions', exclusionsFile, '--snapshot', snapshotFile);
        assert.ok([0, 1].includes(run.status), run.stderr);
        return JSON.parse(run.stdout).results.find(r => r.vmName === 'APP07').excluded === true;
    };
    const fqdn = exclusionsFor('hv01.corp.example');
    assert.equal(excludedApp07(fqdn, otherDomain), false, 'hv01.corp.example is not HV01.other.example');
    assert.equal(excludedApp07(fqdn, sameDomain), true);
    assert.equal(excludedApp07(fqdn, shortName), true, 'the snapshot names its host HV01: one side without a domain');
    assert.equal(excludedApp07(exclusionsFor('HV01'), otherDomain), true, 'the exclusion names HV01: one side without a domain');
});

test('--exclusions with a findings export: every excluded row is validated like the tool\'s own records, exit 2 naming file and field', () => {
    const row = { host: 'hv01.corp.example', node: '', vmName: 'APP07', vmId: 'a1dbf721-3994-493e-a3ae-6e685323451b', rule: seedRule, verdict: 'fail',
        message: '', bpa: true, failoverIps: [], kvpStatus: '', integrationServicesVersion: '', excluded: 'Retired', collectedAt: '' };
    const cases = [
        [{ vmId: 'NOT-A-GUID' }, /\[1\]\.vmId: is not a GUID: 'NOT-A-GUID'/],
        [{ verdict: 'nonsense' }, /\[1\]\.verdict: is not a verdict: 'nonsense'/],
        [{ host: '' }, /\[1\]\.host: is empty/],
        [{ rule: 7 }, /\[1\]\.rule: must be a string, not number/],
        [{ excluded: 'x'.repeat(501) }, /\[1\]\.excluded: is longer than 500 characters/],
        [{ excluded: null }, /\[1\]\.excluded: must be a string/]
    ];
    for (const [change, message] of cases) {
        const file = saveOutput(JSON.stringify([row, { ...row, ...change }]), 'json');
        const run = check('--exclusions', file, '--scenario', 'test/scenarios/primary-host.json');
        assert.equal(run.status, 2, JSON.stringify(change));
        assert.equal(run.stdout, '');
        assert.match(run.stderr, message);
        assert.ok(run.stderr.includes(file), run.stderr);
    }
    // A row that is not excluded ('') is not an exclusion, and is not judged as one.
    const notExcluded = saveOutput(JSON.stringify([row, { ...row, vmId: 'NOT-A-GUID', excluded: '' }]), 'json');
    assert.equal(check('--exclusions', notExcluded, '--scenario', 'test/scenarios/primary-host.json').status, 1);
});

