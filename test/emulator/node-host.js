'use strict';
/**
 * A managed node for the emulated gateway: a long-lived PowerShell 7 process (Start-NodeHost.ps1)
 * with the simulated Hyper-V host of one scenario loaded. Commands run one at a time, in order.
 */
const { spawn } = require('child_process');
const path = require('path');
const readline = require('readline');
const { pwshPath } = require('../../tools/pwsh-path');

class NodeHost {
    constructor(name, scenarioPath) {
        this.name = name;
        this.scenarioPath = scenarioPath;
        this.nextId = 1;
        this.pending = new Map();
        this.queue = Promise.resolve();
        this.process = spawn(pwshPath(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', path.join(__dirname, 'Start-NodeHost.ps1'),
            '-ScenarioPath', scenarioPath], { stdio: ['pipe', 'pipe', 'inherit'] });
        this.ready = new Promise((resolve, reject) => {
            this.process.once('error', reject);
            this.process.once('exit', code => {
                const error = new Error(`The PowerShell host of ${name} exited (code ${code}).`);
                reject(error);
                for (const { reject: fail } of this.pending.values()) {
                    fail(error);
                }
                this.pending.clear();
            });
            readline.createInterface({ input: this.process.stdout }).on('line', line => {
                if (line === '@@READY@@') {
                    resolve();
                } else if (line.startsWith('@@RESPONSE@@ ')) {
                    const response = JSON.parse(line.substring('@@RESPONSE@@ '.length));
                    const waiter = this.pending.get(response.id);
                    this.pending.delete(response.id);
                    if (waiter) {
                        waiter.resolve(response);
                    }
                }
            });
        });
        // A host closed before any command (e.g. RBAC mode refused every request) must not leave an unhandled rejection.
        this.ready.catch(() => undefined);
    }

    /** Runs the script text in this node's session; resolves with {results, errors}. */
    run(script) {
        return this.send({ script });
    }

    /**
     * Runs a command of a PowerShell module (imported from its .psd1 once per session) with named
     * parameters, as a JEA session runs the command the SDK names (RBAC mode, jea-endpoint.js).
     */
    invoke(modulePath, command, parameters) {
        return this.send({ modulePath, command, parameters });
    }

    send(request) {
        const job = this.queue.then(() => this.ready).then(() => new Promise((resolve, reject) => {
            const id = this.nextId++;
            this.pending.set(id, { resolve, reject });
            this.process.stdin.write(JSON.stringify({ id, ...request }) + '\n');
        }));
        this.queue = job.catch(() => undefined);
        return job;
    }

    close() {
        this.process.kill();
    }
}

module.exports = { NodeHost };
