/**
 * The rules the command-line check judges, by the names `--rule` takes, and which verdict makes the
 * check exit 1 under each.
 */
import { failoverTcpipRuleId, isRuleId, ruleId, RuleId, Verdict } from '../app/rule/finding';
import { InputError } from './input-error';

interface CliRule {
    /** The short name `--rule` takes (the full rule id is accepted too). */
    name: string;
    id: RuleId;
    /** The verdict that asks the admin to act under this rule: a VM that gets it makes the check exit 1. */
    failing: Verdict;
}

const cliRules: readonly CliRule[] = [
    // The seed rule (BPA severity Error): exit 1 when a VM fails.
    { name: 'integration-services', id: ruleId, failing: 'fail' },
    // The companion rule (BPA severity Warning): it gives no fail; exit 1 when a VM gets warn.
    { name: 'failover-tcpip', id: failoverTcpipRuleId, failing: 'warn' }
];

/** The allowed `--rule` values, for messages. */
export const ruleChoices = cliRules.map(r => `${r.name} (${r.id})`).join(', ');

/** The rule a `--rule` value names: its short name or its full id. */
export function parseRule(value: string): RuleId {
    const rule = cliRules.find(r => r.name === value) || (isRuleId(value) ? cliRules.find(r => r.id === value) : undefined);
    if (!rule) {
        throw new InputError(`unknown rule "${value}": use one of ${ruleChoices}`);
    }
    return rule.id;
}

/** Whether a verdict makes the check exit 1 under the rule (fail under the seed rule, warn under the companion rule). */
export function failsCheck(rule: RuleId, verdict: string): boolean {
    return cliRules.some(r => r.id === rule && r.failing === verdict);
}
