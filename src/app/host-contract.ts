/**
 * What the PowerShell scripts under src/resources/scripts/ and the TypeScript side must agree on,
 * defined once on this side. Each script is sent to a host alone, so the scripts carry their own
 * copies; test/contract/host-contract.test.js reads the scripts and fails when a copy drifts.
 */

/** The snapshot format the data-gathering script writes and the parser accepts. */
export const snapshotFormat = 'replica-failover-ip-snapshot/3';

/**
 * The previous format, still read (snapshots saved from hosts with the previous script): the rule
 * has every fact it needs; only the failover TCP/IP details and restore records are absent.
 */
export const previousSnapshotFormat = 'replica-failover-ip-snapshot/2';

/** The Key-Value Pair Exchange integration component, matched by GUID (names are localized). */
export const kvpComponentGuid = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F';

/** Host-level errors of the data-gathering script. */
export const hostErrorCodes = ['HyperVModuleMissing', 'AccessDenied', 'QueryFailed'] as const;
export type HostErrorCode = typeof hostErrorCodes[number];

/** Every status a remediation script can return. */
export const remediationStatuses = [
    'inserted', 'already-inserted', 'needs-confirmation', 'no-dvd-drive', 'not-available-on-this-host', 'setup-disk-missing',
    'restored', 'ejected', 'nothing-to-restore', 'previous-media-missing',
    'enabled', 'already-enabled', 'no-kvp-component',
    'media-changed', 'vm-not-found',
    'failover-set', 'failover-cleared', 'already-set', 'failover-restored', 'adapter-not-found', 'legacy-adapter',
    // Another change of the VM holds its lock on the host (inProgress names it); Restore found a
    // record other than the one the admin confirmed.
    'busy', 'record-changed'
] as const;
export type RemediationStatus = typeof remediationStatuses[number];

/** The file, beside the VM's configuration, that keeps the media the setup disk replaced. */
export function restoreRecordFileName(vmId: string): string {
    return `hvtools-setup-disk-restore.${vmId}.json`;
}

/** The file, beside the VM's configuration, that keeps the failover TCP/IP settings the tool replaced. */
export function failoverRestoreRecordFileName(vmId: string): string {
    return `hvtools-failover-tcpip-restore.${vmId}.json`;
}

/** How scripts and page name a DVD drive: "IDE 1:0". */
export function driveText(controllerType: string, controller: number, location: number): string {
    return `${controllerType} ${controller}:${location}`;
}

/** Whether a script's status is one the tool knows (the result parser refuses any other). */
export function isRemediationStatus(value: string): value is RemediationStatus {
    return (remediationStatuses as readonly string[]).includes(value);
}

/** Whether a host error code is one the data-gathering script writes. */
export function isHostErrorCode(value: string): value is HostErrorCode {
    return (hostErrorCodes as readonly string[]).includes(value);
}
