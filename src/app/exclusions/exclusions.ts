/**
 * Exclusions: a finding an admin marked as known and accepted (the BPA's Exclude), for one VM under
 * one rule on one host or cluster, with a reason. Plain TypeScript (no Angular, no SDK): the tool
 * keeps the document in the gateway's admin settings (every user reads, gateway administrators
 * write), the command-line check reads the same JSON from a file (`parseExclusions`).
 *
 * An exclusion applies only while the VM's verdict under its rule is the verdict it was made for: a
 * VM whose facts change to another verdict comes back by itself. The record is kept (shown as not
 * applying, with Include to drop it), so a VM that goes back to that verdict is excluded again.
 */
import { Verdict, verdicts } from '../rules/finding';
import { isVmId } from '../snapshot/vm-id';

/** The format of the document; `parseExclusions` refuses any other. */
export const exclusionsVersion = 1;
/** The longest reason accepted, in characters (after trimming). */
export const maxReasonLength = 500;
/** The longest VM name, host, rule id or user name accepted, in characters. */
export const maxNameLength = 256;

export interface Exclusion {
    /** The VM's Id, a lower-case GUID. */
    vmId: string;
    /** The VM's name when it was excluded (for people; matching is by Id). */
    vmName: string;
    /** The connection's name: the server, or the cluster's name on a cluster connection. */
    host: string;
    /** The rule's id, e.g. `hyperv-replica-failover-ip-integration-services`. */
    rule: string;
    /** The verdict the exclusion was made for: it applies only while the VM has this verdict. */
    verdict: Verdict;
    /** Why: required, trimmed, at most `maxReasonLength` characters. */
    reason: string;
    /** The gateway user who excluded it. */
    by: string;
    /** When, ISO 8601 in UTC (`2026-11-27T00:10:00.000Z`). */
    at: string;
}

export interface ExclusionDocument {
    version: 1;
    exclusions: Exclusion[];
}

/** A document or a record that is not valid; `field` names it (`exclusions[2].reason`). */
export class ExclusionsError extends Error {
    constructor(public readonly field: string, public readonly problem: string) {
        super(`${field}: ${problem}`);
        this.name = 'ExclusionsError';
    }
}

/** No exclusions: what the tool has before reading them, or when the document was never saved. */
export function emptyExclusions(): KeptExclusions {
    return { version: exclusionsVersion, exclusions: [], unreadable: [] };
}

/** ISO 8601 date and time in UTC, as Date.prototype.toISOString writes it (milliseconds optional). */
const utcTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const fields: readonly (keyof Exclusion)[] = ['vmId', 'vmName', 'host', 'rule', 'verdict', 'reason', 'by', 'at'];

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: Record<string, unknown>, key: keyof Exclusion, path: string, maxLength: number): string {
    const value = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
    if (typeof value !== 'string') {
        throw new ExclusionsError(`${path}.${key}`, value === undefined ? 'is missing' : `must be a string, not ${value === null ? 'null' : typeof value}`);
    }
    const trimmed = value.trim();
    if (!trimmed) {
        throw new ExclusionsError(`${path}.${key}`, 'is empty');
    }
    if (trimmed.length > maxLength) {
        throw new ExclusionsError(`${path}.${key}`, `is longer than ${maxLength} characters (${trimmed.length})`);
    }
    return trimmed;
}

/** What an exclusion says about a finding, without who made it and when (what the tool's findings export carries too). */
export type ExcludedFinding = Omit<Exclusion, 'by' | 'at'>;

const fieldNames: ReadonlySet<string> = new Set(fields);
const verdictNames: ReadonlySet<string> = new Set(verdicts);

