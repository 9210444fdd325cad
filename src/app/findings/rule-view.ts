/**
 * The findings page under both rules: rows per rule, the rule switch's options with each rule's
 * counts, the BPA filter, and what the details pane says of each rule and of Server Manager's BPA.
 * Plain functions over the generated strings (the compiler checks every key); the components bind them.
 */
import { Strings } from '../../generated/strings';
import { bpaNote } from '../rule/bpa';
import { describeBpaNote, describeFinding, fillTemplate } from '../rule/describe-finding';
import { Finding, failoverTcpipRuleId, RuleId, ruleId, ruleIds, Verdict } from '../rule/finding';
import { MergedFindings } from '../scan/node-outcomes';
import { countRows, FindingRow, GridTexts, rowsInScope, toRow, verdictKey } from './finding-row';

type ToolStrings = Strings['HvtoolsReplicaFailoverIp'];

/** The BPA filter: listed by the BPA, not listed, or listed differently from this tool (a note explains it); null: every row. */
export type BpaFilter = 'listed' | 'not-listed' | 'differs';

export const bpaFilters: readonly BpaFilter[] = ['differs', 'listed', 'not-listed'];

/** A rule's own texts, as the details pane shows them. */
export interface RuleInfo {
    rule: RuleId;
    /** Short name: the rule switch and the details pane's Rules section. */
    name: string;
    title: string;
    severity: string;
    issue: string;
    impact: string;
    resolution: string;
}

export function ruleInfo(strings: ToolStrings, rule: RuleId): RuleInfo {
    if (rule === failoverTcpipRuleId) {
        const t = strings.FailoverTcpipRule;
        return {
            rule, name: strings.Grid.RuleNames.failoverTcpip, title: t.title, severity: t.severity, issue: t.issue, impact: t.impact, resolution: t.resolution
        };
    }
    const r = strings.Rule;
    return {
        rule, name: strings.Grid.RuleNames.integrationServices, title: r.title, severity: r.severity, issue: r.issue, impact: r.impact, resolution: r.resolution
    };
}

/** One row per VM under each rule, in the merged order; each row also carries the VM's findings under the other rules. */
export function rowsByRule(merged: MergedFindings, texts: GridTexts): Record<RuleId, FindingRow[]> {
    const rows = {} as Record<RuleId, FindingRow[]>;
    for (const rule of ruleIds) {
        rows[rule] = merged.findings.map(f => toRow(f.byRule[rule], texts, { node: f.node, host: f.host, byRule: f.byRule }));
    }
    return rows;
}

/** The rule switch's options: each rule's name with its fail and warning counts among the rows in scope. */
export function ruleOptions(rows: Record<RuleId, FindingRow[]>, showAll: boolean, strings: ToolStrings): { rule: RuleId; label: string }[] {
    return ruleIds.map(rule => {
        const counts = countRows(rowsInScope(rows[rule], showAll));
        const count = (verdict: Verdict) => String(counts.find(c => c.verdict === verdict)?.count ?? 0);
        return {
            rule,
            label: fillTemplate(strings.Grid.ruleOption, {
                rule: ruleInfo(strings, rule).name,
                failLabel: strings.Rule.Verdict[verdictKey('fail')], fail: count('fail'),
                warnLabel: strings.Rule.Verdict[verdictKey('warn')], warn: count('warn')
            })
        };
    });
}

export function bpaFilterLabel(filter: BpaFilter, strings: ToolStrings): string {
    const labels: Record<BpaFilter, string> = {
        'listed': strings.Grid.BpaFilter.listed, 'not-listed': strings.Grid.BpaFilter.notListed, 'differs': strings.Grid.BpaFilter.differs
    };
    return labels[filter];
}

/** Whether a finding passes the BPA filter. A VM that could not be read (no flag) is neither listed nor not listed, and differs in nothing. */
export function matchesBpa(finding: Finding, filter: BpaFilter | null): boolean {
    switch (filter) {
        case null: return true;
        case 'listed': return finding.bpa === true;
        case 'not-listed': return finding.bpa === false;
        case 'differs': return bpaNote(finding) !== null;
    }
}

export function filterByBpa(rows: readonly FindingRow[], filter: BpaFilter | null): FindingRow[] {
    return rows.filter(r => matchesBpa(r.finding, filter));
}

/** The BPA column sorts listed first, then not listed, then not read. */
export function compareBpa(a: FindingRow, b: FindingRow): number {
    const rank = (row: FindingRow) => (row.finding.bpa === true ? 0 : row.finding.bpa === false ? 1 : 2);
    return rank(a) - rank(b);
}

/** One line of the details pane's Rules section. */
export interface RuleVerdictLine {
    rule: RuleId;
    name: string;
    verdict: Verdict;
    verdictLabel: string;
    message: string;
}

/** The VM's verdict under every rule the row knows, the seed rule first. */
export function ruleVerdicts(row: FindingRow, strings: ToolStrings): RuleVerdictLine[] {
    const lines: RuleVerdictLine[] = [];
    for (const rule of ruleIds) {
        const finding = row.byRule[rule];
        if (finding) {
            lines.push({
                rule, name: ruleInfo(strings, rule).name, verdict: finding.verdict,
                verdictLabel: strings.Rule.Verdict[verdictKey(finding.verdict)], message: describeFinding(finding, strings.Rule)
            });
        }
    }
    return lines;
}

/** What Server Manager's BPA says of the VM under the row's rule, and the note that explains a difference ('' when none). */
export function bpaLine(finding: Finding, strings: ToolStrings): { answer: string; note: string } {
    const b = strings.Details.Bpa;
    const answer = finding.bpa === null ? b.notRead : finding.bpa ? b.listed : b.notListed;
    return { answer, note: describeBpaNote(finding, strings.Rule) };
}

/** The seed rule's finding of a row, which remediation acts on (whatever rule the grid shows). */
export function seedFinding(row: FindingRow): Finding | null {
    return row.byRule[ruleId] ?? null;
}
