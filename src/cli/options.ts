/**
 * The command-line check's arguments, read by node's `util.parseArgs`:
 *   [--rule NAME] [--format json|csv|junit] [--exclusions FILE] --scenario FILE | --snapshot FILE|FOLDER [FILE|FOLDER ...]
 *   --help | --version
 * Options may come in any order; the paths follow --scenario or --snapshot. `--rule x` and `--rule=x`
 * both work. parseArgs splits the words (its tokens); the checks here name each problem the way the
 * check's other messages do.
 */
import * as util from 'util';
import { RuleId } from '../app/rules/finding';
import { InputError } from './input-error';
import { FormatName, formatNames, parseFormat } from './output-format';
import { defaultRuleId, parseRule, ruleChoices } from './rules';

export const usage = 'usage: npm run --silent check -- [--rule integration-services|failover-tcpip] [--format json|csv|junit] ' +
    '[--exclusions FILE] --scenario FILE | --snapshot FILE|FOLDER [FILE|FOLDER ...]';

/** What --help prints: the usage and each option. */
export const help = `${usage}
       npm run --silent check -- --help | --version

Judges Hyper-V hosts' snapshots with the tool's own parser, rules and messages.
  --snapshot FILE|FOLDER ...  snapshots saved from real hosts; several, or a folder (its *.json files), make a fleet
  --scenario FILE             the simulated Hyper-V host loaded with a scenario (test tooling)
  --rule NAME                 ${ruleChoices}; default integration-services
  --format NAME               ${formatNames.join(', ')}; default json
  --exclusions FILE           the tool's exclusions (its settings document or its JSON export) to apply
  --help, -h                  this text
  --version                   the version of the check
Exit codes: 0 no VM fails the check, 1 a VM fails it, 2 a host or a file could not be judged, or the arguments are wrong.
docs/cli.md has the details.`;

export type Mode = 'scenario' | 'snapshot';

export interface CheckOptions {
    /** --scenario: the simulated host (test tooling); --snapshot: snapshots saved from real hosts. */
    mode: Mode;
    paths: string[];
    rule: RuleId;
    format: FormatName;
    /** --exclusions: the tool's exclusions (or its findings export) to apply; null when not given. */
    exclusionsFile: string | null;
}

/** What the arguments ask for: a check, or the help or version text. */
export type Command = { kind: 'check'; options: CheckOptions } | { kind: 'help' } | { kind: 'version' };

/** A word of the command line as `util.parseArgs` gives it with `tokens: true`. */
type ArgsToken =
    { kind: 'option'; name: string; rawName: string; index: number; value?: string; inlineValue?: boolean } |
    { kind: 'positional'; index: number; value: string } |
    { kind: 'option-terminator'; index: number };

/** node's `util.parseArgs` (node 18.3 and later; the project's @types/node 17 predates it), as it is called here. */
const parseArgs = (util as unknown as {
    parseArgs(config: { args: string[]; options: object; allowPositionals: boolean; strict: boolean; tokens: true }): { tokens: ArgsToken[] };
}).parseArgs;

const valueOptions = { rule: ruleChoices, format: formatNames.join(', '), exclusions: 'a file' };
type ValueOption = keyof typeof valueOptions;

const optionSpec = {
    rule: { type: 'string' }, format: { type: 'string' }, exclusions: { type: 'string' },
    scenario: { type: 'boolean' }, snapshot: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' }
} as const;

function isValueOption(name: string): name is ValueOption {
    return Object.prototype.hasOwnProperty.call(valueOptions, name);
}

export function parseCommand(args: readonly string[]): Command {
    // Unknown options and missing values are left to the checks below (strict: false), so they are named as the check names them.
    const { tokens } = parseArgs({ args: [...args], options: optionSpec, allowPositionals: true, strict: false, tokens: true });
    const asked = tokens.find(t => t.kind === 'option' && (t.name === 'help' || t.name === 'version'));
    if (asked && asked.kind === 'option') {
        return { kind: asked.name === 'help' ? 'help' : 'version' };
    }
    const given = new Map<ValueOption, string>();
    let mode: Mode | null = null;
    const paths: string[] = [];
    for (const token of tokens) {
        if (token.kind === 'option-terminator') {
            continue;
        }
        if (token.kind === 'positional') {
            if (!mode) {
                throw new InputError(`"${token.value}": give --scenario FILE or --snapshot FILE|FOLDER before the paths\n${usage}`);
            }
            paths.push(token.value);
            continue;
        }
        const { name, rawName, value, inlineValue } = token;
        if (isValueOption(name) && rawName.startsWith('--')) {
            if (value === undefined || value === '' || (!inlineValue && value.startsWith('--'))) {
                throw new InputError(`${rawName} needs a value: one of ${valueOptions[name]}`);
            }
            if (given.has(name)) {
                throw new InputError(`${rawName} is given twice`);
            }
            // Checked at once, so a wrong value is named even when the rest of the line is wrong too.
            given.set(name, name === 'rule' ? parseRule(value) : name === 'format' ? parseFormat(value) : value);
        } else if ((name === 'scenario' || name === 'snapshot') && rawName.startsWith('--')) {
            if (mode) {
                throw new InputError(`give --scenario or --snapshot once\n${usage}`);
            }
            mode = name;
            if (value !== undefined) {
                paths.push(value);
            }
        } else {
            throw new InputError(`unknown option "${rawName}"\n${usage}`);
        }
    }
    if (!mode || paths.length === 0) {
        throw new InputError(usage);
    }
    if (mode === 'scenario' && paths.length !== 1) {
        throw new InputError(`--scenario takes one file\n${usage}`);
    }
    const rule = (given.get('rule') as RuleId | undefined) ?? defaultRuleId;
    const format = (given.get('format') as FormatName | undefined) ?? 'json';
    return { kind: 'check', options: { mode, paths, rule, format, exclusionsFile: given.get('exclusions') ?? null } };
}
