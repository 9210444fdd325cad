import { ReplicationMode } from '../snapshot/hyperv-enums';
import { SnapshotVm } from '../snapshot/snapshot';
import { Reason, Verdict } from './finding';
import { adapterSources, failoverFacts, hasErrorFrom, modeOf, replicationSources } from './vm-facts';

/** The VMs that take a failover IP when they are failed over to. */
const replicaModes = new Set<number>([ReplicationMode.Replica, ReplicationMode.ExtendedReplica]);

/**
 * The companion rule: a Replica or Extended Replica VM should have a failover IP address on a
 * synthetic adapter, else it comes up with the primary's settings after a failover. Host-side facts
 * only: the VM's power state does not matter.
 */
export function judgeFailoverTcpip(vm: SnapshotVm): [Verdict, Reason] {
    if (hasErrorFrom(vm, replicationSources)) {
        return ['scan-error', Reason.ScanError];
    }
    if (!replicaModes.has(modeOf(vm))) {
        return ['not-applicable', Reason.NotReplica];
    }
    if (hasErrorFrom(vm, adapterSources)) {
        return ['scan-error', Reason.ScanError];
    }
    if (vm.adapters.length === 0) {
        return ['not-applicable', Reason.NoAdapters];
    }
    if (vm.adapters.every(a => a.legacy)) {
        return ['warn', Reason.NoSyntheticAdapter];
    }
    return failoverFacts(vm).configured ? ['pass', Reason.FailoverIpSet] : ['warn', Reason.NoFailoverIp];
}
