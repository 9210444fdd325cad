import { InjectionToken } from '@angular/core';
import { ruleRegistry } from './registry';
import { RuleDefinition } from './rule-definition';

/** The rule registry for the Angular shell (the only Angular file of rules/): a spec provides other rules through it. */
export const RULES = new InjectionToken<readonly RuleDefinition[]>('hvtools rules', { providedIn: 'root', factory: () => ruleRegistry });
