/**
 * Command-line check of snapshots saved from real hosts: the same parser and rules as the tool.
 *   npm run --silent check -- [--rule integration-services|failover-tcpip] [--format json|csv|junit] --snapshot FILE
 *   npm run --silent check -- ... --snapshot FILE|FOLDER ...   a fleet: several snapshots, or every *.json of folders
 * (`--scenario FILE`, a scan of the simulated host, is test tooling: tools/check.js sends it to
 * test/tools/check-scenario.ts.) Output and exit codes: see judge-snapshots.ts.
 */
import { InputError } from './input-error';
import { checkSnapshots, runCheck } from './judge-snapshots';
import { parseArguments, usage } from './options';

runCheck(() => {
    const options = parseArguments(process.argv.slice(2));
    if (options.mode !== 'snapshot') {
        throw new InputError(`--scenario (the simulated host) is test tooling: run it through npm run check\n${usage}`);
    }
    return checkSnapshots(options);
});
