'use strict';
// Builds the TypeScript command-line tools with esbuild (a few hundred ms) and runs one.
// Usage: node src/cli/run.js <tool> [args...]   e.g. node src/cli/run.js check --scenario FILE
const path = require('path');
const esbuild = require('esbuild');

const [tool, ...args] = process.argv.slice(2);
const outfile = path.join(__dirname, '..', '..', 'dist-cli', `${tool}.js`);
esbuild.buildSync({
    entryPoints: [path.join(__dirname, `${tool}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node18',
    outfile,
    logLevel: 'error'
});
process.argv = [process.argv[0], outfile, ...args];
require(outfile);
