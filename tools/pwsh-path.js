'use strict';
/**
 * Where PowerShell 7 is: on PATH, or where `dotnet tool install --global PowerShell` puts it
 * (~/.dotnet/tools, which a fresh shell may not have on PATH). Shared by the build, the
 * command-line check, the emulated gateway, the tests and the benchmark.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

function pwshPath() {
    const onPath = (process.env.PATH || '').split(path.delimiter).some(dir => dir && fs.existsSync(path.join(dir, 'pwsh')));
    const tool = path.join(os.homedir(), '.dotnet', 'tools', 'pwsh');
    return onPath || !fs.existsSync(tool) ? 'pwsh' : tool;
}

module.exports = { pwshPath };
