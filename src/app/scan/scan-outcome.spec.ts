import { snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { failureFromError } from './scan-failure';
import { outcomeFromResults } from './scan-outcome';

describe('outcomeFromResults', () => {
    it('judges the one snapshot the script printed', () => {
        const outcome = outcomeFromResults([JSON.stringify(snapshotOf([vmFacts()]))]);
        expect(outcome.findings.findings[0].verdict).toBe('pass');
        expect(outcome.failure).toBeUndefined();
    });

    it('turns a host without the Hyper-V module into a no-hyperv failure', () => {
        const snapshot = snapshotOf([], { error: { code: 'HyperVModuleMissing', message: 'The Hyper-V PowerShell module isn\'t installed on FS01.' } });
        expect(outcomeFromResults([JSON.stringify(snapshot)]).failure).toEqual({
            kind: 'no-hyperv', detail: 'The Hyper-V PowerShell module isn\'t installed on FS01.' });
    });

    it('maps access denied and query failures', () => {
        expect(outcomeFromResults([JSON.stringify(snapshotOf([], { error: { code: 'AccessDenied', message: 'x' } }))]).failure.kind).toBe('access-denied');
        expect(outcomeFromResults([JSON.stringify(snapshotOf([], { error: { code: 'QueryFailed', message: 'x' } }))]).failure.kind).toBe('query-failed');
    });

    it('reports malformed output as invalid, naming the problem', () => {
        expect(outcomeFromResults([]).failure).toEqual({ kind: 'invalid-output', detail: 'expected one JSON text from the scan, got 0 item(s)' });
        expect(outcomeFromResults(undefined).failure.kind).toBe('invalid-output');
        expect(outcomeFromResults(['{}', '{}']).failure.kind).toBe('invalid-output');
        expect(outcomeFromResults(['{"format": 1}']).failure).toEqual({
            kind: 'invalid-output', detail: 'format: expected "replica-failover-ip-snapshot/2", got 1' });
        expect(outcomeFromResults(['not json']).failure.detail).toContain('not JSON');
    });
});

describe('failureFromError', () => {
    it('tells access denied from other gateway errors', () => {
        expect(failureFromError({ status: 403 }, 'Forbidden', false).kind).toBe('access-denied');
        expect(failureFromError({ status: 500 }, 'Access is denied.', false).kind).toBe('access-denied');
        expect(failureFromError({ status: 502 }, 'Bad gateway', false)).toEqual({ kind: 'gateway', detail: 'Bad gateway' });
        expect(failureFromError(null, 'whatever', true).kind).toBe('invalid-output');
    });
});
