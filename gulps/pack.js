'use strict';
/**
 * Writes the extension NuGet package, <manifest name>.<version>.nupkg, into nuget/, with the layout
 * the SDK's New-ExtensionPackage.ps1 makes: the bundle under ux/, the PowerShell module under
 * ux/powershell-module/, content.json (inventory with SHA-256 of every file) and README.md at the
 * root, and the SDK's core and backend versions recorded in ux/manifest.json. The .nuspec carries the
 * project's identity from package.json (authors, copyright, projectUrl, license), the manifest's
 * title, description and keywords (as tags) and the icon, as New-ExtensionPackage.ps1 writes them.
 * The archive itself is made by `dotnet pack` (package type WindowsAdminCenterExtension).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const config = require('./config');
const { projectInfo } = require('./project-info');
const { run } = require('./spawn');

const root = path.resolve(__dirname, '..');
const staging = path.join(root, 'dist-pack');
const output = path.join(root, 'nuget');
/** The gateway backend API the extension is written for (the SDK script's default). */
const backendVersion = '2.0.0';
/**
 * The package icon, inside the bundle where the SDK's New-ExtensionPackage.ps1 looks for one
 * (bundle/assets/images/icon.*, written as <icon>ux/assets/images/...</icon>). A PNG: NuGet takes
 * PNG or JPEG icons. Drawn by gulps/nuget/draw-icon.js and committed under src/assets/images/.
 */
const icon = 'ux/assets/images/icon.png';

function listFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? listFiles(full) : [full];
    });
}

function xml(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function defaultString(manifest, reference) {
    const strings = (manifest.resources.find(r => r.locale === 'default') || { strings: {} }).strings;
    const key = String(reference).split(':')[2];
    return key && strings[key] !== undefined ? strings[key] : reference;
}

/** NuGet tags are single words separated by spaces; the manifest's keywords are comma-separated phrases. */
function tags(manifest) {
    return manifest.keywords.flatMap(k => defaultString(manifest, k).split(',')).map(t => t.trim().replace(/\s+/g, '-')).filter(Boolean).join(' ');
}

function stage(info, manifest) {
    fs.rmSync(staging, { recursive: true, force: true });
    const bundle = path.join(root, config.bundle);
    if (!fs.existsSync(path.join(bundle, 'index.html'))) {
        throw new Error(`No production bundle in ${config.bundle}/: run the bundle step first.`);
    }
    fs.cpSync(bundle, path.join(staging, 'ux'), { recursive: true });
    fs.cpSync(path.join(root, config.powershell.moduleOutput), path.join(staging, 'ux', 'powershell-module', config.powershell.name), { recursive: true });

    const bundledManifestPath = path.join(staging, 'ux', 'manifest.json');
    const bundledManifest = JSON.parse(fs.readFileSync(bundledManifestPath, 'utf8'));
    bundledManifest.CoreVersion = info.sdkVersion;
    bundledManifest.BackendVersion = backendVersion;
    fs.writeFileSync(bundledManifestPath, JSON.stringify(bundledManifest, null, 2));

    if (!fs.existsSync(path.join(staging, icon))) {
        throw new Error(`The package icon ${icon} is not in the bundle: src/assets/images/icon.png should be copied by the bundle step.`);
    }

    const files = listFiles(path.join(staging, 'ux'));
    const content = {
        contentFormatVersion: '1.0.0',
        datetime: new Date().toISOString().substring(0, 19),
        // Unsigned scripts make the SDK call a package unhealthy; a gateway in production mode wants signed packages.
        status: 'unhealthy',
        nestedPackage: null,
        packageContent: files.map(file => ({
            path: path.relative(staging, file).split(path.sep).join('\\'),
            size: fs.statSync(file).size,
            hash256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').toUpperCase(),
            signedBy: 'None',
            thumbprint: 'None'
        })),
        defaultManifest: null
    };
    fs.writeFileSync(path.join(staging, 'content.json'), JSON.stringify(content, null, 2));
    fs.copyFileSync(path.join(root, 'docs', 'package-readme.md'), path.join(staging, 'README.md'));

    const nuspec = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>${xml(manifest.name)}</id>
    <version>${xml(info.version)}</version>
    <title>${xml(defaultString(manifest, manifest.displayName))}</title>
    <authors>${xml(info.author)}</authors>
    <owners>${xml(info.author)}</owners>
    <description>${xml(defaultString(manifest, manifest.description))}</description>
    <tags>${xml(tags(manifest))}</tags>
    <license type="expression">${xml(info.license)}</license>
    <copyright>${xml(info.copyright)}</copyright>
    <projectUrl>${xml(info.projectUrl)}</projectUrl>
    <icon>${xml(icon)}</icon>
    <readme>README.md</readme>
    <packageTypes>
      <packageType name="WindowsAdminCenterExtension" />
    </packageTypes>
  </metadata>
  <files>
    <file src="ux/**/*.*" target="ux" />
    <file src="content.json" target="" />
    <file src="README.md" target="" />
  </files>
</package>
`;
    const nuspecPath = path.join(staging, `${manifest.name}.nuspec`);
    fs.writeFileSync(nuspecPath, nuspec);
    return nuspecPath;
}

async function writePackage() {
    const info = projectInfo();
    const manifest = JSON.parse(fs.readFileSync(path.join(root, config.manifest), 'utf8'));
    const nuspecPath = stage(info, manifest);
    fs.mkdirSync(output, { recursive: true });
    const project = path.join(__dirname, 'nuget', 'extension-package.proj');
    await run('dotnet', ['restore', project, '--verbosity', 'quiet']);
    await run('dotnet', ['pack', project, '--no-restore', '--nologo', '--verbosity', 'quiet', '-o', output,
        `-p:NuspecFile=${nuspecPath}`, `-p:NuspecBasePath=${staging}`]);
    const file = path.join(output, `${manifest.name}.${info.version}.nupkg`);
    if (!fs.existsSync(file)) {
        throw new Error(`dotnet pack did not write ${file}`);
    }
    console.info(`Package: ${path.relative(root, file)}`);
}

module.exports = { writePackage };
