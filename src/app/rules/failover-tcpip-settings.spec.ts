import { ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { SnapshotAdapter, SnapshotVm } from '../snapshot/snapshot';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { evaluate, evaluateVm } from './evaluate';
import { failoverTcpipSettingsRule } from './failover-tcpip-settings';
import { Reason, Verdict } from './finding';
import { integrationServicesRule } from './integration-services';
import { countVerdicts } from './verdict-counts.spec-helper';

function replicated(mode: ReplicationMode, state = 4): SnapshotVm['replication'] {
    return { mode, state, health: 1, primary: 'hv01.corp.example', replica: 'hv02.corp.example' };
}

function adapter(failover: number | null, legacy = false, ipv4: string | null = failover ? '10.20.0.15' : null): SnapshotAdapter {
    return { id: 'Microsoft:VM\\NIC', name: 'Network Adapter', legacy, failover, ipv4, ipv6: null };
}

function failed(source: string): SnapshotVm['errors'] {
    return [{ source, message: 'x' }];
}

interface Row {
    row: string;
    vm: Partial<SnapshotVm>;
    verdict: Verdict;
    reason: Reason;
}

const replica = replicated(ReplicationMode.Replica);

// The failover TCP/IP settings rule's decision table: the first matching row decides.
const table: Row[] = [
    { row: 'Get-VM failed', vm: { replication: replica, errors: failed('Get-VM') }, verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'Get-VMReplication failed', vm: { errors: failed('Get-VMReplication') }, verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'no replication', vm: { replication: null, adapters: [adapter(0)] }, verdict: 'not-applicable', reason: Reason.NotReplica },
    { row: 'primary', vm: { adapters: [adapter(0)] }, verdict: 'not-applicable', reason: Reason.NotReplica },
    { row: 'test Replica', vm: { replication: replicated(ReplicationMode.TestReplica), adapters: [adapter(0)] },
        verdict: 'not-applicable', reason: Reason.NotReplica },
    { row: 'primary, adapter query failed', vm: { errors: failed('Get-VMNetworkAdapter') },
        verdict: 'not-applicable', reason: Reason.NotReplica },
    { row: 'Replica, adapter query failed',
        vm: { replication: replica, adapters: [], errors: failed('Get-VMNetworkAdapter') }, verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'Replica, failover settings query failed',
        vm: { replication: replica, errors: failed('Msvm_FailoverNetworkAdapterSettingData') }, verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'Replica, KVP query failed: not a fact of this rule',
        vm: { replication: replica, kvp: null, errors: failed('Get-VMIntegrationService') }, verdict: 'pass', reason: Reason.FailoverIpSet },
    { row: 'Replica without adapters', vm: { replication: replica, adapters: [] }, verdict: 'not-applicable', reason: Reason.NoAdapters },
    { row: 'Replica with legacy adapters only', vm: { replication: replica, adapters: [adapter(null, true)] },
        verdict: 'warn', reason: Reason.NoSyntheticAdapter },
    { row: 'Replica without a failover IP', vm: { replication: replica, adapters: [adapter(0)] }, verdict: 'warn', reason: Reason.NoFailoverIp },
    { row: 'Replica, off, without a failover IP', vm: { replication: replica, state: VmState.Off, adapters: [adapter(0)] },
        verdict: 'warn', reason: Reason.NoFailoverIp },
    { row: 'extended Replica without a failover IP', vm: { replication: replicated(ReplicationMode.ExtendedReplica), adapters: [adapter(0)] },
        verdict: 'warn', reason: Reason.NoFailoverIp },
    { row: 'Replica with a failover IP', vm: { replication: replica }, verdict: 'pass', reason: Reason.FailoverIpSet },
    { row: 'Replica, off, KVP missing, with a failover IP', vm: { replication: replica, state: VmState.Off, kvp: null },
        verdict: 'pass', reason: Reason.FailoverIpSet },
    { row: 'Replica with a failover IP on its second adapter', vm: { replication: replica, adapters: [adapter(0), adapter(4097, false, null)] },
        verdict: 'pass', reason: Reason.FailoverIpSet },
    { row: 'Replica with a legacy and an unset synthetic adapter', vm: { replication: replica, adapters: [adapter(null, true), adapter(0)] },
        verdict: 'warn', reason: Reason.NoFailoverIp }
];

describe('The failover TCP/IP rule, row by row', () => {
    for (const row of table) {
        it(`${row.row}: ${row.verdict}`, () => {
            const finding = evaluateVm(vmFacts(row.vm), failoverTcpipSettingsRule);
            expect([finding.verdict, finding.reason]).toEqual([row.verdict, row.reason]);
            expect(finding.rule).toBe(failoverTcpipSettingsRule.id);
        });
    }
});

describe('evaluate with a rule', () => {
    it('judges the registry\'s first rule (integration services) unless another rule is named, and names the rule', () => {
        const snapshot = snapshotOf([vmFacts({ replication: replica, kvp: kvpWith(null, false), adapters: [adapter(0)] })]);
        const first = evaluate(snapshot);
        const failoverSettings = evaluate(snapshot, failoverTcpipSettingsRule);
        expect([first.rule, first.findings[0].rule, first.findings[0].verdict]).toEqual([integrationServicesRule.id, integrationServicesRule.id, 'fail']);
        expect([failoverSettings.rule, failoverSettings.findings[0].verdict, countVerdicts(failoverSettings.findings).warn])
            .toEqual([failoverTcpipSettingsRule.id, 'warn', 1]);
    });
});
