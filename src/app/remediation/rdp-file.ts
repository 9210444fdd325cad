import { assertVmId } from './vm-id';

/** The port VMConnect uses on a Hyper-V host for VM consoles. */
export const vmConnectPort = 2179;

/**
 * A .rdp file that opens VM Connection to the VM's console: RDP to the host on port 2179 with the
 * VM's Id as the preconnection blob. `host` is the host name as the WAC connection knows it.
 */
export function rdpFileContent(host: string, vmId: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(host)) {
        throw new Error(`'${host}' is not a host name.`);
    }
    return [
        `full address:s:${host}`,
        `server port:i:${vmConnectPort}`,
        `pcb:s:${assertVmId(vmId)};EnhancedMode=0`,
        'negotiate security layer:i:0',
        'prompt for credentials:i:1',
        ''
    ].join('\r\n');
}

/** A safe file name for the VM's .rdp file (VM names may hold any character). */
export function rdpFileName(vmName: string): string {
    const safe = vmName.replace(/[^A-Za-z0-9._ -]+/g, '_').trim().substring(0, 60);
    return `${safe || 'vm'}.rdp`;
}
