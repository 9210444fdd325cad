import { evaluateVm } from '../rules/evaluate';
import { KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { kvpWith, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { countRows, filterRows, rowsInScope, toRow } from './finding-row';
import { gridTexts } from './strings.spec-helper';

const nicId = 'Microsoft:VM\\NIC';

const rows = [
    toRow(evaluateVm(vmFacts({ id: '1', name: 'SQL01' })), gridTexts),
    toRow(evaluateVm(vmFacts({ id: '2', name: 'APP07', kvp: kvpWith(KvpStatus.NoContact) })), gridTexts),
    toRow(evaluateVm(vmFacts({ id: '3', name: 'BUILD01', replication: null,
        adapters: [{ id: nicId, name: 'Network Adapter', legacy: false, failover: null, ipv4: null, ipv6: null }] })), gridTexts),
    toRow(evaluateVm(vmFacts({ id: '4', name: 'DC02', state: VmState.Off, kvp: kvpWith(null),
        replication: { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv03', replica: 'hv01' } })), gridTexts)
];

describe('toRow', () => {
    it('gives display-ready columns', () => {
        const [sql, app, build] = rows;
        expect(sql.verdictLabel).toBe('Pass');
        expect(sql.mode).toBe('Primary');
        expect(sql.replicationState).toBe('Replicating');
        expect(sql.kvp).toBe('OK');
        expect(sql.integrationServices).toBe('10.0.17763.1, Up to date');
        expect(sql.failoverIp).toBe('Yes (10.20.0.15)');
        expect(app.verdictLabel).toBe('Fail');
        expect(app.kvp).toBe('No contact');
        expect(app.message).toContain('no contact');
        expect(build.mode).toBe('None');
        expect(build.verdictLabel).toBe('Not applicable');
        expect(build.failoverIp).toBe('Not read');
        expect(rows[3].kvp).toBe('Not reported');
    });

    it('tells a KVP component that is absent from one that could not be read', () => {
        expect(toRow(evaluateVm(vmFacts({ kvp: null })), gridTexts).kvp).toBe('None');
        expect(toRow(evaluateVm(vmFacts({ kvp: null, errors: [{ source: 'Get-VMIntegrationService', message: 'x' }] })), gridTexts).kvp).toBe('Not read');
        expect(toRow(evaluateVm(vmFacts({ kvp: kvpWith(null, false) })), gridTexts).kvp).toBe('Disabled');
    });

    it('writes every cell in sentence case, product names capitalized, and keeps the texts lower case inside sentences', () => {
        const replica = (mode: ReplicationMode) => toRow(evaluateVm(vmFacts({ state: VmState.Off, kvp: kvpWith(null),
            replication: { mode, state: 4, health: 1, primary: 'hv03', replica: 'hv01' } })), gridTexts);
        expect([ReplicationMode.Primary, ReplicationMode.Replica, ReplicationMode.ExtendedReplica, ReplicationMode.TestReplica].map(m => replica(m).mode))
            .toEqual(['Primary', 'Replica', 'Extended Replica', 'Test Replica']);
        expect(toRow(evaluateVm(vmFacts({ kvp: kvpWith(KvpStatus.Degraded, true, KvpStatus.ProtocolMismatch) })), gridTexts).kvp)
            .toBe('Degraded, protocol mismatch');
        expect(rows[1].message).toContain('doesn\'t answer (no contact)');
        expect(replica(ReplicationMode.ExtendedReplica).message).toContain('This extended Replica VM');
    });

    it('looks host text up as own properties only', () => {
        const hostile = toRow(evaluateVm(vmFacts({ name: 'constructor', kvp: { ...kvpWith(KvpStatus.NoContact), statusName: '__proto__' } })), gridTexts);
        expect(hostile.vmName).toBe('constructor');
        expect(hostile.kvp).toBe('__proto__');
        expect(toRow(evaluateVm(vmFacts({ replication: { mode: 99, state: 99, health: 0, primary: null, replica: null } })), gridTexts))
            .toEqual(jasmine.objectContaining({ mode: '99', replicationState: '99' }));
    });

    it('ranks verdicts worst first', () => {
        expect(rows[1].verdictRank).toBeLessThan(rows[3].verdictRank);
        expect(rows[3].verdictRank).toBeLessThan(rows[0].verdictRank);
        expect(rows[0].verdictRank).toBeLessThan(rows[2].verdictRank);
    });
});

describe('filterRows', () => {
    const names = (filtered: { vmName: string }[]) => filtered.map(r => r.vmName);

    it('shows only VMs that take part in replication unless showAll is on', () => {
        expect(names(filterRows(rows, { text: '', verdict: null, showAll: false }))).toEqual(['SQL01', 'APP07', 'DC02']);
        expect(names(filterRows(rows, { text: '', verdict: null, showAll: true }))).toEqual(['SQL01', 'APP07', 'BUILD01', 'DC02']);
    });

    it('filters by verdict', () => {
        expect(names(filterRows(rows, { text: '', verdict: 'fail', showAll: false }))).toEqual(['APP07']);
        expect(names(filterRows(rows, { text: '', verdict: 'not-applicable', showAll: true }))).toEqual(['BUILD01']);
    });

    it('filters by text in the name, verdict, mode, KVP status or message, ignoring case', () => {
        expect(names(filterRows(rows, { text: 'app0', verdict: null, showAll: false }))).toEqual(['APP07']);
        expect(names(filterRows(rows, { text: 'NO CONTACT', verdict: null, showAll: false }))).toEqual(['APP07']);
        expect(names(filterRows(rows, { text: 'replica ', verdict: null, showAll: true }))).toContain('DC02');
        expect(names(filterRows(rows, { text: '  ', verdict: null, showAll: false })).length).toBe(3);
    });

    it('counts rows per verdict, worst first', () => {
        expect(countRows(rowsInScope(rows, false))).toEqual([
            { verdict: 'fail', count: 1 }, { verdict: 'warn', count: 0 }, { verdict: 'scan-error', count: 0 },
            { verdict: 'unknown', count: 1 }, { verdict: 'pass', count: 1 }, { verdict: 'not-applicable', count: 0 }
        ]);
    });
});
