'use strict';
/**
 * The scripts sent to hosts, assembled: each PowerShell helper is defined once, in
 * src/resources/helpers/<Name>.ps1, and a script names the helpers it calls on one line,
 *     # Helpers: Get-VmById, Write-Result
 * which the build replaces with their definitions (and those of the helpers they call), each in a
 * `#region Helper: <Name>` block. A script is still sent to a host alone: the generated
 * TypeScript (PowerShellScripts) and the packed module carry the assembled scripts.
 *
 * As a command: `node gulps/assemble-scripts.js [--scripts FOLDER] [--out FOLDER]` assembles the
 * scripts of --scripts (default src/resources/scripts) into --out (default dist-ps/scripts) and
 * prints that folder; the tests that run scripts call it so they always run the
 * current sources.
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const defaults = {
    scripts: path.join(root, 'src/resources/scripts'),
    helpers: path.join(root, 'src/resources/helpers'),
    out: path.join(root, 'dist-ps/scripts')
};
const helpersLine = /^# Helpers: (.*)$/m;

/** The text a script or helper runs, without comments (for finding the helpers it calls). */
function code(text) {
    return text.replace(/<#[\s\S]*?#>/g, '').split('\n').filter(line => !line.trim().startsWith('#')).join('\n');
}

function calls(text, name) {
    return new RegExp(`(^|[^\\w-])${name.replace(/-/g, '\\-')}(?![\\w-])`, 'm').test(code(text));
}

/** name -> text of every helper in the folder; each file must define the function it is named after. */
function readHelpers(folder) {
    const helpers = new Map();
    for (const file of fs.readdirSync(folder).filter(f => f.endsWith('.ps1')).sort()) {
        const name = path.basename(file, '.ps1');
        const text = fs.readFileSync(path.join(folder, file), 'utf8').replace(/\r\n/g, '\n').trimEnd();
        if (!new RegExp(`^function ${name}\\b`, 'm').test(text)) {
            throw new Error(`${path.join(folder, file)} must define the function ${name}.`);
        }
        helpers.set(name, text);
    }
    return helpers;
}

/** The helpers `names` need, with the helpers they call, each once, in name order. */
function withDependencies(names, helpers) {
    const needed = new Set();
    const visit = name => {
        if (needed.has(name)) {
            return;
        }
        needed.add(name);
        for (const other of helpers.keys()) {
            if (other !== name && calls(helpers.get(name), other)) {
                visit(other);
            }
        }
    };
    names.forEach(visit);
    return [...needed].sort();
}

/** One script's assembled text; throws an Error naming the script and the problem. */
function assembleScript(name, text, helpers) {
    text = text.replace(/\r\n/g, '\n');
    const match = helpersLine.exec(text);
    const listed = match ? match[1].replace(/\(.*$/, '').split(',').map(h => h.trim()).filter(Boolean) : [];
    const unknown = listed.filter(h => !helpers.has(h));
    if (unknown.length > 0) {
        throw new Error(`${name}: "# Helpers:" names ${unknown.join(', ')}, which src/resources/helpers/ doesn't define.`);
    }
    const called = [...helpers.keys()].filter(h => calls(text, h));
    const unlisted = called.filter(h => !listed.includes(h));
    if (unlisted.length > 0) {
        throw new Error(`${name}: calls ${unlisted.join(', ')} without naming it on its "# Helpers:" line.`);
    }
    const uncalled = listed.filter(h => !called.includes(h));
    if (uncalled.length > 0) {
        throw new Error(`${name}: "# Helpers:" names ${uncalled.join(', ')}, which the script never calls.`);
    }
    if (!match) {
        return text;
    }
    const blocks = withDependencies(listed, helpers).map(h =>
        `#region Helper: ${h} (defined once in src/resources/helpers/${h}.ps1)\n${helpers.get(h)}\n#endregion`);
    return text.slice(0, match.index) + blocks.join('\n\n') + text.slice(match.index + match[0].length);
}

/** Writes a file by renaming a complete temporary copy over it (parallel test runs read whole files). */
function writeAtomically(file, text) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) {
        return;
    }
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
}

/**
 * Assembles every script of options.scripts with the helpers of options.helpers into options.out
 * (each defaults to the project's folders). Returns the paths written.
 */
function assembleScripts(options = {}) {
    const { scripts, helpers: helpersFolder, out } = { ...defaults, ...options };
    const helpers = readHelpers(helpersFolder);
    fs.mkdirSync(out, { recursive: true });
    const written = [];
    for (const file of fs.readdirSync(scripts).filter(f => f.endsWith('.ps1')).sort()) {
        const target = path.join(out, file);
        writeAtomically(target, assembleScript(file, fs.readFileSync(path.join(scripts, file), 'utf8'), helpers));
        written.push(target);
    }
    for (const stale of fs.readdirSync(out).filter(f => f.endsWith('.ps1') && !written.includes(path.join(out, f)))) {
        fs.rmSync(path.join(out, stale), { force: true });
    }
    return written;
}

module.exports = { assembleScripts, assembleScript, readHelpers, assembledFolder: defaults.out };

if (require.main === module) {
    const option = name => {
        const at = process.argv.indexOf(name);
        return at >= 0 ? path.resolve(process.argv[at + 1]) : undefined;
    };
    const out = option('--out') || defaults.out;
    try {
        assembleScripts({ scripts: option('--scripts') || defaults.scripts, out });
        process.stdout.write(`${out}\n`);
    } catch (error) {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
    }
}
