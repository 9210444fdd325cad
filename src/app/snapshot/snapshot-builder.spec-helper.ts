import { KvpStatus, ReplicationMode, VmState } from './hyperv-enums';
import { Snapshot, snapshotFormat, SnapshotKvp, SnapshotVm } from './snapshot';

/** A running primary VM whose KVP answers, with one synthetic adapter and a failover IP; override what a test needs. */
export function vmFacts(overrides: Partial<SnapshotVm> = {}): SnapshotVm {
    return {
        id: '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162',
        name: 'SQL01',
        state: VmState.Running,
        generation: 2,
        version: '9.0',
        isVersion: '10.0.17763.1',
        isState: 'Up to date',
        guestOs: 'Windows Server 2019 Datacenter',
        replication: { mode: ReplicationMode.Primary, state: 4, health: 1, primary: 'hv01.corp.example', replica: 'hv02.corp.example' },
        kvp: { enabled: true, status: KvpStatus.Ok, statusName: 'Ok', text: 'OK', secondaryStatus: null, secondaryStatusName: null, secondaryText: null },
        setupDiskRestore: null,
        failoverRestore: null,
        adapters: [{
            id: 'Microsoft:VM\\NIC', name: 'Network Adapter', legacy: false, failover: 4096, ipv4: '10.20.0.15', ipv6: null,
            failoverTcpIp: { ipv4Mask: '255.255.255.0', ipv4Gateway: '10.20.0.1', ipv4Dns: ['10.20.0.10'], ipv6Prefix: null, ipv6Gateway: null, ipv6Dns: [] }
        }],
        dvdDrives: [{ controllerType: 'SCSI', controller: 0, location: 1, path: null }],
        errors: [],
        ...overrides
    };
}

export function kvpWith(status: number | null, enabled = true, secondary: number | null = null): SnapshotKvp {
    return {
        enabled, status, statusName: status === null ? null : (KvpStatus[status] ?? String(status)), text: null,
        secondaryStatus: secondary, secondaryStatusName: secondary === null ? null : (KvpStatus[secondary] ?? String(secondary)), secondaryText: null
    };
}

export function snapshotOf(vms: SnapshotVm[], overrides: Partial<Snapshot> = {}): Snapshot {
    return {
        format: snapshotFormat,
        collectedAt: '2026-11-26T10:00:00.000Z',
        host: { name: 'HV01', osVersion: '10.0.17763', culture: 'en-US', cluster: null, setupDisk: null },
        error: null,
        vms,
        ...overrides
    };
}
