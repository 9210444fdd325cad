'use strict';
/**
 * Runs a child process and fails the gulp task when it exits non-zero.
 * (The SDK template's runner only watched stderr for lines starting with "ERROR",
 * so a failing `ng` looked green.)
 */
const childProcess = require('child_process');
const path = require('path');

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

/** PowerShell 7: on PATH, or where `dotnet tool install --global` puts it. */
function pwsh(args) {
    const fs = require('fs');
    const os = require('os');
    const toolPath = path.join(os.homedir(), '.dotnet', 'tools', 'pwsh');
    const onPath = (process.env.PATH || '').split(path.delimiter).some(dir => fs.existsSync(path.join(dir, 'pwsh')));
    return run(onPath || !fs.existsSync(toolPath) ? 'pwsh' : toolPath, ['-NoLogo', '-NoProfile', '-NonInteractive', ...args]);
}

/** Runs the Angular CLI of this project. */
function ng(args) {
    const cli = require.resolve('@angular/cli/bin/ng.js');
    return run(process.execPath, [cli, ...args], { env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
}

module.exports = { run, ng, pwsh };
