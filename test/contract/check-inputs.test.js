'use strict';
// The command-line check on input that is hostile, odd or broken: it never hangs, never crashes (any
// error ends with exit 2 and one line on stderr, never a stack trace and never exit 1, which means "a
// VM fails"), never echoes a file's content, and never passes what it cannot judge. Also --help and
// --version. The snapshots are written here (format 3, the fields of docs/snapshot-format.md); no
// scan is needed.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-inputs-test-'));
const checkJs = path.join(root, 'tools/check.js');

function check(...args) {
    // A hang is a failure, not a stuck test run.
    const run = spawnSync(process.execPath, [checkJs, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60000 });
    assert.equal(run.error, undefined, `the check did not end: ${run.error && run.error.message}`);
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Exit 2 and exactly one line on stderr that matches `message`, no stack trace. */
function assertRefused(result, message) {
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
}

const vmId = i => `6b1f1c6e-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A Primary VM whose KVP Exchange doesn't answer: it fails the seed rule (exit 1). */
function failingVm(i = 1, overrides = {}) {
    return {
        id: vmId(i), name: `APP${i}`, state: 2, generation: 2, version: '9.0', isVersion: '10.0.17763.1', isState: 'Up to date', guestOs: null,
        replication: { mode: 1, state: 4, health: 1, primary: 'hv01.corp.example', replica: 'hv02.corp.example' },
        kvp: { enabled: true, status: 12, statusName: 'NoContact', text: 'No Contact', secondaryStatus: null, secondaryStatusName: null, secondaryText: null },
        setupDiskRestore: null, failoverRestore: null,
        adapters: [{ id: `Microsoft:${vmId(i).toUpperCase()}\\6C09BB55-D683-4DA0-8931-C9BF705F6480`, name: 'Network Adapter', legacy: false,
            failover: 4096, ipv4: '10.20.0.27', ipv6: null, failoverTcpIp: null }],
        dvdDrives: [], errors: [], ...overrides
    };
}

function snapshot(vms, overrides = {}) {
    return {
        format: 'replica-failover-ip-snapshot/3', collectedAt: '2026-11-26T14:27:06.461Z',
        host: { name: 'HV01', osVersion: '10.0.17763', culture: 'en-US', cluster: null, setupDisk: null }, error: null, vms, ...overrides
    };
}

let counter = 0;
function save(content, name = `snapshot-${counter++}.json`, folder = tmp) {
    const file = path.join(folder, name);
    fs.writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
    return file;
}

function newFolder(name) {
    const folder = path.join(tmp, name);
    fs.mkdirSync(folder);
    return folder;
}

test('the snapshot used here fails the seed rule: exit 1 (the cases below start from a snapshot that would fail)', () => {
    const result = check('--snapshot', save(snapshot([failingVm()])));
    assert.equal(result.status, 1, result.stderr);
    assert.equal(JSON.parse(result.stdout).results[0].verdict, 'fail');
});

test('a folder holding a FIFO, a symlink to a device and a folder named *.json: each skipped with a named line, the snapshots judged', () => {
    const fleet = newFolder('special-entries');
    save(snapshot([failingVm()]), 'hv01.json', fleet);
    spawnSync('mkfifo', [path.join(fleet, 'x.json')]);
    fs.symlinkSync('/dev/zero', path.join(fleet, 'zero.json'));
    fs.symlinkSync('/dev/null', path.join(fleet, 'null.json'));
    fs.mkdirSync(path.join(fleet, 'old.json'));
    const result = check('--snapshot', fleet);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).hosts.map(h => path.basename(h.file)), ['hv01.json']);
    assert.deepEqual(result.stderr.trimEnd().split('\n').sort(), [
        `check: skipped ${path.join(fleet, 'null.json')}: a symlink to a character device, not a snapshot file`,
        `check: skipped ${path.join(fleet, 'old.json')}: a folder, not a snapshot file`,
        `check: skipped ${path.join(fleet, 'x.json')}: a FIFO, not a snapshot file`,
        `check: skipped ${path.join(fleet, 'zero.json')}: a symlink to a character device, not a snapshot file`
    ]);
});

test('a FIFO or a device given as the snapshot: exit 2, named, without waiting or reading', () => {
    const fifo = path.join(tmp, 'pipe.json');
    spawnSync('mkfifo', [fifo]);
    assertRefused(check('--snapshot', fifo), new RegExp(`^check: ${fifo} is a FIFO, not a snapshot file\\n$`));
    assertRefused(check('--snapshot', '/dev/zero'), /^check: \/dev\/zero is a character device, not a snapshot file\n$/);
});

test('a FIFO or a device given as --exclusions: exit 2, named, without waiting or reading', () => {
    const snapshotFile = save(snapshot([failingVm()]));
    const fifo = path.join(tmp, 'exclusions-pipe.json');
    spawnSync('mkfifo', [fifo]);
    assertRefused(check('--exclusions', fifo, '--snapshot', snapshotFile),
        new RegExp(`^check: couldn't read the exclusions in ${fifo}: ${fifo} is a FIFO, not an exclusions file\\n$`));
    assertRefused(check('--exclusions', '/dev/zero', '--snapshot', snapshotFile),
        /^check: couldn't read the exclusions in \/dev\/zero: \/dev\/zero is a character device, not an exclusions file\n$/);
});

