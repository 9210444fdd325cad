import { driveText } from '../host-contract';
import { Finding, Reason } from '../rules/finding';
import { SnapshotHost } from '../snapshot/snapshot';

/** What the details pane offers for a VM; each applies only where it can help. */
export interface OfferedActions {
    /** VM Connection through an .rdp file: every VM. */
    connect: boolean;
    /** Insert the integration services setup disk: hosts before 2016 with vmguest.iso, a guest-side problem, a DVD drive. */
    insertSetupDisk: boolean;
    /** The VM needs the setup disk but has no DVD drive: explain, never add hardware. */
    noDvdDrive: boolean;
    /** Eject the setup disk (and put back the media it replaced, if any). */
    restoreMedia: boolean;
    /** The drive holding the setup disk, e.g. "IDE 1:0"; null when none does. */
    setupDiskDrive: string | null;
    /** Turn on KVP on the host. */
    enableKvp: boolean;
    /** Steps inside the guest: 'windows-update' (2016+ hosts), 'setup-disk' (older hosts), 'linux' (Linux guests). */
    guidance: ('windows-update' | 'setup-disk' | 'linux')[];
}

/** Reasons a guest-side install or update of integration services fixes. */
const guestReasons = new Set<Reason>([Reason.KvpMissing, Reason.KvpNotAnswering, Reason.KvpDoubtful, Reason.KvpOutOfDate]);

const linuxGuest = /linux|ubuntu|debian|red hat|rhel|centos|rocky|alma|suse|sles|oracle|fedora/i;

/** Windows Server 2016 is 10.0: before it, hosts ship the setup disk. */
export function isBefore2016(osVersion: string | null): boolean {
    const major = osVersion ? Number(osVersion.split('.')[0]) : NaN;
    return Number.isFinite(major) && major < 10;
}

export function offeredActions(finding: Finding, host: SnapshotHost): OfferedActions {
    const vm = finding.vm;
    const needsGuestInstall = guestReasons.has(finding.reason) && finding.takesPart;
    const oldHost = isBefore2016(host.osVersion) && !!host.setupDisk;
    const hasDvd = vm.dvdDrives.length > 0;
    const setupDisk = host.setupDisk ? host.setupDisk.toLowerCase() : null;
    const holding = setupDisk ? vm.dvdDrives.find(d => !!d.path && d.path.toLowerCase() === setupDisk) : undefined;
    const setupDiskDrive = vm.setupDiskRestore ? vm.setupDiskRestore.drive
        : holding ? driveText(holding.controllerType, holding.controller, holding.location) : null;
    const guidance: OfferedActions['guidance'] = [];
    if (needsGuestInstall) {
        const linux = !!vm.guestOs && linuxGuest.test(vm.guestOs);
        if (linux || !vm.guestOs) {
            guidance.push('linux');
        }
        if (!linux) {
            guidance.unshift(isBefore2016(host.osVersion) ? 'setup-disk' : 'windows-update');
        }
    }
    return {
        connect: true,
        insertSetupDisk: needsGuestInstall && oldHost && hasDvd && !setupDiskDrive,
        noDvdDrive: needsGuestInstall && oldHost && !hasDvd,
        restoreMedia: !!setupDiskDrive,
        setupDiskDrive,
        enableKvp: !!vm.kvp && !vm.kvp.enabled,
        guidance
    };
}
