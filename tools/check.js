'use strict';
/**
 * `npm run --silent check -- [--rule NAME] [--format json|csv|junit] ...`: routes the command-line check.
 *   --scenario FILE               the simulated Hyper-V host (test tooling): test/tools/check-scenario.ts
 *   --snapshot FILE|FOLDER ...    snapshots saved from real hosts (the product): src/cli/check.ts
 * Anything else goes to src/cli/check.ts, which names the problem and prints the usage (exit 2).
 * Both read the same options (src/cli/options.ts).
 */
const { runTs } = require('./run-ts');

const args = process.argv.slice(2);
runTs(args.includes('--scenario') ? 'test/tools/check-scenario.ts' : 'src/cli/check.ts', args);