test('a symlink to a file that is not a snapshot: its content is never repeated in the error', () => {
    const secret = save('TOP-SECRET root:x:0:0:root:/root:/bin/bash\n', 'secret.txt');
    const fleet = newFolder('symlink-to-secret');
    save(snapshot([failingVm()]), 'hv01.json', fleet);
    fs.symlinkSync(secret, path.join(fleet, 'passwd.json'));
    const fleetRun = check('--snapshot', fleet);
    assert.equal(fleetRun.status, 2);
    const single = check('--snapshot', path.join(fleet, 'passwd.json'));
    assertRefused(single, /not JSON/);
    const errors = JSON.parse(fleetRun.stdout).hosts.filter(h => h.error).map(h => h.error.message);
    assert.deepEqual(errors, ['the scan output is not JSON (unexpected character)']);
    for (const text of [fleetRun.stderr, single.stderr, single.stdout]) {
        assert.doesNotMatch(text, /TOP|SECRET|root:|bash/);
    }
});

test('a 110 MB VM name with --format junit: exit 2 with one named line (the size limit), no crash', () => {
    const file = save(snapshot([failingVm(1, { name: 'x'.repeat(110 * 1024 * 1024) })]), 'huge-name.json');
    const result = check('--format', 'junit', '--snapshot', file);
    assertRefused(result, /huge-name\.json is 11[0-9] MiB: a snapshot file is at most 64 MiB/);
    assert.equal(result.stdout, '');
    fs.rmSync(file);
});

test('string fields have limits: a VM name of 101 characters (Hyper-V allows 100), a host name, any text field; named without the value', () => {
    assert.equal(check('--snapshot', save(snapshot([failingVm(1, { name: 'n'.repeat(100) })]))).status, 1);
    assertRefused(check('--snapshot', save(snapshot([failingVm(1, { name: 'n'.repeat(101) })]))),
        /^check: vms\[0\]\.name: 101 characters, more than a Hyper-V VM name can be \(100 at most\)\n$/);
    const longHost = snapshot([failingVm()]);
    longHost.host.name = 'h'.repeat(254);
    assertRefused(check('--snapshot', save(longHost)), /^check: host\.name: 254 characters, more than a host name can be \(253 at most\)\n$/);
    const longMessage = failingVm(1, { errors: [{ source: 'Get-VMIntegrationService', message: 'm'.repeat(40000) }] });
    const result = check('--snapshot', save(snapshot([longMessage])));
    assertRefused(result, /^check: vms\[0\]\.errors\[0\]\.message: 40000 characters, more than a snapshot field can be \(32767 at most\)\n$/);
    assert.doesNotMatch(result.stderr, /mmm/);
});

test('enum values outside the Hyper-V enums refuse the snapshot, naming the field and the value, under both rules (never pass or not-applicable)', () => {
    const cases = [
        [{ replication: { mode: 5, state: 4, health: 1, primary: 'a', replica: 'b' } }, /vms\[0\]\.replication\.mode: expected a VMReplicationMode value, got 5/],
        [{ replication: { mode: -1, state: 4, health: 1, primary: 'a', replica: 'b' } }, /vms\[0\]\.replication\.mode: expected a VMReplicationMode value, got -1/],
        [{ replication: { mode: 2, state: 22, health: 1, primary: 'a', replica: 'b' } }, /vms\[0\]\.replication\.state: expected a VMReplicationState value, got 22/],
        [{ replication: { mode: 2, state: 4, health: 4, primary: 'a', replica: 'b' } },
            /vms\[0\]\.replication\.health: expected a VMReplicationHealthState value, got 4/],
        [{ state: 5 }, /vms\[0\]\.state: expected a VMState value, got 5/],
        [{ kvp: { enabled: true, status: 99, statusName: null, text: null, secondaryStatus: null, secondaryStatusName: null, secondaryText: null } },
            /vms\[0\]\.kvp\.status: expected a VMIntegrationComponentOperationalStatus value or null, got 99/],
        [{ kvp: { enabled: true, status: 2, statusName: 'Ok', text: 'OK', secondaryStatus: 1, secondaryStatusName: null, secondaryText: null } },
            /vms\[0\]\.kvp\.secondaryStatus: expected a VMIntegrationComponentOperationalStatus value or null, got 1/]
    ];
    for (const [overrides, message] of cases) {
        const file = save(snapshot([failingVm(1, overrides)]));
        for (const rule of [[], ['--rule', 'failover-tcpip']]) {
            const result = check(...rule, '--snapshot', file);
            assertRefused(result, message);
            assert.equal(result.stdout, '');
        }
    }
    const adapter = failingVm(1).adapters[0];
    assertRefused(check('--snapshot', save(snapshot([failingVm(1, { adapters: [{ ...adapter, failover: 7 }] })]))),
        /vms\[0\]\.adapters\[0\]\.failover: expected a ProtocolIFType value or null, got 7/);
    // Every real value is read: a *Critical state, a state 0 (Get-VM couldn't read the VM), the extended Replica.
    assert.equal(check('--snapshot', save(snapshot([failingVm(1, { state: 32785 })]))).status, 1);
    const unread = failingVm(1, { state: 0, errors: [{ source: 'Get-VM', message: 'The operation failed.' }] });
    assert.equal(JSON.parse(check('--snapshot', save(snapshot([unread]))).stdout).results[0].verdict, 'scan-error');
});

