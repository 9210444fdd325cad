/**
 * Command-line check of snapshots saved from real hosts: the same parser and rules as the tool.
 *   npm run --silent check -- [--rule integration-services|failover-tcpip] [--format json|csv|junit] --snapshot FILE
 *   npm run --silent check -- ... --snapshot FILE|FOLDER ...   a fleet: several snapshots, or every *.json of folders
 *   npm run --silent check -- --help | --version
 * (`--scenario FILE`, a scan of the simulated host, is test tooling: tools/check.js sends it to
 * test/tools/check-scenario.ts.) Output and exit codes: see judge-snapshots.ts.
 */
import { checkSnapshots } from './judge-snapshots';
import { runCommand } from './run-check';

runCommand(process.argv.slice(2), 'snapshot', checkSnapshots);
