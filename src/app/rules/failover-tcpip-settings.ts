/**
 * Configure the failover TCP/IP settings that you want the Replica VM to use in the event of a
 * failover (BPA, Warning): a Replica or extended Replica VM should have a failover IP address on a
 * synthetic adapter, else it comes up with the primary's settings after a failover. Host-side facts
 * only: the VM's power state does not matter.
 */
import { ReplicationMode } from '../snapshot/hyperv-enums';
import { SnapshotVm } from '../snapshot/snapshot';
import { BpaNote, Finding, Reason, Verdict } from './finding';
import { RuleDefinition } from './rule-definition';
import { adapterSources, failoverFacts, hasErrorFrom, modeOf, replicationSources } from './vm-facts';

/** The VMs that take a failover IP when they are failed over to. */
const replicaModes = new Set<number>([ReplicationMode.Replica, ReplicationMode.ExtendedReplica]);

function judge(vm: SnapshotVm): [Verdict, Reason] {
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

/** The BPA lists the one VM the tool doesn't: a Replica VM without network adapters, which has nothing to configure. */
function bpaNote(finding: Finding): BpaNote | null {
    return finding.bpa && finding.reason === Reason.NoAdapters ? BpaNote.NoAdapters : null;
}

export const failoverTcpipSettingsRule: RuleDefinition = {
    id: 'hyperv-replica-failover-tcpip-settings',
    cliName: 'failover-tcpip',
    // BPA severity Warning: the rule gives no fail; exit 1 when a VM gets warn.
    failing: 'warn',
    judge,
    // The BPA lists an examined Replica VM when no synthetic adapter has a failover IP address.
    bpaLists: vm => failoverFacts(vm).configured !== true,
    bpaNote,
    texts: strings => strings.FailoverTcpipSettingsRule
};
