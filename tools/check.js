'use strict';
/**
 * `npm run --silent check -- ...`: routes the command-line check.
 *   --scenario FILE               the simulated Hyper-V host (test tooling): test/tools/check-scenario.ts
 *   --snapshot FILE|FOLDER ...    snapshots saved from real hosts (the product): src/cli/check.ts
 * Anything else goes to src/cli/check.ts, which prints the usage (exit 2).
 */
const { runTs } = require('./run-ts');

const args = process.argv.slice(2);
runTs(args[0] === '--scenario' ? 'test/tools/check-scenario.ts' : 'src/cli/check.ts', args);
