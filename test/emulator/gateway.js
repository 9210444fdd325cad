'use strict';
/**
 * The emulated WAC gateway: the PowerShell API the SDK calls (core/data/net.js, powershell.js,
 * node-connection.js, gateway-url-translator.js, batch-connection.js, powershell-batch.js), in the
 * gateway API version the shell announced (a cookie the emulated shell page sets):
 *
 *   2.0.0 (default)  /api/services/WinREST/PowerShell/nodes/{node}/...   no api-version
 *   1.0.0            /api/nodes/{node}/features/powershellApi/...         ?api-version=2019-02-01
 *   both             /api/batch?api-version=2019-02-01   multipart/mixed; every part is a 1.0.0 node
 *                    route (batch-connection.js builds them so in either version)
 *
 * Under either prefix: PUT pssessions/{key}-newSession (new session + command), POST
 * pssessions/{id}/invokeCommand, POST invokeCommand (automatic session), GET pssessions/{id}?$expand=output
 * (poll), POST pssessions/{id}/cancel (stops the running pipeline), DELETE pssessions/{id}.
 * The other version's routes are refused (404), as a gateway of that version would.
 *
 * Refused like a real gateway: a request without the XSRF header matching the version's cookie
 * (WAC-XSRF for 2.0.0, XSRF-TOKEN for 1.0.0); a node of a cluster without the cluster's node token
 * (401: the SDK asks the shell for credentials); an expired token (401). Errors come as HTTP error
 * statuses with the body net.js parseErrorResponse reads: a script that throws (400, {sessionId,
 * errors}), a gateway fault (500, {error}), a node that does not answer (500 after nodeTimeoutMs).
 *
 * Per request, between routing and running, `beforeRun` hooks (gateway.hooks) may refuse a command
 * or change how it runs. hook(context) -> one of
 *   undefined                          no say: the next hook, then the command runs as sent
 *   { status, body, headers? }         refused before any command starts (no session is kept; the
 *                                      response carries the headers, e.g. the JEA endpoint's)
 *   { script }                         run this script text instead
 *   { invoke: { modulePath, command, parameters } }   run a PowerShell module's command with named
 *                                      parameters instead of script text (NodeHost.invoke); stoppable
 *   { terminating: { errorType, message } }   the command starts and ends with this exception, and is
 *                                      answered as a script that throws (400, {sessionId, errors})
 * The SDK's inventory scripts (the cluster's Get-ClusterInventory / Get-ClusterNodes, a node's
 * Get-ServerInventory) are answered here from the scenario whichever way they would run.
 *
 * RBAC mode (options.rbac): the JEA endpoint of jea-endpoint.js is the first hook; it works on the
 * request's body and headers only, so it holds for both API versions and for batch parts. A cluster
 * connection is not served through it (RBAC doesn't cover cluster management).
 *
 * Besides PowerShell: the signed-in user, the gateway's access check and its settings (application
 * settings shared by every user, user settings), gateway-settings.js.
 */
const crypto = require('crypto');
const { NodeHost } = require('./node-host');
const { JeaEndpoint } = require('./jea-endpoint');
const { GatewaySettings } = require('./gateway-settings');

const versions = {
    '2.0.0': { prefix: /^\/api\/services\/WinREST\/PowerShell\/nodes\/([^/]+)\/(.*)$/i, xsrfCookie: 'WAC-XSRF' },
    '1.0.0': { prefix: /^\/api\/nodes\/([^/]+)\/features\/powershellApi\/(.*)$/i, xsrfCookie: 'XSRF-TOKEN' }
};
const otherPrefixes = [versions['2.0.0'].prefix, versions['1.0.0'].prefix];
const apiVersionCookie = 'wac-emulator-api';
const rest = /^(?:pssessions\/([^/?]+)(?:\/(invokeCommand|cancel))?|(invokeCommand))$/;
/** ClusterNodeState of the SDK (core/shared/cluster-inventory/cluster-node-inventory.js). */
const clusterNodeStates = { Unknown: -1, Up: 0, Down: 1, Paused: 2, Joining: 3 };

function parseCookies(header) {
    return Object.fromEntries((header || '').split(';').map(part => part.trim().split('=')).filter(p => p[0])
        .map(([name, ...value]) => [name, decodeURIComponent(value.join('='))]));
}

