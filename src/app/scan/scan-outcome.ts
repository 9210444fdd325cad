import { evaluate } from '../rule/evaluate';
import { HostFindings, RuleId, ruleId, ruleIds } from '../rule/finding';
import { parseSnapshotText, SnapshotError } from '../snapshot/parse-snapshot';
import { Snapshot } from '../snapshot/snapshot';
import { failureFromHostError, ScanFailure } from './scan-failure';

/** A host's findings under every rule the tool judges. */
export type RuleFindings = Record<RuleId, HostFindings>;

/**
 * What one scan of a host gave: findings, or why there are none. `byRule` holds the findings under
 * every rule (one parse, one evaluation per rule); `findings` is the seed rule's (`byRule[ruleId]`),
 * what remediation and the re-check read.
 */
export type ScanOutcome =
    { findings: HostFindings; byRule: RuleFindings; failure?: undefined } |
    { failure: ScanFailure; findings?: undefined; byRule?: undefined };

/** Judges a parsed snapshot under every rule: its outcome, or the host's own error as a failure. */
export function outcomeFromSnapshot(snapshot: Snapshot): ScanOutcome {
    if (snapshot.error) {
        return { failure: failureFromHostError(snapshot.error) };
    }
    const byRule = {} as RuleFindings;
    for (const rule of ruleIds) {
        byRule[rule] = evaluate(snapshot, rule);
    }
    return { findings: byRule[ruleId], byRule };
}

/**
 * Turns the gateway's PowerShell results into an outcome. The script writes exactly one JSON
 * string; anything else (no output, several objects, not a snapshot) is an invalid-output failure.
 */
export function outcomeFromResults(results: unknown): ScanOutcome {
    const items = Array.isArray(results) ? results : (results === undefined || results === null ? [] : [results]);
    const texts = items.filter((item): item is string => typeof item === 'string');
    if (texts.length !== 1) {
        return { failure: { kind: 'invalid-output', detail: `expected one JSON text from the scan, got ${items.length} item(s)` } };
    }
    let snapshot: Snapshot;
    try {
        snapshot = parseSnapshotText(texts[0]);
    } catch (e) {
        if (e instanceof SnapshotError) {
            return { failure: { kind: 'invalid-output', detail: e.message } };
        }
        throw e;
    }
    return outcomeFromSnapshot(snapshot);
}
