'use strict';
// The README and docs/*.md name files of the project: every such path must exist (a moved or
// deleted file leaves no stale reference behind). Checked: paths from the project root (src/,
// test/, tools/, gulps/, docs/, patches/, .ci/), `name.*` meaning any file that starts
// so, and relative Markdown links. Build outputs (bundle/, dist-ps/, src/generated/, ...) are
// not in the repository and are not named this way.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const generated = ['src/generated/', 'src/assets/strings', 'test/results/', 'test/.tools/'];

function exists(relative) {
    const glob = relative.endsWith('*');
    const target = path.join(root, glob ? relative.replace(/\.?\*$/, '') : relative);
    if (!glob) {
        return fs.existsSync(target);
    }
    const folder = path.dirname(target);
    return fs.existsSync(folder) && fs.readdirSync(folder).some(f => f.startsWith(path.basename(target)));
}

/** The paths `text` names that don't exist, for the document `file` (relative to the root). */
function missingPaths(file, text) {
    const missing = [];
    for (const m of text.matchAll(/(?<![\w./-])((?:src|test|tools|gulps|docs|patches|\.ci)\/[\w./+@-]*[\w+@-](?:\.\*)?)/g)) {
        const named = m[1];
        if (!generated.some(g => named.startsWith(g)) && !exists(named)) {
            missing.push(named);
        }
    }
    for (const m of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        const link = m[1];
        if (!/^[a-z]+:/i.test(link) && !fs.existsSync(path.resolve(root, path.dirname(file), link))) {
            missing.push(link);
        }
    }
    return [...new Set(missing)];
}

const documents = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)];
for (const file of documents) {
    test(`${file} names only files that exist`, () => {
        assert.deepEqual(missingPaths(file, fs.readFileSync(path.join(root, file), 'utf8')), []);
    });
}

test('the check finds a stale path and a broken link', () => {
    const text = 'See `src/cli/run.js`, `src/app/findings/finding-row.ts`, `src/app/findings/findings-page.component.*`, '
        + '`src/app/nothing.component.*`, [the format](snapshot-format.md), [gone](missing.md), [web](https://example.com/x.md) '
        + 'and `src/generated/powershell-scripts.ts`.';
    assert.deepEqual(missingPaths('docs/x.md', text), ['src/cli/run.js', 'src/app/nothing.component.*', 'missing.md']);
});
