/**
 * `--exclusions FILE`: the findings an admin excluded in the tool, applied by the command-line check
 * with the tool's own rule (src/app/exclusions/exclusions.ts): a result is excluded while its verdict
 * is the one the exclusion was made for. FILE is either the exclusions document the tool keeps in the
 * gateway's application settings (`{"version": 1, "exclusions": [...]}`), or the tool's JSON export
 * of the findings (its rows whose `excluded` holds a reason, listed with Show excluded on).
 */
import * as fs from 'fs';
import { Exclusion, ExclusionsError, matchExclusion, parseExclusions } from '../app/exclusions/exclusions';
import { Verdict } from '../app/rules/finding';
import { SnapshotHost } from '../app/snapshot/snapshot';
import { InputError } from './input-error';

/** A row of the tool's findings export that is excluded (the other fields of the row are not needed). */
interface ExportedRow {
    host: string;
    vmId: string;
    vmName: string;
    rule: string;
    verdict: Verdict;
    excluded: string;
}

function isExportedRow(value: unknown): value is ExportedRow {
    const row = value as Record<string, unknown>;
    return typeof value === 'object' && value !== null && ['host', 'vmId', 'vmName', 'rule', 'verdict', 'excluded'].every(k => typeof row[k] === 'string');
}

/** The exclusions of the findings export: each excluded row as an exclusion (who and when are not in the export). */
function fromExport(rows: unknown[], file: string): Exclusion[] {
    const exclusions: Exclusion[] = [];
    rows.forEach((row, index) => {
        if (!isExportedRow(row)) {
            throw new InputError(`${file}: row ${index} is not a row of the tool's findings export (host, vmId, vmName, rule, verdict, excluded)`);
        }
        if (row.excluded.trim()) {
            exclusions.push({
                vmId: row.vmId.toLowerCase(), vmName: row.vmName, host: row.host, rule: row.rule, verdict: row.verdict,
                reason: row.excluded.trim(), by: '', at: ''
            });
        }
    });
    return exclusions;
}

export function loadExclusions(file: string): Exclusion[] {
    let json: unknown;
    try {
        json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
        throw new InputError(`couldn't read the exclusions in ${file}: ${(e as Error).message}`);
    }
    if (Array.isArray(json)) {
        return fromExport(json, file);
    }
    try {
        return parseExclusions(json).exclusions;
    } catch (e) {
        if (e instanceof ExclusionsError) {
            throw new InputError(`${file} is not an exclusions document: ${e.message}`);
        }
        throw e;
    }
}

/** A host name without its domain, in lower case: the tool names a server as its connection does (often an FQDN), a snapshot by its computer name. */
function shortName(name: string): string {
    return name.split('.')[0].toLowerCase();
}

/**
 * The exclusion that applies to a VM of the snapshot's host: made on that server or on its cluster
 * (by name, with or without the domain), for the VM's Id and the rule, for the verdict it has now.
 */
export function exclusionFor(exclusions: readonly Exclusion[], host: SnapshotHost, vmId: string, rule: string, verdict: Verdict): Exclusion | null {
    const names = new Set([host.name, ...(host.cluster ? [host.cluster.name] : [])].map(shortName));
    return exclusions.find(e => names.has(shortName(e.host)) && matchExclusion([e], e.host, vmId, rule, verdict) !== null) || null;
}
