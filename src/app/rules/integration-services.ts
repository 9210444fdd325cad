/**
 * Integration services must be installed before primary or Replica VMs can use an alternate IP
 * address after a failover (BPA, Error): the host injects the failover IP through the guest's
 * Key-Value Pair Exchange component, so the component must be there, enabled, and answering.
 */
import { baseVmState, KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { SnapshotKvp, SnapshotVm } from '../snapshot/snapshot';
import { BpaNote, Finding, Reason, Verdict } from './finding';
import { RuleDefinition } from './rule-definition';
import { adapterSources, failoverFacts, hasErrorFrom, modeOf, replicationSources, takingPartModes } from './vm-facts';

/** Queries whose failure leaves the rule without the facts it judges by. */
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

function judge(vm: SnapshotVm): [Verdict, Reason] {
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

/** The BPA lists an examined Replica VM that has a failover IP address and whose KVP component the host does not offer (missing or not Enabled). */
function bpaLists(vm: SnapshotVm): boolean {
    return failoverFacts(vm).configured === true && (!vm.kvp || !vm.kvp.enabled);
}

/** The BPA reads the host's setting only, and only for VMs with a failover IP address. */
function bpaNote(finding: Finding): BpaNote | null {
    if (finding.bpa) {
        return null;
    }
    if (failoverFacts(finding.vm).configured !== true) {
        return BpaNote.NoFailoverIp;
    }
    return finding.verdict === 'unknown' ? BpaNote.GuestUnknown : BpaNote.GuestNotExamined;
}

export const integrationServicesRule: RuleDefinition = {
    id: 'hyperv-replica-failover-ip-integration-services',
    cliName: 'integration-services',
    // BPA severity Error: exit 1 when a VM fails.
    failing: 'fail',
    judge,
    bpaLists,
    bpaNote,
    texts: strings => strings.IntegrationServicesRule
};
