'use strict';
/** Strings: resjson -> JSON for the browser, a TypeScript interface, and the manifest's resources. */
const { dest, parallel, series, src } = require('gulp');
const gulpResJson = require('@microsoft/windows-admin-center-sdk/tools/gulp-resjson');
const manifestResource = require('@microsoft/windows-admin-center-sdk/tools/gulp-manifest-resource');
const fs = require('fs');
const path = require('path');
const config = require('./config');

/** The SDK's own strings (MsftSmeShell.Core and .Angular): its controls read them from the module's strings. */
const sdkStrings = ['core', 'angular'].map(part => path.join('node_modules', '@microsoft', 'windows-admin-center-sdk', part, 'assets', 'strings'));

function mergeInto(target, source) {
    for (const [key, value] of Object.entries(source)) {
        if (value && typeof value === 'object' && !Array.isArray(value) && target[key] && typeof target[key] === 'object') {
            mergeInto(target[key], value);
        } else if (!(key in target)) {
            target[key] = value;
        }
    }
    return target;
}

/** Adds the SDK's strings to each locale the tool ships (default and every folder under the output). */
function mergeSdkStrings(done) {
    const locales = [''].concat(fs.readdirSync(config.strings.output, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name));
    for (const locale of locales) {
        const file = path.join(config.strings.output, locale, 'strings.json');
        const strings = JSON.parse(fs.readFileSync(file, 'utf8'));
        for (const folder of sdkStrings) {
            const sdkFile = path.join(folder, locale, 'strings.json');
            if (!fs.existsSync(sdkFile)) {
                throw new Error(`The SDK has no strings for locale '${locale}' (${sdkFile}).`);
            }
            mergeInto(strings, JSON.parse(fs.readFileSync(sdkFile, 'utf8')));
        }
        fs.writeFileSync(file, JSON.stringify(strings));
    }
    done();
}

function stringsJson() {
    return src(config.strings.default)
        .pipe(gulpResJson({ json: true }))
        .pipe(dest(config.strings.output));
}

function stringsJsonLocalized() {
    // localeOffset 0: the locale is the folder that holds strings.resjson.
    return src(config.strings.localized)
        .pipe(gulpResJson({ json: true, localeOffset: 0 }))
        .pipe(dest(config.strings.output));
}

function stringsInterface() {
    return src(config.strings.default)
        .pipe(gulpResJson({ typescript: 'interface' }))
        .pipe(dest(config.generated));
}

function manifestStrings() {
    return src([config.strings.default, config.strings.localized])
        .pipe(manifestResource({ manifest: config.manifest, localeOffset: 0, resourceName: config.resourceName }))
        .pipe(dest('.'));
}

module.exports = {
    resjson: series(parallel(stringsJson, stringsJsonLocalized, stringsInterface), parallel(mergeSdkStrings, manifestStrings))
};
