/**
 * `--format csv`: RFC 4180. A header line, then one row per VM (a fleet: every VM of every host),
 * and a row with the verdict `host-error` for a host that could not be scanned (or a file that is
 * not a snapshot). Lines end with CRLF; UTF-8 without a byte-order mark.
 *
 * Cells go through the project's one CSV encoder (src/app/common/csv.ts, also the UI's Export): quoted
 * when they hold a comma, a semicolon, a double quote (doubled) or a line break; formula guard: a
 * cell a spreadsheet could run (= + - @ first, also behind leading whitespace or format characters,
 * also in their full-width forms), or that starts with a tab, CR, LF or an apostrophe, gets a leading
 * apostrophe. A program gets every cell back exactly by removing one leading apostrophe where a cell
 * starts with one.
 */
import { csvCell } from '../../app/common/csv';
import { CheckReport, hostLabel } from '../report';

export const csvColumns = ['host', 'vmId', 'vmName', 'rule', 'verdict', 'bpa', 'message', 'excluded', 'exclusionReason'];

function bpaCell(bpa: boolean | null): string {
    return bpa === null ? '' : String(bpa);
}

export function renderCsv(report: CheckReport): string {
    const rows: string[][] = [csvColumns];
    for (const host of report.hosts) {
        const label = hostLabel(host);
        for (const r of host.results || []) {
            rows.push([label, r.vmId, r.vmName, report.rule, r.verdict, bpaCell(r.bpa), r.message, r.excluded ? 'true' : '', r.exclusionReason ?? '']);
        }
        if (host.error) {
            rows.push([label, '', '', report.rule, 'host-error', '', `${host.error.code}: ${host.error.message}`, '', '']);
        }
    }
    return rows.map(row => row.map(cell => csvCell(cell)).join(',')).join('\r\n') + '\r\n';
}
