/**
 * The findings page under every rule of the registry: rows per rule, the rule switch's options with
 * each rule's counts, the BPA filter, and what the details pane says of each rule and of Server
 * Manager's BPA. Plain functions over the generated strings (the compiler checks every key); the components bind them.
 */
import { Strings } from '../../generated/strings';
import { fillTemplate } from '../common/text';
import { describeBpaNote, describeFinding } from '../rules/describe-finding';
import { Finding, RuleId, Verdict } from '../rules/finding';
import { RuleDefinition, RuleTexts } from '../rules/rule-definition';
import { MergedFindings } from '../scan/node-outcomes';
import { countRows, FindingRow, GridTexts, rowsInScope, toRow, verdictKey } from './finding-row';

type ToolStrings = Strings['HvtoolsReplicaFailoverIp'];

/** The BPA filter: listed by the BPA, not listed, or listed differently from this tool (a note explains it); null: every row. */
export type BpaFilter = 'listed' | 'not-listed' | 'differs';

export const bpaFilters: readonly BpaFilter[] = ['differs', 'listed', 'not-listed'];

/** A rule's own texts, as the details pane shows them. */
export interface RuleInfo extends RuleTexts {
    rule: RuleId;
}

export function ruleInfo(strings: ToolStrings, rule: RuleDefinition): RuleInfo {
    return { rule: rule.id, ...rule.texts(strings) };
}

/** One row per VM under each rule, in the merged order; each row also carries the VM's findings under the other rules. */
export function rowsByRule(merged: MergedFindings, texts: GridTexts, rules: readonly RuleDefinition[]): Record<RuleId, FindingRow[]> {
    const rows: Record<RuleId, FindingRow[]> = {};
    for (const rule of rules) {
        rows[rule.id] = merged.vms.map(v => toRow(v.byRule[rule.id], texts, { node: v.node, host: v.host, byRule: v.byRule }));
    }
    return rows;
}

/** The rule switch's options: each rule's name with its fail and warning counts among the rows in scope. */
export function ruleOptions(rows: Record<RuleId, FindingRow[]>, showAll: boolean, strings: ToolStrings, rules: readonly RuleDefinition[]):
    { rule: RuleId; label: string }[] {
    return rules.map(rule => {
        const counts = countRows(rowsInScope(rows[rule.id] || [], showAll));
        const count = (verdict: Verdict) => String(counts.find(c => c.verdict === verdict)?.count ?? 0);
        return {
            rule: rule.id,
            label: fillTemplate(strings.Grid.ruleOption, {
                rule: rule.texts(strings).name,
                failLabel: strings.Finding.Verdict[verdictKey('fail')], fail: count('fail'),
                warnLabel: strings.Finding.Verdict[verdictKey('warn')], warn: count('warn')
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
        case 'differs': return finding.bpaNote !== null;
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

/** The VM's verdict under every rule the row knows, in the registry's order. */
export function ruleVerdicts(row: FindingRow, strings: ToolStrings, rules: readonly RuleDefinition[]): RuleVerdictLine[] {
    const lines: RuleVerdictLine[] = [];
    for (const rule of rules) {
        const finding = row.byRule[rule.id];
        if (finding) {
            lines.push({
                rule: rule.id, name: rule.texts(strings).name, verdict: finding.verdict,
                verdictLabel: strings.Finding.Verdict[verdictKey(finding.verdict)], message: describeFinding(finding, strings.Finding)
            });
        }
    }
    return lines;
}

/** What Server Manager's BPA says of the VM under the row's rule, and the note that explains a difference ('' when none). */
export function bpaLine(finding: Finding, strings: ToolStrings): { answer: string; note: string } {
    const b = strings.Details.Bpa;
    const answer = finding.bpa === null ? b.notRead : finding.bpa ? b.listed : b.notListed;
    return { answer, note: describeBpaNote(finding, strings.Finding) };
}
