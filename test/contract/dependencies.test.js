'use strict';
// Dependencies run one way: the product (src/) never depends on the test tooling (test/), and the
// build (gulps/) never runs the command-line tools (src/cli/) or other product code. Imports,
// requires and path strings are read with TypeScript's parser, so comments don't count and
// nothing written as a string literal slips through (e.g. a path.join to test/simulator).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '../..');

function filesUnder(folder, extensions) {
    if (!fs.existsSync(folder)) {
        return [];
    }
    return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            return entry.name === 'node_modules' ? [] : filesUnder(full, extensions);
        }
        return extensions.some(e => entry.name.endsWith(e)) ? [full] : [];
    });
}

/** Module specifiers (import, export ... from, require, import()) and every other string literal of a TS/JS file. */
function references(file) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true,
        file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
    const specifiers = [];
    const strings = [];
    const specifierNodes = new Set();
    const visit = node => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
            specifiers.push(node.moduleSpecifier.text);
            specifierNodes.add(node.moduleSpecifier);
        } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])
            && ((ts.isIdentifier(node.expression) && node.expression.text === 'require') || node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
            specifiers.push(node.arguments[0].text);
            specifierNodes.add(node.arguments[0]);
        } else if ((ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && !specifierNodes.has(node)) {
            strings.push(node.text);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return { specifiers, strings };
}

function inside(folder, file) {
    const relative = path.relative(folder, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The dependencies that run the wrong way in the project at `base`:
 * src/ -> test/ (imports, or path strings naming a folder of test/), gulps/ -> src/ (requires, or
 * path strings naming src/cli).
 */
function wrongWayDependencies(base) {
    const problems = [];
    const testFolder = path.join(base, 'test');
    const testSubfolders = fs.existsSync(testFolder)
        ? fs.readdirSync(testFolder, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name) : [];
    const namesTestFolder = new RegExp(`(^|[\\\\/])test[\\\\/](${testSubfolders.map(n => n.replace(/\W/g, '\\$&')).join('|') || '(?!)'})([\\\\/]|$)`);
    const at = file => path.relative(base, file);

    for (const file of filesUnder(path.join(base, 'src'), ['.ts', '.js'])) {
        const { specifiers, strings } = references(file);
        for (const specifier of specifiers.filter(s => s.startsWith('.'))) {
            if (inside(testFolder, path.resolve(path.dirname(file), specifier))) {
                problems.push(`${at(file)} imports ${specifier} (test/)`);
            }
        }
        for (const text of strings.filter(s => namesTestFolder.test(s))) {
            problems.push(`${at(file)} names a path under test/: '${text}'`);
        }
    }
    for (const file of filesUnder(path.join(base, 'src'), ['.ps1', '.psm1'])) {
        // The code without its comments (help blocks, then line comments; a '#' inside a string only hides more).
        const code = fs.readFileSync(file, 'utf8').replace(/<#[\s\S]*?#>/g, '').replace(/#.*$/gm, '');
        if (namesTestFolder.test(code)) {
            problems.push(`${at(file)} names a path under test/`);
        }
    }
    for (const file of filesUnder(path.join(base, 'gulps'), ['.js'])) {
        const { specifiers, strings } = references(file);
        for (const specifier of specifiers.filter(s => s.startsWith('.'))) {
            if (inside(path.join(base, 'src'), path.resolve(path.dirname(file), specifier))) {
                problems.push(`${at(file)} requires ${specifier} (src/)`);
            }
        }
        for (const text of strings.filter(s => /(^|[\\/])src[\\/]cli([\\/]|$)/.test(s))) {
            problems.push(`${at(file)} names src/cli: '${text}'`);
        }
    }
    return problems;
}

test('src/ depends on nothing under test/, and gulps/ on nothing under src/', () => {
    assert.deepEqual(wrongWayDependencies(root), []);
});

test('the check finds each kind of wrong-way dependency (a project made to fail it)', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dependencies-'));
    const write = (file, text) => {
        fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
        fs.writeFileSync(path.join(base, file), text);
    };
    write('test/simulator/Invoke-OnSimulatedHost.ps1', '');
    write('test/tools/helper.ts', 'export const x = 1;\n');
    write('tools/pwsh-path.js', 'module.exports = {};\n');
    write('src/app/ok.ts', "// test/simulator in a comment is fine\nimport { a } from './a';\nexport const b = a + 'test results';\n");
    write('src/cli/imports.ts', "import { x } from '../../test/tools/helper';\nexport const y = x;\n");
    write('src/cli/path.ts', "import * as path from 'path';\nexport const p = path.join(__dirname, 'test/simulator/Invoke-OnSimulatedHost.ps1');\n");
    write('src/cli/dynamic.js', "const h = require('../../test/tools/helper');\nmodule.exports = h;\n");
    write('src/cli/Run.ps1', "<# Tested by test/contract/x.test.js #>\n# test/simulator in a comment is fine\n& (Join-Path $PSScriptRoot '..\\..\\test\\simulator\\Invoke-OnSimulatedHost.ps1')\n");
    write('src/cli/Fine.ps1', "<#\n.DESCRIPTION\nChecked by test/contract/host-contract.test.js\n#>\n$x = 1 # see test/simulator\n");
    write('gulps/spawn.js', "const { pwshPath } = require('../src/cli/pwsh-path');\nconst ok = require('../tools/pwsh-path');\n");
    write('gulps/run.js', "spawn('node', ['src/cli/run.js']);\n");
    assert.deepEqual(wrongWayDependencies(base).sort(), [
        'gulps/run.js names src/cli: \'src/cli/run.js\'',
        'gulps/spawn.js requires ../src/cli/pwsh-path (src/)',
        'src/cli/Run.ps1 names a path under test/',
        'src/cli/dynamic.js imports ../../test/tools/helper (test/)',
        'src/cli/imports.ts imports ../../test/tools/helper (test/)',
        'src/cli/path.ts names a path under test/: \'test/simulator/Invoke-OnSimulatedHost.ps1\''
    ]);
    fs.rmSync(base, { recursive: true, force: true });
});