/** The finding part of a record, validated, as a whole record whose `by` and `at` are still empty. */
function readFinding(value: Record<string, unknown>, path: string, reasonKey: 'reason' | 'excluded'): Exclusion {
    const vmIdText = text(value, 'vmId', path, 36);
    const vmId = vmIdText.toLowerCase();
    if (!isVmId(vmId)) {
        throw new ExclusionsError(`${path}.vmId`, `is not a GUID: '${vmIdText}'`);
    }
    const verdict = text(value, 'verdict', path, 32);
    if (!verdictNames.has(verdict)) {
        throw new ExclusionsError(`${path}.verdict`, `is not a verdict: '${verdict}' (${verdicts.join(', ')})`);
    }
    return {
        vmId,
        vmName: text(value, 'vmName', path, maxNameLength),
        host: text(value, 'host', path, maxNameLength),
        rule: text(value, 'rule', path, maxNameLength),
        verdict: verdict as Verdict,
        reason: text(value, reasonKey as keyof Exclusion, path, maxReasonLength),
        by: '',
        at: ''
    };
}

/**
 * Validates the finding part of a record: the VM Id (a GUID, lower-cased), names, rule, verdict and the
 * reason, read from `reasonKey` (`excluded` in a row of the findings export). Errors name `path.field`.
 */
export function validateExcludedFinding(value: Record<string, unknown>, path: string, reasonKey: 'reason' | 'excluded' = 'reason'): ExcludedFinding {
    const { by: _by, at: _at, ...finding } = readFinding(value, path, reasonKey);
    return finding;
}

/** Validates one record and returns a copy holding only the record's fields (the Id lower-cased, texts trimmed). */
export function validateExclusion(value: unknown, path = 'exclusion'): Exclusion {
    if (!isObject(value)) {
        throw new ExclusionsError(path, 'must be an object');
    }
    for (const key in value) {
        if (!fieldNames.has(key) && Object.prototype.hasOwnProperty.call(value, key)) {
            throw new ExclusionsError(`${path}.${key}`, `is not a field of an exclusion (${fields.join(', ')})`);
        }
    }
    const record = readFinding(value, path, 'reason');
    const at = text(value, 'at', path, 32);
    if (!utcTime.test(at) || Number.isNaN(Date.parse(at))) {
        throw new ExclusionsError(`${path}.at`, `is not an ISO 8601 date and time in UTC: '${at}'`);
    }
    record.by = text(value, 'by', path, maxNameLength);
    record.at = at;
    return record;
}

/** A record of the document that can't be read: it applies to no VM, the others keep working, Remove drops it. */
export interface UnreadableExclusion {
    /** Its position in the document's list (0-based). */
    index: number;
    /** The field at fault, e.g. `exclusions[2].vmId` (`exclusions[2]` for the record as a whole). */
    field: string;
    /** What is wrong with it, in English (the validator's words). */
    problem: string;
    /** The record as stored (what Remove looks for). */
    record: unknown;
}

/** The exclusions as kept on the gateway: the readable records (`exclusions`) and the unreadable ones. */
export interface KeptExclusions extends ExclusionDocument {
    unreadable: UnreadableExclusion[];
}

/** One entry of the stored list: the record as stored, the validated record (null when invalid), and why it can't be used. */
interface Entry {
    stored: unknown;
    record: Exclusion | null;
    unreadable: UnreadableExclusion | null;
}

/** The identity of a record: one per host, VM and rule (the host as written, in any case). */
function targetKey(target: { host: string; vmId: string; rule: string }): string {
    return `${target.vmId.toLowerCase()}|${target.rule}|${target.host.toLowerCase()}`;
}

/** The path records are validated under; replaced by `exclusions[INDEX]` in the rare error (no string built per record). */
const recordPath = '@';

/**
 * Reads a document's envelope and each of its records on its own, in one pass, handing each to
 * `visit`: duplicates are found in a map of the findings seen (an earlier reader searched the records
 * kept so far for each record).
 */
