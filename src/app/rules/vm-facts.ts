import { FailoverProtocol, ReplicationMode, ReplicationState } from '../snapshot/hyperv-enums';
import { SnapshotVm } from '../snapshot/snapshot';

/** Queries whose failure leaves a rule without the VM's replication facts. */
export const replicationSources = ['Get-VM', 'Get-VMReplication'];

/**
 * Queries of the network adapters and their failover settings (one CIM query since the script reads
 * them that way; the cmdlet in snapshots of older scripts).
 */
export const adapterSources = ['Get-VMNetworkAdapter', 'Msvm_FailoverNetworkAdapterSettingData', 'Get-VMNetworkAdapterFailoverConfiguration'];

export function hasErrorFrom(vm: SnapshotVm, sources: readonly string[]): boolean {
    return vm.errors.some(e => sources.includes(e.source));
}

/** The modes that take part in replication (TestReplica copies do not count). */
export const takingPartModes = new Set<number>([ReplicationMode.Primary, ReplicationMode.Replica, ReplicationMode.ExtendedReplica]);

/** VMReplicationMode; None when replication is not enabled. */
export function modeOf(vm: SnapshotVm): number {
    return vm.replication ? vm.replication.mode : ReplicationMode.None;
}

/**
 * The VMs Server Manager's BPA examines under every rule: ReplicationMode Replica (WMI "Recovery")
 * and a replication state other than Disabled. Never primaries, never Extended Replica VMs.
 */
export function bpaExamines(vm: SnapshotVm): boolean {
    return !!vm.replication && vm.replication.mode === ReplicationMode.Replica && vm.replication.state !== ReplicationState.Disabled;
}

export interface FailoverFacts {
    /** The failover addresses configured on synthetic adapters. */
    addresses: string[];
    /** Whether a synthetic adapter has failover settings; null when no synthetic adapter's settings were read. */
    configured: boolean | null;
}

/** Failover IP settings of the VM's synthetic adapters (legacy adapters take none). */
export function failoverFacts(vm: SnapshotVm): FailoverFacts {
    const addresses: string[] = [];
    let read = false;
    let configured = false;
    for (const adapter of vm.adapters) {
        if (adapter.legacy || adapter.failover === null) {
            continue;
        }
        read = true;
        if (adapter.failover !== FailoverProtocol.None) {
            configured = true;
            if (adapter.ipv4) {
                addresses.push(adapter.ipv4);
            }
            if (adapter.ipv6) {
                addresses.push(adapter.ipv6);
            }
        }
    }
    return { addresses, configured: read ? configured : null };
}
