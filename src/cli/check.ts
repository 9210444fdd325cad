/**
 * Command-line check: the same parser and rule as the tool, for automation and tests.
 *   npm run --silent check -- --scenario FILE   run the real data-gathering script on the simulated host
 *   npm run --silent check -- --snapshot FILE   judge a snapshot saved from a real host
 * Prints {"host","rule","results":[{"vmId","vmName","verdict","message"}]} on stdout.
 * Exit 0: no VM fails; 1: a VM fails; 2: the host could not be scanned or the input is not valid.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeFinding, RuleTexts } from '../app/rule/describe-finding';
import { evaluate } from '../app/rule/evaluate';
import { ruleId } from '../app/rule/finding';
import { parseSnapshotText, SnapshotError } from '../app/snapshot/parse-snapshot';

const projectRoot = path.resolve(__dirname, '..');
const scriptPath = path.join(projectRoot, 'src/resources/scripts/Get-ReplicaFailoverIpSnapshot.ps1');
const simulatorPath = path.join(projectRoot, 'test/simulator/Invoke-OnSimulatedHost.ps1');
const usage = 'usage: npm run --silent check -- --scenario FILE | --snapshot FILE';

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

function pwshPath(): string {
    const tool = path.join(os.homedir(), '.dotnet', 'tools', 'pwsh');
    const onPath = (process.env.PATH || '').split(path.delimiter).some(dir => fs.existsSync(path.join(dir, 'pwsh')));
    return onPath || !fs.existsSync(tool) ? 'pwsh' : tool;
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

function main(argv: string[]): number {
    const [option, file] = argv;
    if (argv.length !== 2 || (option !== '--scenario' && option !== '--snapshot')) {
        throw new InputError(usage);
    }
    const text = option === '--scenario' ? scanScenario(file) : readSnapshot(file);
    const snapshot = parseSnapshotText(text);
    const result = evaluate(snapshot);
    const texts = loadRuleTexts();
    const output: Record<string, unknown> = {
        host: result.host.name,
        rule: ruleId,
        results: result.findings.map(f => ({ vmId: f.vm.id, vmName: f.vm.name, verdict: f.verdict, message: describeFinding(f, texts) }))
    };
    if (result.hostError) {
        output.error = result.hostError;
    }
    process.stdout.write(JSON.stringify(output) + '\n');
    if (result.hostError) {
        process.stderr.write(`${result.host.name}: ${result.hostError.message}\n`);
        return 2;
    }
    return result.counts.fail > 0 ? 1 : 0;
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
