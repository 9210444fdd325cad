/**
 * The command-line check's work: judge snapshot texts with the tool's own parser, rule and message
 * texts, print the JSON report and give the exit code. Used by src/cli/check.ts (snapshots saved
 * from real hosts) and by the test tooling's scenario mode (test/tools/check-scenario.ts); nothing
 * here knows about the simulated host.
 * One snapshot: {"host","rule","results":[{"vmId","vmName","verdict","message"}]} (and "error" when
 * the host could not be scanned). A fleet: {"rule","hosts":[{"file","host","results"} | {"file","host"?,"error"}]}.
 * Exit 0: no VM fails; 1: a VM fails; 2: a host could not be scanned or an input is not valid.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeFinding, RuleTexts } from '../app/rule/describe-finding';
import { evaluate } from '../app/rule/evaluate';
import { ruleId } from '../app/rule/finding';
import { parseSnapshotText, SnapshotError } from '../app/snapshot/parse-snapshot';

/** The project root: the bundles run from dist-cli/, one level below it. */
export const projectRoot = path.resolve(__dirname, '..');
export const usage = 'usage: npm run --silent check -- --scenario FILE | --snapshot FILE|FOLDER [FILE|FOLDER ...]';

/** Bad input: the message goes to stderr, exit code 2. */
export class InputError extends Error { }

export function loadRuleTexts(): RuleTexts {
    const file = path.join(projectRoot, 'src/resources/strings/strings.resjson');
    const flat = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    const texts: Record<string, Record<string, string>> = {};
    const prefix = 'HvtoolsReplicaFailoverIp_Rule_';
    for (const [key, value] of Object.entries(flat)) {
        if (!key.startsWith(prefix)) {
            continue;
        }
        const [group, name] = key.substring(prefix.length).split('_');
        if (name) {
            (texts[group] = texts[group] || {})[name] = value;
        }
    }
    return texts as unknown as RuleTexts;
}

export function readSnapshot(file: string): string {
    try {
        // A snapshot saved by Windows PowerShell 5.1 redirection may carry a byte-order mark.
        return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch (e) {
        throw new InputError(`couldn't read ${file}: ${(e as Error).message}`);
    }
}

interface VmResult {
    vmId: string;
    vmName: string;
    verdict: string;
    message: string;
}

interface HostReport {
    file?: string;
    host?: string;
    results?: VmResult[];
    error?: { code: string; message: string };
}

/** Judges one snapshot text; a snapshot that says the host could not be scanned becomes an error. */
function judge(text: string, texts: RuleTexts): HostReport {
    const result = evaluate(parseSnapshotText(text));
    const report: HostReport = {
        host: result.host.name,
        results: result.findings.map(f => ({ vmId: f.vm.id, vmName: f.vm.name, verdict: f.verdict, message: describeFinding(f, texts) }))
    };
    if (result.hostError) {
        report.error = result.hostError;
    }
    return report;
}

function exitCode(reports: HostReport[]): number {
    if (reports.some(r => r.error)) {
        return 2;
    }
    return reports.some(r => (r.results || []).some(v => v.verdict === 'fail')) ? 1 : 0;
}

/** Judges one host's snapshot text: prints its report, returns the exit code. */
export function checkSnapshotText(text: string): number {
    const report = judge(text, loadRuleTexts());
    process.stdout.write(JSON.stringify({ host: report.host, rule: ruleId, results: report.results, ...(report.error ? { error: report.error } : {}) }) + '\n');
    if (report.error) {
        process.stderr.write(`${report.host}: ${report.error.message}\n`);
    }
    return exitCode([report]);
}

/** The snapshot files the arguments name: files as given, folders as their *.json files (sorted). */
function snapshotFiles(paths: string[]): string[] {
    return paths.flatMap(p => {
        if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
            return fs.readdirSync(p).filter(f => f.toLowerCase().endsWith('.json')).sort().map(f => path.join(p, f));
        }
        return [p];
    });
}

function isFolder(p: string): boolean {
    return fs.existsSync(p) && fs.statSync(p).isDirectory();
}

/** Judges a fleet: several snapshot files, or every *.json of folders; one report per file. */
function checkFleet(paths: string[]): number {
    const texts = loadRuleTexts();
    const reports: HostReport[] = snapshotFiles(paths).map(file => {
        try {
            return { file, ...judge(readSnapshot(file), texts) };
        } catch (e) {
            if (e instanceof InputError || e instanceof SnapshotError) {
                return { file, error: { code: 'InvalidSnapshot', message: e.message } };
            }
            throw e;
        }
    });
    if (reports.length === 0) {
        throw new InputError(`no snapshot files in ${paths.join(', ')}`);
    }
    process.stdout.write(JSON.stringify({ rule: ruleId, hosts: reports }) + '\n');
    for (const report of reports) {
        if (report.error) {
            process.stderr.write(`${report.file}: ${report.error.message}\n`);
        }
    }
    return exitCode(reports);
}

/** `--snapshot FILE`: one host; `--snapshot FILE|FOLDER ...` with several paths or a folder: a fleet. */
export function checkSnapshots(paths: string[]): number {
    if (paths.length === 0) {
        throw new InputError(usage);
    }
    if (paths.length > 1 || isFolder(paths[0])) {
        return checkFleet(paths);
    }
    return checkSnapshotText(readSnapshot(paths[0]));
}

/** Runs a check and sets the exit code; bad input is reported on stderr with exit code 2. */
export function runCheck(check: () => number): void {
    try {
        // exitCode (not process.exit) lets node flush a large stdout to a pipe before it ends.
        process.exitCode = check();
    } catch (e) {
        if (e instanceof InputError || e instanceof SnapshotError) {
            process.stderr.write(`check: ${e.message}\n`);
            process.exitCode = 2;
        } else {
            throw e;
        }
    }
}
