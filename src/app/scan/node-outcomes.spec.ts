import { judgeVm } from '../rules/evaluate';
import { failoverTcpipSettingsRule } from '../rules/failover-tcpip-settings';
import { integrationServicesRule } from '../rules/integration-services';
import { countVerdicts } from '../rules/verdict-counts.spec-helper';
import { KvpStatus, ReplicationMode } from '../snapshot/hyperv-enums';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { mergeNodeOutcomes, withVmReplaced } from './node-outcomes';
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
        expect(merged.vms.map(f => [f.vm.name, f.node, f.host.name]))
            .toEqual([['A', 'n1.corp', 'N1'], ['B', 'n1.corp', 'N1'], ['C', 'n2.corp', 'N2']]);
        const counts = countVerdicts(merged.vms.map(v => v.byRule[integrationServicesRule.id]));
        expect(counts.fail).toBe(1);
        expect(counts.pass).toBe(2);
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
        expect(merged.vms.map(f => f.vm.name)).toEqual(['A', 'D']);
        expect(merged.nodeFailures).toEqual([{ node: 'n4.corp', failure: { kind: 'gateway', detail: 'WinRM cannot complete the operation.' } }]);
    });

    it('keeps a VM seen on two nodes once (a live migration between two scans)', () => {
        const merged = mergeNodeOutcomes([
            { node: 'n1.corp', outcome: nodeOutcome('N1', [{ id: 'a', name: 'A' }]) },
            { node: 'n2.corp', outcome: nodeOutcome('N2', [{ id: 'a', name: 'A' }]) }
        ]);
        expect(merged.vms.length).toBe(1);
        expect(merged.vms[0].node).toBe('n1.corp');
    });

    it('names the hosts whose failover settings were tied to adapters by the InstanceID guess', () => {
        const guessed = nodeOutcome('N2', [{ id: 'c', name: 'C' }]);
        if (guessed.host) {
            guessed.host.failoverMapping = 'instanceIdGuess';
        }
        const byAssociation = nodeOutcome('N1', [{ id: 'a', name: 'A' }]);
        if (byAssociation.host) {
            byAssociation.host.failoverMapping = 'association';
        }
        expect(mergeNodeOutcomes([{ node: 'n1.corp', outcome: byAssociation }, { node: 'n2.corp', outcome: guessed }]).guessedFailoverMapping)
            .toEqual(['N2']);
        expect(mergeNodeOutcomes([{ node: 'n1.corp', outcome: byAssociation }]).guessedFailoverMapping).toEqual([]);
    });

    it('is empty for no outcomes', () => {
        const merged = mergeNodeOutcomes([]);
        expect(merged.vms).toEqual([]);
        expect(merged.collectedAt).toBeNull();
    });

    it('keeps each VM\'s findings under every rule together', () => {
        const replica = { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv01', replica: 'hv02' };
        const unset = { id: 'Microsoft:R\\NIC', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null };
        const merged = mergeNodeOutcomes([{
            node: 'n1.corp',
            outcome: outcomeFromSnapshot(snapshotOf([
                vmFacts({ id: 'p', name: 'PRIMARY' }),
                vmFacts({ id: 'r', name: 'REPLICA', replication: replica, adapters: [unset], kvp: null })
            ]))
        }]);
        expect(merged.vms.map(f => [f.vm.name, f.byRule[integrationServicesRule.id].verdict, f.byRule[failoverTcpipSettingsRule.id].verdict]))
            .toEqual([['PRIMARY', 'pass', 'not-applicable'], ['REPLICA', 'fail', 'warn']]);
        expect(merged.vms.every(f => f.byRule[integrationServicesRule.id].vm === f.vm && f.byRule[failoverTcpipSettingsRule.id].vm === f.vm)).toBeTrue();
        const counts = (rule: string) => countVerdicts(merged.vms.map(v => v.byRule[rule]));
        expect([counts(integrationServicesRule.id).fail, counts(integrationServicesRule.id).pass]).toEqual([1, 1]);
        expect([counts(failoverTcpipSettingsRule.id).warn, counts(failoverTcpipSettingsRule.id)['not-applicable']]).toEqual([1, 1]);
    });
});

describe('withVmReplaced', () => {
    const replica = { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv01', replica: 'hv02' };
    const unset = { id: 'Microsoft:R\\NIC', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null };
    const before = vmFacts({ id: 'r', name: 'REPLICA', replication: replica, adapters: [unset], kvp: kvpWith(null, false) });

    it('puts the re-checked VM, judged under every rule, on the node that lists it, and leaves the others', () => {
        const outcomes = [
            { node: 'n1.corp', outcome: outcomeFromSnapshot(snapshotOf([vmFacts({ id: 'a', name: 'A' })])) },
            { node: 'n2.corp', outcome: outcomeFromSnapshot(snapshotOf([before, vmFacts({ id: 'b', name: 'B' })])) },
            { node: 'n3.corp', outcome: { failure: { kind: 'gateway' as const, detail: 'x' } } }
        ];
        // KVP turned on and a failover IP set: the integration services rule leaves fail, the failover TCP/IP settings rule leaves warn.
        const after = { ...before, kvp: kvpWith(null), adapters: [{ ...unset, failover: 4096, ipv4: '10.20.0.9' }] };
        const rechecked = withVmReplaced(outcomes, judgeVm(after));
        expect(rechecked[0]).toBe(outcomes[0]);
        expect(rechecked[2]).toBe(outcomes[2]);
        const vms = rechecked[1].outcome.vms || [];
        expect(vms.map(v => v.byRule[integrationServicesRule.id].verdict)).toEqual(['unknown', 'pass']);
        expect(vms.map(v => v.byRule[failoverTcpipSettingsRule.id].verdict)).toEqual(['pass', 'not-applicable']);
        expect(countVerdicts(vms.map(v => v.byRule[failoverTcpipSettingsRule.id])).warn).toBe(0);
        const merged = mergeNodeOutcomes(rechecked);
        expect(merged.vms.find(f => f.vm.id === 'r')?.byRule[failoverTcpipSettingsRule.id].verdict).toBe('pass');
        expect(countVerdicts(merged.vms.map(v => v.byRule[failoverTcpipSettingsRule.id])).warn).toBe(0);
        // The earlier outcome is unchanged (the page keeps its history immutable).
        expect(outcomes[1].outcome.vms?.[0].byRule[failoverTcpipSettingsRule.id].verdict).toBe('warn');
    });
});
