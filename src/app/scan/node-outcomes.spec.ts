import { evaluate } from '../rule/evaluate';
import { KvpStatus } from '../snapshot/hyperv-enums';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { mergeNodeOutcomes } from './node-outcomes';

interface TestVm {
    id: string;
    name: string;
    fail?: boolean;
}

function nodeSnapshot(node: string, vms: TestVm[], broker: string | null = 'HVBROKER', collectedAt = '2026-11-26T10:00:00.000Z') {
    const kvp = (vm: TestVm) => vm.fail ? kvpWith(KvpStatus.NoContact) : kvpWith(KvpStatus.Ok);
    return evaluate(snapshotOf(vms.map(v => vmFacts({ id: v.id, name: v.name, kvp: kvp(v) })), {
        collectedAt,
        host: {
            name: node, osVersion: '10.0.17763', culture: 'en-US', setupDisk: null,
            cluster: { name: 'HVCLUSTER', nodes: ['N1', 'N2', 'N3', 'N4'], replicaBroker: broker }
        }
    }));
}

describe('mergeNodeOutcomes', () => {
    it('puts every node\'s VMs together, each with its owner node, and counts them', () => {
        const merged = mergeNodeOutcomes([
            { node: 'n1.corp', outcome: { findings: nodeSnapshot('N1', [{ id: 'a', name: 'A' }, { id: 'b', name: 'B', fail: true }]) } },
            { node: 'n2.corp', outcome: { findings: nodeSnapshot('N2', [{ id: 'c', name: 'C' }], null, '2026-11-26T09:59:00.000Z') } }
        ]);
        expect(merged.findings.map(f => [f.finding.vm.name, f.node, f.host.name]))
            .toEqual([['A', 'n1.corp', 'N1'], ['B', 'n1.corp', 'N1'], ['C', 'n2.corp', 'N2']]);
        expect(merged.counts.fail).toBe(1);
        expect(merged.counts.pass).toBe(2);
        expect(merged.replicaBroker).toBe('HVBROKER');
        expect(merged.clusterName).toBe('HVCLUSTER');
        expect(merged.collectedAt).toBe('2026-11-26T09:59:00.000Z');
        expect(merged.nodeFailures).toEqual([]);
    });

    it('keeps the other nodes\' VMs when a node does not answer, and names that node', () => {
        const merged = mergeNodeOutcomes([
            { node: 'n1.corp', outcome: { findings: nodeSnapshot('N1', [{ id: 'a', name: 'A' }]) } },
            { node: 'n4.corp', outcome: { failure: { kind: 'gateway', detail: 'WinRM cannot complete the operation.' } } },
            { node: 'n3.corp', outcome: { findings: nodeSnapshot('N3', [{ id: 'd', name: 'D', fail: true }]) } }
        ]);
        expect(merged.findings.map(f => f.finding.vm.name)).toEqual(['A', 'D']);
        expect(merged.nodeFailures).toEqual([{ node: 'n4.corp', failure: { kind: 'gateway', detail: 'WinRM cannot complete the operation.' } }]);
    });

    it('keeps a VM seen on two nodes once (a live migration between two scans)', () => {
        const merged = mergeNodeOutcomes([
            { node: 'n1.corp', outcome: { findings: nodeSnapshot('N1', [{ id: 'a', name: 'A' }]) } },
            { node: 'n2.corp', outcome: { findings: nodeSnapshot('N2', [{ id: 'a', name: 'A' }]) } }
        ]);
        expect(merged.findings.length).toBe(1);
        expect(merged.findings[0].node).toBe('n1.corp');
    });

    it('is empty for no outcomes', () => {
        const merged = mergeNodeOutcomes([]);
        expect(merged.findings).toEqual([]);
        expect(merged.collectedAt).toBeNull();
    });
});
