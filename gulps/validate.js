'use strict';
/**
 * Validates the top-level manifest against the SDK's module schema, then what the schema can't say
 * (gulps/manifest-checks.js): both cluster pairs, jea, and powerShellModuleName matching the module
 * the build packed.
 */
const { series, src } = require('gulp');
const fs = require('fs');
const path = require('path');
const manifestValidator = require('@microsoft/windows-admin-center-sdk/tools/gulp-manifest-validator');
const config = require('./config');
const { manifestProblems } = require('./manifest-checks');

function validateSchema() {
    return src(config.manifest).pipe(manifestValidator());
}

function packedModuleName() {
    const folder = config.powershell.moduleOutput;
    const manifests = fs.existsSync(folder) ? fs.readdirSync(folder).filter(f => f.endsWith('.psd1')) : [];
    return manifests.length === 1 ? path.basename(manifests[0], '.psd1') : `(${manifests.length} .psd1 files in ${folder}: run the generate step)`;
}

function scriptsModuleName() {
    const file = path.join(config.generated, 'powershell-scripts.ts');
    const match = fs.existsSync(file) ? /export const module = '([^']+)'/.exec(fs.readFileSync(file, 'utf8')) : null;
    return match ? match[1] : `(no module name in ${file}: run the generate step)`;
}

async function validateExtension() {
    const manifest = JSON.parse(fs.readFileSync(config.manifest, 'utf8'));
    const problems = manifestProblems(manifest, { packedModuleName: packedModuleName(), scriptsModuleName: scriptsModuleName() });
    if (problems.length > 0) {
        throw new Error(`${config.manifest}:\n- ${problems.join('\n- ')}`);
    }
}

module.exports = { validateManifest: series(validateSchema, validateExtension) };
