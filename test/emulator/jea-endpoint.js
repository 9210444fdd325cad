'use strict';
/**
 * RBAC mode of the emulated gateway: every node has WAC's JEA endpoint (Microsoft.Sme.PowerShell)
 * and the user is not an administrator of the node, only a member of one of two roles:
 *   Readers         sees the module's commands whose .ROLE is Readers
 *   Administrators  sees every command of the module (.ROLE Readers or Administrators)
 * What the SDK sends (core/data/powershell.js): {script, command, module, parameters} for every
 * command, and the header x-ms-sme-jea-endpoint once it knows the node's JEA endpoint
 * (core/data/node-connection.js createNodeRequest, from the authorization manager's
 * nodePowershellEndpoints). What this endpoint does with it:
 * - a request without that header goes to the node's default endpoint, where the user has no
 *   access: refused, naming the JEA endpoint in the same header (what the SDK's fallbackToJea reads
 *   to retry there and remember it);
 * - script text is refused: a JEA session runs in no-language mode, only visible commands run;
 * - `module`\`command` runs only if the role sees it, from the PowerShell module the extension's
 *   manifest names (powerShellModuleName), loaded from the packed module (dist-ps/); any other
 *   command is not found in that session: the CommandNotFoundException PowerShell gives.
 * Both refusals inside the session are terminating errors: the command ends with that exception
 * and the gateway answers it as it answers a script that throws (an error status, 400, with
 * {sessionId, errors}; net.js parseErrorResponse reads errors[]), not as a 200 with non-terminating
 * errors. A real gateway was not available to confirm the status code it uses for this case (see
 * docs/emulator.md); the tool recognises the refusal by the error record, not by the status.
 * The endpoint is the gateway's first beforeRun hook (gateway.js): admit(context) decides from the
 * request body, its headers and the user's role only, never from the URL route, so it holds for
 * gateway API 1.0.0 (features/powershellApi), 2.0.0 (WinREST) and batch parts alike. An admitted
 * command runs through NodeHost.invoke (stoppable by the session's cancel like a script); the SDK's
 * own inventory commands (packed into the module) are answered by the gateway as in normal mode.
 * The role: the cookie the emulated shell sets from its URL (?role=Readers|Administrators), else
 * the start option's default.
 * Clusters: "Role-based access control is not supported for cluster management" (Microsoft's WAC
 * user access control docs). A cluster connection (the cluster's own name) has no JEA endpoint: its
 * default endpoint refuses the user, as for a server without one, and names no JEA endpoint to
 * retry at, so the SDK's cluster inventory fails with access denied. A node of the cluster opened
 * as a server connection is served as any server.
 */
const fs = require('fs');
const path = require('path');

/** The SDK's PowerShell.smePowerShellEndpoint: WAC's JEA endpoint configuration name. */
const jeaEndpoint = 'http://schemas.microsoft.com/powershell/microsoft.sme.powershell';
const endpointHeader = 'x-ms-sme-jea-endpoint';
const roleCookie = 'wac-emulator-role';
const roles = ['Readers', 'Administrators'];

/** Windows PowerShell 5.1's texts (the managed nodes run 5.1). */
const messages = {
    commandNotFound: command => `The term '${command}' is not recognized as the name of a cmdlet, function, script file, or operable program. `
        + 'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
    noLanguage: 'The syntax is not supported by this runspace. This can occur if the runspace is in no-language mode.',
    accessDenied: node => `Connecting to remote server ${node} failed with the following error message : Access is denied. `
        + 'For more information, see the about_Remote_Troubleshooting Help topic.'
};