function readEntries(json: unknown, visit: (stored: unknown, record: Exclusion | null, unreadable: UnreadableExclusion | null) => void): void {
    if (!isObject(json)) {
        throw new ExclusionsError('(document)', 'must be an object { "version": 1, "exclusions": [...] }');
    }
    if (json['version'] !== exclusionsVersion) {
        throw new ExclusionsError('version', `must be ${exclusionsVersion}, not ${JSON.stringify(json['version'])}`);
    }
    const list = json['exclusions'];
    if (!Array.isArray(list)) {
        throw new ExclusionsError('exclusions', list === undefined ? 'is missing' : 'must be an array');
    }
    // Duplicates: by VM Id first (a string the record already holds), by host, VM and rule only among
    // records that share an Id (the same VM under both rules, or a duplicate).
    const firstByVm = new Map<string, number>();
    const records: Exclusion[] = new Array(list.length);
    const firstByTarget = new Map<string, number>();
    for (let index = 0; index < list.length; index++) {
        const stored: unknown = list[index];
        let record: Exclusion;
        try {
            record = validateExclusion(stored, recordPath);
        } catch (error) {
            if (!(error instanceof ExclusionsError)) {
                throw error;
            }
            const field = `exclusions[${index}]${error.field.slice(recordPath.length)}`;
            visit(stored, null, { index, field, problem: error.problem, record: stored });
            continue;
        }
        records[index] = record;
        const sameVm = firstByVm.get(record.vmId);
        if (sameVm === undefined) {
            firstByVm.set(record.vmId, index);
            visit(stored, record, null);
            continue;
        }
        const sameVmKey = targetKey(records[sameVm]);
        if (!firstByTarget.has(sameVmKey)) {
            firstByTarget.set(sameVmKey, sameVm);
        }
        const key = targetKey(record);
        const earlier = firstByTarget.get(key);
        if (earlier === undefined) {
            firstByTarget.set(key, index);
            visit(stored, record, null);
        } else {
            const problem = `excludes the same VM under the same rule on the same host as exclusions[${earlier}]`;
            visit(stored, record, { index, field: `exclusions[${index}]`, problem, record: stored });
        }
    }
}

/**
 * Reads a document record by record (the tool's own document on the gateway): the envelope must be
 * `{ "version": 1, "exclusions": [ ... ] }` (an ExclusionsError otherwise); a record that is invalid,
 * or a second record for the same host, VM and rule, is listed as unreadable, and the others are kept.
 */
export function readExclusions(json: unknown): KeptExclusions {
    const kept: KeptExclusions = emptyExclusions();
    readEntries(json, (_stored, record, unreadable) => {
        if (unreadable) {
            kept.unreadable.push(unreadable);
        } else {
            kept.exclusions.push(record as Exclusion);
        }
    });
    return kept;
}

/**
 * Validates a whole document (the command-line check's `--exclusions FILE`): the first unreadable
 * record is an ExclusionsError naming its field and index.
 */
export function parseExclusions(json: unknown): ExclusionDocument {
    const kept = readExclusions(json);
    if (kept.unreadable.length > 0) {
        const first = kept.unreadable[0];
        throw new ExclusionsError(first.field, first.problem);
    }
    return { version: exclusionsVersion, exclusions: kept.exclusions };
}

/**
 * One change an admin makes, applied again on top of whatever the document holds when it is saved:
 * exclude (a new record for a host, VM and rule), include (drop the record the admin saw), remove an
 * unreadable record, carry records over from the former application-scope document.
 */
export type ExclusionChange =
    | { kind: 'exclude'; exclusion: Exclusion }
    | { kind: 'include'; exclusion: Exclusion }
    | { kind: 'remove-unreadable'; record: unknown }
    | { kind: 'carry-over'; exclusions: readonly Exclusion[] };

/** Whether `a` was made after `b` (another admin's newer decision about the same finding wins). */
function madeAfter(a: Exclusion, b: Exclusion): boolean {
    return Date.parse(a.at) > Date.parse(b.at);
}

