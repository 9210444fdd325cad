import { failoverTcpipRuleId, ruleId } from '../rule/finding';
import { KvpStatus, ReplicationMode } from '../snapshot/hyperv-enums';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { mergeNodeOutcomes, withVmRechecked } from './node-outcomes';
import { outcomeFromSnapshot } from './scan-outcome';

interface TestVm {
    id: string;
    name: string;
    fail?: boolean;
}

function nodeOutcome(node: string, vms: TestVm[], broker: string | null = 'HVBROKER', collectedAt = '2026-11-26T10:00:00.000Z') {
    const kvp = (vm: TestVm) => vm.fail ? kvpWith(KvpStatus.NoContact) : kvpWith(KvpStatus.Ok);
    return outcomeFromSnapshot(snapshotOf(vms.map(v => vmFacts({ id: v.id, name: v.name, kvp: kvp(v) })), {
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
            { node: 'n1.corp', outcome: nodeOutcome('N1', [{ id: 'a', name: 'A' }, { id: 'b', name: 'B', fail: true }]) },
            { node: 'n2.corp', outcome: nodeOutcome('N2', [{ id: 'c', name: 'C' }], null, '2026-11-26T09:59:00.000Z') }
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
            { node: 'n1.corp', outcome: nodeOutcome('N1', [{ id: 'a', name: 'A' }]) },
            { node: 'n4.corp', outcome: { failure: { kind: 'gateway', detail: 'WinRM cannot complete the operation.' } } },
            { node: 'n3.corp', outcome: nodeOutcome('N3', [{ id: 'd', name: 'D', fail: true }]) }
        ]);
        expect(merged.findings.map(f => f.finding.vm.name)).toEqual(['A', 'D']);
        expect(merged.nodeFailures).toEqual([{ node: 'n4.corp', failure: { kind: 'gateway', detail: 'WinRM cannot complete the operation.' } }]);
    });

    it('keeps a VM seen on two nodes once (a live migration between two scans)', () => {
        const merged = mergeNodeOutcomes([
            { node: 'n1.corp', outcome: nodeOutcome('N1', [{ id: 'a', name: 'A' }]) },
            { node: 'n2.corp', outcome: nodeOutcome('N2', [{ id: 'a', name: 'A' }]) }
        ]);
        expect(merged.findings.length).toBe(1);
        expect(merged.findings[0].node).toBe('n1.corp');
    });

    it('names the hosts whose failover settings were tied to adapters by the InstanceID guess', () => {
        const guessed = nodeOutcome('N2', [{ id: 'c', name: 'C' }]);
        if (guessed.findings) {
            guessed.findings.host.failoverMapping = 'instanceIdGuess';
        }
        const byAssociation = nodeOutcome('N1', [{ id: 'a', name: 'A' }]);
        if (byAssociation.findings) {
            byAssociation.findings.host.failoverMapping = 'association';
        }
        expect(mergeNodeOutcomes([{ node: 'n1.corp', outcome: byAssociation }, { node: 'n2.corp', outcome: guessed }]).guessedFailoverMapping)
            .toEqual(['N2']);
        expect(mergeNodeOutcomes([{ node: 'n1.corp', outcome: byAssociation }]).guessedFailoverMapping).toEqual([]);
    });

    it('is empty for no outcomes', () => {
        const merged = mergeNodeOutcomes([]);
        expect(merged.findings).toEqual([]);
        expect(merged.collectedAt).toBeNull();
    });

    it('keeps each VM\'s findings under both rules together, and counts per rule', () => {
        const replica = { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv01', replica: 'hv02' };
        const unset = { id: 'Microsoft:R\\NIC', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null };
        const merged = mergeNodeOutcomes([{
            node: 'n1.corp',
            outcome: outcomeFromSnapshot(snapshotOf([
                vmFacts({ id: 'p', name: 'PRIMARY' }),
                vmFacts({ id: 'r', name: 'REPLICA', replication: replica, adapters: [unset], kvp: null })
            ]))
        }]);
        expect(merged.findings.map(f => [f.finding.vm.name, f.byRule[ruleId].verdict, f.byRule[failoverTcpipRuleId].verdict]))
            .toEqual([['PRIMARY', 'pass', 'not-applicable'], ['REPLICA', 'fail', 'warn']]);
        expect(merged.findings.every(f => f.finding === f.byRule[ruleId] && f.byRule[failoverTcpipRuleId].vm === f.finding.vm)).toBeTrue();
        expect([merged.countsByRule[ruleId].fail, merged.countsByRule[ruleId].pass]).toEqual([1, 1]);
        expect([merged.countsByRule[failoverTcpipRuleId].warn, merged.countsByRule[failoverTcpipRuleId]['not-applicable']]).toEqual([1, 1]);
        expect(merged.counts).toEqual(merged.countsByRule[ruleId]);
    });
});

describe('withVmRechecked', () => {
    const replica = { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv01', replica: 'hv02' };
    const unset = { id: 'Microsoft:R\\NIC', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null };
    const before = vmFacts({ id: 'r', name: 'REPLICA', replication: replica, adapters: [unset], kvp: kvpWith(null, false) });

    it('judges the re-checked VM again under both rules, on the node that lists it, and leaves the others', () => {
        const outcomes = [
            { node: 'n1.corp', outcome: outcomeFromSnapshot(snapshotOf([vmFacts({ id: 'a', name: 'A' })])) },
            { node: 'n2.corp', outcome: outcomeFromSnapshot(snapshotOf([before, vmFacts({ id: 'b', name: 'B' })])) },
            { node: 'n3.corp', outcome: { failure: { kind: 'gateway' as const, detail: 'x' } } }
        ];
        // KVP turned on and a failover IP set: the seed rule leaves fail, the companion rule leaves warn.
        const after = { ...before, kvp: kvpWith(null), adapters: [{ ...unset, failover: 4096, ipv4: '10.20.0.9' }] };
        const rechecked = withVmRechecked(outcomes, after);
        expect(rechecked[0]).toBe(outcomes[0]);
        expect(rechecked[2]).toBe(outcomes[2]);
        const byRule = rechecked[1].outcome.byRule;
        expect(byRule?.[ruleId].findings.map(f => f.verdict)).toEqual(['unknown', 'pass']);
        expect(byRule?.[failoverTcpipRuleId].findings.map(f => f.verdict)).toEqual(['pass', 'not-applicable']);
        expect(byRule?.[failoverTcpipRuleId].counts.warn).toBe(0);
        expect(rechecked[1].outcome.findings).toBe(byRule?.[ruleId]);
        const merged = mergeNodeOutcomes(rechecked);
        expect(merged.findings.find(f => f.finding.vm.id === 'r')?.byRule[failoverTcpipRuleId].verdict).toBe('pass');
        expect(merged.countsByRule[failoverTcpipRuleId].warn).toBe(0);
        // The earlier outcome is unchanged (the page keeps its history immutable).
        expect(outcomes[1].outcome.byRule?.[failoverTcpipRuleId].findings[0].verdict).toBe('warn');
    });
});
