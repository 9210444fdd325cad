/**
 * The rules the command-line check judges, by the names `--rule` takes (RuleDefinition.cliName, or
 * the rule's id), and which verdict makes the check exit 1 under each (RuleDefinition.failing).
 */
import { RuleId, Verdict } from '../app/rules/finding';
import { ruleRegistry } from '../app/rules/registry';
import { RuleDefinition, ruleById } from '../app/rules/rule-definition';
import { InputError } from './input-error';

/** The rule judged when `--rule` is not given: the registry's first. */
export const defaultRuleId: RuleId = ruleRegistry[0].id;

/** The allowed `--rule` values, for messages. */
export const ruleChoices = ruleRegistry.map(r => `${r.cliName} (${r.id})`).join(', ');

/** The rule a `--rule` value names: its short name or its full id. */
export function parseRule(value: string, rules: readonly RuleDefinition[] = ruleRegistry): RuleId {
    const rule = rules.find(r => r.cliName === value) || ruleById(rules, value);
    if (!rule) {
        throw new InputError(`unknown rule "${value}": use one of ${rules.map(r => `${r.cliName} (${r.id})`).join(', ')}`);
    }
    return rule.id;
}

/** Whether a verdict makes the check exit 1 under the rule: the rule's failing verdict (fail, or warn for a Warning rule). */
export function failsCheck(rule: RuleId, verdict: string, rules: readonly RuleDefinition[] = ruleRegistry): boolean {
    return ruleById(rules, rule)?.failing === verdict;
}
