import { csvCell, needsFormulaGuard } from './csv';

describe('csvCell', () => {
    it('leaves a plain cell as it is, and quotes every cell when asked', () => {
        expect(csvCell('SQL01')).toBe('SQL01');
        expect(csvCell('10.0.0.1')).toBe('10.0.0.1');
        expect(csvCell('')).toBe('');
        expect(csvCell('SQL01', 'always')).toBe('"SQL01"');
        expect(csvCell('', 'always')).toBe('""');
    });

    it('quoting always (the UI\'s Export): RFC 4180 fields, quotes doubled, commas and line breaks inside', () => {
        expect(csvCell('plain', 'always')).toBe('"plain"');
        expect(csvCell('say "hi", twice', 'always')).toBe('"say ""hi"", twice"');
        expect(csvCell('line\r\nbreak', 'always')).toBe('"line\r\nbreak"');
        expect(csvCell('C:\\VMs\\x', 'always')).toBe('"C:\\VMs\\x"');
        expect(csvCell('=HYPERLINK("http://x","y")', 'always')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
        expect(csvCell('+1', 'always')).toBe('"\'+1"');
        expect(csvCell('\tcmd', 'always')).toBe('"\'\tcmd"');
        expect(csvCell('10.0.0.1', 'always')).toBe('"10.0.0.1"');
    });

    it('quotes a cell holding a comma, a semicolon, a double quote (doubled) or a line break', () => {
        expect(csvCell('a,b')).toBe('"a,b"');
        expect(csvCell('a;=1+1;b')).toBe('"a;=1+1;b"');
        expect(csvCell('say "hi"')).toBe('"say ""hi"""');
        expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
        expect(csvCell('line\r\nbreak')).toBe('"line\r\nbreak"');
        expect(csvCell('tab\tinside')).toBe('tab\tinside');
    });

    it('puts an apostrophe before a formula character at the start', () => {
        expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
        expect(csvCell('+1')).toBe('\'+1');
        expect(csvCell('-2')).toBe('\'-2');
        expect(csvCell('@SUM(A1)')).toBe('\'@SUM(A1)');
        expect(csvCell('\tcmd')).toBe('\'\tcmd');
        expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
    });

    it('guards a formula behind leading whitespace, control and format characters', () => {
        for (const prefix of [' ', '   ', '\n', '\u00A0', '\u200B', '\uFEFF', '\u2060', '\u3000', '\u0007', '\u202E', ' \u200B\n\u00A0']) {
            const value = `${prefix}=1+1`;
            expect(needsFormulaGuard(value)).withContext(JSON.stringify(value)).toBeTrue();
            expect(csvCell(value).replace(/^"/, '')).withContext(JSON.stringify(value)).toMatch(/^'/);
        }
    });

    it('guards the full-width, small and superscript forms that normalize (NFKC) to a formula character', () => {
        for (const value of ['＝1+1', '＋1', '－2', '＠SUM(A1)', '﹦1', '﹢1', '﹣1', '﹫x', '⁼1', '⁺1', '₌1', '⩵1', ' ＝1', '\u200B＋1']) {
            expect(csvCell(value)).withContext(JSON.stringify(value)).toBe(`'${value}`);
        }
    });

    it('guards a cell that starts with an apostrophe, so one apostrophe removed always gives the value back', () => {
        expect(csvCell('\'; Remove-Item')).toBe('"\'\'; Remove-Item"');
        expect(csvCell('\'quoted')).toBe('\'\'quoted');
        for (const value of ['=1', '\'=1', ' =1', '＝1', 'plain', '\'', '\u200B@x']) {
            const cell = csvCell(value);
            const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
            expect(unquoted.startsWith('\'') ? unquoted.substring(1) : unquoted).withContext(JSON.stringify(value)).toBe(value);
        }
    });

    it('leaves text that only contains a formula character, or starts with another character, unguarded', () => {
        for (const value of ['SQL01 = primary', 'a+b', 'x@corp.example', '10.0.0.1-5', 'Ünïcødé 名前', '１０', ' text', '\u200Btext', '"=1"']) {
            expect(needsFormulaGuard(value)).withContext(JSON.stringify(value)).toBeFalse();
        }
    });
});
