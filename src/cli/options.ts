/**
 * The command-line check's arguments:
 *   [--rule NAME] [--format json|csv|junit] [--exclusions FILE] --scenario FILE | --snapshot FILE|FOLDER [FILE|FOLDER ...]
 * Options may come in any order; the paths follow --scenario or --snapshot. `--rule x` and `--rule=x` both work.
 */
import { RuleId } from '../app/rules/finding';
import { InputError } from './input-error';
import { FormatName, formatNames, parseFormat } from './output-format';
import { defaultRuleId, parseRule, ruleChoices } from './rules';

export const usage = 'usage: npm run --silent check -- [--rule integration-services|failover-tcpip] [--format json|csv|junit] ' +
    '[--exclusions FILE] --scenario FILE | --snapshot FILE|FOLDER [FILE|FOLDER ...]';

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

/** Options that take a value, with the values they allow (for messages). */
const choices: Record<string, string> = {
    '--rule': ruleChoices,
    '--format': formatNames.join(', '),
    '--exclusions': 'a file'
};

export function parseArguments(args: readonly string[]): CheckOptions {
    let mode: Mode | null = null;
    let rule: RuleId | null = null;
    let format: FormatName | null = null;
    let exclusionsFile: string | null = null;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
        const name = equals > 0 ? arg.substring(0, equals) : arg;
        if (name === '--rule' || name === '--format' || name === '--exclusions') {
            const value = equals > 0 ? arg.substring(equals + 1) : args[++i];
            if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) {
                throw new InputError(`${name} needs a value: one of ${choices[name]}`);
            }
            if ((name === '--rule' ? rule : name === '--format' ? format : exclusionsFile) !== null) {
                throw new InputError(`${name} is given twice`);
            }
            // Checked at once, so a wrong value is named even when the rest of the line is wrong too.
            if (name === '--rule') {
                rule = parseRule(value);
            } else if (name === '--exclusions') {
                exclusionsFile = value;
            } else {
                format = parseFormat(value);
            }
        } else if (arg === '--scenario' || arg === '--snapshot') {
            if (mode) {
                throw new InputError(`give --scenario or --snapshot once\n${usage}`);
            }
            mode = arg === '--scenario' ? 'scenario' : 'snapshot';
        } else if (arg.startsWith('--')) {
            throw new InputError(`unknown option "${arg}"\n${usage}`);
        } else if (!mode) {
            throw new InputError(`"${arg}": give --scenario FILE or --snapshot FILE|FOLDER before the paths\n${usage}`);
        } else {
            paths.push(arg);
        }
    }
    if (!mode || paths.length === 0) {
        throw new InputError(usage);
    }
    if (mode === 'scenario' && paths.length !== 1) {
        throw new InputError(`--scenario takes one file\n${usage}`);
    }
    return { mode, paths, rule: rule ?? defaultRuleId, format: format ?? 'json', exclusionsFile };
}
