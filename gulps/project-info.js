'use strict';
/**
 * The project's own identity, read once from package.json, for everything the build writes about the
 * extension: the PowerShell module manifest (.psd1) and the NuGet package (.nuspec). A missing field
 * fails the build with its name, so nothing falls back to the SDK's defaults ('SME', 'Microsoft').
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

function projectInfo() {
    const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const info = {
        version: packageJson.version,
        description: packageJson.description,
        author: packageJson.author,
        /** The module manifest's CompanyName: the project publishes under its author's name. */
        company: packageJson.author,
        copyright: packageJson.copyright,
        projectUrl: packageJson.homepage,
        license: packageJson.license,
        sdkVersion: packageJson.dependencies && packageJson.dependencies['@microsoft/windows-admin-center-sdk']
    };
    const fields = { version: 'version', description: 'description', author: 'author', copyright: 'copyright',
        projectUrl: 'homepage', license: 'license', sdkVersion: 'dependencies["@microsoft/windows-admin-center-sdk"]' };
    for (const [key, field] of Object.entries(fields)) {
        if (typeof info[key] !== 'string' || !info[key].trim()) {
            throw new Error(`package.json has no "${field}": the build writes it into the PowerShell module and the extension package.`);
        }
    }
    if (!/^https:\/\/\S+$/.test(info.projectUrl)) {
        throw new Error(`package.json "homepage" must be an https URL (the package's projectUrl), not '${info.projectUrl}'.`);
    }
    return info;
}

module.exports = { projectInfo };
