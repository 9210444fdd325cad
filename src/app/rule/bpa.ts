/**
 * What Server Manager's Best Practices Analyzer reports for the same VM, and why it differs from the
 * tool. The BPA's discovery (the project's domain facts, docs/architecture.md) examines only Replica VMs whose
 * replication is not Disabled; under the seed rule it lists those that have a failover IP address
 * and whose KVP Exchange component the host does not offer (missing or not Enabled), and under the
 * companion rule those without any failover IP address. It never looks at the guest, the power
 * state, primaries or Extended Replica VMs.
 */
import { ReplicationMode, ReplicationState } from '../snapshot/hyperv-enums';
import { SnapshotVm } from '../snapshot/snapshot';
import { Finding, Reason, ruleId, RuleId, Verdict } from './finding';
import { bpaExamines, failoverFacts, modeOf } from './vm-facts';

/** Whether the BPA lists the VM under the rule; null when the tool could not read the VM (its verdict is scan-error). */
export function bpaFlag(rule: RuleId, vm: SnapshotVm, verdict: Verdict): boolean | null {
    if (verdict === 'scan-error') {
        return null;
    }
    if (!bpaExamines(vm)) {
        return false;
    }
    const hasFailoverIp = failoverFacts(vm).configured === true;
    if (rule !== ruleId) {
        return !hasFailoverIp;
    }
    return hasFailoverIp && (!vm.kvp || !vm.kvp.enabled);
}

/** Why the BPA's answer differs from the tool's; the value is the key of the sentence in the strings (Rule_Bpa_*). */
export enum BpaNote {
    /** The BPA examines Replica VMs only: not this primary. */
    PrimaryNotExamined = 'primaryNotExamined',
    ExtendedNotExamined = 'extendedNotExamined',
    ReplicationDisabled = 'replicationDisabled',
    /** Seed rule: the BPA lists only VMs that have a failover IP address. */
    NoFailoverIp = 'noFailoverIp',
    /** Seed rule: the host offers the component; the BPA does not ask whether the guest answers. */
    GuestNotExamined = 'guestNotExamined',
    /** Seed rule: the VM is not running; the BPA reports it as fine from the host's setting alone. */
    GuestUnknown = 'guestUnknown',
    /** Companion rule: the BPA lists a Replica VM without network adapters, which has nothing to configure. */
    NoAdapters = 'noAdapters'
}

/** The tool lists a VM when its verdict asks the admin to act (fail or warn). */
export function toolLists(verdict: Verdict): boolean {
    return verdict === 'fail' || verdict === 'warn';
}

/**
 * The note that explains a difference between the tool's verdict and the BPA's flag; null when
 * they agree (both list the VM, or neither does and the tool has no doubt) or the VM was not read.
 */
export function bpaNote(finding: Finding): BpaNote | null {
    const { vm, verdict, bpa } = finding;
    if (bpa === null || verdict === 'not-applicable' && !bpa) {
        return null;
    }
    const listed = toolLists(verdict);
    if (listed === bpa && verdict !== 'unknown') {
        return null;
    }
    if (bpa) {
        // The BPA lists the VM and the tool doesn't: only a Replica VM without adapters, under the companion rule.
        return finding.reason === Reason.NoAdapters ? BpaNote.NoAdapters : null;
    }
    const mode = modeOf(vm);
    if (mode === ReplicationMode.Primary) {
        return BpaNote.PrimaryNotExamined;
    }
    if (mode === ReplicationMode.ExtendedReplica) {
        return BpaNote.ExtendedNotExamined;
    }
    if (vm.replication && vm.replication.state === ReplicationState.Disabled) {
        return BpaNote.ReplicationDisabled;
    }
    if (finding.rule !== ruleId) {
        return null;
    }
    if (failoverFacts(vm).configured !== true) {
        return BpaNote.NoFailoverIp;
    }
    if (verdict === 'unknown') {
        return BpaNote.GuestUnknown;
    }
    return BpaNote.GuestNotExamined;
}