/** A node token as the SDK builds it (net.js createEncodedAuthenticationHeader): base64 of UTF-8 JSON. */
function encodeToken(credential) {
    const [domain, username] = credential.username.includes('\\') ? credential.username.split('\\') : ['.', credential.username];
    return Buffer.from(JSON.stringify({ domain, username, password: credential.password }), 'utf8').toString('base64');
}

function decodeToken(value) {
    try {
        return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    } catch {
        return null;
    }
}

class Gateway {
    /**
     * @param {object} options
     *   nodes: node name -> scenario file
     *   clusters: cluster name -> { credential: {username, password}, currentNode, nodes: [{name, fqdn, state}] }
     *   apiVersion: '2.0.0' (default) or '1.0.0', when the shell page did not pick one
     *   unreachableNodes: nodes that do not answer: 500 with WinRM's timeout message after nodeTimeoutMs
     *   faultyNodes: nodes whose requests fail inside the gateway (500)
     *   slowNodes: node -> ms every command on it sleeps first (in the pipeline, so cancel stops it)
     *   pollWaitMs: how long a request waits for the command before answering completed 'false'
     *   rbac: RBAC mode, { manifestPath, moduleRoot, defaultRole } (jea-endpoint.js): every node
     *     behind WAC's JEA endpoint, the user in the Readers or Administrators role; a cluster
     *     connection has no JEA endpoint (the user is refused there)
     */
    constructor(options) {
        this.options = {
            latencyMs: 0, pollWaitMs: 800, nodeTimeoutMs: 2000, apiVersion: '2.0.0',
            unreachableNodes: [], faultyNodes: [], slowNodes: {}, clusters: {}, ...options
        };
        if (!versions[this.options.apiVersion]) {
            throw new Error(`Unknown gateway API version '${this.options.apiVersion}': use 2.0.0 or 1.0.0.`);
        }
        this.hosts = new Map();
        this.sessions = new Map();
        /** Every command run, for tests: { node, script, command, session, apiVersion, state: running|completed|failed|stopped, startedAt, endedAt }. */
        this.commands = [];
        /** Every cancel the SDK sent: { node, session, stoppedCommand }. */
        this.cancels = [];
        /** Every node request: { method, path, node, apiVersion, batch, status }. */
        this.requests = [];
        /** beforeRun hooks: (context) => undefined | { status, body, headers } | { script } | { invoke } | { terminating }. */
        this.hooks = [];
        /** RBAC mode: the nodes' JEA endpoint, deciding from the request body, its headers and the user's role. */
        this.jea = this.options.rbac ? new JeaEndpoint({ ...this.options.rbac, isCluster: node => this.isClusterName(node) }) : null;
        /** The settings and user routes (gateway-settings.js): application settings kept for the gateway's lifetime. */
        this.settings = new GatewaySettings();
        if (this.jea) {
            this.hooks.push(context => this.jea.admit(context));
        }
    }

    host(node) {
        const key = node.toLowerCase();
        if (!this.hosts.has(key)) {
            const scenario = Object.entries(this.options.nodes).find(([name]) => name.toLowerCase() === key);
            if (!scenario) {
                return null;
            }
            this.hosts.set(key, new NodeHost(scenario[0], scenario[1]));
        }
        return this.hosts.get(key);
    }

    /** Whether the name is a cluster's own name (a cluster connection), not one of its nodes. */
    isClusterName(node) {
        const cluster = this.clusterOf(node);
        return !!cluster && cluster.name.toLowerCase() === String(node).toLowerCase();
    }

    /** The cluster a name belongs to (the cluster's own name or one of its nodes), or null. */
    clusterOf(node) {
        const name = node.toLowerCase();
        for (const [clusterName, cluster] of Object.entries(this.options.clusters)) {
            if (clusterName.toLowerCase() === name || cluster.nodes.some(n => n.fqdn.toLowerCase() === name || n.name.toLowerCase() === name)) {
                return { name: clusterName, ...cluster };
            }
        }
        return null;
    }

    /** The API version of a request: the cookie the emulated shell page set, else the start option. */
    apiVersionOf(request) {
        const chosen = parseCookies(request.headers.cookie)[apiVersionCookie];
        return versions[chosen] ? chosen : this.options.apiVersion;
    }

