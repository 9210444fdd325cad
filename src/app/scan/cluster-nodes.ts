import { ScanFailure } from './scan-failure';

/** ClusterNodeState of the SDK's cluster inventory (core/shared/cluster-inventory/cluster-node-inventory). */
const nodeStates: Record<number, string> = { [-1]: 'Unknown', 0: 'Up', 1: 'Down', 2: 'Paused', 3: 'Joining' };

/** The parts of the SDK's ClusterInventory the tool reads. */
export interface ClusterInventoryNodes {
    nodeMap?: Record<string, { name?: string; fullyQualifiedDomainName?: string; state?: number }> | null;
}

/** A cluster's nodes as the tool treats them: those to scan, and those it only lists. */
export interface ClusterNodes {
    /** FQDNs of the nodes that are Up or Paused (what the SDK's own cluster code talks to). */
    scan: string[];
    /** Every other node (Down, Joining, Unknown), with its state: listed, never scanned. */
    notScanned: { node: string; state: string }[];
}

/**
 * Picks the nodes to scan from the SDK's cluster inventory the way the SDK's ClusterInventoryCache
 * does: the fully qualified names of the nodes that are Up or Paused. The other nodes are not asked
 * (a node that is down would only time out).
 */
export function clusterNodesFromInventory(inventory: ClusterInventoryNodes | null | undefined): ClusterNodes {
    const scan: string[] = [];
    const notScanned: ClusterNodes['notScanned'] = [];
    const nodeMap = inventory && inventory.nodeMap ? inventory.nodeMap : {};
    for (const key of Object.keys(nodeMap).sort()) {
        const node = nodeMap[key];
        const name = (node.fullyQualifiedDomainName || node.name || key).toLowerCase();
        if (node.state === 0 || node.state === 2) {
            scan.push(name);
        } else {
            notScanned.push({ node: name, state: nodeStates[node.state as number] || 'Unknown' });
        }
    }
    return { scan, notScanned };
}

/** The failure a node that is not scanned is listed with. */
export function notScannedFailure(state: string): ScanFailure {
    return { kind: 'node-down', detail: state };
}
