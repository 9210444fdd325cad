/**
 * Exclusions: a finding an admin marked as known and accepted (the BPA's Exclude), for one VM under
 * one rule on one host or cluster, with a reason. Plain TypeScript (no Angular, no SDK): the tool
 * keeps the document in the gateway's application settings, the command-line check reads the same
 * JSON from a file (`parseExclusions`).
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
    constructor(public readonly field: string, problem: string) {
        super(`${field}: ${problem}`);
        this.name = 'ExclusionsError';
    }
}

export function emptyExclusions(): ExclusionDocument {
    return { version: exclusionsVersion, exclusions: [] };
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

/** Validates one record and returns a copy holding only the record's fields (the Id lower-cased, texts trimmed). */
export function validateExclusion(value: unknown, path = 'exclusion'): Exclusion {
    if (!isObject(value)) {
        throw new ExclusionsError(path, 'must be an object');
    }
    const unknownField = Object.keys(value).find(key => !(fields as readonly string[]).includes(key));
    if (unknownField !== undefined) {
        throw new ExclusionsError(`${path}.${unknownField}`, `is not a field of an exclusion (${fields.join(', ')})`);
    }
    const vmId = text(value, 'vmId', path, 36).toLowerCase();
    if (!isVmId(vmId)) {
        throw new ExclusionsError(`${path}.vmId`, `is not a GUID: '${vmId}'`);
    }
    const verdict = text(value, 'verdict', path, 32);
    if (!(verdicts as readonly string[]).includes(verdict)) {
        throw new ExclusionsError(`${path}.verdict`, `is not a verdict: '${verdict}' (${verdicts.join(', ')})`);
    }
    const at = text(value, 'at', path, 32);
    if (!utcTime.test(at) || Number.isNaN(Date.parse(at))) {
        throw new ExclusionsError(`${path}.at`, `is not an ISO 8601 date and time in UTC: '${at}'`);
    }
    return {
        vmId,
        vmName: text(value, 'vmName', path, maxNameLength),
        host: text(value, 'host', path, maxNameLength),
        rule: text(value, 'rule', path, maxNameLength),
        verdict: verdict as Verdict,
        reason: text(value, 'reason', path, maxReasonLength),
        by: text(value, 'by', path, maxNameLength),
        at
    };
}

function sameTarget(a: { host: string; vmId: string; rule: string }, b: { host: string; vmId: string; rule: string }): boolean {
    return a.host.toLowerCase() === b.host.toLowerCase() && a.vmId.toLowerCase() === b.vmId.toLowerCase() && a.rule === b.rule;
}

/**
 * Validates a document (the JSON the tool keeps on the gateway and the CLI's `--exclusions FILE`):
 * `{ "version": 1, "exclusions": [ ... ] }`. Errors name the field and the index. One record per
 * host, VM and rule.
 */
export function parseExclusions(json: unknown): ExclusionDocument {
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
    const exclusions: Exclusion[] = [];
    list.forEach((item: unknown, index: number) => {
        const exclusion = validateExclusion(item, `exclusions[${index}]`);
        const earlier = exclusions.findIndex(e => sameTarget(e, exclusion));
        if (earlier >= 0) {
            throw new ExclusionsError(`exclusions[${index}]`, `excludes the same VM under the same rule on the same host as exclusions[${earlier}]`);
        }
        exclusions.push(exclusion);
    });
    return { version: exclusionsVersion, exclusions };
}

/** A new document with the exclusion (validated) in place of any record for the same host, VM and rule. */
export function addExclusion(document: ExclusionDocument, exclusion: Exclusion): ExclusionDocument {
    const valid = validateExclusion(exclusion);
    return { version: exclusionsVersion, exclusions: document.exclusions.filter(e => !sameTarget(e, valid)).concat(valid) };
}

/** Include: a new document without the record for that host, VM and rule (the same document's content when there is none). */
export function removeExclusion(document: ExclusionDocument, host: string, vmId: string, rule: string): ExclusionDocument {
    return { version: exclusionsVersion, exclusions: document.exclusions.filter(e => !sameTarget(e, { host, vmId, rule })) };
}

/** The record for a host, VM and rule, whatever its verdict (to show one that no longer applies), or null. */
export function findExclusion(exclusions: readonly Exclusion[], host: string, vmId: string, rule: string): Exclusion | null {
    return exclusions.find(e => sameTarget(e, { host, vmId, rule })) || null;
}

/**
 * The exclusion that applies to a VM's verdict under a rule: the record for that host, VM and rule,
 * only while the verdict is the one it was made for; otherwise null (the VM counts again).
 */
export function matchExclusion(exclusions: readonly Exclusion[], host: string, vmId: string, rule: string, verdict: Verdict): Exclusion | null {
    const found = findExclusion(exclusions, host, vmId, rule);
    return found && found.verdict === verdict ? found : null;
}