    /** Handles /api/...; returns false for other paths. */
    handle(request, response, body) {
        const url = new URL(request.url, 'http://localhost');
        if (!url.pathname.startsWith('/api/')) {
            return false;
        }
        if (url.pathname === '/api/gateway/status') {
            // A gateway installed as a service (a shared gateway): the SDK's checkCondition then asks its access check.
            return this.send(response, 200, { status: 'Ready', gatewayVersion: 'emulated', gatewayMode: 'Service', isGatewayProcessElevated: false });
        }
        const apiVersion = this.apiVersionOf(request);
        const cookies = parseCookies(request.headers.cookie);
        const xsrf = cookies[versions[apiVersion].xsrfCookie];
        if (!xsrf || request.headers['x-xsrf-token'] !== xsrf) {
            return this.send(response, 403, { error: { code: 'Forbidden', message: `The request has no valid x-xsrf-token header (gateway API ${apiVersion} sets the ${versions[apiVersion].xsrfCookie} cookie).` } });
        }
        const settings = this.settings.route(request, url.pathname, body, apiVersion);
        if (settings) {
            settings.then(answer => this.send(response, answer.status, answer.body))
                .catch(error => this.send(response, 500, { error: { code: 'EmulatorError', message: error.message } }));
            return true;
        }
        if (url.pathname.toLowerCase() === '/api/batch') {
            if (request.method !== 'POST' || url.searchParams.get('api-version') !== '2019-02-01') {
                return this.send(response, 400, { error: { code: 'BadRequest', message: 'A batch is POST /api/batch?api-version=2019-02-01.' } });
            }
            setTimeout(() => this.batch(request, body, apiVersion)
                .then(({ contentType, text }) => {
                    response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
                    response.end(text);
                })
                .catch(error => this.send(response, 500, { error: { code: 'EmulatorError', message: error.message } })), this.options.latencyMs);
            return true;
        }
        const match = versions[apiVersion].prefix.exec(url.pathname);
        const routed = match && rest.exec(match[2]);
        if (!routed) {
            const known = otherPrefixes.some(prefix => prefix.test(url.pathname));
            return this.send(response, 404, { error: { code: 'NotFound', message: known
                ? `The emulated gateway serves API ${apiVersion}: ${request.method} ${url.pathname} is a route of the other version.`
                : `The emulated gateway has no ${request.method} ${url.pathname}.` } });
        }
        const hasApiVersion = url.searchParams.has('api-version');
        if (apiVersion === '1.0.0' ? url.searchParams.get('api-version') !== '2019-02-01' : hasApiVersion) {
            return this.send(response, 400, { error: { code: 'BadRequest', message: apiVersion === '1.0.0'
                ? 'Gateway API 1.0.0 node routes need api-version=2019-02-01.' : 'Gateway API 2.0.0 routes take no api-version.' } });
        }
        const call = {
            method: request.method, node: decodeURIComponent(match[1]), session: routed[1] ? decodeURIComponent(routed[1]) : null,
            action: routed[2] || routed[3] || null, body, headers: request.headers, apiVersion, path: url.pathname, batch: false
        };
        setTimeout(() => this.call(call)
            .then(({ status, body: payload, headers }) => this.send(response, status, payload, headers))
            .catch(error => this.send(response, 500, { error: { code: 'EmulatorError', message: error.message } })), this.options.latencyMs);
        return true;
    }

    /** One node request (direct or a batch part): resolves with { status, body }. */
    async call(call) {
        const answer = await this.route(call);
        this.requests.push({ method: call.method, path: call.path, node: call.node, apiVersion: call.apiVersion, batch: call.batch, status: answer.status });
        return answer;
    }

