/**
 * What Export writes: one record per VM the grid lists, built from the rows the grid shows (its texts,
 * so the file says what the screen says) plus what the grid keeps in the details pane (VM Id, rule,
 * BPA flag, failover addresses, collection time). Pure functions: no Angular, no SDK.
 *
 * JSON: the records as they are, with stable English keys (a program reading the file must not
 * depend on the admin's language) and typed values (verdict id, BPA flag true/false/null, addresses
 * as an array), the keys the command-line check uses where both have the value (vmId, vmName,
 * verdict, message).
 * CSV: one column per key, in `exportFields` order, with localized headers and display text (the
 * verdict's label, Yes/No), every cell already encoded (csvCell of src/app/common/csv.ts): the SDK's CSV writer joins the
 * values of columns without a template as they are, so they must arrive as finished RFC 4180 cells.
 */
import { csvCell } from '../common/csv';
import { Exclusion } from '../exclusions/exclusions';
import { Finding, RuleId, Verdict } from '../rules/finding';
import { SnapshotHost } from '../snapshot/snapshot';

/** The grid row fields the export reads (FindingRow has them; declared here so export/ needs nothing from the grid). */
export interface ExportSource {
    finding: Finding;
    vmName: string;
    /** The verdict as the grid shows it ("Fail"). */
    verdictLabel: string;
    /** The reason text: why and what to do (the grid's message). */
    message: string;
    /** KVP status as the grid shows it. */
    kvp: string;
    /** Integration services version and state as the grid shows them. */
    integrationServices: string;
    /** The owner node, as the connection knows it. */
    node: string;
    host: SnapshotHost | null;
    /** The exclusion that applies to the finding (made for its current verdict); null when it counts. */
    excluded: Exclusion | null;
}

export interface ExportRecord {
    /** The cluster's name for a VM on a cluster node, else the host's name as the connection knows it. */
    host: string;
    /** The owner node on a cluster; '' for a standalone host. */
    node: string;
    vmName: string;
    vmId: string;
    rule: RuleId;
    verdict: Verdict;
    /** The reason text (the finding's message, in the admin's language). */
    message: string;
    /** Whether Server Manager's BPA lists the VM under the rule; null when the VM could not be read. */
    bpa: boolean | null;
    failoverIps: string[];
    kvpStatus: string;
    integrationServicesVersion: string;
    /** Why the finding is excluded (the admin's reason): '' when it is not. */
    excluded: string;
    /** When the host's facts were collected (ISO 8601, UTC, from the snapshot); '' when not known. */
    collectedAt: string;
}

export type ExportField = keyof ExportRecord;

/** The columns, in file order. */
export const exportFields: readonly ExportField[] = [
    'host', 'node', 'vmName', 'vmId', 'rule', 'verdict', 'message', 'bpa', 'failoverIps', 'kvpStatus',
    'integrationServicesVersion', 'excluded', 'collectedAt'
];

/** The strings the export needs: its column headers, and the grid's yes / no / not read. */
export interface ExportTexts {
    Export: {
        Columns: {
            host: string; node: string; vm: string; vmId: string; rule: string; verdict: string; reason: string; bpa: string;
            failoverIps: string; kvpStatus: string; integrationServicesVersion: string; excluded: string; collectedAt: string;
        };
    };
    Grid: { yes: string; no: string; notRead: string };
}

/** The localized header of each column. */
export function exportHeaders(texts: ExportTexts): Record<ExportField, string> {
    const c = texts.Export.Columns;
    return {
        host: c.host, node: c.node, vmName: c.vm, vmId: c.vmId, rule: c.rule, verdict: c.verdict, message: c.reason, bpa: c.bpa,
        failoverIps: c.failoverIps, kvpStatus: c.kvpStatus, integrationServicesVersion: c.integrationServicesVersion,
        excluded: c.excluded, collectedAt: c.collectedAt
    };
}

/**
 * Whether the finding is excluded, and why: the reason of the exclusion that applies, '' when none
 * does (an exclusion made for another verdict does not apply: the row counts, the cell is empty).
 */
export function exclusionText(source: ExportSource): string {
    return source.excluded ? source.excluded.reason : '';
}

/**
 * One record per source, in the order given (the grid's list after its filters).
 * collectedAt: the collection time of the node that reported the VM (null when not known).
 */
export function buildExportRecords(sources: readonly ExportSource[], collectedAt: (node: string) => string | null): ExportRecord[] {
    return sources.map(source => {
        const finding = source.finding;
        const cluster = source.host ? source.host.cluster : null;
        return {
            host: cluster ? cluster.name : source.node || (source.host ? source.host.name : ''),
            node: cluster ? source.node : '',
            vmName: finding.vm.name,
            vmId: finding.vm.id,
            rule: finding.rule,
            verdict: finding.verdict,
            message: source.message,
            bpa: finding.bpa,
            failoverIps: finding.failoverAddresses.slice(),
            kvpStatus: source.kvp,
            integrationServicesVersion: source.integrationServices,
            excluded: exclusionText(source),
            collectedAt: collectedAt(source.node) || ''
        };
    });
}

/**
 * One CSV cell of the export: the project's encoder (formula guard, RFC 4180), every cell quoted, so
 * host-supplied text stays text when the file is opened in Excel and line breaks stay inside the quotes.
 */
function exportCell(value: string): string {
    return csvCell(value, 'always');
}

/** A record's display text per column (what the CSV shows): the verdict's label, Yes/No/Not read, addresses joined. */
export function displayValues(record: ExportRecord, source: Pick<ExportSource, 'verdictLabel'>, texts: ExportTexts): Record<ExportField, string> {
    const bpa = record.bpa === null ? texts.Grid.notRead : record.bpa ? texts.Grid.yes : texts.Grid.no;
    return {
        ...record,
        verdict: source.verdictLabel,
        bpa,
        failoverIps: record.failoverIps.join(', ')
    };
}

/** The byte-order mark: Excel reads a CSV file without it in the system's ANSI code page, which garbles "Versión". */
export const utf8Bom = '\uFEFF';

/** The CSV's columns: field and the encoded header (the first with the byte-order mark, since the SDK writes the header row first). */
export function csvColumns(texts: ExportTexts): { field: ExportField; header: string }[] {
    const headers = exportHeaders(texts);
    return exportFields.map((field, i) => ({ field, header: (i === 0 ? utf8Bom : '') + exportCell(headers[field]) }));
}

/** The CSV's items: each record's display values as encoded cells, keyed by field. */
export function csvItems(
    records: readonly ExportRecord[], sources: readonly Pick<ExportSource, 'verdictLabel'>[], texts: ExportTexts): Record<ExportField, string>[] {
    return records.map((record, i) => {
        const values = displayValues(record, sources[i], texts);
        const cells = {} as Record<ExportField, string>;
        for (const field of exportFields) {
            cells[field] = exportCell(values[field]);
        }
        return cells;
    });
}
