import { countVerdicts } from '../rule/evaluate';
import { Finding, Verdict } from '../rule/finding';
import { SnapshotHost } from '../snapshot/snapshot';
import { ScanFailure } from './scan-failure';
import { ScanOutcome } from './scan-outcome';

/** One node's scan: Get-VM only sees the VMs a node owns, so a cluster is scanned node by node. */
export interface NodeOutcome {
    /** The node name as the WAC connection knows it (what PowerShell, remediation and VM Connection target). */
    node: string;
    outcome: ScanOutcome;
}

export interface NodeFinding {
    finding: Finding;
    /** The VM's owner node. */
    node: string;
    host: SnapshotHost;
}

/** Every node's findings together, with the nodes that could not be scanned. */
export interface MergedFindings {
    findings: NodeFinding[];
    nodeFailures: { node: string; failure: ScanFailure }[];
    /** Client access point of the Hyper-V Replica Broker, when a node reports one. */
    replicaBroker: string | null;
    clusterName: string | null;
    /** The oldest scan time of the nodes that answered. */
    collectedAt: string | null;
    counts: Record<Verdict, number>;
}

/**
 * Merges the nodes' outcomes in node order. A VM reported by two nodes (a live migration between
 * two scans) is kept once, from the first node. A node that failed is listed with its failure and
 * the other nodes' VMs still come through.
 */
export function mergeNodeOutcomes(outcomes: readonly NodeOutcome[]): MergedFindings {
    const seen = new Set<string>();
    const findings: NodeFinding[] = [];
    const nodeFailures: MergedFindings['nodeFailures'] = [];
    let replicaBroker: string | null = null;
    let clusterName: string | null = null;
    let collectedAt: string | null = null;
    for (const { node, outcome } of outcomes) {
        if (outcome.failure) {
            nodeFailures.push({ node, failure: outcome.failure });
            continue;
        }
        const result = outcome.findings;
        const cluster = result.host.cluster;
        replicaBroker = replicaBroker || (cluster ? cluster.replicaBroker : null);
        clusterName = clusterName || (cluster ? cluster.name : null);
        collectedAt = collectedAt === null || result.collectedAt < collectedAt ? result.collectedAt : collectedAt;
        for (const finding of result.findings) {
            if (!seen.has(finding.vm.id)) {
                seen.add(finding.vm.id);
                findings.push({ finding, node, host: result.host });
            }
        }
    }
    return { findings, nodeFailures, replicaBroker, clusterName, collectedAt, counts: countVerdicts(findings.map(f => f.finding)) };
}
