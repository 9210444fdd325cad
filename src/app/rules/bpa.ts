/**
 * What Server Manager's Best Practices Analyzer reports for the same VM, and why it differs from the
 * tool. The BPA's discovery (docs/architecture.md) examines only Replica VMs whose replication is not
 * Disabled (each rule says which of those it lists: RuleDefinition.bpaLists); it never looks at the
 * guest, the power state, primaries or Extended Replica VMs.
 */
import { ReplicationMode, ReplicationState } from '../snapshot/hyperv-enums';
import { SnapshotVm } from '../snapshot/snapshot';
import { BpaNote, Finding, Verdict } from './finding';
import { RuleDefinition } from './rule-definition';
import { bpaExamines, modeOf } from './vm-facts';

/** Whether the BPA lists the VM under the rule; null when the tool could not read the VM (its verdict is scan-error). */
export function bpaFlag(rule: RuleDefinition, vm: SnapshotVm, verdict: Verdict): boolean | null {
    if (verdict === 'scan-error') {
        return null;
    }
    return bpaExamines(vm) && rule.bpaLists(vm);
}

/** The tool lists a VM when its verdict asks the admin to act (fail or warn). */
export function toolLists(verdict: Verdict): boolean {
    return verdict === 'fail' || verdict === 'warn';
}

/**
 * The note that explains a difference between the tool's verdict and the BPA's flag; null when
 * they agree (both list the VM, or neither does and the tool has no doubt) or the VM was not read.
 * The differences every rule shares first, then the rule's own.
 */
export function bpaNote(finding: Finding, rule: RuleDefinition): BpaNote | null {
    const { vm, verdict, bpa } = finding;
    if (bpa === null || verdict === 'not-applicable' && !bpa) {
        return null;
    }
    const listed = toolLists(verdict);
    if (listed === bpa && verdict !== 'unknown') {
        return null;
    }
    if (!bpa) {
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
    }
    return rule.bpaNote(finding);
}
