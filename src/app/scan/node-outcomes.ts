import { countVerdicts, evaluateVm } from '../rule/evaluate';
import { Finding, HostFindings, RuleId, ruleId, ruleIds, Verdict } from '../rule/finding';
import { SnapshotHost, SnapshotVm } from '../snapshot/snapshot';
import { ScanFailure } from './scan-failure';
import { RuleFindings, ScanOutcome } from './scan-outcome';

/** One node's scan: Get-VM only sees the VMs a node owns, so a cluster is scanned node by node. */
export interface NodeOutcome {
    /** The node name as the WAC connection knows it (what PowerShell, remediation and VM Connection target). */
    node: string;
    outcome: ScanOutcome;
}

export interface NodeFinding {
    /** The seed rule's finding (`byRule[ruleId]`). */
    finding: Finding;
    /** The VM's finding under every rule. */
    byRule: Record<RuleId, Finding>;
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
    /** The hosts whose failover settings were tied to adapters by the InstanceID guess (host.failoverMapping). */
    guessedFailoverMapping: string[];
    /** The seed rule's counts. */
    counts: Record<Verdict, number>;
    countsByRule: Record<RuleId, Record<Verdict, number>>;
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
    const guessedFailoverMapping: string[] = [];
    for (const { node, outcome } of outcomes) {
        if (outcome.failure) {
            nodeFailures.push({ node, failure: outcome.failure });
            continue;
        }
        const result = outcome.findings;
        const byRule = outcome.byRule;
        const cluster = result.host.cluster;
        replicaBroker = replicaBroker || (cluster ? cluster.replicaBroker : null);
        clusterName = clusterName || (cluster ? cluster.name : null);
        collectedAt = collectedAt === null || result.collectedAt < collectedAt ? result.collectedAt : collectedAt;
        if (result.host.failoverMapping === 'instanceIdGuess') {
            guessedFailoverMapping.push(result.host.name);
        }
        // Every rule judged the same snapshot: its findings are in the snapshot's VM order.
        result.findings.forEach((finding, i) => {
            if (!seen.has(finding.vm.id)) {
                seen.add(finding.vm.id);
                findings.push({ finding, byRule: findingsAt(byRule, i), node, host: result.host });
            }
        });
    }
    const countsByRule = {} as Record<RuleId, Record<Verdict, number>>;
    for (const rule of ruleIds) {
        countsByRule[rule] = countVerdicts(findings.map(f => f.byRule[rule]));
    }
    return { findings, nodeFailures, replicaBroker, clusterName, collectedAt, guessedFailoverMapping, counts: countsByRule[ruleId], countsByRule };
}

function findingsAt(byRule: RuleFindings, index: number): Record<RuleId, Finding> {
    const found = {} as Record<RuleId, Finding>;
    for (const rule of ruleIds) {
        found[rule] = byRule[rule].findings[index];
    }
    return found;
}

/** A host's findings with one VM judged again (its counts follow). */
function withVm(result: HostFindings, vm: SnapshotVm): HostFindings {
    const findings = result.findings.map(f => f.vm.id === vm.id ? evaluateVm(vm, result.rule) : f);
    return { ...result, findings, counts: countVerdicts(findings) };
}

/**
 * The outcomes with a VM re-checked after a change: the re-check returns the VM's facts, judged
 * again under every rule on the node that lists it. Outcomes that don't list the VM are kept as they are.
 */
export function withVmRechecked(outcomes: readonly NodeOutcome[], vm: SnapshotVm): NodeOutcome[] {
    return outcomes.map(o => {
        const { findings, byRule } = o.outcome;
        if (!findings || !byRule || !findings.findings.some(f => f.vm.id === vm.id)) {
            return o;
        }
        const rechecked = {} as RuleFindings;
        for (const rule of ruleIds) {
            rechecked[rule] = withVm(byRule[rule], vm);
        }
        return { node: o.node, outcome: { findings: rechecked[ruleId], byRule: rechecked } };
    });
}