test('a collectedAt that is not on the calendar or the clock is refused; a leap day is read', () => {
    for (const collectedAt of ['2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-13-01T10:00:00Z', '2026-04-31T10:00:00Z',
        '2026-11-26T24:00:00Z', '2026-11-26T10:60:00Z', '2026-11-26T10:00:60Z', '2026-11-26T10:00:00+25:00']) {
        assertRefused(check('--snapshot', save(snapshot([failingVm()], { collectedAt }))),
            new RegExp(`collectedAt: expected an ISO 8601 date and time .*, got "${collectedAt.replace('+', '\\+')}"`));
    }
    assert.equal(check('--snapshot', save(snapshot([failingVm()], { collectedAt: '2028-02-29T23:59:59.999+01:00' }))).status, 1);
});

test('UTF-16 with a byte-order mark (Windows PowerShell 5.1\'s > and Out-File) is read, little- and big-endian, like UTF-8', () => {
    const text = JSON.stringify(snapshot([failingVm(1, { name: 'Ünïcødé 名前 🖥️' })]));
    const utf8 = check('--snapshot', save(text));
    assert.equal(utf8.status, 1);
    const le = save(Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from(text, 'utf16le')]));
    const be = save(Buffer.concat([Buffer.from([0xFE, 0xFF]), Buffer.from(text, 'utf16le').swap16()]));
    const withBom = save(Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from(text, 'utf8')]));
    for (const file of [le, be, withBom]) {
        assert.deepEqual(check('--snapshot', file), utf8);
    }
});

test('UTF-16 without a byte-order mark is refused with "save it as UTF-8" and the PowerShell line that does it', () => {
    const file = save(Buffer.from(JSON.stringify(snapshot([failingVm()])), 'utf16le'), 'no-bom.json');
    assertRefused(check('--snapshot', file), /no-bom\.json looks like UTF-16 without a byte-order mark: save it as UTF-8: in Windows PowerShell, Get-Content -Encoding Unicode -LiteralPath 'no-bom\.json' \| Set-Content -Encoding UTF8 -LiteralPath 'utf8-no-bom\.json'/);
});

test('invalid UTF-8 is refused by name and byte, never replaced', () => {
    const text = Buffer.from(JSON.stringify(snapshot([failingVm(1, { name: 'A_B' })])), 'utf8');
    const at = text.indexOf('A_B') + 1;
    text[at] = 0xFF;
    const result = check('--snapshot', save(text, 'latin.json'));
    assertRefused(result, new RegExp(`latin\\.json is not valid UTF-8 \\(byte ${at} is not part of a UTF-8 character\\): save it as UTF-8: in Windows PowerShell, Get-Content -LiteralPath 'latin\\.json'`));
    assert.doesNotMatch(result.stdout, /\uFFFD/);
    // In a fleet it is that file's error; the other files are judged.
    const fleet = newFolder('invalid-utf8');
    save(text, 'latin.json', fleet);
    save(snapshot([failingVm()]), 'ok.json', fleet);
    const report = JSON.parse(check('--snapshot', fleet).stdout);
    assert.deepEqual(report.hosts.map(h => [path.basename(h.file), h.error ? h.error.code : h.results[0].verdict]), [['latin.json', 'InvalidSnapshot'], ['ok.json', 'fail']]);
});

test('an unexpected error (the output pipe closed early) ends with exit 2 and one line, not a stack trace and not exit 1', () => {
    const many = snapshot(Array.from({ length: 3000 }, (_, i) => failingVm(i)));
    const file = save(many, 'many.json');
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${checkJs}" --snapshot "${file}" | head -c 10 >/dev/null; exit "\${PIPESTATUS[0]}"`],
        { encoding: 'utf8', timeout: 60000 });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^check: couldn't write the output: Error: write EPIPE\n$/);
});

test('--help prints the usage and every option, exit 0; --version the package version, exit 0', () => {
    for (const args of [['--help'], ['-h'], ['--snapshot', 'whatever.json', '--help'], ['--rule', 'nonsense', '--help']]) {
        const result = check(...args);
        assert.equal(result.status, 0, args.join(' '));
        assert.equal(result.stderr, '');
        assert.match(result.stdout, /^usage: npm run --silent check -- /);
        for (const option of ['--snapshot', '--scenario', '--rule', '--format', '--exclusions', '--help', '--version']) {
            assert.ok(result.stdout.includes(option), option);
        }
    }
    const version = check('--version');
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`);
});
