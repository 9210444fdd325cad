import { clusterNodesFromInventory } from './cluster-nodes';

describe('clusterNodesFromInventory', () => {
    it('scans the FQDNs of the nodes that are Up or Paused and lists the others with their state', () => {
        const nodes = clusterNodesFromInventory({
            nodeMap: {
                node1: { name: 'node1', fullyQualifiedDomainName: 'node1.corp.example', state: 0 },
                node2: { name: 'node2', fullyQualifiedDomainName: 'NODE2.corp.example', state: 2 },
                node3: { name: 'node3', fullyQualifiedDomainName: 'node3.corp.example', state: 1 },
                node4: { name: 'node4', fullyQualifiedDomainName: 'node4.corp.example', state: 3 },
                node5: { name: 'node5', state: -1 }
            }
        });
        expect(nodes.scan).toEqual(['node1.corp.example', 'node2.corp.example']);
        expect(nodes.notScanned).toEqual([
            { node: 'node3.corp.example', state: 'Down' }, { node: 'node4.corp.example', state: 'Joining' }, { node: 'node5', state: 'Unknown' }]);
    });

    it('gives nothing to scan for an empty or missing inventory', () => {
        expect(clusterNodesFromInventory(null)).toEqual({ scan: [], notScanned: [] });
        expect(clusterNodesFromInventory({ nodeMap: {} })).toEqual({ scan: [], notScanned: [] });
    });
});
