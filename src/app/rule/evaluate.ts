import { baseVmState, FailoverProtocol, KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { Snapshot, SnapshotKvp, SnapshotVm } from '../snapshot/snapshot';
import { Finding, HostFindings, Reason, Verdict, verdicts } from './finding';

/** Queries whose failure leaves the rule without the facts it judges by. */
const replicationSources = ['Get-VM', 'Get-VMReplication'];
const componentSources = [
    'Get-VMIntegrationService', 'Get-VMNetworkAdapter',
    // Failover settings: one CIM query since the script reads them that way; the cmdlet in snapshots of older scripts.
    'Msvm_FailoverNetworkAdapterSettingData', 'Get-VMNetworkAdapterFailoverConfiguration'
];

/** KVP statuses that mean the guest component is absent or not answering: a failover IP cannot be injected. */
const notAnswering = new Set<number>([KvpStatus.NoContact, KvpStatus.Error, KvpStatus.NonRecoverableError, KvpStatus.Disabled]);

/** KVP statuses that mean the component is there but its communication is failing: injection is doubtful. */
const doubtful = new Set<number>([
    KvpStatus.Degraded, KvpStatus.LostCommunication, KvpStatus.ProtocolMismatch, KvpStatus.ApplicationCritical,
    KvpStatus.CommunicationTimedOut, KvpStatus.CommunicationFailed
]);

/** Primary statuses with which the component still answers the host. */
const answering = new Set<number>([KvpStatus.Ok, KvpStatus.Degraded]);

const takingPartModes = new Set<number>([ReplicationMode.Primary, ReplicationMode.Replica, ReplicationMode.ExtendedReplica]);
const offUntilFailoverModes = new Set<number>([ReplicationMode.Replica, ReplicationMode.ExtendedReplica]);

function hasErrorFrom(vm: SnapshotVm, sources: string[]): boolean {
    return vm.errors.some(e => sources.includes(e.source));
}

/** The secondary status, when it adds a detail (null and Ok add none). */
function secondaryDetail(kvp: SnapshotKvp): number | null {
    const secondary = kvp.secondaryStatus;
    return secondary === null || secondary === undefined || secondary === KvpStatus.Ok ? null : secondary;
}

/**
 * Out-of-date integration services: primary Ok or Degraded with secondary ProtocolMismatch (what
 * real hosts report), or ProtocolMismatch as the primary status (not seen from real hosts; kept).
 */
function outOfDate(kvp: SnapshotKvp): boolean {
    return kvp.status === KvpStatus.ProtocolMismatch ||
        (kvp.status !== null && answering.has(kvp.status) && secondaryDetail(kvp) === KvpStatus.ProtocolMismatch);
}

function judge(vm: SnapshotVm): [Verdict, Reason] {
    if (hasErrorFrom(vm, replicationSources)) {
        return ['scan-error', Reason.ScanError];
    }
    const mode = vm.replication ? vm.replication.mode : ReplicationMode.None;
    if (mode === ReplicationMode.TestReplica) {
        return ['not-applicable', Reason.TestReplica];
    }
    if (!takingPartModes.has(mode)) {
        return ['not-applicable', Reason.NotReplicated];
    }
    if (hasErrorFrom(vm, componentSources)) {
        return ['scan-error', Reason.ScanError];
    }
    const kvp = vm.kvp;
    // Host-side facts hold whatever the VM's state: a missing or disabled component fails now.
    if (!kvp) {
        return ['fail', Reason.KvpMissing];
    }
    if (!kvp.enabled) {
        return ['fail', Reason.KvpDisabled];
    }
    // A *Critical state is judged as its base state (RunningCritical as running).
    if (baseVmState(vm.state) !== VmState.Running) {
        return ['unknown', offUntilFailoverModes.has(mode) ? Reason.ReplicaOff : Reason.NotRunning];
    }
    if (outOfDate(kvp)) {
        return ['warn', Reason.KvpOutOfDate];
    }
    if (kvp.status === KvpStatus.Ok) {
        // Any other detail beside a primary Ok (CommunicationTimedOut, CommunicationFailed,
        // ApplicationCritical, NoContact, ... or a value the tool doesn't know) makes injection doubtful.
        if (secondaryDetail(kvp) !== null) {
            return ['warn', Reason.KvpDoubtful];
        }
        const onlyLegacy = vm.adapters.length > 0 && vm.adapters.every(a => a.legacy);
        return onlyLegacy ? ['warn', Reason.LegacyAdaptersOnly] : ['pass', Reason.KvpAnswers];
    }
    if (kvp.status !== null && notAnswering.has(kvp.status)) {
        return ['fail', Reason.KvpNotAnswering];
    }
    if (kvp.status !== null && doubtful.has(kvp.status)) {
        return ['warn', Reason.KvpDoubtful];
    }
    return ['unknown', Reason.NoKvpStatus];
}

function failoverFacts(vm: SnapshotVm): { addresses: string[]; configured: boolean | null } {
    const addresses: string[] = [];
    let read = false;
    let configured = false;
    for (const adapter of vm.adapters) {
        if (adapter.legacy || adapter.failover === null) {
            continue;
        }
        read = true;
        if (adapter.failover !== FailoverProtocol.None) {
            configured = true;
            if (adapter.ipv4) {
                addresses.push(adapter.ipv4);
            }
            if (adapter.ipv6) {
                addresses.push(adapter.ipv6);
            }
        }
    }
    return { addresses, configured: read ? configured : null };
}

/** Judges one VM. */
export function evaluateVm(vm: SnapshotVm): Finding {
    const [verdict, reason] = judge(vm);
    const failover = failoverFacts(vm);
    const mode = vm.replication ? vm.replication.mode : ReplicationMode.None;
    return {
        vm,
        verdict,
        reason,
        takesPart: takingPartModes.has(mode),
        failoverAddresses: failover.addresses,
        failoverConfigured: failover.configured
    };
}

export function countVerdicts(findings: readonly Finding[]): Record<Verdict, number> {
    const counts = {} as Record<Verdict, number>;
    for (const verdict of verdicts) {
        counts[verdict] = 0;
    }
    for (const finding of findings) {
        counts[finding.verdict]++;
    }
    return counts;
}

/** The rule: one finding per VM of the snapshot. Pure: the same snapshot always gives the same findings. */
export function evaluate(snapshot: Snapshot): HostFindings {
    const findings = snapshot.vms.map(evaluateVm);
    return {
        host: snapshot.host,
        collectedAt: snapshot.collectedAt,
        hostError: snapshot.error,
        findings,
        counts: countVerdicts(findings)
    };
}
