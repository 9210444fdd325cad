'use strict';
/**
 * Runs a child process and fails the gulp task when it exits non-zero.
 * (The SDK template's runner only watched stderr for lines starting with "ERROR",
 * so a failing `ng` looked green.)
 */
const childProcess = require('child_process');
const path = require('path');
const { pwshPath } = require('../tools/pwsh-path');

function run(command, args, options = {}) {
    return new Promise((resolve, reject) => {
        const child = childProcess.spawn(command, args, { stdio: 'inherit', ...options });
        child.on('error', error => reject(new Error(`Couldn't start ${command}: ${error.message}`)));
        child.on('exit', (code, signal) => {
            if (code === 0) {
                resolve();
            } else {
                reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${signal || 'exit code ' + code}).`));
            }
        });
    });
}

/** Runs PowerShell 7. */
function pwsh(args) {
    return run(pwshPath(), ['-NoLogo', '-NoProfile', '-NonInteractive', ...args]);
}

/** Runs the Angular CLI of this project. */
function ng(args) {
    const cli = require.resolve('@angular/cli/bin/ng.js');
    return run(process.execPath, [cli, ...args], { env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
}

module.exports = { run, ng, pwsh };
