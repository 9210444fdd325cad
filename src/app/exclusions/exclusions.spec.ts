import {
    applyExclusionChange, Exclusion, ExclusionChange, ExclusionsError, findExclusion, holdsExclusionChange, matchExclusion, maxReasonLength,
    parseExclusions, readExclusions, sameHost
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

    describe('readExclusions (the tool\'s own document, record by record)', () => {
        const other = record({ vmId: '11111111-2222-3333-4444-555555555555', vmName: 'db01' });

        it('keeps the valid records and lists each invalid one with its index, field and the record as stored', () => {
            const bad = { ...record(), vmId: 'NOT-A-GUID' };
            const kept = readExclusions({ version: 1, exclusions: [other, bad, record({ rule: companion, verdict: 'warn' }), 'junk'] });
            expect(kept.exclusions).toEqual([other, record({ rule: companion, verdict: 'warn' })]);
            expect(kept.unreadable).toEqual([
                { index: 1, field: 'exclusions[1].vmId', problem: 'is not a GUID: \'NOT-A-GUID\'', record: bad },
                { index: 3, field: 'exclusions[3]', problem: 'must be an object', record: 'junk' }
            ]);
        });

        it('lists a second record for the same host, VM and rule as unreadable, keeping the first', () => {
            const kept = readExclusions({ version: 1, exclusions: [record(), record({ host: 'HV01.corp.example', reason: 'Again' })] });
            expect(kept.exclusions).toEqual([record()]);
            expect(kept.unreadable.map(u => [u.field, u.problem])).toEqual([
                ['exclusions[1]', 'excludes the same VM under the same rule on the same host as exclusions[0]']]);
        });

        it('still refuses an envelope that is not a document', () => {
            expect(errorOf(() => readExclusions({ version: 2, exclusions: [] })).message).toBe('version: must be 1, not 2');
        });

        it('reads 20,000 records in linear time (well under a second; the quadratic reader took 16 s)', () => {
            const many = Array.from({ length: 20000 }, (_, i) => record({ vmId: `6f1c3a52-9b1e-4a43-8a44-${i.toString(16).padStart(12, '0')}` }));
            const start = performance.now();
            const kept = readExclusions({ version: 1, exclusions: many });
            const elapsed = performance.now() - start;
            expect(kept.exclusions.length).toBe(20000);
            expect(elapsed).toBeLessThan(1000);
        });
    });

    describe('changes applied on top of the document as read', () => {
        const dba = record({ vmId: '11111111-2222-3333-4444-555555555555', vmName: 'db01', by: 'CORP\\dba', reason: 'Owned by the DBA team' });
        const stored = (...exclusions: unknown[]) => ({ version: 1, exclusions });
        const apply = (document: unknown, change: ExclusionChange) => readExclusions(applyExclusionChange(document, change));

        it('excludes on top of another admin\'s exclusion saved meanwhile, keeping it', () => {
            const change: ExclusionChange = { kind: 'exclude', exclusion: record() };
            const after = apply(stored(dba), change);
            expect(after.exclusions).toEqual([dba, record()]);
            expect(holdsExclusionChange(after, change)).toBe(true);
        });

        it('starts a document that was never saved', () => {
            expect(applyExclusionChange(undefined, { kind: 'exclude', exclusion: record() })).toEqual({ version: 1, exclusions: [record()] });
        });

        it('replaces an older record for the same finding, keeps a newer one another admin made', () => {
            const older = record({ reason: 'Old reason', at: '2026-11-20T00:00:00.000Z' });
            expect(apply(stored(older), { kind: 'exclude', exclusion: record() }).exclusions).toEqual([record()]);
            const newer = record({ reason: 'Newer', at: '2026-11-28T00:00:00.000Z' });
            const change: ExclusionChange = { kind: 'exclude', exclusion: record() };
            const after = apply(stored(newer), change);
            expect(after.exclusions).toEqual([newer]);
            expect(holdsExclusionChange(after, change)).toBe(true);
        });

        it('refuses to add a record without a reason', () => {
            expect(errorOf(() => applyExclusionChange(stored(), { kind: 'exclude', exclusion: record({ reason: ' ' }) })).field).toBe('exclusion.reason');
        });

        it('includes the record the admin saw (any case of host and Id), keeping the other rule and a newer record', () => {
            const change: ExclusionChange = { kind: 'include', exclusion: record({ host: 'HV01.CORP.EXAMPLE', vmId: vmId.toUpperCase() }) };
            const after = apply(stored(record(), record({ rule: companion }), dba), change);
            expect(after.exclusions).toEqual([record({ rule: companion }), dba]);
            expect(holdsExclusionChange(after, change)).toBe(true);
            const newer = record({ at: '2026-11-28T00:00:00.000Z' });
            expect(apply(stored(newer), change).exclusions).toEqual([newer]);
        });

        it('keeps unreadable records as stored, and removes one only when asked', () => {
            const bad = { ...record(), verdict: 'nonsense' };
            const excluded = apply(stored(bad, dba), { kind: 'exclude', exclusion: record() });
            expect(excluded.exclusions).toEqual([dba, record()]);
            expect(excluded.unreadable.map(u => u.record)).toEqual([bad]);
            const change: ExclusionChange = { kind: 'remove-unreadable', record: bad };
            const removed = apply(applyExclusionChange(stored(bad, dba), { kind: 'exclude', exclusion: record() }), change);
            expect(removed).toEqual({ version: 1, exclusions: [dba, record()], unreadable: [] });
            expect(holdsExclusionChange(removed, change)).toBe(true);
            expect(holdsExclusionChange(excluded, change)).toBe(false);
        });

        it('carries records over only for findings the document has no record for', () => {
            const mine = record({ reason: 'Mine' });
            const after = apply(stored(mine), { kind: 'carry-over', exclusions: [record(), dba] });
            expect(after.exclusions).toEqual([mine, dba]);
        });

        it('sees when another admin\'s save wrote over the change', () => {
            const change: ExclusionChange = { kind: 'exclude', exclusion: record() };
            expect(holdsExclusionChange(readExclusions(stored(dba)), change)).toBe(false);
            const include: ExclusionChange = { kind: 'include', exclusion: record() };
            expect(holdsExclusionChange(readExclusions(stored(record())), include)).toBe(false);
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

    describe('sameHost (the one host comparison of the tool and the command-line check)', () => {
        it('compares full names when both carry a domain', () => {
            expect(sameHost('hv01.corp.example', 'HV01.CORP.example')).toBe(true);
            expect(sameHost('hv01.corp.example', 'HV01.other.example')).toBe(false);
        });

        it('compares short names when one side has no domain', () => {
            expect(sameHost('hv01.corp.example', 'HV01')).toBe(true);
            expect(sameHost('hv01', 'HV01')).toBe(true);
            expect(sameHost('hv02', 'hv01.corp.example')).toBe(false);
        });

        it('compares addresses whole', () => {
            expect(sameHost('10.0.0.5', '10')).toBe(false);
            expect(sameHost('10.0.0.5', '10.0.0.5')).toBe(true);
        });

        it('matches an exclusion through it, the exact name first, on any of the names given (server, cluster)', () => {
            const short = record({ host: 'HV01', reason: 'Short' });
            expect(matchExclusion([short], 'hv01.corp.example', vmId, rule, 'fail')).toEqual(short);
            expect(matchExclusion([record()], 'HV01.other.example', vmId, rule, 'fail')).toBeNull();
            expect(findExclusion([short, record()], 'hv01.corp.example', vmId, rule)).toEqual(record());
            expect(matchExclusion([record({ host: 'cluster1.corp.example' })], ['HV01', 'cluster1'], vmId, rule, 'fail')?.host).toBe('cluster1.corp.example');
        });
    });
});
