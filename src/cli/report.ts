/**
 * What the command-line check found, before it is written in a format: one report per host (a
 * fleet: one per snapshot file), and the exit code, the same in every format.
 */
import { RuleId, Verdict } from '../app/rules/finding';
import { ruleRegistry } from '../app/rules/registry';
import { RuleDefinition } from '../app/rules/rule-definition';
import { HostScanError } from '../app/snapshot/snapshot';
import { failsCheck } from './rules';

export interface VmResult {
    vmId: string;
    vmName: string;
    verdict: Verdict;
    message: string;
    /** Whether Server Manager's BPA lists the VM under the rule; null when the VM could not be read. */
    bpa: boolean | null;
    /** Present when an exclusion (--exclusions) applies: the result does not count toward exit 1. */
    excluded?: true;
    /** The admin's reason for the exclusion. */
    exclusionReason?: string;
}

export interface HostReport {
    /** The snapshot file (a fleet only). */
    file?: string;
    /** The host's name; absent when the file is not a snapshot. */
    host?: string;
    /** Absent when the file is not a snapshot; empty when the host could not be scanned. */
    results?: VmResult[];
    /** The host could not be scanned, or the file is not a valid snapshot. */
    error?: HostScanError | { code: 'InvalidSnapshot'; message: string };
    /** Present when the host's failover settings were tied to adapters by the InstanceID guess (named on stderr). */
    failoverMappingGuessed?: true;
}

export interface CheckReport {
    rule: RuleId;
    /** Several snapshots (or a folder): the output lists hosts. */
    fleet: boolean;
    hosts: HostReport[];
}

/** Whether a result makes the check exit 1: its verdict is the one that fails the check under the rule, and it is not excluded. */
export function countsAgainst(rule: RuleId, result: VmResult, rules: readonly RuleDefinition[] = ruleRegistry): boolean {
    return !result.excluded && failsCheck(rule, result.verdict, rules);
}

/** 2: a host could not be scanned (or a file is not a snapshot); 1: a VM fails the check under the rule; else 0. */
export function exitCode(report: CheckReport, rules: readonly RuleDefinition[] = ruleRegistry): number {
    if (report.hosts.some(h => h.error)) {
        return 2;
    }
    return report.hosts.some(h => (h.results || []).some(r => countsAgainst(report.rule, r, rules))) ? 1 : 0;
}

/** The name a host's rows carry: the host's name, else (a file that is not a snapshot) the file. */
export function hostLabel(host: HostReport): string {
    return host.host ?? host.file ?? '';
}
