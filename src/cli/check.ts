/**
 * Command-line check: the same parser and rule as the tool, for automation and tests.
 *   npm run --silent check -- --scenario FILE   run the real data-gathering script on the simulated host
 *   npm run --silent check -- --snapshot FILE   judge a snapshot saved from a real host
 *   npm run --silent check -- --snapshot FILE|FOLDER ...   judge a fleet: several snapshots, or every *.json of folders
 * One snapshot: {"host","rule","results":[{"vmId","vmName","verdict","message"}]} on stdout.
 * A fleet: {"rule","hosts":[{"file","host","results"} | {"file","host"?,"error"}]}.
 * Exit 0: no VM fails; 1: a VM fails; 2: a host could not be scanned or an input is not valid.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describeFinding, RuleTexts } from '../app/rule/describe-finding';
import { evaluate } from '../app/rule/evaluate';
import { ruleId } from '../app/rule/finding';
import { parseSnapshotText, SnapshotError } from '../app/snapshot/parse-snapshot';
import { pwshPath } from './pwsh-path';

const projectRoot = path.resolve(__dirname, '..');
const scriptPath = path.join(projectRoot, 'src/resources/scripts/Get-ReplicaFailoverIpSnapshot.ps1');
const simulatorPath = path.join(projectRoot, 'test/simulator/Invoke-OnSimulatedHost.ps1');
const usage = 'usage: npm run --silent check -- --scenario FILE | --snapshot FILE|FOLDER [FILE|FOLDER ...]';

class InputError extends Error { }

function loadRuleTexts(): RuleTexts {
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

function scanScenario(file: string): string {
    if (!fs.existsSync(file)) {
        throw new InputError(`scenario file not found: ${file}`);
    }
    const run = spawnSync(pwshPath(), [
        '-NoLogo', '-NoProfile', '-NonInteractive', '-File', simulatorPath,
        '-ScenarioPath', path.resolve(file), '-ScriptPath', scriptPath
    ], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (run.error) {
        throw new InputError(`couldn't start PowerShell 7 (pwsh): ${run.error.message}`);
    }
    if (run.status !== 0) {
        throw new InputError(`the scan of ${file} failed: ${(run.stderr || run.stdout).trim()}`);
    }
    return run.stdout;
}

function readSnapshot(file: string): string {
    try {
        // A snapshot saved by Windows PowerShell 5.1 redirection may carry a byte-order mark.
        return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch (e) {
        throw new InputError(`couldn't read ${file}: ${(e as Error).message}`);
    }
}

interface HostReport {
    file?: string;
    host?: string;
    results?: { vmId: string; vmName: string; verdict: string; message: string }[];
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
    return reports.some(r => r.results.some(v => v.verdict === 'fail')) ? 1 : 0;
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

function checkFleet(paths: string[], texts: RuleTexts): number {
    const reports = snapshotFiles(paths).map(file => {
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
    for (const report of reports.filter(r => r.error)) {
        process.stderr.write(`${report.file}: ${report.error.message}\n`);
    }
    return exitCode(reports);
}

function main(argv: string[]): number {
    const [option, ...paths] = argv;
    if (paths.length === 0 || (option !== '--scenario' && option !== '--snapshot') || (option === '--scenario' && paths.length !== 1)) {
        throw new InputError(usage);
    }
    const texts = loadRuleTexts();
    if (option === '--snapshot' && (paths.length > 1 || (fs.existsSync(paths[0]) && fs.statSync(paths[0]).isDirectory()))) {
        return checkFleet(paths, texts);
    }
    const report = judge(option === '--scenario' ? scanScenario(paths[0]) : readSnapshot(paths[0]), texts);
    process.stdout.write(JSON.stringify({ host: report.host, rule: ruleId, results: report.results, ...(report.error ? { error: report.error } : {}) }) + '\n');
    if (report.error) {
        process.stderr.write(`${report.host}: ${report.error.message}\n`);
    }
    return exitCode([report]);
}

try {
    // exitCode (not process.exit) lets node flush a large stdout to a pipe before it ends.
    process.exitCode = main(process.argv.slice(2));
} catch (e) {
    if (e instanceof InputError || e instanceof SnapshotError) {
        process.stderr.write(`check: ${e.message}\n`);
        process.exitCode = 2;
    } else {
        throw e;
    }
}
