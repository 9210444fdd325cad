'use strict';
/**
 * The emulated WAC gateway's PowerShell API (the routes core/data/net.js and powershell.js call):
 *   PUT  /api/nodes/{node}/features/powershellApi/pssessions/{key}-newSession   new session + command
 *   POST /api/nodes/{node}/features/powershellApi/pssessions/{id}/invokeCommand  command in a session
 *   POST /api/nodes/{node}/features/powershellApi/invokeCommand                  command, automatic session
 *   GET  /api/nodes/{node}/features/powershellApi/pssessions/{id}?$expand=output  poll for output
 *   POST /api/nodes/{node}/features/powershellApi/pssessions/{id}/cancel         cancel the command
 *   DELETE /api/nodes/{node}/features/powershellApi/pssessions/{id}              dispose
 * The script text the SDK built runs as it is in the node's PowerShell host. A command that takes
 * longer than `pollWaitMs` answers completed: 'false' and is picked up by the module's polling.
 */
const crypto = require('crypto');
const { NodeHost } = require('./node-host');
const { JeaEndpoint } = require('./jea-endpoint');

const apiPattern = /^\/api\/nodes\/([^/]+)\/features\/powershellApi\/(?:pssessions\/([^/?]+)(?:\/(invokeCommand|cancel))?|(invokeCommand))$/;

class Gateway {
    /**
     * @param {{ nodes: Record<string, string>, failingNodes?: string[], latencyMs?: number, pollWaitMs?: number }} options
     *   nodes: node name -> scenario file; failingNodes: names whose requests fail as an unreachable node would.
     *   rbac: RBAC mode ({ manifestPath, moduleRoot, defaultRole }), every node behind a JEA endpoint (jea-endpoint.js).
     */
    constructor(options) {
        this.options = { latencyMs: 0, pollWaitMs: 800, failingNodes: [], ...options };
        this.hosts = new Map();
        this.sessions = new Map();
        /** Every command run, for tests: { node, script }. */
        this.commands = [];
        /** RBAC mode: commands go through the node's JEA endpoint (decided from the request body and the user's role). */
        this.jea = this.options.rbac ? new JeaEndpoint(this.options.rbac) : null;
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

    /** Handles /api/...; returns false for other paths. */
    handle(request, response, body) {
        const url = new URL(request.url, 'http://localhost');
        if (url.pathname === '/api/gateway/status') {
            return this.send(response, 200, { status: 'Ready', gatewayVersion: 'emulated' });
        }
        const match = apiPattern.exec(url.pathname);
        if (!match) {
            if (url.pathname.startsWith('/api/')) {
                return this.send(response, 404, { error: { code: 'NotFound', message: `The emulated gateway has no ${request.method} ${url.pathname}.` } });
            }
            return false;
        }
        const node = decodeURIComponent(match[1]);
        const sessionName = match[2] ? decodeURIComponent(match[2]) : null;
        const action = match[3] || match[4] || null;
        setTimeout(() => this.route(request.method, node, sessionName, action, body, response, request.headers)
            .catch(error => this.send(response, 500, { error: { code: 'EmulatorError', message: error.message } })), this.options.latencyMs);
        return true;
    }

    async route(method, node, sessionName, action, body, response, headers = {}) {
        if (this.options.failingNodes.some(n => n.toLowerCase() === node.toLowerCase())) {
            return this.send(response, 502, { error: { code: 'NodeUnreachable', message: `The gateway couldn't connect to ${node}: WinRM cannot complete the operation.` } });
        }
        const host = this.host(node);
        if (!host) {
            return this.send(response, 404, { error: { code: 'NodeNotFound', message: `The emulated gateway knows no node named ${node}.` } });
        }
        if (method === 'DELETE' && sessionName) {
            this.sessions.delete(sessionName);
            return this.send(response, 200, {});
        }
        if (method === 'POST' && action === 'cancel') {
            const session = this.sessions.get(sessionName);
            if (session && session.running) {
                session.running.cancelled = true;
            }
            return this.send(response, 200, {});
        }
        if (method === 'GET' && sessionName) {
            const session = this.sessions.get(sessionName);
            if (!session) {
                return this.send(response, 404, { error: { code: 'SessionNotFound', message: `No session ${sessionName}.` } });
            }
            return this.answer(response, session);
        }
        if ((method === 'PUT' && sessionName && !action) || (method === 'POST' && action === 'invokeCommand')) {
            const properties = JSON.parse(body || '{}').properties || {};
            if (typeof properties.script !== 'string') {
                return this.send(response, 400, { error: { code: 'BadRequest', message: 'properties.script is missing.' } });
            }
            // RBAC hook: a request the node's JEA endpoint does not take is refused before any session exists.
            const refusal = this.jea && this.jea.refusal(node, headers);
            if (refusal) {
                return this.send(response, refusal.status, refusal.body, refusal.headers);
            }
            let session = sessionName && !sessionName.endsWith('-newSession') ? this.sessions.get(sessionName) : null;
            if (!session) {
                session = { id: crypto.randomUUID(), running: null };
                this.sessions.set(session.id, session);
            }
            this.commands.push({ node, script: properties.script });
            const run = { cancelled: false, done: false, results: [], errors: [] };
            run.promise = (this.jea ? this.jea.run(host, node, properties, headers) : host.run(properties.script)).then(result => {
                run.results = result.results;
                run.errors = result.errors;
            }, error => {
                run.errors = [{ errorType: 'Exception', message: error.message }];
            }).then(() => {
                run.done = true;
            });
            session.running = run;
            return this.answer(response, session);
        }
        return this.send(response, 405, { error: { code: 'MethodNotAllowed', message: `${method} is not supported here.` } });
    }

    async answer(response, session) {
        const run = session.running;
        if (run && !run.done) {
            await Promise.race([run.promise, new Promise(resolve => setTimeout(resolve, this.options.pollWaitMs))]);
        }
        const properties = { sessionId: session.id, completed: 'true', results: [] };
        if (run && !run.done) {
            properties.completed = 'false';
        } else if (run) {
            session.running = null;
            if (!run.cancelled) {
                properties.results = run.results;
                if (run.errors.length > 0) {
                    properties.errors = run.errors;
                }
            }
        }
        return this.send(response, 200, { properties });
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

module.exports = { Gateway };
