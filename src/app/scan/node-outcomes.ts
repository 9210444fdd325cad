import { VmFindings } from '../rules/finding';
import { SnapshotHost } from '../snapshot/snapshot';
import { ScanFailure } from './scan-failure';
import { ScanOutcome } from './scan-outcome';

/** One node's scan: Get-VM only sees the VMs a node owns, so a cluster is scanned node by node. */
export interface NodeOutcome {
    /** The node name as the WAC connection knows it (what PowerShell, remediation and VM Connection target). */
    node: string;
    outcome: ScanOutcome;
}

/** A VM's findings under every rule, with its owner node and the host that reported it. */
export interface NodeFinding extends VmFindings {
    node: string;
    host: SnapshotHost;
}

/** Every node's findings together, with the nodes that could not be scanned. */
export interface MergedFindings {
    vms: NodeFinding[];
    nodeFailures: { node: string; failure: ScanFailure }[];
    /** Client access point of the Hyper-V Replica Broker, when a node reports one. */
    replicaBroker: string | null;
    clusterName: string | null;
    /** The oldest scan time of the nodes that answered. */
    collectedAt: string | null;
    /** The hosts whose failover settings were tied to adapters by the InstanceID guess (host.failoverMapping). */
    guessedFailoverMapping: string[];
}

/**
 * Merges the nodes' outcomes in node order. A VM reported by two nodes (a live migration between
 * two scans) is kept once, from the first node. A node that failed is listed with its failure and
 * the other nodes' VMs still come through.
 */
export function mergeNodeOutcomes(outcomes: readonly NodeOutcome[]): MergedFindings {
    const seen = new Set<string>();
    const vms: NodeFinding[] = [];
    const nodeFailures: MergedFindings['nodeFailures'] = [];
    let replicaBroker: string | null = null;
    let clusterName: string | null = null;
    let collectedAt: string | null = null;
    const guessedFailoverMapping: string[] = [];
    for (const { node, outcome } of outcomes) {
        if (outcome.failure) {
            nodeFailures.push({ node, failure: outcome.failure });
            continue;
        }
        const cluster = outcome.host.cluster;
        replicaBroker = replicaBroker || (cluster ? cluster.replicaBroker : null);
        clusterName = clusterName || (cluster ? cluster.name : null);
        collectedAt = collectedAt === null || outcome.collectedAt < collectedAt ? outcome.collectedAt : collectedAt;
        if (outcome.host.failoverMapping === 'instanceIdGuess') {
            guessedFailoverMapping.push(outcome.host.name);
        }
        for (const judged of outcome.vms) {
            if (!seen.has(judged.vm.id)) {
                seen.add(judged.vm.id);
                vms.push({ ...judged, node, host: outcome.host });
            }
        }
    }
    return { vms, nodeFailures, replicaBroker, clusterName, collectedAt, guessedFailoverMapping };
}

/**
 * The outcomes with a VM re-checked after a change (judged on the host's answer, under every rule)
 * in place of what the node that lists it had. Outcomes that don't list the VM are kept as they are.
 */
export function withVmReplaced(outcomes: readonly NodeOutcome[], rechecked: VmFindings): NodeOutcome[] {
    const id = rechecked.vm.id.toLowerCase();
    return outcomes.map(o => {
        const { vms } = o.outcome;
        if (!vms || !vms.some(v => v.vm.id.toLowerCase() === id)) {
            return o;
        }
        return { node: o.node, outcome: { ...o.outcome, vms: vms.map(v => v.vm.id.toLowerCase() === id ? rechecked : v) } };
    });
}
