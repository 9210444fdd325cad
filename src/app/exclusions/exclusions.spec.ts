import {
    addExclusion, emptyExclusions, Exclusion, ExclusionsError, findExclusion, matchExclusion, maxReasonLength, parseExclusions, removeExclusion
} from './exclusions';

const rule = 'hyperv-replica-failover-ip-integration-services';
const companion = 'hyperv-replica-failover-tcpip-settings';
const vmId = '6f1c3a52-9b1e-4a43-8a44-0c1d2e3f4a5b';

function record(overrides: Partial<Exclusion> = {}): Exclusion {
    return {
        vmId, vmName: 'web01', host: 'hv01.corp.example', rule, verdict: 'fail', reason: 'Decommissioned next week',
        by: 'CORP\\hvadmin', at: '2026-11-27T00:10:00.000Z', ...overrides
    };
}

function errorOf(action: () => unknown): ExclusionsError {
    try {
        action();
    } catch (error) {
        if (error instanceof ExclusionsError) {
            return error;
        }
        throw error;
    }
    throw new Error('expected an ExclusionsError');
}

describe('exclusions', () => {
    describe('parseExclusions', () => {
        it('accepts a version 1 document and returns trimmed copies holding only the record fields', () => {
            const parsed = parseExclusions({ version: 1, exclusions: [{ ...record(), vmId: vmId.toUpperCase(), reason: '  Known  ' }] });
            expect(parsed).toEqual({ version: 1, exclusions: [record({ reason: 'Known' })] });
        });

        it('accepts an empty list', () => {
            expect(parseExclusions({ version: 1, exclusions: [] }).exclusions).toEqual([]);
        });

        it('refuses what is not a document, naming what is wrong', () => {
            expect(errorOf(() => parseExclusions(null)).field).toBe('(document)');
            expect(errorOf(() => parseExclusions([])).field).toBe('(document)');
            expect(errorOf(() => parseExclusions({ version: 2, exclusions: [] })).message).toBe('version: must be 1, not 2');
            expect(errorOf(() => parseExclusions({ exclusions: [] })).field).toBe('version');
            expect(errorOf(() => parseExclusions({ version: 1 })).message).toBe('exclusions: is missing');
            expect(errorOf(() => parseExclusions({ version: 1, exclusions: {} })).message).toBe('exclusions: must be an array');
        });

        it('names the index and the field of a bad record', () => {
            const cases: [unknown, string, RegExp][] = [
                [{ ...record(), reason: '   ' }, 'exclusions[1].reason', /is empty/],
                [{ ...record(), reason: 'x'.repeat(maxReasonLength + 1) }, 'exclusions[1].reason', /longer than 500/],
                [{ ...record(), reason: 7 }, 'exclusions[1].reason', /must be a string, not number/],
                [{ ...record(), by: undefined }, 'exclusions[1].by', /is missing/],
                [{ ...record(), vmId: 'web01' }, 'exclusions[1].vmId', /not a GUID/],
                [{ ...record(), verdict: 'failed' }, 'exclusions[1].verdict', /not a verdict: 'failed'/],
                [{ ...record(), at: '27/11/2026' }, 'exclusions[1].at', /ISO 8601/],
                [{ ...record(), at: '2026-11-27T01:10:00+01:00' }, 'exclusions[1].at', /in UTC/],
                [{ ...record(), host: null }, 'exclusions[1].host', /not null/],
                [{ ...record(), extra: true }, 'exclusions[1].extra', /not a field/],
                ['web01', 'exclusions[1]', /must be an object/]
            ];
            for (const [bad, field, problem] of cases) {
                const other = record({ vmId: '11111111-2222-3333-4444-555555555555' });
                const error = errorOf(() => parseExclusions({ version: 1, exclusions: [other, bad] }));
                expect(error.field).withContext(JSON.stringify(bad)).toBe(field);
                expect(error.message).withContext(field).toMatch(problem);
            }
        });

        it('refuses two records for the same host, VM and rule (host and Id compared without case)', () => {
            const twice = [record(), record({ host: 'HV01.corp.example', vmId: vmId.toUpperCase() })];
            const error = errorOf(() => parseExclusions({ version: 1, exclusions: twice }));
            expect(error.field).toBe('exclusions[1]');
            expect(error.message).toContain('exclusions[0]');
        });

        it('accepts the same VM under two rules', () => {
            expect(parseExclusions({ version: 1, exclusions: [record(), record({ rule: companion, verdict: 'warn' })] }).exclusions.length).toBe(2);
        });
    });

    describe('add and remove (Include)', () => {
        it('adds a record to a new document, leaving the old one as it was', () => {
            const before = emptyExclusions();
            const after = addExclusion(before, record());
            expect(before.exclusions).toEqual([]);
            expect(after).toEqual({ version: 1, exclusions: [record()] });
        });

        it('replaces the record for the same host, VM and rule, keeps the other rule', () => {
            const first = addExclusion(addExclusion(emptyExclusions(), record()), record({ rule: companion, verdict: 'warn' }));
            const second = addExclusion(first, record({ verdict: 'warn', reason: 'Accepted while the guest is rebuilt' }));
            expect(second.exclusions.length).toBe(2);
            expect(findExclusion(second.exclusions, 'hv01.corp.example', vmId, rule)?.reason).toBe('Accepted while the guest is rebuilt');
            expect(findExclusion(second.exclusions, 'hv01.corp.example', vmId, companion)?.verdict).toBe('warn');
        });

        it('refuses to add a record without a reason', () => {
            expect(errorOf(() => addExclusion(emptyExclusions(), record({ reason: ' ' }))).field).toBe('exclusion.reason');
        });

        it('removes only the record for that host, VM and rule', () => {
            const document = addExclusion(addExclusion(emptyExclusions(), record()), record({ rule: companion }));
            const after = removeExclusion(document, 'HV01.CORP.EXAMPLE', vmId.toUpperCase(), rule);
            expect(after.exclusions).toEqual([record({ rule: companion })]);
            expect(document.exclusions.length).toBe(2);
        });
    });

    describe('matchExclusion', () => {
        const exclusions = [record()];

        it('applies while the VM has the verdict the exclusion was made for', () => {
            expect(matchExclusion(exclusions, 'hv01.corp.example', vmId, rule, 'fail')).toEqual(record());
        });

        it('does not apply once the verdict changed (the VM comes back), though the record is still found', () => {
            expect(matchExclusion(exclusions, 'hv01.corp.example', vmId, rule, 'warn')).toBeNull();
            expect(findExclusion(exclusions, 'hv01.corp.example', vmId, rule)).toEqual(record());
        });

        it('is for its rule, host and VM only', () => {
            expect(matchExclusion(exclusions, 'hv01.corp.example', vmId, companion, 'fail')).toBeNull();
            expect(matchExclusion(exclusions, 'hv02.corp.example', vmId, rule, 'fail')).toBeNull();
            expect(matchExclusion(exclusions, 'hv01.corp.example', '11111111-2222-3333-4444-555555555555', rule, 'fail')).toBeNull();
        });
    });
});
