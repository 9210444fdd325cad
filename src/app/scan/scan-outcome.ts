import { judgeVm } from '../rules/evaluate';
import { VmFindings } from '../rules/finding';
import { ruleRegistry } from '../rules/registry';
import { RuleDefinition } from '../rules/rule-definition';
import { parseSnapshotText, SnapshotError } from '../snapshot/parse-snapshot';
import { Snapshot, SnapshotHost } from '../snapshot/snapshot';
import { failureFromHostError, ScanFailure } from './scan-failure';

/** What one scan of a host gave: each VM judged under every rule (one parse, one judgement per rule), or why there is nothing. */
export type ScanOutcome =
    { host: SnapshotHost; collectedAt: string; vms: VmFindings[]; failure?: undefined } |
    { failure: ScanFailure; host?: undefined; collectedAt?: undefined; vms?: undefined };

/** Judges a parsed snapshot under every rule: its outcome, or the host's own error as a failure. */
export function outcomeFromSnapshot(snapshot: Snapshot, rules: readonly RuleDefinition[] = ruleRegistry): ScanOutcome {
    if (snapshot.error) {
        return { failure: failureFromHostError(snapshot.error) };
    }
    return { host: snapshot.host, collectedAt: snapshot.collectedAt, vms: snapshot.vms.map(vm => judgeVm(vm, rules)) };
}

/**
 * Turns the gateway's PowerShell results into an outcome. The script writes exactly one JSON
 * string; anything else (no output, several objects, not a snapshot) is an invalid-output failure.
 */
export function outcomeFromResults(results: unknown, rules: readonly RuleDefinition[] = ruleRegistry): ScanOutcome {
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
    return outcomeFromSnapshot(snapshot, rules);
}