    async route(call) {
        const { method, node, session: sessionName, action } = call;
        const named = name => this.options[name].some(n => n.toLowerCase() === node.toLowerCase());
        const denied = this.checkToken(call);
        if (denied) {
            return denied;
        }
        if (named('unreachableNodes')) {
            await new Promise(resolve => setTimeout(resolve, this.options.nodeTimeoutMs));
            return { status: 500, body: { error: { code: 'WinRMOperationTimeout', message: `Connecting to remote server ${node} failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.` } } };
        }
        if (named('faultyNodes')) {
            return { status: 500, body: { error: { code: 'InternalServerError', message: `The gateway couldn't process the request for ${node}: the PowerShell remoting session pool is exhausted.` } } };
        }
        const cluster = this.clusterOf(node);
        const isClusterName = cluster && cluster.name.toLowerCase() === node.toLowerCase();
        const host = isClusterName ? null : this.host(node);
        if (!host && !isClusterName) {
            return { status: 404, body: { error: { code: 'NodeNotFound', message: `The emulated gateway knows no node named ${node}.` } } };
        }
        if (method === 'DELETE' && sessionName && !action) {
            this.sessions.delete(sessionName);
            return { status: 200, body: {} };
        }
        if (method === 'POST' && action === 'cancel') {
            const session = this.sessions.get(sessionName);
            const run = session && session.running;
            this.cancels.push({ node, session: sessionName, stoppedCommand: run && !run.done ? run.record : null });
            if (run && !run.done) {
                run.cancelled = true;
                run.stop();
            }
            return { status: 200, body: {} };
        }
        if (method === 'GET' && sessionName && !action) {
            const session = this.sessions.get(sessionName);
            if (!session || session.node !== node.toLowerCase()) {
                return { status: 404, body: { error: { code: 'SessionNotFound', message: `No session ${sessionName} on ${node}.` } } };
            }
            return this.answer(session);
        }
        const newSession = (method === 'PUT' && sessionName && !action) || (method === 'POST' && action === 'invokeCommand' && !sessionName);
        if (newSession || (method === 'POST' && action === 'invokeCommand')) {
            let properties;
            try {
                properties = JSON.parse(call.body || '{}').properties || {};
            } catch {
                return { status: 400, body: { error: { code: 'BadRequest', message: 'The body is not JSON.' } } };
            }
            if (typeof properties.script !== 'string') {
                return { status: 400, body: { error: { code: 'BadRequest', message: 'properties.script is missing.' } } };
            }
            let session = newSession ? null : this.sessions.get(sessionName);
            if (!newSession && (!session || session.node !== node.toLowerCase())) {
                return { status: 404, body: { error: { code: 'SessionNotFound', message: `No session ${sessionName} on ${node}.` } } };
            }
            if (!session) {
                session = { id: crypto.randomUUID(), node: node.toLowerCase(), running: null };
                this.sessions.set(session.id, session);
            }
            const context = { node, session: session.id, apiVersion: call.apiVersion, headers: call.headers, properties, script: properties.script,
                invoke: null, terminating: null };
            for (const hook of this.hooks) {
                const verdict = await hook(context);
                if (verdict && verdict.status) {
                    // Refused before the command started: a session made for it is not kept.
                    if (newSession) {
                        this.sessions.delete(session.id);
                    }
                    return { status: verdict.status, body: verdict.body, headers: verdict.headers };
                }
                if (verdict && typeof verdict.script === 'string') {
                    context.script = verdict.script;
                }
                if (verdict && verdict.invoke) {
                    context.invoke = verdict.invoke;
                }
                if (verdict && verdict.terminating) {
                    context.terminating = verdict.terminating;
                    break;
                }
            }
            this.start(session, context, host);
            return this.answer(session);
        }
        return { status: 405, body: { error: { code: 'MethodNotAllowed', message: `${method} ${call.path} is not supported here.` } } };
    }

    /** The cluster's node token on every request to the cluster or its nodes; no expired token anywhere. */
    checkToken(call) {
        const header = call.headers['x-ms-sme-authorization'];
        const token = header ? decodeToken(header) : null;
        if (header && (!token || /^expired/.test(token.password || ''))) {
            return { status: 401, body: { error: { code: 'Unauthorized', message: `The credentials for ${call.node} have expired. Sign in again.` } } };
        }
        const cluster = this.clusterOf(call.node);
        if (cluster && cluster.credential && (!header || header !== encodeToken(cluster.credential))) {
            return { status: 401, body: { error: { code: 'Unauthorized', message: `Connecting to remote server ${call.node} failed with the following error message : Access is denied.` } } };
        }
        return null;
    }

