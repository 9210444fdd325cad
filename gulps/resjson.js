'use strict';
/** Strings: resjson -> JSON for the browser, a TypeScript interface, and the manifest's resources. */
const { dest, parallel, series, src } = require('gulp');
const gulpResJson = require('@microsoft/windows-admin-center-sdk/tools/gulp-resjson');
const manifestResource = require('@microsoft/windows-admin-center-sdk/tools/gulp-manifest-resource');
const config = require('./config');

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
    resjson: series(parallel(stringsJson, stringsJsonLocalized, stringsInterface), manifestStrings)
};
