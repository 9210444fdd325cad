/**
 * `--format junit`: JUnit XML for a pipeline's test report. One <testsuite> per host (name and
 * classname: the host), one <testcase> per VM named "VM name (VM Id)", as the BPA lists VMs.
 * - the verdict that makes the check exit 1 under the rule (fail; warn under the companion rule): <failure>
 * - scan-error (the VM could not be read): <error>
 * - not-applicable, and a result an exclusion applies to (--exclusions): <skipped/> (the reason in its message)
 * - pass, unknown, and warn under the integration services rule: a passing test case
 * Every test case carries its verdict, BPA flag and message in <system-out>. A host that could not
 * be scanned (or a file that is not a snapshot) is a testsuite whose one test case "host scan" has an
 * <error> with the code as its type.
 * Text is XML-escaped; characters XML 1.0 cannot carry (control characters other than tab, CR and
 * LF, lone surrogates) become U+FFFD.
 */
import { CheckReport, countsAgainst, HostReport, hostLabel, VmResult } from '../report';

const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes character data (a CR is written as a reference: a parser would turn a literal one into LF). */
export function xmlText(value: string): string {
    return value.replace(notInXml, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value in double quotes (tab and LF as references: a parser would turn literal ones into spaces). */
export function xmlAttribute(value: string): string {
    return xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

interface Counts {
    tests: number;
    failures: number;
    errors: number;
    skipped: number;
}

interface Suite {
    xml: string;
    counts: Counts;
}

function countAttributes(c: Counts): string {
    return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;
}

function testCase(report: CheckReport, classname: string, r: VmResult, counts: Counts): string {
    let outcome = '';
    if (r.excluded) {
        counts.skipped++;
        outcome = `<skipped message="${xmlAttribute(`excluded: ${r.exclusionReason ?? ''}`)}"/>`;
    } else if (countsAgainst(report.rule, r)) {
        counts.failures++;
        outcome = `<failure type="${xmlAttribute(r.verdict)}" message="${xmlAttribute(r.message)}"/>`;
    } else if (r.verdict === 'scan-error') {
        counts.errors++;
        outcome = `<error type="scan-error" message="${xmlAttribute(r.message)}"/>`;
    } else if (r.verdict === 'not-applicable') {
        counts.skipped++;
        outcome = `<skipped message="${xmlAttribute(r.message)}"/>`;
    }
    const excluded = r.excluded ? `excluded: ${r.exclusionReason ?? ''}\n` : '';
    const out = `verdict: ${r.verdict}\nbpa: ${r.bpa}\n${excluded}${r.message}`;
    return `    <testcase classname="${xmlAttribute(classname)}" name="${xmlAttribute(`${r.vmName} (${r.vmId})`)}">` +
        `${outcome}<system-out>${xmlText(out)}</system-out></testcase>\n`;
}

function testSuite(report: CheckReport, host: HostReport): Suite {
    const name = hostLabel(host);
    const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    let cases = '';
    for (const r of host.results || []) {
        counts.tests++;
        cases += testCase(report, name, r, counts);
    }
    if (host.error) {
        counts.tests++;
        counts.errors++;
        cases += `    <testcase classname="${xmlAttribute(name)}" name="host scan">` +
            `<error type="${xmlAttribute(host.error.code)}" message="${xmlAttribute(host.error.message)}"/></testcase>\n`;
    }
    const file = host.file === undefined ? '' : `<property name="file" value="${xmlAttribute(host.file)}"/>`;
    const xml = `  <testsuite name="${xmlAttribute(name)}" ${countAttributes(counts)}>\n` +
        `    <properties><property name="rule" value="${xmlAttribute(report.rule)}"/>${file}</properties>\n` +
        cases +
        '  </testsuite>\n';
    return { xml, counts };
}

export function renderJunit(report: CheckReport): string {
    const suites = report.hosts.map(h => testSuite(report, h));
    const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const { counts } of suites) {
        total.tests += counts.tests;
        total.failures += counts.failures;
        total.errors += counts.errors;
        total.skipped += counts.skipped;
    }
    return '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<testsuites name="${xmlAttribute(report.rule)}" ${countAttributes(total)}>\n` +
        suites.map(s => s.xml).join('') +
        '</testsuites>\n';
}
