'use strict';
// Opens the extension package that `npm run pack` (and `npm test`) writes and checks that a WAC
// gateway would find what it needs: layout, id and version, package type, every file the bundle
// references, the PowerShell module, and an inventory whose hashes match the files; the project's
// identity (authors, copyright, projectUrl, icon, tags) in the .nuspec and the module manifest.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const AdmZip = require('adm-zip');

const root = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const file = path.join(root, 'nuget', `${manifest.name}.${packageJson.version}.nupkg`);

const zip = new AdmZip(file);
const entries = new Map(zip.getEntries().map(e => [e.entryName, e]));
const text = name => {
    assert.ok(entries.has(name), `${name} is in the package`);
    return entries.get(name).getData().toString('utf8');
};

test('the package is named after the manifest and package.json', () => {
    assert.ok(fs.existsSync(file), `${path.relative(root, file)} exists`);
});

test('the .nuspec has the manifest name as id, the package.json version and the extension package type', () => {
    const nuspec = text(`${manifest.name}.nuspec`);
    assert.match(nuspec, new RegExp(`<id>${manifest.name.replace(/\./g, '\\.')}</id>`));
    assert.match(nuspec, new RegExp(`<version>${packageJson.version.replace(/\./g, '\\.')}</version>`));
    assert.match(nuspec, /<packageType name="WindowsAdminCenterExtension" \/>/);
    assert.match(nuspec, /<title>Replica failover IP check<\/title>/);
});

test('the .nuspec carries the project: authors, copyright, projectUrl, license, tags and an icon in the package', () => {
    const nuspec = text(`${manifest.name}.nuspec`);
    const field = name => {
        const match = new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(nuspec);
        assert.ok(match, `<${name}> in the .nuspec`);
        return match[1];
    };
    assert.equal(field('authors'), packageJson.author);
    assert.equal(field('copyright'), packageJson.copyright);
    assert.equal(field('projectUrl'), packageJson.homepage);
    assert.match(field('projectUrl'), /^https:\/\//);
    assert.equal(field('license'), packageJson.license);
    assert.doesNotMatch(nuspec, /Microsoft/, 'none of the SDK defaults (Microsoft, ms-logo.png)');
    // Tags: single words from the manifest's keywords.
    assert.deepEqual(field('tags').split(' '), ['Hyper-V', 'Replica', 'failover', 'integration-services', 'KVP']);
    // The icon: a PNG inside the package, the one committed under src/assets/images/.
    const icon = field('icon');
    assert.ok(entries.has(icon), `${icon} (the <icon>) is in the package`);
    const png = entries.get(icon).getData();
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the icon is a PNG');
    assert.equal(png.readUInt32BE(16), 128, 'icon width');
    assert.equal(png.readUInt32BE(20), 128, 'icon height');
    assert.deepEqual(png, fs.readFileSync(path.join(root, 'src/assets/images/icon.png')));
});

test('the bundle is under ux/ with its manifest, which records the SDK core and backend versions', () => {
    const bundled = JSON.parse(text('ux/manifest.json'));
    assert.equal(bundled.name, manifest.name);
    assert.equal(bundled.CoreVersion, '5.0.0');
    assert.equal(bundled.BackendVersion, '2.0.0');
    assert.deepEqual(bundled.entryPoints, manifest.entryPoints);
});

test('every file index.html loads, and the strings the module fetches, are in the package', () => {
    const html = text('ux/index.html');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(m => m[1]).filter(r => r !== '/' && !/^[a-z]+:/.test(r));
    assert.ok(references.some(r => /^main\.[0-9a-f]+\.js$/.test(r)), `index.html loads main: ${references}`);
    for (const reference of references) {
        assert.ok(entries.has(`ux/${reference}`), `ux/${reference} (from index.html)`);
    }
    for (const strings of ['ux/assets/strings/strings.json', 'ux/assets/strings/es-ES/strings.json']) {
        assert.ok(entries.has(strings), strings);
    }
});

test('the PowerShell module is under ux/powershell-module/ and exports every script, the tool\'s and the SDK\'s', () => {
    const base = `ux/powershell-module/${manifest.name}/${manifest.name}`;
    const psd1 = text(`${base}.psd1`);
    const psm1 = text(`${base}.psm1`);
    assert.match(psd1, new RegExp(`ModuleVersion = '${packageJson.version.replace(/\./g, '\\.')}'`));
    // The project's identity, not the SDK template's ('SME', 'Microsoft', '(c) 2018 Microsoft').
    const value = key => {
        const match = new RegExp(`^${key} = '((?:[^']|'')*)'\\r?$`, 'm').exec(psd1);
        assert.ok(match, `${key} in the .psd1`);
        return match[1].replace(/''/g, "'");
    };
    assert.equal(value('Author'), packageJson.author);
    assert.equal(value('CompanyName'), packageJson.author);
    assert.equal(value('Copyright'), packageJson.copyright);
    assert.equal(value('Description'), packageJson.description);
    assert.doesNotMatch(psd1, /^(?:Author|CompanyName|Copyright) = .*(?:'SME'|Microsoft)/m);
    // Under role-based access the SDK sends the command name of PowerShellScripts (gulp-ps-code) with
    // the extension's module name, for the tool's scripts and for the SDK's own (its inventory
    // caches): the module must export a command of exactly that name for each one.
    const commandsIn = file => [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/command: '([^']+)'/g)].map(m => m[1]);
    const own = commandsIn('src/generated/powershell-scripts.ts');
    assert.equal(own.length, fs.readdirSync(path.join(root, 'src/resources/scripts')).length);
    const sdk = commandsIn('node_modules/@microsoft/windows-admin-center-sdk/core/generated/powershell-scripts.js');
    const listFiles = dir => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? listFiles(path.join(dir, e.name)) : [e.name]);
    const shipped = listFiles(path.join(root, 'node_modules/@microsoft/windows-admin-center-sdk/core/resources/scripts'))
        .filter(f => f.endsWith('.ps1')).map(f => path.basename(f, '.ps1'));
    // The SDK package ships the scripts of every SDK command but its scheduled reboot, which the tool never runs.
    assert.deepEqual(sdk.filter(c => !shipped.includes(c)).sort(), ['Start-ScheduledReboot', 'Stop-Reboot']);
    assert.ok(shipped.includes('Get-ClusterInventory') && shipped.includes('Get-ClusterNodes') && shipped.includes('Get-ServerInventory'), shipped.join(', '));
    const exported = [...psd1.matchAll(/^\s*'([A-Za-z]+-[A-Za-z0-9]+)',?\r?$/gm)].map(m => m[1]);
    assert.deepEqual(exported.sort(), [...own, ...shipped].sort());
    for (const script of fs.readdirSync(path.join(root, 'src/resources/scripts'))) {
        const name = path.basename(script, '.ps1');
        assert.match(psm1, new RegExp(`function ${name} \\{`), `${name} in the .psm1`);
        assert.match(psd1, new RegExp(`'${name}'`), `${name} exported by the .psd1`);
    }
});

