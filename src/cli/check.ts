/**
 * Command-line check of snapshots saved from real hosts: the same parser and rule as the tool.
 *   npm run --silent check -- --snapshot FILE              judge a snapshot saved from a real host
 *   npm run --silent check -- --snapshot FILE|FOLDER ...   judge a fleet: several snapshots, or every *.json of folders
 * (`--scenario FILE`, a scan of the simulated host, is test tooling: tools/check.js sends it to
 * test/tools/check-scenario.ts.) Output and exit codes: see judge-snapshots.ts.
 */
import { checkSnapshots, InputError, runCheck, usage } from './judge-snapshots';

runCheck(() => {
    const [option, ...paths] = process.argv.slice(2);
    if (option !== '--snapshot') {
        throw new InputError(usage);
    }
    return checkSnapshots(paths);
});
