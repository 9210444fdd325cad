'use strict';
/**
 * `npm run --silent check -- [--rule NAME] [--format json|csv|junit] ...`: routes the command-line check.
 *   --scenario FILE               the simulated Hyper-V host (test tooling): test/tools/check-scenario.ts
 *   --snapshot FILE|FOLDER ...    snapshots saved from real hosts (the product): src/cli/check.ts
 * Anything else goes to src/cli/check.ts, which names the problem and prints the usage (exit 2).
 * Both read the same options (src/cli/options.ts), and the messages from the generated strings
 * (`npm run generate`, run here first when they are missing).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { runTs } = require('./run-ts');

const root = path.resolve(__dirname, '..');
if (!fs.existsSync(path.join(root, 'src/assets/strings/strings.json'))) {
    // The generate step's own output goes to stderr: stdout carries only the check's report.
    const generate = spawnSync('npm', ['run', '--silent', 'generate'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
    if (generate.status !== 0) {
        process.stderr.write('check: couldn\'t generate the strings (npm run generate)\n');
        process.exit(2);
    }
}

const args = process.argv.slice(2);
runTs(args.includes('--scenario') ? 'test/tools/check-scenario.ts' : 'src/cli/check.ts', args);
