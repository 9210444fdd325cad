import { baseVmState, KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { Snapshot, SnapshotKvp, SnapshotVm } from '../snapshot/snapshot';
import { bpaFlag } from './bpa';
import { judgeFailoverTcpip } from './failover-tcpip';
import { Finding, HostFindings, Reason, ruleId, RuleId, Verdict, verdicts } from './finding';
import { adapterSources, failoverFacts, hasErrorFrom, modeOf, replicationSources } from './vm-facts';

/** Queries whose failure leaves the seed rule without the facts it judges by. */
const componentSources = ['Get-VMIntegrationService', ...adapterSources];

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

function judgeSeedRule(vm: SnapshotVm): [Verdict, Reason] {
    if (hasErrorFrom(vm, replicationSources)) {
        return ['scan-error', Reason.ScanError];
    }
    const mode = modeOf(vm);
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

/** Judges one VM under a rule (the seed rule unless named). */
export function evaluateVm(vm: SnapshotVm, rule: RuleId = ruleId): Finding {
    const [verdict, reason] = rule === ruleId ? judgeSeedRule(vm) : judgeFailoverTcpip(vm);
    const failover = failoverFacts(vm);
    return {
        rule,
        vm,
        verdict,
        reason,
        takesPart: takingPartModes.has(modeOf(vm)),
        failoverAddresses: failover.addresses,
        failoverConfigured: failover.configured,
        bpa: bpaFlag(rule, vm, verdict)
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

/** A rule (the seed rule unless named): one finding per VM of the snapshot. Pure: the same snapshot always gives the same findings. */
export function evaluate(snapshot: Snapshot, rule: RuleId = ruleId): HostFindings {
    const findings = snapshot.vms.map(vm => evaluateVm(vm, rule));
    return {
        rule,
        host: snapshot.host,
        collectedAt: snapshot.collectedAt,
        hostError: snapshot.error,
        findings,
        counts: countVerdicts(findings)
    };
}
