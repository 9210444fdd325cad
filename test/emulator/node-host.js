'use strict';
/**
 * A managed node for the emulated gateway: a long-lived PowerShell 7 process (Start-NodeHost.ps1)
 * with the simulated Hyper-V host of one scenario loaded. Commands run one at a time, in order; a
 * running command can be stopped (its pipeline is stopped, as a gateway's cancel does).
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
        // A host closed before any command (e.g. every request refused in RBAC mode) leaves no unhandled rejection.
        this.ready.catch(() => undefined);
    }

    /**
     * Runs the script text in this node's session. Resolves with {results, errors, terminating,
     * stopped}: errors are non-terminating, terminating is the exception that ended the script.
     * options.delayMs: sleep first in the same pipeline (a slow node). Returns the promise with a
     * stop() method that stops the command (queued: never runs; running: its pipeline is stopped).
     */
    run(script, options = {}) {
        return this.submit({ script }, options);
    }

    /**
     * Runs a command of a PowerShell module with named parameters, as a JEA session runs the command
     * the SDK names (RBAC mode, jea-endpoint.js): the module is imported from its .psd1 into the
     * node's session once, no script text is run. Same answer, options and stop() as run().
     */
    invoke(modulePath, command, parameters, options = {}) {
        return this.submit({ modulePath, command, parameters: parameters || {} }, options);
    }

    submit(request, options) {
        const id = this.nextId++;
        let state = 'queued';
        const job = this.queue.then(() => this.ready).then(() => new Promise((resolve, reject) => {
            if (state === 'stopped') {
                return resolve({ id, results: [], errors: [], terminating: null, stopped: true });
            }
            state = 'running';
            this.pending.set(id, { resolve, reject });
            this.process.stdin.write(JSON.stringify({ id, ...request, delayMs: options.delayMs || 0 }) + '\n');
        }));
        this.queue = job.catch(() => undefined);
        job.stop = () => {
            if (state === 'queued') {
                state = 'stopped';
            } else if (state === 'running') {
                this.process.stdin.write(JSON.stringify({ stop: id }) + '\n');
            }
        };
        job.then(() => { state = 'done'; }, () => { state = 'done'; });
        return job;
    }

    close() {
        this.process.kill();
    }
}

module.exports = { NodeHost };
