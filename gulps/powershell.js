'use strict';
/** PowerShell: scripts -> PowerShellScripts TypeScript constants and a PowerShell module. */
const { dest, series, src } = require('gulp');
const psCode = require('@microsoft/windows-admin-center-sdk/tools/gulp-ps-code');
const psModule = require('@microsoft/windows-admin-center-sdk/tools/gulp-ps-module');
const config = require('./config');

function powershellCode() {
    return src(config.powershell.scripts)
        .pipe(psCode({
            powerShellModuleName: config.powershell.name,
            resourceName: config.resourceName,
            basePath: config.powershell.basePath,
            generatedPath: config.powershell.generatedPath
        }))
        .pipe(dest(config.generated));
}

function powershellModule() {
    return src(config.powershell.scripts)
        .pipe(psModule({ name: config.powershell.name, guid: config.powershell.guid, version: require('../package.json').version }))
        .pipe(dest(config.powershell.moduleOutput));
}

module.exports = { powershell: series(powershellCode, powershellModule) };
