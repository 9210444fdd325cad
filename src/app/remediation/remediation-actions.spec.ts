import { evaluateVm } from '../rules/evaluate';
import { KvpStatus, VmState } from '../snapshot/hyperv-enums';
import { SnapshotHost, SnapshotVm } from '../snapshot/snapshot';
import { kvpWith, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { isBefore2016, offeredActions } from './remediation-actions';

const host2012: SnapshotHost = { name: 'HV2012', osVersion: '6.3.9600', culture: 'en-US', cluster: null, setupDisk: 'C:\\Windows\\System32\\vmguest.iso' };
const host2019: SnapshotHost = { name: 'HV01', osVersion: '10.0.17763', culture: 'en-US', cluster: null, setupDisk: null };
const offered = (vm: Partial<SnapshotVm>, host: SnapshotHost) => offeredActions(evaluateVm(vmFacts(vm)), host);
const noContact = { kvp: kvpWith(KvpStatus.NoContact), guestOs: null };

describe('offeredActions', () => {
    it('offers Connect for every VM', () => {
        expect(offered({}, host2019).connect).toBeTrue();
        expect(offered({ replication: null }, host2012).connect).toBeTrue();
    });

    it('offers the setup disk on a pre-2016 host for a failing VM with a DVD drive', () => {
        const actions = offered(noContact, host2012);
        expect(actions.insertSetupDisk).toBeTrue();
        expect(actions.noDvdDrive).toBeFalse();
        expect(actions.guidance).toEqual(['setup-disk', 'linux']);
    });

    it('explains instead when the VM has no DVD drive', () => {
        const actions = offered({ ...noContact, dvdDrives: [] }, host2012);
        expect(actions.insertSetupDisk).toBeFalse();
        expect(actions.noDvdDrive).toBeTrue();
    });

    it('never offers the setup disk on 2016+ hosts: Windows Update guidance instead', () => {
        const actions = offered({ ...noContact, guestOs: 'Windows Server 2019 Datacenter' }, host2019);
        expect(actions.insertSetupDisk).toBeFalse();
        expect(actions.noDvdDrive).toBeFalse();
        expect(actions.guidance).toEqual(['windows-update']);
    });

    it('offers the update for out-of-date integration services (Ok + ProtocolMismatch): the setup disk before 2016, Windows Update after', () => {
        const outOfDate = { kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.ProtocolMismatch), guestOs: 'Windows Server 2012 R2 Standard' };
        const old = offered({ ...outOfDate, dvdDrives: [{ controllerType: 'IDE', controller: 1, location: 0, path: null }] }, host2012);
        expect(old.insertSetupDisk).toBeTrue();
        expect(old.guidance).toEqual(['setup-disk']);
        expect(offered(outOfDate, host2019).guidance).toEqual(['windows-update']);
        expect(offered({ ...outOfDate, guestOs: 'CentOS Linux 7 (Core)' }, host2019).guidance).toEqual(['linux']);
    });

    it('gives Linux guidance for Linux guests', () => {
        expect(offered({ kvp: kvpWith(KvpStatus.LostCommunication), guestOs: 'Ubuntu 22.04 LTS' }, host2019).guidance).toEqual(['linux']);
    });

    it('offers nothing to install for passing, unknown or not-applicable VMs', () => {
        for (const vm of [{}, { state: VmState.Off, kvp: kvpWith(null) }, { replication: null, ...noContact }] as Partial<SnapshotVm>[]) {
            const actions = offered(vm, host2012);
            expect(actions.insertSetupDisk).toBeFalse();
            expect(actions.guidance).toEqual([]);
        }
    });

    it('offers Enable where KVP is off on the host', () => {
        expect(offered({ kvp: kvpWith(null, false) }, host2019).enableKvp).toBeTrue();
        expect(offered({}, host2019).enableKvp).toBeFalse();
    });

    it('offers Restore where the setup disk replaced media, and not Insert again', () => {
        const actions = offered({ ...noContact, setupDiskRestore: { drive: 'IDE 1:0', previousPath: 'D:\\ISO\\sql.iso' } }, host2012);
        expect(actions.restoreMedia).toBeTrue();
        expect(actions.insertSetupDisk).toBeFalse();
    });
});

describe('offeredActions after the setup disk went into an empty drive', () => {
    it('offers to eject it, and not to insert it again', () => {
        const drive = { controllerType: 'IDE', controller: 1, location: 0, path: 'c:\\windows\\system32\\VMGUEST.ISO' };
        const actions = offered({ ...noContact, dvdDrives: [drive] }, host2012);
        expect(actions.restoreMedia).toBeTrue();
        expect(actions.setupDiskDrive).toBe('IDE 1:0');
        expect(actions.insertSetupDisk).toBeFalse();
    });
});

describe('isBefore2016', () => {
    it('reads the host version', () => {
        expect(isBefore2016('6.3.9600')).toBeTrue();
        expect(isBefore2016('10.0.14393')).toBeFalse();
        expect(isBefore2016(null)).toBeFalse();
    });
});
