/**
 * One CSV cell (RFC 4180), for every CSV the project writes: the UI's Export and the command-line
 * check's `--format csv`.
 *
 * Formula guard (OWASP "CSV injection"): a cell a spreadsheet could run as a formula gets a leading
 * apostrophe, so it stays text. That is a cell whose first visible character, read as a spreadsheet
 * reads it (Unicode compatibility normalization, NFKC: the full-width ＝ ＋ － ＠ and the small and
 * superscript forms count), is `=`, `+`, `-` or `@`, whatever whitespace, control or format
 * characters come before it (space, tab, LF, NBSP, zero-width space, byte-order mark...); and a cell
 * that starts with a tab, CR or LF, or with an apostrophe (so that a program gets every cell back by
 * removing one leading apostrophe where a cell starts with one).
 *
 * Quoting: a cell holding a comma, a semicolon (the list separator of es-ES and other locales, which
 * Excel splits on), a double quote (doubled inside) or a line break is quoted; `always` quotes every cell.
 */

/** Whitespace, control and format characters a spreadsheet may skip or not show before a formula. */
const leadingInvisible = /^[\s\p{Cc}\p{Cf}]+/u;

/** How many characters after the invisible ones decide (NFKC may turn one character into several: ⩵ is ==). */
const probeLength = 4;

const formulaStart = /^[=+\-@]/;
const guardedStart = /^[\t\r\n']/;
const needsQuotes = /[",;\r\n]/;

/** Whether a spreadsheet could take the value for a formula, or the guard's own apostrophe. */
export function needsFormulaGuard(value: string): boolean {
    if (guardedStart.test(value)) {
        return true;
    }
    const visible = value.replace(leadingInvisible, '').substring(0, probeLength).normalize('NFKC').replace(leadingInvisible, '');
    return formulaStart.test(visible);
}

export type CsvQuoting = 'when-needed' | 'always';

export function csvCell(value: string, quoting: CsvQuoting = 'when-needed'): string {
    const guarded = needsFormulaGuard(value) ? `'${value}` : value;
    return quoting === 'always' || needsQuotes.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