test('the module carries the scripts assembled: each command holds the helpers its script names, from src/resources/helpers/', () => {
    const psm1 = text(`ux/powershell-module/${manifest.name}/${manifest.name}.psm1`).replace(/\r\n/g, '\n');
    const helpersFolder = path.join(root, 'src/resources/helpers');
    for (const file of fs.readdirSync(helpersFolder)) {
        const helper = path.basename(file, '.ps1');
        const body = fs.readFileSync(path.join(helpersFolder, file), 'utf8').replace(/\r\n/g, '\n').trim();
        const naming = fs.readdirSync(path.join(root, 'src/resources/scripts'))
            .filter(s => (/^# Helpers: (.*)$/m.exec(fs.readFileSync(path.join(root, 'src/resources/scripts', s), 'utf8')) || ['', ''])[1]
                .split(',').map(h => h.trim()).includes(helper));
        const carried = psm1.split(`#region Helper: ${helper} (defined once in src/resources/helpers/${file})\n${body}\n#endregion`).length - 1;
        assert.ok(carried >= naming.length && carried > 0, `${helper}: carried ${carried} times, named by ${naming.join(', ')}`);
    }
    assert.equal(psm1.split('\nfunction Get-VmById(').length - 1, 5, 'Get-VmById in each of the five change scripts');
});

test('content.json lists every ux/ file with its size and SHA-256', () => {
    const content = JSON.parse(text('content.json'));
    const uxFiles = [...entries.keys()].filter(n => n.startsWith('ux/') && !n.endsWith('/')).sort();
    assert.deepEqual(content.packageContent.map(c => c.path.split('\\').join('/')).sort(), uxFiles);
    for (const item of content.packageContent) {
        const data = entries.get(item.path.split('\\').join('/')).getData();
        assert.equal(item.size, data.length, item.path);
        assert.equal(item.hash256, crypto.createHash('sha256').update(data).digest('hex').toUpperCase(), item.path);
    }
});