    start(session, context, host) {
        const record = {
            node: context.node, script: context.script, command: context.properties.command || null, session: session.id,
            apiVersion: context.apiVersion, state: 'running', startedAt: Date.now(), endedAt: null
        };
        this.commands.push(record);
        const run = { record, cancelled: false, done: false, results: [], errors: [], terminating: null, stop: () => undefined };
        let job;
        if (context.terminating) {
            // Refused inside the session (e.g. a JEA session that has no such command): the command
            // ends with that exception, as a script that throws.
            job = Promise.resolve({ results: [], errors: [], terminating: context.terminating });
        } else if (!host) {
            // The cluster's own name: the SDK's cluster inventory scripts (core/shared/cluster-inventory).
            job = Promise.resolve().then(() => this.clusterInventory(context));
        } else if (context.properties.command === 'Get-ServerInventory') {
            // The SDK's server inventory (the cluster inventory asks every live node for it in a batch).
            job = Promise.resolve().then(() => this.serverInventory(context.node));
        } else if (context.invoke) {
            // A module command by name with named parameters (RBAC mode: what a JEA session runs).
            const { modulePath, command, parameters } = context.invoke;
            job = host.invoke(modulePath, command, parameters, { delayMs: this.slowFor(context.node) });
            run.stop = () => job.stop();
        } else {
            job = host.run(context.script, { delayMs: this.slowFor(context.node) });
            run.stop = () => job.stop();
        }
        run.promise = job.then(result => {
            run.results = result.results || [];
            run.errors = result.errors || [];
            run.terminating = result.terminating || null;
            record.state = result.stopped ? 'stopped' : run.terminating ? 'failed' : 'completed';
        }, error => {
            run.terminating = { errorType: 'Exception', message: error.message };
            record.state = 'failed';
        }).then(() => {
            run.done = true;
            record.endedAt = Date.now();
        });
        session.running = run;
    }

    slowFor(node) {
        const entry = Object.entries(this.options.slowNodes).find(([name]) => name.toLowerCase() === node.toLowerCase());
        return entry ? entry[1] : 0;
    }

    /**
     * What the cluster answers to the SDK's Get-ClusterInventory and Get-ClusterNodes (the gateway
     * serializes PowerShell objects with camelCase names and enums as numbers, as the SDK's
     * ClusterInventoryCache reads them). The scripts themselves are not run here.
     */
    clusterInventory(context) {
        const cluster = this.clusterOf(context.node);
        const command = context.properties.command;
        if (command === 'Get-ClusterInventory') {
            return { results: [{
                fqdn: cluster.name, isS2DEnabled: false, isTsdbEnabled: false, isClusterHealthCmdletAvailable: false,
                isBritannicaEnabled: false, isBritannicaVirtualMachineEnabled: false, isBritannicaVirtualSwitchEnabled: false,
                isClusterCmdletAvailable: true, currentClusterNode: cluster.currentNode
            }] };
        }
        if (command === 'Get-ClusterNodes') {
            const map = {};
            for (const node of cluster.nodes) {
                if (!(node.state in clusterNodeStates)) {
                    throw new Error(`Cluster ${cluster.name}: node ${node.name} has an unknown state '${node.state}'.`);
                }
                map[node.name.toLowerCase()] = {
                    fullyQualifiedDomainName: node.fqdn, name: node.name.toLowerCase(), dynamicWeight: 1, nodeWeight: 1,
                    faultDomain: null, state: clusterNodeStates[node.state], drainStatus: 0
                };
            }
            return { results: [map] };
        }
        return { results: [], terminating: { errorType: 'CommandNotFoundException', message: `The emulated cluster ${cluster.name} runs only the SDK's cluster inventory scripts, not ${command || 'this script'}.` } };
    }

    /** What a node answers to the SDK's Get-ServerInventory (camelCase, as the gateway serializes it), from its scenario. */
    serverInventory(node) {
        const scenario = Object.entries(this.options.nodes).find(([name]) => name.toLowerCase() === node.toLowerCase());
        const facts = JSON.parse(require('fs').readFileSync(scenario[1], 'utf8')).host;
        const cluster = this.clusterOf(node);
        return { results: [{
            isAdministrator: true, isWmfInstalled: true,
            operatingSystem: { csName: facts.ComputerName, caption: 'Microsoft Windows Server', version: facts.OSVersion, productType: 3, osType: 18 },
            computerSystem: { partOfDomain: true, domain: node.split('.').slice(1).join('.'), manufacturer: 'Emulated', model: 'Emulated' },
            fqdn: node, addressList: [], hostname: facts.ComputerName, netBios: facts.ComputerName,
            isCluster: !!cluster, clusterFqdn: cluster ? cluster.name : null, isManagementToolsAvailable: true, isServerManagerAvailable: true,
            isS2dEnabled: false, isBritannicaEnabled: false, isHyperVRoleInstalled: !!facts.HyperVModule, isHyperVPowershellInstalled: !!facts.HyperVModule,
            isCredSSPEnabled: false, isRemoteAppEnabled: false, smbiosData: null, azureArcStatus: 'NotInstalled', systemLockdownPolicy: 'None', isHciServer: false
        }] };
    }

