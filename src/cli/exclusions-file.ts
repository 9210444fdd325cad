/**
 * `--exclusions FILE`: the findings an admin excluded in the tool, applied by the command-line check
 * with the tool's own rule (src/app/exclusions/exclusions.ts): a result is excluded while its verdict
 * is the one the exclusion was made for. FILE is either the exclusions document the tool keeps in the
 * gateway's admin settings (`{"version": 1, "exclusions": [...]}`), or the tool's JSON export of the
 * findings (its rows whose `excluded` holds a reason, listed with Show excluded on). Every record is
 * validated: a file with one invalid record is refused (exit 2), naming the file and the field.
 */
import { Exclusion, ExclusionsError, matchExclusion, parseExclusions, validateExcludedFinding } from '../app/exclusions/exclusions';
import { Verdict } from '../app/rules/finding';
import { SnapshotHost } from '../app/snapshot/snapshot';
import { InputError } from './input-error';
import { readInputFile } from './snapshot-files';

/**
 * The exclusions of the findings export: each row whose `excluded` holds a reason, validated as the
 * tool validates its own records (VM Id, names, rule, verdict, reason; who and when are not in the
 * export). Errors name the row and field: `[3].vmId: is not a GUID: 'NOT-A-GUID'`.
 */
function fromExport(rows: unknown[]): Exclusion[] {
    const exclusions: Exclusion[] = [];
    rows.forEach((row, index) => {
        const path = `[${index}]`;
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
            throw new ExclusionsError(path, 'is not a row of the tool\'s findings export (an object with host, vmId, vmName, rule, verdict, excluded)');
        }
        const excluded = (row as Record<string, unknown>)['excluded'];
        if (typeof excluded !== 'string') {
            throw new ExclusionsError(`${path}.excluded`, excluded === undefined ? 'is missing' : 'must be a string (the reason, or \'\' when not excluded)');
        }
        if (excluded.trim()) {
            exclusions.push({ ...validateExcludedFinding(row as Record<string, unknown>, path, 'excluded'), by: '', at: '' });
        }
    });
    return exclusions;
}

export function loadExclusions(file: string): Exclusion[] {
    let json: unknown;
    try {
        // Read as the snapshots are: regular files only, never blocking on a FIFO, within the size limit.
        json = JSON.parse(readInputFile(file, 'an exclusions file'));
    } catch (e) {
        throw new InputError(`couldn't read the exclusions in ${file}: ${(e as Error).message}`);
    }
    try {
        return Array.isArray(json) ? fromExport(json) : parseExclusions(json).exclusions;
    } catch (e) {
        if (e instanceof ExclusionsError) {
            const kind = Array.isArray(json) ? 'a findings export the check can read' : 'an exclusions document';
            throw new InputError(`${file} is not ${kind}: ${e.message}`);
        }
        throw e;
    }
}

/**
 * The exclusion that applies to a VM of the snapshot's host: made on that server or on its cluster
 * (the tool's one matcher: full names when both carry a domain, the short name when one has none),
 * for the VM's Id and the rule, for the verdict it has now.
 */
export function exclusionFor(exclusions: readonly Exclusion[], host: SnapshotHost, vmId: string, rule: string, verdict: Verdict): Exclusion | null {
    return matchExclusion(exclusions, host.cluster ? [host.name, host.cluster.name] : [host.name], vmId, rule, verdict);
}
