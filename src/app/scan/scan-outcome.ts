import { evaluate } from '../rule/evaluate';
import { HostFindings } from '../rule/finding';
import { parseSnapshotText, SnapshotError } from '../snapshot/parse-snapshot';
import { failureFromHostError, ScanFailure } from './scan-failure';

/** What one scan of a host gave: findings, or why there are none. */
export type ScanOutcome = { findings: HostFindings; failure?: undefined } | { failure: ScanFailure; findings?: undefined };

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
    try {
        const findings = evaluate(parseSnapshotText(texts[0]));
        return findings.hostError ? { failure: failureFromHostError(findings.hostError) } : { findings };
    } catch (e) {
        if (e instanceof SnapshotError) {
            return { failure: { kind: 'invalid-output', detail: e.message } };
        }
        throw e;
    }
}
