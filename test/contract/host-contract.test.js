'use strict';
// One source for what the scripts and the TypeScript side share: src/app/host-contract.ts. Each
// script is sent to a host alone, so it carries its own copies, in one marked block at its top
// (#region Host contract ... #endregion). This test reads every script under
// src/resources/scripts/, as the build assembles it with its helpers (gulps/assemble-scripts.js:
// what is sent to a host, e.g. the statuses Write-Result writes), with PowerShell's parser (Read-HostContractFacts.ps1) and fails when a
// copy drifts from host-contract.ts, when a script writes a shared fact outside its block, or when
// the remediation statuses or host error codes the scripts can return differ from the contract's
// (compared as sets, both ways). The last tests feed it drifted copies of the scripts.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');
const { pwshPath } = require('../../tools/pwsh-path');
const { assembleScripts } = require('../../gulps/assemble-scripts');

const root = path.resolve(__dirname, '../..');
const scriptsFolder = path.join(root, 'src/resources/scripts');
const snapshotScript = 'Get-ReplicaFailoverIpSnapshot.ps1';

/** src/app/host-contract.ts, transpiled with esbuild and loaded (the TypeScript side's values). */
function loadContract() {
    const built = esbuild.buildSync({
        entryPoints: [path.join(root, 'src/app/host-contract.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'error'
    });
    const module = { exports: {} };
    new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, require);
    return module.exports;
}

/** What each script of `folder` says about the shared facts, read from its syntax tree once assembled. */
function readFacts(folder) {
    const assembled = fs.mkdtempSync(path.join(os.tmpdir(), 'host-contract-assembled-'));
    assembleScripts({ scripts: folder, out: assembled });
    const run = spawnSync(pwshPath(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', path.join(__dirname, 'Read-HostContractFacts.ps1'),
        '-Folder', assembled], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
}

/** Every way the scripts' facts drift from the contract, as readable sentences ([] when none). */
function contractProblems(facts, contract) {
    const problems = [];
    const expected = {
        snapshotFormat: contract.snapshotFormat,
        kvpComponentGuid: contract.kvpComponentGuid,
        restoreRecordFileNameFormat: contract.restoreRecordFileName('{0}'),
        driveTextFormat: contract.driveText('{0}', '{1}', '{2}'),
        failoverRestoreRecordFileNameFormat: contract.failoverRestoreRecordFileName('{0}')
    };
    // A copy written outside the block (the block's own lines are not literals here).
    const strays = [
        ['snapshotFormat', /replica-failover-ip-snapshot\//],
        ['kvpComponentGuid', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i],
        ['restoreRecordFileNameFormat', /hvtools-setup-disk-restore/],
        ['driveTextFormat', /\{0\}\s*\{1\}\s*:\s*\{2\}/],
        ['failoverRestoreRecordFileNameFormat', /hvtools-failover-tcpip-restore/]
    ];
    for (const script of facts) {
        const at = script.name;
        problems.push(...script.parseErrors.map(e => `${at}: doesn't parse: ${e}`));
        problems.push(...script.blockProblems.map(p => `${at}: ${p}`));
        for (const [name, value] of Object.entries(script.constants)) {
            if (!(name in expected)) {
                problems.push(`${at}: $${name} is in the host contract block but not in src/app/host-contract.ts`);
            } else if (value !== expected[name]) {
                problems.push(`${at}: $${name} is '${value}', src/app/host-contract.ts says '${expected[name]}'`);
            }
            if (!script.usesVariables.includes(name)) {
                problems.push(`${at}: $${name} is in the host contract block but the script never uses it`);
            }
        }
        for (const name of Object.keys(expected)) {
            if (script.usesVariables.includes(name) && !(name in script.constants)) {
                problems.push(`${at}: uses $${name} without defining it in its host contract block`);
            }
        }
        for (const [name, pattern] of strays) {
            for (const literal of script.literals.filter(l => pattern.test(l))) {
                problems.push(`${at}: '${literal}' copies ${name} outside the host contract block (use $${name})`);
            }
        }
        if (script.commands.includes('Get-VMIntegrationService') && !('kvpComponentGuid' in script.constants)) {
            problems.push(`${at}: reads integration services without $kvpComponentGuid from its host contract block`);
        }
    }
    const snapshot = facts.find(s => s.name === snapshotScript);
    if (!snapshot) {
        problems.push(`${snapshotScript} is missing`);
    } else {
        if (!('snapshotFormat' in snapshot.constants)) {
            problems.push(`${snapshotScript}: writes snapshots without $snapshotFormat from its host contract block`);
        }
        problems.push(...snapshot.codeProblems.map(p => `${snapshotScript}: a host error code can't be read: ${p}`));
        for (const code of snapshot.codes.filter(c => !contract.hostErrorCodes.includes(c))) {
            problems.push(`${snapshotScript}: writes host error code '${code}', which src/app/host-contract.ts doesn't list`);
        }
        for (const code of contract.hostErrorCodes.filter(c => !snapshot.codes.includes(c))) {
            problems.push(`src/app/host-contract.ts lists host error code '${code}', which ${snapshotScript} never writes`);
        }
    }
    // Remediation statuses: every script that changes a host (.ROLE Administrators) returns one.
    const remediation = facts.filter(s => s.role === 'Administrators');
    const returned = new Set();
    for (const script of remediation) {
        problems.push(...script.statusProblems.map(p => `${script.name}: a status can't be read: ${p}`));
        for (const status of script.statuses) {
            returned.add(status);
            if (!contract.remediationStatuses.includes(status)) {
                problems.push(`${script.name}: returns status '${status}', which src/app/host-contract.ts doesn't list`);
            }
        }
    }
    for (const status of contract.remediationStatuses.filter(s => !returned.has(s))) {
        problems.push(`src/app/host-contract.ts lists status '${status}', which no script returns`);
    }
    return problems;
}

const contract = loadContract();
const facts = readFacts(scriptsFolder);

test('the contract is read: src/app/host-contract.ts and every script', () => {
    assert.match(contract.snapshotFormat, /^replica-failover-ip-snapshot\/\d+$/);
    assert.ok(contract.remediationStatuses.length > 10 && contract.hostErrorCodes.length >= 3);
    assert.deepEqual(facts.map(f => f.name).sort(), fs.readdirSync(scriptsFolder).filter(f => f.endsWith('.ps1')).sort());
    assert.deepEqual(facts.filter(f => f.role === 'Administrators').map(f => f.name).sort(),
        ['Dismount-IntegrationServicesSetupDisk.ps1', 'Enable-KvpExchangeService.ps1', 'Mount-IntegrationServicesSetupDisk.ps1',
            'Restore-FailoverTcpIpConfiguration.ps1', 'Set-FailoverTcpIpConfiguration.ps1']);
});

test('every script agrees with src/app/host-contract.ts', () => {
    assert.deepEqual(contractProblems(facts, contract), []);
});

test('the scripts that share a fact carry it in their host contract block', () => {
    const carrying = name => facts.filter(f => name in f.constants).map(f => f.name).sort();
    assert.deepEqual(carrying('snapshotFormat'), [snapshotScript]);
    assert.deepEqual(carrying('kvpComponentGuid'), ['Enable-KvpExchangeService.ps1', snapshotScript]);
    // The restore record: Insert writes it, Restore reads and deletes it, the scan reads it.
    assert.deepEqual(carrying('restoreRecordFileNameFormat'),
        ['Dismount-IntegrationServicesSetupDisk.ps1', snapshotScript, 'Mount-IntegrationServicesSetupDisk.ps1'].sort());
    assert.deepEqual(carrying('driveTextFormat'),
        ['Dismount-IntegrationServicesSetupDisk.ps1', snapshotScript, 'Mount-IntegrationServicesSetupDisk.ps1'].sort());
    // The failover TCP/IP restore record: Set writes it, Restore reads and deletes it, the scan reads it.
    assert.deepEqual(carrying('failoverRestoreRecordFileNameFormat'),
        ['Restore-FailoverTcpIpConfiguration.ps1', snapshotScript, 'Set-FailoverTcpIpConfiguration.ps1'].sort());
});

// Drifted copies: each case changes the real scripts in one way; the check must name it.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'host-contract-'));
const drifts = [
    {
        what: 'a status renamed in one script',
        file: 'Mount-IntegrationServicesSetupDisk.ps1', from: "'needs-confirmation'", to: "'needs-confirm'",
        expect: ["Mount-IntegrationServicesSetupDisk.ps1: returns status 'needs-confirm', which src/app/host-contract.ts doesn't list",
            "src/app/host-contract.ts lists status 'needs-confirmation', which no script returns"]
    },
    {
        what: 'a status built from text instead of written out',
        file: 'Enable-KvpExchangeService.ps1', from: "Write-Result 'enabled'", to: "Write-Result ('en' + 'abled')",
        expect: [/^Enable-KvpExchangeService\.ps1: a status can't be read: line \d+: 'en' \+ 'abled' is not a string literal$/,
            "src/app/host-contract.ts lists status 'enabled', which no script returns"]
    },
    {
        what: 'a new host error code',
        file: snapshotScript, from: "$code = 'QueryFailed'", to: "$code = 'QueryFailure'",
        expect: [`${snapshotScript}: writes host error code 'QueryFailure', which src/app/host-contract.ts doesn't list`,
            `src/app/host-contract.ts lists host error code 'QueryFailed', which ${snapshotScript} never writes`]
    },
    {
        what: 'the KVP GUID changed in one copy',
        file: 'Enable-KvpExchangeService.ps1', from: "'2A34B1C2-FD73-4043-8A5B-DD2159BC743F'", to: "'2A34B1C2-FD73-4043-8A5B-DD2159BC7430'",
        expect: ["Enable-KvpExchangeService.ps1: $kvpComponentGuid is '2A34B1C2-FD73-4043-8A5B-DD2159BC7430', src/app/host-contract.ts says '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'"]
    },
    {
        what: 'the snapshot format changed',
        file: snapshotScript, from: "'replica-failover-ip-snapshot/3'", to: "'replica-failover-ip-snapshot/4'",
        expect: [/\$snapshotFormat is 'replica-failover-ip-snapshot\/4', src\/app\/host-contract\.ts says 'replica-failover-ip-snapshot\/\d+'$/]
    },
    {
        what: 'the drive text format changed',
        file: 'Dismount-IntegrationServicesSetupDisk.ps1', from: "$driveTextFormat = '{0} {1}:{2}'", to: "$driveTextFormat = '{0} {1}/{2}'",
        expect: ["Dismount-IntegrationServicesSetupDisk.ps1: $driveTextFormat is '{0} {1}/{2}', src/app/host-contract.ts says '{0} {1}:{2}'"]
    },
    {
        what: 'the restore record named outside the block',
        file: 'Dismount-IntegrationServicesSetupDisk.ps1', from: '($restoreRecordFileNameFormat -f $vmId)', to: '"hvtools-setup-disk-restore.$vmId.json"',
        expect: ["Dismount-IntegrationServicesSetupDisk.ps1: 'hvtools-setup-disk-restore.$vmId.json' copies restoreRecordFileNameFormat outside the host contract block (use $restoreRecordFileNameFormat)",
            'Dismount-IntegrationServicesSetupDisk.ps1: $restoreRecordFileNameFormat is in the host contract block but the script never uses it']
    },
    {
        what: 'the failover restore record named outside the block',
        file: 'Restore-FailoverTcpIpConfiguration.ps1', from: '($failoverRestoreRecordFileNameFormat -f $vmId)', to: '"hvtools-failover-tcpip-restore.$vmId.json"',
        expect: ["Restore-FailoverTcpIpConfiguration.ps1: 'hvtools-failover-tcpip-restore.$vmId.json' copies failoverRestoreRecordFileNameFormat outside the host contract block (use $failoverRestoreRecordFileNameFormat)"]
    },
    {
        what: 'a script that reads integration services without the block',
        file: 'Enable-KvpExchangeService.ps1', from: "$kvpComponentGuid = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'\n", to: '',
        expect: ['Enable-KvpExchangeService.ps1: uses $kvpComponentGuid without defining it in its host contract block',
            'Enable-KvpExchangeService.ps1: reads integration services without $kvpComponentGuid from its host contract block']
    }
];
for (const [index, drift] of drifts.entries()) {
    test(`a drifted copy fails the check: ${drift.what}`, () => {
        const folder = path.join(tmp, String(index));
        fs.mkdirSync(folder);
        for (const file of fs.readdirSync(scriptsFolder).filter(f => f.endsWith('.ps1'))) {
            fs.copyFileSync(path.join(scriptsFolder, file), path.join(folder, file));
        }
        const file = path.join(folder, drift.file);
        const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
        assert.ok(text.includes(drift.from), `${drift.file} contains ${drift.from}`);
        fs.writeFileSync(file, text.split(drift.from).join(drift.to));
        const problems = contractProblems(readFacts(folder), contract);
        for (const expected of drift.expect) {
            assert.ok(problems.some(p => (typeof expected === 'string' ? p === expected : expected.test(p))),
                `expected ${expected} among:\n${problems.join('\n')}`);
        }
    });
}
