'use strict';
/**
 * Builds a TypeScript command-line entry point with esbuild (a few hundred ms) into dist-cli/ and
 * runs it with the given arguments.
 *   node tools/run-ts.js <entry.ts> [args...]   e.g. node tools/run-ts.js src/cli/check.ts --snapshot FILE
 */
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

/** Bundles `entry` (a path from the project root) and runs it as if node had been started on it with `args`. */
function runTs(entry, args) {
    const outfile = path.join(root, 'dist-cli', `${path.basename(entry, '.ts')}.js`);
    esbuild.buildSync({
        entryPoints: [path.resolve(root, entry)],
        bundle: true,
        platform: 'node',
        target: 'node18',
        outfile,
        logLevel: 'error'
    });
    process.argv = [process.argv[0], outfile, ...args];
    require(outfile);
}

if (require.main === module) {
    const [entry, ...args] = process.argv.slice(2);
    if (!entry) {
        process.stderr.write('usage: node tools/run-ts.js <entry.ts> [args...]\n');
        process.exitCode = 2;
    } else {
        runTs(entry, args);
    }
}

module.exports = { runTs };
