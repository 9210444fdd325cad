'use strict';
// A clone of the repository alone passes its tests: no source, test, build or CI file names the
// folder beside the repository that the project's brief came in (the parent's `shared`). Facts a
// test needs are copied into the project with their sources (test/reference/, test/scenarios/).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const folders = ['src', 'test', 'gulps', 'tools', '.ci'];
// Installed or produced here, not part of the repository.
const skipped = new Set(['node_modules', '.tools', 'results']);
const outside = '..+shared'.split('+');
// The folder's relative path with either separator, and a path joined from its two parts.
const patterns = [
    new RegExp(`\\.\\.[/\\\\]${outside[1]}\\b`),
    new RegExp(`['"]\\.\\.['"]\\s*,\\s*['"]${outside[1]}['"]`)
];

function* files(folder) {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (!skipped.has(entry.name)) {
                yield* files(full);
            }
        }
        else if (entry.isFile()) {
            yield full;
        }
    }
}

/** The lines of `text` that name the folder outside the repository, as "file:line". */
function offenders(file, text) {
    return text.split('\n').flatMap((line, i) => (patterns.some(p => p.test(line)) ? [`${file}:${i + 1}`] : []));
}

test(`no file under ${folders.join(', ')} names a folder outside the repository`, () => {
    const found = folders.filter(f => fs.existsSync(path.join(root, f))).flatMap(folder => [...files(path.join(root, folder))]
        .flatMap(file => offenders(path.relative(root, file), fs.readFileSync(file, 'latin1'))));
    assert.deepEqual(found, []);
});

test('the check catches each way of naming it', () => {
    const slash = outside.join('/');
    const backslash = outside.join('\\');
    const text = [
        `const reference = path.join(root, '${slash}/reference/x.json');`,
        `$p = Join-Path $root '${backslash}\\scenarios'`,
        `path.join(root, '..', '${outside[1]}', 'docs')`,
        'core/shared/cluster-inventory (an SDK folder) and shared storage'
    ].join('\n');
    assert.deepEqual(offenders('x.js', text), ['x.js:1', 'x.js:2', 'x.js:3']);
});
