/**
 * The snapshot one scan of a Hyper-V host returns (format `replica-failover-ip-snapshot/3`; format 2 is still read):
 * versioned JSON of primitives written by Get-ReplicaFailoverIpSnapshot.ps1. Enum values are the
 * Hyper-V enums' integers (see hyperv-enums.ts). docs/snapshot-format.md describes every field.
 */
import { HostErrorCode, previousSnapshotFormat, snapshotFormat } from '../host-contract';

export { previousSnapshotFormat, snapshotFormat };

export interface Snapshot {
    /** The format the snapshot was written in: format 2 lacks the failover TCP/IP details and restore records. */
    format: typeof snapshotFormat | typeof previousSnapshotFormat;
    /** ISO 8601, UTC. */
    collectedAt: string;
    host: SnapshotHost;
    /** Set when the host could not be scanned at all; `vms` is then empty. */
    error: HostScanError | null;
    vms: SnapshotVm[];
}

export interface SnapshotHost {
    name: string;
    /** e.g. 6.3.9600 (2012 R2), 10.0.14393 (2016); null when it could not be read. */
    osVersion: string | null;
    /** UI culture of the host: names of integration services and IntegrationServicesState follow it. */
    culture: string;
    cluster: SnapshotCluster | null;
    /** Path of the integration services setup disk (vmguest.iso) on hosts before 2016; null when absent. */
    setupDisk: string | null;
    /**
     * How the failover settings were tied to the adapters (optional; absent when none were read or an
     * older script wrote the snapshot): by the association Msvm_EthernetPortFailoverSettingDataComponent,
     * or, for at least one instance, by the object GUID of its InstanceID taken as the adapter's (a guess).
     */
    failoverMapping?: FailoverMapping;
}

export type FailoverMapping = 'association' | 'instanceIdGuess';

export interface SnapshotCluster {
    name: string;
    nodes: string[];
    /** The Hyper-V Replica Broker's role (client access point), if the cluster has one. */
    replicaBroker: string | null;
}

export type HostScanErrorCode = HostErrorCode;

export interface HostScanError {
    code: HostScanErrorCode;
    message: string;
}

export interface SnapshotVm {
    /** VM Id, a GUID in lower case. */
    id: string;
    name: string;
    /** VMState (every real value, *Critical ones included, see hyperv-enums.ts); 0 when Get-VM could not read the VM. */
    state: number;
    generation: number | null;
    version: string | null;
    /** IntegrationServicesVersion as text, null when the guest never reported one. */
    isVersion: string | null;
    /** IntegrationServicesState, localized by the host ("Up to date", "Update required", ""). */
    isState: string | null;
    /** KVP intrinsic item OSName: present only while KVP answers. */
    guestOs: string | null;
    /** null: replication is not enabled (or could not be read: see errors). */
    replication: SnapshotReplication | null;
    /** The Key-Value Pair Exchange component; null when the VM has none (or it could not be read). */
    kvp: SnapshotKvp | null;
    /** Media the setup disk replaced in a DVD drive, kept on the host to put back; null when none. */
    setupDiskRestore: SnapshotSetupDiskRestore | null;
    /** Failover TCP/IP settings the tool replaced and can put back, per adapter; null when none (always null in format 2). */
    failoverRestore: SnapshotFailoverRestore[] | null;
    adapters: SnapshotAdapter[];
    dvdDrives: SnapshotDvdDrive[];
    /** Queries that failed for this VM, by cmdlet. */
    errors: SnapshotVmError[];
}

export interface SnapshotReplication {
    /** VMReplicationMode */
    mode: number;
    /** VMReplicationState */
    state: number;
    /** VMReplicationHealthState */
    health: number;
    primary: string | null;
    replica: string | null;
}

export interface SnapshotKvp {
    /** Enabled on the host side. */
    enabled: boolean;
    /** VMIntegrationComponentOperationalStatus of the primary status; null when none is reported. */
    status: number | null;
    statusName: string | null;
    /** PrimaryStatusDescription, localized by the host. */
    text: string | null;
    /** SecondaryOperationalStatus: the detail (e.g. ProtocolMismatch: the guest's integration services are out of date); null when none. */
    secondaryStatus: number | null;
    secondaryStatusName: string | null;
    /** SecondaryStatusDescription, localized by the host. */
    secondaryText: string | null;
}

export interface SnapshotSetupDiskRestore {
    /** e.g. "IDE 1:0" */
    drive: string;
    /** The ISO that was in the drive; null when the drive was empty. */
    previousPath: string | null;
}

export interface SnapshotAdapter {
    /** The adapter's Id: `Microsoft:<VM GUID>\<adapter GUID>`. */
    id: string;
    name: string;
    legacy: boolean;
    /** ProtocolIFType of the failover settings: 0 none, 4096 IPv4, 4097 IPv6, 4098 both; null when not read. */
    failover: number | null;
    /** The first IPv4 / IPv6 address among the failover IPAddresses. */
    ipv4: string | null;
    ipv6: string | null;
    /**
     * The rest of the failover settings (format 3): null when none were read (not a synthetic adapter of
     * a replicated VM, no settings instance, the query failed, or a format 2 snapshot). parseSnapshot
     * always sets it; optional in the type so that facts built by hand in tests may leave it out.
     */
    failoverTcpIp?: SnapshotFailoverTcpIp | null;
}

/** Failover TCP/IP settings of an adapter beside its addresses; DNS servers in order: preferred, alternate. */
export interface SnapshotFailoverTcpIp {
    ipv4Mask: string | null;
    ipv4Gateway: string | null;
    ipv4Dns: string[];
    ipv6Prefix: number | null;
    ipv6Gateway: string | null;
    ipv6Dns: string[];
}

/** An adapter whose previous failover settings are kept on the host (Restore puts them back). */
export interface SnapshotFailoverRestore {
    adapterId: string;
    /** The kept IPv4 / IPv6 address (null: none was set). */
    ipv4: string | null;
    ipv6: string | null;
}

export interface SnapshotDvdDrive {
    controllerType: string;
    controller: number;
    location: number;
    path: string | null;
}

export interface SnapshotVmError {
    /** The cmdlet that failed, e.g. Get-VMIntegrationService. */
    source: string;
    message: string;
}
