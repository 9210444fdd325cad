import { Strings } from '../../generated/strings';
import { SnapshotVm } from '../snapshot/snapshot';
import { BpaNote, Finding, Reason, RuleId, Verdict } from './finding';

/** A rule's own texts (its strings section): the rule switch, the details pane. */
export interface RuleTexts {
    /** Short name: the rule switch and the details pane's Rules section. */
    name: string;
    title: string;
    severity: string;
    issue: string;
    impact: string;
    resolution: string;
}

/**
 * Everything that varies by rule. The registry (registry.ts) lists the rules; evaluation, the BPA
 * flag and notes, the grid's rule switch, the details pane, the export and the command-line check
 * read it, so a rule is added in its own file and one line of the registry.
 */
export interface RuleDefinition {
    /** Stored in exclusions and in the command-line check's output: never changed once released. */
    id: RuleId;
    /** The short name the command-line check's `--rule` takes (the id is accepted too). */
    cliName: string;
    /** The verdict that asks the admin to act under this rule: a VM that gets it makes the command-line check exit 1. */
    failing: Verdict;
    /** The verdict and why, from the VM's facts. */
    judge(vm: SnapshotVm): [Verdict, Reason];
    /** Whether Server Manager's BPA lists a VM it examines (a Replica whose replication is not Disabled) under this rule. */
    bpaLists(vm: SnapshotVm): boolean;
    /**
     * The rule's own explanation of a difference between the verdict and the BPA's flag, once the
     * differences every rule shares (a primary, an extended Replica, replication disabled) are ruled out.
     */
    bpaNote(finding: Finding): BpaNote | null;
    /** The rule's strings section. */
    texts(strings: Strings['HvtoolsReplicaFailoverIp']): RuleTexts;
}

/** The rule a finding or a `--rule` value names, or undefined. */
export function ruleById(rules: readonly RuleDefinition[], id: RuleId): RuleDefinition | undefined {
    return rules.find(r => r.id === id);
}
