import { Strings } from '../../generated/strings';
import { sentenceCase } from '../common/text';
import { Exclusion, findExclusion, matchExclusion } from '../exclusions/exclusions';
import { describeFinding, kvpStatusText } from '../rules/describe-finding';
import { Finding, RuleId, Verdict, verdicts } from '../rules/finding';
import { memberName, ReplicationMode, ReplicationState } from '../snapshot/hyperv-enums';
import { SnapshotHost } from '../snapshot/snapshot';

type ToolStrings = Strings['HvtoolsReplicaFailoverIp'];

/** One grid row: the finding plus the flat, display-ready fields the columns sort and filter on. */
export interface FindingRow {
    id: string;
    vmName: string;
    verdict: Verdict;
    verdictLabel: string;
    /** Worst first: fail 0, warn 1, ... (the verdict column sorts by it). */
    verdictRank: number;
    mode: string;
    replicationState: string;
    kvp: string;
    integrationServices: string;
    failoverIp: string;
    /** Whether Server Manager's BPA lists the VM under the row's rule: Yes, No, or '' when the VM could not be read. */
    bpa: string;
    message: string;
    /** The owner node, as the connection knows it: remediation and VM Connection target it. */
    node: string;
    /** The scanned host the VM runs on (OS version, setup disk, cluster). */
    host: SnapshotHost | null;
    /** The VM's finding under the row's rule. */
    finding: Finding;
    /** The exclusion that applies (made for this VM's current verdict under the rule): the row leaves the counts. */
    excluded: Exclusion | null;
    /** The exclusion kept for this VM under the rule, applying or not (its verdict changed since). */
    exclusionRecord: Exclusion | null;
    /** The VM's findings under every rule the row was built with (its own rule at least). */
    byRule: Record<RuleId, Finding>;
}

/** The texts the rows are made of: the generated strings' `Finding` and `Grid` sections (the compiler checks every key). */
export type GridTexts = Pick<ToolStrings, 'Finding' | 'Grid'>;

/** Resjson keys cannot hold '-': the verdict's key in the strings. */
const verdictKeys: Record<Verdict, keyof ToolStrings['Finding']['Verdict']> = {
    'fail': 'fail', 'warn': 'warn', 'pass': 'pass', 'unknown': 'unknown', 'not-applicable': 'notApplicable', 'scan-error': 'scanError'
};

export function verdictKey(verdict: Verdict): keyof ToolStrings['Finding']['Verdict'] {
    return verdictKeys[verdict];
}

function kvpColumn(finding: Finding, texts: GridTexts): string {
    const vm = finding.vm;
    if (!vm.kvp) {
        return vm.errors.some(e => e.source === 'Get-VMIntegrationService') ? texts.Grid.notRead : texts.Grid.none;
    }
    if (!vm.kvp.enabled) {
        return sentenceCase(texts.Finding.KvpStatus.Disabled);
    }
    return sentenceCase(kvpStatusText(finding, texts.Finding)) || texts.Grid.notReported;
}

/** Where a row's VM is (node and host), and its findings under the other rules. */
export interface RowOrigin {
    node: string;
    host: SnapshotHost | null;
    byRule?: Record<RuleId, Finding>;
}

export function toRow(finding: Finding, texts: GridTexts, origin: RowOrigin = { node: '', host: null }): FindingRow {
    const vm = finding.vm;
    const replication = vm.replication;
    const modeName = replication ? memberName(ReplicationMode, replication.mode) : null;
    const stateName = replication ? memberName(ReplicationState, replication.state) : null;
    let failoverIp = texts.Grid.notRead;
    if (finding.failoverConfigured === true) {
        failoverIp = `${texts.Grid.yes} (${finding.failoverAddresses.join(', ')})`;
    } else if (finding.failoverConfigured === false) {
        failoverIp = texts.Grid.no;
    }
    return {
        id: vm.id,
        vmName: vm.name,
        verdict: finding.verdict,
        verdictLabel: texts.Finding.Verdict[verdictKey(finding.verdict)],
        verdictRank: verdicts.indexOf(finding.verdict),
        mode: !replication ? texts.Grid.none : sentenceCase(modeName ? texts.Finding.Mode[modeName] : String(replication.mode)),
        replicationState: !replication ? '' : stateName ? texts.Finding.ReplicationState[stateName] : String(replication.state),
        kvp: kvpColumn(finding, texts),
        integrationServices: [vm.isVersion, vm.isState].filter(x => !!x).join(', '),
        failoverIp,
        bpa: finding.bpa === null ? '' : finding.bpa ? texts.Grid.yes : texts.Grid.no,
        message: describeFinding(finding, texts.Finding),
        node: origin.node,
        host: origin.host,
        finding,
        excluded: null,
        exclusionRecord: null,
        byRule: { ...origin.byRule, [finding.rule]: finding }
    };
}

/**
 * The rows with the exclusions of a connection (`host`: the server, or the cluster's name) under a
 * rule: a row is excluded while its verdict is the one its exclusion was made for.
 */
export function withExclusions(rows: readonly FindingRow[], exclusions: readonly Exclusion[], host: string, rule: string): FindingRow[] {
    return rows.map(r => {
        const exclusionRecord = findExclusion(exclusions, host, r.id, rule);
        const excluded = exclusionRecord ? matchExclusion(exclusions, host, r.id, rule, r.verdict) : null;
        return exclusionRecord || r.exclusionRecord ? { ...r, excluded, exclusionRecord } : r;
    });
}

export interface RowFilter {
    /** Case-insensitive text matched against the VM name, verdict, mode, KVP status and message. */
    text: string;
    /** null: every verdict. */
    verdict: Verdict | null;
    /** false: only VMs that take part in replication. */
    showAll: boolean;
    /** true: excluded rows are listed too (marked); false or absent: they are left out. */
    showExcluded?: boolean;
}

/** Rows in scope: VMs that take part in replication, or every VM when showAll is on. */
export function rowsInScope(rows: readonly FindingRow[], showAll: boolean): FindingRow[] {
    return showAll ? rows.slice() : rows.filter(r => r.finding.takesPart);
}

export function filterRows(rows: readonly FindingRow[], filter: RowFilter): FindingRow[] {
    const text = filter.text.trim().toLocaleLowerCase();
    return rowsInScope(rows, filter.showAll).filter(r =>
        (!r.excluded || !!filter.showExcluded) &&
        (filter.verdict === null || r.verdict === filter.verdict) &&
        (!text || [r.vmName, r.verdictLabel, r.mode, r.replicationState, r.kvp, r.node, r.message].some(v => v.toLocaleLowerCase().includes(text))));
}

/** Rows per verdict, in the grid's order (worst first); excluded rows do not count. */
export function countRows(rows: readonly FindingRow[]): { verdict: Verdict; count: number }[] {
    return verdicts.map(verdict => ({ verdict, count: rows.filter(r => r.verdict === verdict && !r.excluded).length }));
}
