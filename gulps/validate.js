'use strict';
/** Validates the top-level manifest against the SDK's module schema. */
const { src } = require('gulp');
const manifestValidator = require('@microsoft/windows-admin-center-sdk/tools/gulp-manifest-validator');
const config = require('./config');

function validateManifest() {
    return src(config.manifest).pipe(manifestValidator());
}

module.exports = { validateManifest };
