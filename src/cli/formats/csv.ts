/**
 * `--format csv`: RFC 4180. A header line, then one row per VM (a fleet: every VM of every host),
 * and a row with the verdict `host-error` for a host that could not be scanned (or a file that is
 * not a snapshot). Lines end with CRLF; UTF-8 without a byte-order mark.
 *
 * A cell is quoted when it holds a comma, a double quote (doubled), a CR or an LF. Formula guard: a
 * cell that starts with = + - @, a tab or a CR gets a leading apostrophe, so a spreadsheet shows it
 * as text instead of running it; so does a cell that already starts with an apostrophe. A program
 * gets every cell back exactly by removing one leading apostrophe where a cell starts with one.
 */
import { CheckReport, hostLabel } from '../report';

export const csvColumns = ['host', 'vmId', 'vmName', 'rule', 'verdict', 'bpa', 'message', 'excluded', 'exclusionReason'];

/** The cells a spreadsheet would run as a formula, and the apostrophe the guard itself adds. */
const needsGuard = /^[=+\-@\t\r']/;
const needsQuotes = /[",\r\n]/;

export function csvCell(value: string): string {
    const guarded = needsGuard.test(value) ? `'${value}` : value;
    return needsQuotes.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

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
    return rows.map(row => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