/** The commands of a module packed by gulp-ps-module: `function X {` ... `## [END] X ##`, each with its .ROLE. */
function readModule(folder, name) {
    const psd1 = path.join(folder, name, `${name}.psd1`);
    const psm1 = path.join(folder, name, `${name}.psm1`);
    if (!fs.existsSync(psd1) || !fs.existsSync(psm1)) {
        return { psd1, commands: new Map() };
    }
    const exported = new Set([...fs.readFileSync(psd1, 'utf8').matchAll(/^\s*'([A-Za-z]+-[A-Za-z0-9]+)',?\r?$/gm)].map(m => m[1]));
    const commands = new Map();
    for (const match of fs.readFileSync(psm1, 'utf8').matchAll(/^function ([A-Za-z]+-[A-Za-z0-9]+) \{\r?\n([\s\S]*?)^## \[END\] \1 ##/gm)) {
        const role = /^\s*\.ROLE\s*\r?\n\s*(\w[\w -]*?)\s*\r?$/m.exec(match[2]);
        if (exported.has(match[1]) && role) {
            commands.set(match[1], role[1]);
        }
    }
    return { psd1, commands };
}

class JeaEndpoint {
    /**
     * @param {{ manifestPath: string, moduleRoot: string, defaultRole?: string, isCluster?: (node: string) => boolean }} options
     *   manifestPath: the extension manifest the gateway installed (bundle/manifest.json);
     *   moduleRoot: where the gateway deployed the extensions' PowerShell modules (dist-ps/powershell-module);
     *   isCluster: whether a name is a cluster connection (no JEA endpoint there).
     */
    constructor(options) {
        this.options = { defaultRole: 'Readers', isCluster: () => false, ...options };
        if (!roles.includes(this.options.defaultRole)) {
            throw new Error(`RBAC role '${this.options.defaultRole}' is not one of ${roles.join(', ')}.`);
        }
        const manifest = JSON.parse(fs.readFileSync(this.options.manifestPath, 'utf8'));
        // The endpoint has the modules the installed extensions' manifests name, nothing else.
        this.moduleName = manifest.powerShellModuleName || null;
        const module = this.moduleName ? readModule(this.options.moduleRoot, this.moduleName) : { psd1: null, commands: new Map() };
        this.modulePath = module.psd1;
        this.commands = module.commands;
        /** Every command request, for tests: { node, role, command, module, outcome: ran | not-found | script-refused | endpoint-refused | cluster-refused }. */
        this.calls = [];
    }

    /** The user's role for a request: the emulated shell's cookie, else the default. */
    role(headers) {
        const cookie = String(headers.cookie || '').split(';').map(c => c.trim().split('=')).find(([name]) => name === roleCookie);
        const role = cookie ? decodeURIComponent(cookie[1] || '') : this.options.defaultRole;
        return roles.includes(role) ? role : null;
    }

    /** The commands a role sees in the session. */
    visibleCommands(role) {
        return [...this.commands].filter(([, commandRole]) => role === 'Administrators' ? roles.includes(commandRole) : commandRole === role).map(([name]) => name);
    }

    /**
     * An HTTP refusal for a command request that does not reach the JEA endpoint, or null.
     * @returns {{ status: number, headers: Record<string, string>, body: object } | null}
     */
    refusal(node, headers) {
        const role = this.role(headers);
        const cluster = this.options.isCluster(node);
        if (headers[endpointHeader] === jeaEndpoint && role && !cluster) {
            return null;
        }
        this.calls.push({ node, role, command: null, module: null, outcome: cluster ? 'cluster-refused' : 'endpoint-refused' });
        return {
            // One of the statuses core/data/powershell.js fallbackToJea accepts (401, 403 Unauthorized, 400);
            // 400 because a 401 would first send the SDK to the shell for new credentials.
            status: 400,
            // A cluster has no JEA endpoint to name.
            headers: role && !cluster ? { [endpointHeader]: jeaEndpoint } : {},
            body: { error: { code: 'AccessDenied', message: messages.accessDenied(node) } }
        };
    }

    /**
     * The gateway hook (gateway.js beforeRun): what the node's endpoint does with a command request.
     * @param {{ node: string, headers: object, properties: { script?: string, command?: string, module?: string, parameters?: object } }} context
     * @returns {{ status, headers, body } | { terminating: { errorType, message } } | { invoke: { modulePath, command, parameters } }}
     */
    admit(context) {
        const refusal = this.refusal(context.node, context.headers);
        if (refusal) {
            return refusal;
        }
        const { node, properties, headers } = context;
        const role = this.role(headers);
        const command = typeof properties.command === 'string' && properties.command ? properties.command : null;
        const call = { node, role, command, module: properties.module || null, outcome: 'ran' };
        this.calls.push(call);
        if (!command) {
            call.outcome = 'script-refused';
            return { terminating: { errorType: 'ParseException', message: messages.noLanguage } };
        }
        const qualified = properties.module ? `${properties.module}\\${command}` : command;
        const visible = (!properties.module || properties.module === this.moduleName) && this.visibleCommands(role).includes(command);
        if (!visible) {
            call.outcome = 'not-found';
            return { terminating: { errorType: 'CommandNotFoundException', message: messages.commandNotFound(qualified) } };
        }
        return { invoke: { modulePath: this.modulePath, command, parameters: properties.parameters || {} } };
    }
}

module.exports = { JeaEndpoint, jeaEndpoint, endpointHeader, roleCookie, roles, readModule };
