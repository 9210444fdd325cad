'use strict';
/**
 * PowerShell: scripts assembled with their helpers (assemble-scripts.js) -> PowerShellScripts TypeScript constants, a PowerShell module (every script,
 * the project's and the SDK's own, a command of the same name; the module manifest carrying the
 * project's author, company, copyright and version), and the manifest's powerShellModuleName, taken
 * from the module just packed.
 */
const { dest, series, src } = require('gulp');
const fs = require('fs');
const path = require('path');
const through2 = require('through2');
const psCode = require('@microsoft/windows-admin-center-sdk/tools/gulp-ps-code');
const psManifest = require('@microsoft/windows-admin-center-sdk/tools/gulp-ps-manifest');
const psModule = require('@microsoft/windows-admin-center-sdk/tools/gulp-ps-module');
const { assembleScripts } = require('./assemble-scripts');
const config = require('./config');
const { projectInfo } = require('./project-info');

/** Each script with the helpers it names, into config.powershell.assembled (read by the next steps). */
async function powershellAssemble() {
    assembleScripts({ scripts: config.powershell.sources, helpers: config.powershell.helpers, out: config.powershell.assembled });
}

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

/** A PowerShell single-quoted string literal. */
function psString(text) {
    return `'${String(text).replace(/'/g, '\'\'')}'`;
}

/**
 * gulp-ps-module writes the SDK's own identity into every .psd1 (Author 'SME', CompanyName
 * 'Microsoft', Copyright '(c) 2018 Microsoft...') and leaves Description commented out. Replace
 * each of those lines with the project's values; a line that is not found (another SDK template)
 * fails the build rather than leaving a default in the package.
 */
function projectIdentity(info) {
    const lines = [
        [/^Author = .*$/m, `Author = ${psString(info.author)}`],
        [/^CompanyName = .*$/m, `CompanyName = ${psString(info.company)}`],
        [/^Copyright = .*$/m, `Copyright = ${psString(info.copyright)}`],
        [/^# Description = .*$/m, `Description = ${psString(info.description)}`]
    ];
    return through2.obj(function (file, encoding, callback) {
        if (path.extname(file.path) !== '.psd1') {
            return callback(null, file);
        }
        let text = file.contents.toString('utf8');
        for (const [pattern, replacement] of lines) {
            if (!pattern.test(text)) {
                return callback(new Error(`${path.basename(file.path)}: gulp-ps-module wrote no line matching ${pattern}; the project's identity can't be set.`));
            }
            text = text.replace(pattern, replacement);
        }
        file.contents = Buffer.from(text, 'utf8');
        return callback(null, file);
    });
}

function powershellModule() {
    const info = projectInfo();
    return src([config.powershell.scripts, config.powershell.sdkScripts])
        .pipe(psModule({ name: config.powershell.name, guid: config.powershell.guid, version: info.version }))
        .pipe(projectIdentity(info))
        .pipe(dest(config.powershell.moduleOutput));
}

/** The name of the module the previous step packed: its folder holds exactly one <name>.psd1. */
function packedModuleName() {
    const folder = config.powershell.moduleOutput;
    const manifests = fs.existsSync(folder) ? fs.readdirSync(folder).filter(f => f.endsWith('.psd1')) : [];
    if (manifests.length !== 1) {
        throw new Error(`${folder} should hold one PowerShell module manifest (.psd1), found ${manifests.length}.`);
    }
    return path.basename(manifests[0], '.psd1');
}

/**
 * The manifest's powerShellModuleName, written by the SDK's gulp-ps-manifest (as the template's
 * build does) from the packed module. That plugin logs its errors instead of failing the stream,
 * so the result is checked after it wrote the manifest.
 */
function powershellManifest() {
    const name = packedModuleName();
    return new Promise((resolve, reject) => {
        src(config.powershell.scripts)
            .pipe(psManifest({ manifest: config.manifest, powerShellModuleName: name }))
            .on('error', reject)
            .pipe(dest('.'))
            .on('error', reject)
            .on('finish', () => {
                const written = JSON.parse(fs.readFileSync(config.manifest, 'utf8')).powerShellModuleName;
                if (written !== name) {
                    reject(new Error(`gulp-ps-manifest did not write powerShellModuleName '${name}' into ${config.manifest} (found '${written}').`));
                } else {
                    resolve();
                }
            });
    });
}

module.exports = { powershell: series(powershellAssemble, powershellCode, powershellModule, powershellManifest) };