function sameStored(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The document with the change applied on top of `stored` (the document as read just before saving;
 * undefined or null when none was ever saved). Records the change does not touch are kept as stored,
 * unreadable ones included. Throws an ExclusionsError when the stored envelope is not a document.
 */
export function applyExclusionChange(stored: unknown, change: ExclusionChange): { version: 1; exclusions: unknown[] } {
    const entries: Entry[] = [];
    if (stored !== undefined && stored !== null) {
        readEntries(stored, (entry, record, unreadable) => entries.push({ stored: entry, record, unreadable }));
    }
    const kept = (entry: Entry): boolean => {
        const record = entry.record;
        switch (change.kind) {
            case 'exclude':
            case 'include':
                return !(record && targetKey(record) === targetKey(change.exclusion) && !madeAfter(record, change.exclusion));
            case 'remove-unreadable':
                return !(entry.unreadable && sameStored(entry.stored, change.record));
            default:
                return true;
        }
    };
    const left = entries.filter(kept);
    const targets = new Set(left.filter(e => e.record).map(e => targetKey(e.record as Exclusion)));
    const added = change.kind === 'exclude' ? [validateExclusion(change.exclusion)] : change.kind === 'carry-over' ? change.exclusions : [];
    const missing = added.filter(e => {
        const key = targetKey(e);
        const isNew = !targets.has(key);
        targets.add(key);
        return isNew;
    });
    return { version: exclusionsVersion, exclusions: left.map(e => e.stored).concat(missing) };
}

/**
 * Whether the document read after a save still holds the change (another admin's save that landed
 * meanwhile may have written over it): exclude, the record or a newer one for the finding; include,
 * no record for the finding as old as the one dropped; remove, the record gone; carry-over, a record
 * for every finding carried.
 */
export function holdsExclusionChange(kept: KeptExclusions, change: ExclusionChange): boolean {
    const byTarget = new Map(kept.exclusions.map(e => [targetKey(e), e]));
    switch (change.kind) {
        case 'exclude': {
            const found = byTarget.get(targetKey(change.exclusion));
            return !!found && (madeAfter(found, change.exclusion) || sameStored(found, validateExclusion(change.exclusion)));
        }
        case 'include': {
            const found = byTarget.get(targetKey(change.exclusion));
            return !found || madeAfter(found, change.exclusion);
        }
        case 'remove-unreadable':
            return !kept.unreadable.some(u => sameStored(u.record, change.record));
        default:
            return change.exclusions.every(e => byTarget.has(targetKey(e)));
    }
}

/** A host's name without its domain, lower-cased. */
function shortName(name: string): string {
    return name.split('.')[0].toLowerCase();
}

/** An IP address literal (v4 or v6), compared whole. */
function isAddress(name: string): boolean {
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

/**
 * Whether two names are the same host: by full name (any case) when both carry a domain, by the short
 * name when one of them has none (the tool names a server as its connection does, often an FQDN; a
 * snapshot names it by its computer name). `hv01.corp.example` is not `HV01.other.example`.
 */
export function sameHost(a: string, b: string): boolean {
    const x = a.trim().toLowerCase();
    const y = b.trim().toLowerCase();
    if (x === y) {
        return true;
    }
    if (isAddress(x) || isAddress(y) || (x.includes('.') && y.includes('.'))) {
        return false;
    }
    return shortName(x) === shortName(y);
}

/**
 * The record for a VM under a rule made on one of `hosts` (the server, or a cluster's name; compared
 * with sameHost), whatever its verdict (to show one that no longer applies), or null. A record written
 * for the exact name comes before one that matches by short name.
 */
export function findExclusion(exclusions: readonly Exclusion[], hosts: string | readonly string[], vmId: string, rule: string): Exclusion | null {
    const names = typeof hosts === 'string' ? [hosts] : hosts;
    const id = vmId.toLowerCase();
    // Records are validated: their Id is already lower case.
    const candidates = exclusions.filter(e => e.vmId === id && e.rule === rule && names.some(h => sameHost(e.host, h)));
    return candidates.find(e => names.some(h => h.toLowerCase() === e.host.toLowerCase())) || candidates[0] || null;
}

/**
 * The exclusion that applies to a VM's verdict under a rule: the record for that host (or cluster),
 * VM and rule, only while the verdict is the one it was made for; otherwise null (the VM counts again).
 * The one matcher of the tool and the command-line check.
 */
export function matchExclusion(
    exclusions: readonly Exclusion[], hosts: string | readonly string[], vmId: string, rule: string, verdict: Verdict): Exclusion | null {
    const found = findExclusion(exclusions, hosts, vmId, rule);
    return found && found.verdict === verdict ? found : null;
}
