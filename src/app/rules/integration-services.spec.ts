import { baseVmState, KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { SnapshotVm } from '../snapshot/snapshot';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { evaluate, evaluateVm } from './evaluate';
import { Reason, Verdict } from './finding';
import { countVerdicts } from './verdict-counts.spec-helper';

const nicId = 'Microsoft:VM\\NIC';

function replicated(mode: ReplicationMode): SnapshotVm['replication'] {
    return { mode, state: 4, health: 1, primary: 'hv01.corp.example', replica: 'hv02.corp.example' };
}

interface Row {
    row: string;
    vm: Partial<SnapshotVm>;
    verdict: Verdict;
    reason: Reason;
}

// The decision table, one row per case: the first matching row decides.
const table: Row[] = [
    { row: 'Get-VM failed', vm: { errors: [{ source: 'Get-VM', message: 'x' }] }, verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'Get-VMReplication failed', vm: { errors: [{ source: 'Get-VMReplication', message: 'x' }] }, verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'no replication', vm: { replication: null, kvp: kvpWith(KvpStatus.NoContact) }, verdict: 'not-applicable', reason: Reason.NotReplicated },
    { row: 'replication mode None', vm: { replication: replicated(ReplicationMode.None) }, verdict: 'not-applicable', reason: Reason.NotReplicated },
    { row: 'no replication, component query failed', vm: { replication: null, errors: [{ source: 'Get-VMIntegrationService', message: 'x' }] },
        verdict: 'not-applicable', reason: Reason.NotReplicated },
    { row: 'TestReplica', vm: { replication: replicated(ReplicationMode.TestReplica), kvp: kvpWith(KvpStatus.NoContact) },
        verdict: 'not-applicable', reason: Reason.TestReplica },
    { row: 'Get-VMIntegrationService failed', vm: { kvp: null, errors: [{ source: 'Get-VMIntegrationService', message: 'x' }] },
        verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'Get-VMNetworkAdapter failed', vm: { errors: [{ source: 'Get-VMNetworkAdapter', message: 'x' }] }, verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'failover settings query failed', vm: { errors: [{ source: 'Msvm_FailoverNetworkAdapterSettingData', message: 'x' }] },
        verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'failover settings failed (older script)', vm: { errors: [{ source: 'Get-VMNetworkAdapterFailoverConfiguration', message: 'x' }] },
        verdict: 'scan-error', reason: Reason.ScanError },
    { row: 'DVD query failed: not a rule fact', vm: { errors: [{ source: 'Get-VMDvdDrive', message: 'x' }] }, verdict: 'pass', reason: Reason.KvpAnswers },
    { row: 'no KVP component', vm: { kvp: null }, verdict: 'fail', reason: Reason.KvpMissing },
    { row: 'no KVP component, VM off', vm: { kvp: null, state: VmState.Off }, verdict: 'fail', reason: Reason.KvpMissing },
    { row: 'KVP disabled on the host', vm: { kvp: kvpWith(null, false) }, verdict: 'fail', reason: Reason.KvpDisabled },
    { row: 'KVP disabled on the host, Replica off', vm: { kvp: kvpWith(null, false), state: VmState.Off, replication: replicated(ReplicationMode.Replica) },
        verdict: 'fail', reason: Reason.KvpDisabled },
    { row: 'primary off', vm: { state: VmState.Off, kvp: kvpWith(null) }, verdict: 'unknown', reason: Reason.NotRunning },
    { row: 'primary saved', vm: { state: VmState.Saved, kvp: kvpWith(null) }, verdict: 'unknown', reason: Reason.NotRunning },
    { row: 'primary paused', vm: { state: VmState.Paused, kvp: kvpWith(KvpStatus.Ok) }, verdict: 'unknown', reason: Reason.NotRunning },
    { row: 'Replica off', vm: { state: VmState.Off, kvp: kvpWith(null), replication: replicated(ReplicationMode.Replica) },
        verdict: 'unknown', reason: Reason.ReplicaOff },
    { row: 'extended Replica off', vm: { state: VmState.Off, kvp: kvpWith(null), replication: replicated(ReplicationMode.ExtendedReplica) },
        verdict: 'unknown', reason: Reason.ReplicaOff },
    { row: 'KVP no contact', vm: { kvp: kvpWith(KvpStatus.NoContact) }, verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'KVP error', vm: { kvp: kvpWith(KvpStatus.Error) }, verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'KVP non-recoverable error', vm: { kvp: kvpWith(KvpStatus.NonRecoverableError) }, verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'KVP status disabled', vm: { kvp: kvpWith(KvpStatus.Disabled) }, verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'running Replica (failed over), no contact', vm: { kvp: kvpWith(KvpStatus.NoContact), replication: replicated(ReplicationMode.Replica) },
        verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'KVP lost communication', vm: { kvp: kvpWith(KvpStatus.LostCommunication) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'KVP communication timed out', vm: { kvp: kvpWith(KvpStatus.CommunicationTimedOut) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'KVP communication failed', vm: { kvp: kvpWith(KvpStatus.CommunicationFailed) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'KVP degraded', vm: { kvp: kvpWith(KvpStatus.Degraded) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'KVP protocol mismatch as the primary status (not from real hosts)', vm: { kvp: kvpWith(KvpStatus.ProtocolMismatch) },
        verdict: 'warn', reason: Reason.KvpOutOfDate },
    { row: 'KVP application critical', vm: { kvp: kvpWith(KvpStatus.ApplicationCritical) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    // Real hosts: the primary status is Ok, Degraded, NonRecoverableError, NoContact or LostCommunication; the detail is the secondary.
    { row: 'Ok + ProtocolMismatch: integration services out of date', vm: { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.ProtocolMismatch) },
        verdict: 'warn', reason: Reason.KvpOutOfDate },
    { row: 'Degraded + ProtocolMismatch: out of date', vm: { kvp: kvpWith(KvpStatus.Degraded, true, KvpStatus.ProtocolMismatch) },
        verdict: 'warn', reason: Reason.KvpOutOfDate },
    { row: 'Ok + ProtocolMismatch, only legacy adapters: out of date first', vm: { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.ProtocolMismatch),
        adapters: [{ id: nicId, name: 'Legacy', legacy: true, failover: null, ipv4: null, ipv6: null }] }, verdict: 'warn', reason: Reason.KvpOutOfDate },
    { row: 'Ok + CommunicationTimedOut', vm: { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.CommunicationTimedOut) },
        verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'Ok + CommunicationFailed', vm: { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.CommunicationFailed) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'Ok + ApplicationCritical', vm: { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.ApplicationCritical) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'Ok + NoContact', vm: { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.NoContact) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'Ok + LostCommunication', vm: { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.LostCommunication) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'Ok + a secondary status this tool does not know', vm: { kvp: kvpWith(KvpStatus.Ok, true, 40000) }, verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'Ok + Ok: no detail', vm: { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.Ok) }, verdict: 'pass', reason: Reason.KvpAnswers },
    { row: 'Degraded + CommunicationTimedOut', vm: { kvp: kvpWith(KvpStatus.Degraded, true, KvpStatus.CommunicationTimedOut) },
        verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'Degraded + ApplicationCritical', vm: { kvp: kvpWith(KvpStatus.Degraded, true, KvpStatus.ApplicationCritical) },
        verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'NoContact + CommunicationFailed', vm: { kvp: kvpWith(KvpStatus.NoContact, true, KvpStatus.CommunicationFailed) },
        verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'NoContact + ProtocolMismatch: not answering wins', vm: { kvp: kvpWith(KvpStatus.NoContact, true, KvpStatus.ProtocolMismatch) },
        verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'NonRecoverableError + ProtocolMismatch', vm: { kvp: kvpWith(KvpStatus.NonRecoverableError, true, KvpStatus.ProtocolMismatch) },
        verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'LostCommunication + CommunicationTimedOut', vm: { kvp: kvpWith(KvpStatus.LostCommunication, true, KvpStatus.CommunicationTimedOut) },
        verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'LostCommunication + ProtocolMismatch', vm: { kvp: kvpWith(KvpStatus.LostCommunication, true, KvpStatus.ProtocolMismatch) },
        verdict: 'warn', reason: Reason.KvpDoubtful },
    { row: 'no primary status, a secondary one', vm: { kvp: kvpWith(null, true, KvpStatus.ProtocolMismatch) }, verdict: 'unknown', reason: Reason.NoKvpStatus },
    { row: 'Ok + ProtocolMismatch, VM off', vm: { state: VmState.Off, kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.ProtocolMismatch) },
        verdict: 'unknown', reason: Reason.NotRunning },
    // Every VMState: a *Critical state is judged as its base state.
    { row: 'RunningCritical, KVP answers', vm: { state: VmState.RunningCritical }, verdict: 'pass', reason: Reason.KvpAnswers },
    { row: 'RunningCritical, no contact', vm: { state: VmState.RunningCritical, kvp: kvpWith(KvpStatus.NoContact) },
        verdict: 'fail', reason: Reason.KvpNotAnswering },
    { row: 'ForceShutdown (32781, not RunningCritical)', vm: { state: VmState.ForceShutdown }, verdict: 'unknown', reason: Reason.NotRunning },
    { row: 'OffCritical', vm: { state: VmState.OffCritical, kvp: kvpWith(null) }, verdict: 'unknown', reason: Reason.NotRunning },
    { row: 'SavedCritical Replica', vm: { state: VmState.SavedCritical, kvp: kvpWith(null), replication: replicated(ReplicationMode.Replica) },
        verdict: 'unknown', reason: Reason.ReplicaOff },
    { row: 'FastSavingCritical', vm: { state: VmState.FastSavingCritical }, verdict: 'unknown', reason: Reason.NotRunning },
    { row: 'KVP answers, only legacy adapters', vm: { adapters: [{ id: nicId, name: 'Legacy', legacy: true, failover: null, ipv4: null, ipv6: null }] },
        verdict: 'warn', reason: Reason.LegacyAdaptersOnly },
    { row: 'KVP answers', vm: {}, verdict: 'pass', reason: Reason.KvpAnswers },
    { row: 'KVP answers, no adapters', vm: { adapters: [] }, verdict: 'pass', reason: Reason.KvpAnswers },
    { row: 'KVP answers, legacy and synthetic adapters', vm: { adapters: [
        { id: nicId, name: 'Legacy', legacy: true, failover: null, ipv4: null, ipv6: null },
        { id: nicId, name: 'Network Adapter', legacy: false, failover: 0, ipv4: null, ipv6: null }] }, verdict: 'pass', reason: Reason.KvpAnswers },
    { row: 'KVP answers, extended Replica running', vm: { replication: replicated(ReplicationMode.ExtendedReplica) },
        verdict: 'pass', reason: Reason.KvpAnswers },
    { row: 'running, no KVP status', vm: { kvp: kvpWith(null) }, verdict: 'unknown', reason: Reason.NoKvpStatus },
    { row: 'running, a status this tool does not know', vm: { kvp: kvpWith(99) }, verdict: 'unknown', reason: Reason.NoKvpStatus }
];

describe('The integration services rule, row by row', () => {
    for (const row of table) {
        it(`${row.row}: ${row.verdict}`, () => {
            const finding = evaluateVm(vmFacts(row.vm));
            expect([finding.verdict, finding.reason]).toEqual([row.verdict, row.reason]);
        });
    }
});

describe('Every VM state', () => {
    it('knows every real VMState value, the *Critical ones off ForceShutdown by four', () => {
        expect(VmState.ForceShutdown).toBe(32781);
        expect(VmState.ForceReboot).toBe(32782);
        expect(VmState.Hibernated).toBe(32783);
        expect(VmState.ComponentServicing).toBe(32784);
        expect(VmState.RunningCritical).toBe(32785);
        expect(VmState.FastSavingCritical).toBe(32796);
        const names = Object.keys(VmState).filter(k => isNaN(Number(k)));
        expect(names.length).toBe(29);
    });

    it('judges each *Critical state as its base state', () => {
        const pairs: [VmState, VmState][] = [
            [VmState.RunningCritical, VmState.Running], [VmState.OffCritical, VmState.Off], [VmState.StoppingCritical, VmState.Stopping],
            [VmState.SavedCritical, VmState.Saved], [VmState.PausedCritical, VmState.Paused], [VmState.StartingCritical, VmState.Starting],
            [VmState.ResetCritical, VmState.Reset], [VmState.SavingCritical, VmState.Saving], [VmState.PausingCritical, VmState.Pausing],
            [VmState.ResumingCritical, VmState.Resuming], [VmState.FastSavedCritical, VmState.FastSaved], [VmState.FastSavingCritical, VmState.FastSaving]
        ];
        for (const [critical, base] of pairs) {
            expect(baseVmState(critical)).toBe(base);
            expect(evaluateVm(vmFacts({ state: critical })).verdict).toBe(evaluateVm(vmFacts({ state: base })).verdict);
        }
        expect(baseVmState(VmState.ForceShutdown)).toBe(VmState.ForceShutdown);
    });
});

describe('evaluate', () => {
    it('gives one finding per VM, in snapshot order, and counts them per verdict', () => {
        const result = evaluate(snapshotOf([
            vmFacts({ id: 'a', name: 'A' }),
            vmFacts({ id: 'b', name: 'B', kvp: kvpWith(KvpStatus.NoContact) }),
            vmFacts({ id: 'c', name: 'C', replication: null }),
            vmFacts({ id: 'd', name: 'D', kvp: kvpWith(KvpStatus.NoContact) })
        ]));
        expect(result.findings.map(f => f.vm.name)).toEqual(['A', 'B', 'C', 'D']);
        expect(countVerdicts(result.findings)).toEqual({ 'fail': 2, 'warn': 0, 'scan-error': 0, 'unknown': 0, 'pass': 1, 'not-applicable': 1 });
        expect(result.host.name).toBe('HV01');
    });

    it('carries a host scan error with no findings', () => {
        const result = evaluate(snapshotOf([], { error: { code: 'HyperVModuleMissing', message: 'missing' } }));
        expect(result.hostError?.code).toBe('HyperVModuleMissing');
        expect(result.findings).toEqual([]);
    });

    it('marks which VMs take part in replication', () => {
        expect(evaluateVm(vmFacts()).takesPart).toBeTrue();
        expect(evaluateVm(vmFacts({ replication: replicated(ReplicationMode.Replica) })).takesPart).toBeTrue();
        expect(evaluateVm(vmFacts({ replication: replicated(ReplicationMode.TestReplica) })).takesPart).toBeFalse();
        expect(evaluateVm(vmFacts({ replication: null })).takesPart).toBeFalse();
    });

    it('collects the failover addresses of synthetic adapters', () => {
        const finding = evaluateVm(vmFacts({ adapters: [
            { id: nicId, name: 'A', legacy: false, failover: 4098, ipv4: '10.0.0.5', ipv6: 'fd00::5' },
            { id: nicId, name: 'B', legacy: false, failover: 0, ipv4: null, ipv6: null },
            { id: nicId, name: 'L', legacy: true, failover: 4096, ipv4: '10.9.9.9', ipv6: null }] }));
        expect(finding.failoverAddresses).toEqual(['10.0.0.5', 'fd00::5']);
        expect(finding.failoverConfigured).toBeTrue();
        expect(evaluateVm(vmFacts({ adapters: [{ id: nicId, name: 'B', legacy: false, failover: 0, ipv4: null, ipv6: null }] })).failoverConfigured)
            .toBeFalse();
        expect(evaluateVm(vmFacts({ replication: null, adapters: [{ id: nicId, name: 'B', legacy: false, failover: null, ipv4: null, ipv6: null }] }))
            .failoverConfigured).toBeNull();
    });
});
