'use strict';
/**
 * Build and test tasks. Run through npm: `npm run build`, `npm test`, `npm run serve`
 * (gulp --gulpfile gulps/index.js --cwd .).
 */
const { series, src } = require('gulp');
const gulpClean = require('gulp-clean');
const { resjson } = require('./resjson');
const { powershell } = require('./powershell');
const { validateManifest } = require('./validate');
const { writePackage } = require('./pack');
const { ng, pwsh, run } = require('./spawn');

function clean() {
    return src(['bundle', 'dist-ps', 'dist-pack', 'nuget', 'src/assets/strings', 'src/generated', 'test/results'], { read: false, allowEmpty: true })
        .pipe(gulpClean({ force: true }));
}

const lint = () => ng(['lint']);
const bundle = () => ng(['build', 'module-app', '--configuration=production', '--progress=false']);
const karma = () => ng(['test', '--watch=false', '--progress=false']);
const pester = () => pwsh(['-File', 'test/run-pester.ps1']);
const contract = () => run(process.execPath, ['--test', 'test/contract/']);
const packageTest = () => run(process.execPath, ['--test', 'test/package/']);
const e2e = () => run(process.execPath, ['--test', 'test/e2e/']);
const serveApp = () => ng(['serve']);

// In series: both steps write manifest.json (its resources, then its powerShellModuleName).
const generate = series(resjson, powershell);

module.exports = {
    clean,
    generate,
    validate: validateManifest,
    lint: series(generate, lint),
    bundle,
    karma,
    pester,
    contract,
    e2e,
    build: series(clean, generate, validateManifest, lint, bundle),
    pack: series(clean, generate, validateManifest, bundle, writePackage),
    test: series(clean, generate, validateManifest, lint, bundle, karma, pester, contract, e2e, writePackage, packageTest),
    serve: series(generate, serveApp)
};
