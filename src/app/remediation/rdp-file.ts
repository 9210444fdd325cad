import { assertVmId } from '../snapshot/vm-id';

/** The port VMConnect uses on a Hyper-V host for VM consoles. */
const vmConnectPort = 2179;

/** A host name (DNS labels; NetBIOS names may hold `_`, e.g. hv_01) or an IPv4 address. */
const hostName = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;

/** An IPv6 address, bare or in brackets, with an optional zone (fe80::1%12). */
const ipv6 = /^\[?([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[A-Za-z0-9_.-]+)?)\]?$/;

/**
 * The host as `full address:s:` takes it: a name or IPv4 address as it is, an IPv6 address in
 * brackets (a bare one would read as address:port, as in mstsc's `/v:[address]`). Throws an Error
 * saying why for anything else (spaces, line breaks, `:` that is not IPv6).
 */
export function rdpAddress(host: string): string {
    if (hostName.test(host)) {
        return host;
    }
    const v6 = ipv6.exec(host);
    if (v6 && (host.startsWith('[') === host.endsWith(']'))) {
        return `[${v6[1]}]`;
    }
    throw new Error(`'${host}' is not a host name or IP address that VM Connection can use.`);
}

/**
 * A .rdp file that opens VM Connection to the VM's console: RDP to the host on port 2179 with the
 * VM's Id as the preconnection blob. `host` is the host name as the WAC connection knows it.
 * Throws an Error naming the problem for a host or VM Id that can't go into the file.
 */
export function rdpFileContent(host: string, vmId: string): string {
    return [
        `full address:s:${rdpAddress(host)}`,
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
