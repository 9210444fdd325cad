/**
 * The emulated shell's side of RBAC mode (?role=Readers|Administrators): the user signed in to the
 * gateway with that role, and the nodes have WAC's JEA endpoint (the gateway's side is
 * jea-endpoint.js). Kept apart from shell.ts; shell.ts calls these three functions.
 *
 * How the real shell puts a module into JEA mode, from the SDK (core/security/authorization-manager.js):
 * the shell's AuthorizationManager keeps `nodePowershellEndpoints` (node name in lower case -> endpoint),
 * learned when a request fell back to the JEA endpoint (core/data/powershell.js fallbackToJea ->
 * saveJeaContext), and hands it to every module in its Forward init answer (onForwardInit); the
 * module's requests then carry the header x-ms-sme-jea-endpoint (core/data/node-connection.js).
 * `&jea=discover` hands no endpoints: the module finds the endpoint itself through that fallback.
 */

/** The SDK's PowerShell.smePowerShellEndpoint. */
const smePowerShellEndpoint = 'http://schemas.microsoft.com/powershell/microsoft.sme.powershell';

export interface RbacSession {
    role: string | null;
    /** The authorization manager's nodePowershellEndpoints for the module's Forward init. */
    nodePowershellEndpoints: Record<string, string>;
}

/**
 * The user's role from the URL, kept in the cookie the emulated gateway reads (the real gateway
 * knows the user from the sign-in), and the JEA endpoints of the connection's nodes.
 */
export function rbacSession(params: URLSearchParams, nodeNames: string[]): RbacSession {
    const role = params.get('role');
    document.cookie = role ? `wac-emulator-role=${encodeURIComponent(role)}; path=/` : 'wac-emulator-role=; path=/; max-age=0';
    const nodePowershellEndpoints: Record<string, string> = {};
    if (role && params.get('jea') !== 'discover') {
        for (const name of nodeNames) {
            nodePowershellEndpoints[name.toLocaleLowerCase()] = smePowerShellEndpoint;
        }
    }
    return { role, nodePowershellEndpoints };
}

/**
 * On a connection that uses a JEA endpoint the SDK lists only the tools whose module manifest says
 * `jea: true` (core/security/tool-connection-query.js queryEntryPointList); the shell would not offer
 * this tool otherwise.
 */
export function assertToolListed(session: RbacSession, manifest: { name: string; jea?: boolean }): void {
    if (session.role && manifest.jea !== true) {
        throw new Error(`${manifest.name} is not listed on a connection with a JEA endpoint: its manifest has no "jea": true.`);
    }
}
