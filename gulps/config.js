'use strict';
/**
 * Build settings shared by the gulp tasks. Paths are relative to the project root
 * (gulp runs with --cwd at the root).
 */
const path = require('path');

module.exports = {
    /** Prefix of every resjson key (the SDK's "resource name"). */
    resourceName: 'HvtoolsReplicaFailoverIp',
    /** Manifest at the top level; the resjson step writes its `resources` section. */
    manifest: 'manifest.json',
    strings: {
        default: 'src/resources/strings/strings.resjson',
        /** One folder per locale beside the default file, e.g. es-ES/strings.resjson. */
        localized: 'src/resources/strings/*/strings.resjson',
        output: 'src/assets/strings'
    },
    powershell: {
        /** Name of the PowerShell module the gateway loads scripts from. */
        name: 'hvtools.replica-failover-ip',
        guid: '6f0b6a55-2d8e-4c1e-9a3c-3f5e2f7d8b41',
        /** The scripts as written, and the helpers each defines once (gulps/assemble-scripts.js). */
        sources: 'src/resources/scripts',
        helpers: 'src/resources/helpers',
        /** The scripts assembled with their helpers: what the generated TypeScript and the module carry. */
        assembled: 'dist-ps/scripts',
        scripts: 'dist-ps/scripts/*.ps1',
        /**
         * The SDK's own scripts (server and cluster inventory, ...), packed into the module as the
         * template's build does (its powershell list includes the SDK's core): the SDK runs them with
         * the extension's module name (core/data/powershell.js getPowerShellCommand), so under
         * role-based access the JEA endpoint finds them only in this module.
         */
        sdkScripts: 'node_modules/@microsoft/windows-admin-center-sdk/core/resources/scripts/**/*.ps1',
        /** gulp-ps-code compares these to relative folders: use the platform's separator. */
        basePath: path.join('dist-ps', 'scripts'),
        generatedPath: path.join('src', 'generated', 'scripts'),
        moduleOutput: 'dist-ps/powershell-module/hvtools.replica-failover-ip'
    },
    generated: 'src/generated',
    bundle: 'bundle'
};