    async answer(session) {
        const run = session.running;
        if (run && !run.done) {
            await Promise.race([run.promise, new Promise(resolve => setTimeout(resolve, this.options.pollWaitMs))]);
        }
        const properties = { sessionId: session.id, completed: 'true', results: [] };
        if (run && !run.done) {
            properties.completed = 'false';
            return { status: 200, body: { properties } };
        }
        if (run) {
            session.running = null;
            if (run.cancelled) {
                return { status: 200, body: { properties } };
            }
            if (run.terminating) {
                // A script that throws: an error status whose body carries the session and the errors
                // (net.js parseErrorResponse reads errors[]; powershell.js closeOnError reads sessionId).
                return { status: 400, body: { sessionId: session.id, completed: 'true', results: run.results, errors: [run.terminating, ...run.errors] } };
            }
            properties.results = run.results;
            if (run.errors.length > 0) {
                properties.errors = run.errors;
            }
        }
        return { status: 200, body: { properties } };
    }

    /** POST /api/batch: multipart/mixed parts, each a node request; answered as batch-connection.js parses it. */
    async batch(request, body, apiVersion) {
        const boundary = /boundary=([^;]+)/.exec(request.headers['content-type'] || '');
        if (!boundary) {
            throw new Error('The batch has no multipart boundary.');
        }
        const parts = body.split(`--${boundary[1]}`).map(p => p.trim()).filter(p => p && p !== '--');
        const answers = await Promise.all(parts.map(async part => {
            const lines = part.split('\r\n');
            const requestLine = lines.find(line => / HTTP\/1\.1$/.test(line));
            const headers = {};
            let bodyStart = -1;
            const start = lines.indexOf(requestLine);
            for (let i = start + 1; i < lines.length; i++) {
                if (lines[i] === '') {
                    bodyStart = i + 1;
                    break;
                }
                const colon = lines[i].indexOf(':');
                headers[lines[i].substring(0, colon).trim().toLowerCase()] = lines[i].substring(colon + 1).trim();
            }
            const partBody = bodyStart > 0 ? lines.slice(bodyStart).join('\r\n').trim() : '';
            const [method, target] = requestLine ? requestLine.split(' ') : [];
            const url = new URL(target || '/', 'http://localhost');
            const match = versions['1.0.0'].prefix.exec(url.pathname);
            const routed = match && rest.exec(match[2]);
            let answer;
            if (!routed || url.searchParams.get('api-version') !== '2019-02-01') {
                answer = { status: 404, body: { error: { code: 'NotFound', message: `The emulated gateway has no batch part ${method} ${url.pathname}.` } } };
            } else {
                // A batch PUT names the new session by a GUID the SDK made up (powershell-batch.js).
                const isNew = method === 'PUT' && !routed[2];
                answer = await this.call({
                    method: isNew ? 'POST' : method, node: decodeURIComponent(match[1]), session: isNew ? null : decodeURIComponent(routed[1] || ''),
                    action: isNew ? 'invokeCommand' : routed[2] || routed[3] || null, body: partBody,
                    headers: { ...headers, cookie: request.headers.cookie }, apiVersion, path: url.pathname, batch: true
                });
            }
            return { requestId: headers['request-id'], ...answer };
        }));
        const responseBoundary = `batchresponse_${crypto.randomUUID()}`;
        const text = answers.map(a => [
            `--${responseBoundary}`, 'Content-Type: application/http; msgtype=response', '',
            `HTTP/1.1 ${a.status} ${a.status < 400 ? 'OK' : 'Error'}`, `request-id: ${a.requestId}`,
            ...Object.entries(a.headers || {}).map(([name, value]) => `${name}: ${value}`), 'Content-Type: application/json; charset=utf-8', '',
            JSON.stringify(a.body)
        ].join('\r\n')).join('\r\n') + `\r\n--${responseBoundary}--\r\n`;
        return { contentType: `multipart/mixed; boundary=${responseBoundary}`, text };
    }

    send(response, status, payload, headers = {}) {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
        response.end(JSON.stringify(payload));
        return true;
    }

    close() {
        for (const host of this.hosts.values()) {
            host.close();
        }
    }
}

module.exports = { Gateway, encodeToken, apiVersionCookie, versions };
