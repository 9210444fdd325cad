/**
 * `npm run --silent check -- [--rule NAME] [--format json|csv|junit] --scenario FILE` (tools/check.js
 * sends it here): runs the real data-gathering script on the simulated Hyper-V host loaded with the
 * scenario FILE, then judges the snapshot as src/cli/check.ts judges one saved from a real host (same
 * options, output, exit codes).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../../src/cli/input-error';
import { checkSnapshotText, projectRoot } from '../../src/cli/judge-snapshots';
import { runCommand } from '../../src/cli/run-check';
import { pwshPath } from '../../tools/pwsh-path';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { assembleScripts } = require('../../gulps/assemble-scripts') as { assembleScripts: (options: Record<string, string>) => string[] };

/** The script as the build assembles it (with its helpers), from the current sources. */
const scriptPath = assembleScripts({
    scripts: path.join(projectRoot, 'src/resources/scripts'), helpers: path.join(projectRoot, 'src/resources/helpers'),
    out: path.join(projectRoot, 'dist-ps/scripts')
}).find(file => path.basename(file) === 'Get-ReplicaFailoverIpSnapshot.ps1') as string;
const simulatorPath = path.join(projectRoot, 'test/simulator/Invoke-OnSimulatedHost.ps1');

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

runCommand(process.argv.slice(2), 'scenario', options => checkSnapshotText(scanScenario(options.paths[0]), options));
