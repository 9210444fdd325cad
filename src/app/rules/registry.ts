import { failoverTcpipSettingsRule } from './failover-tcpip-settings';
import { integrationServicesRule } from './integration-services';
import { RuleDefinition } from './rule-definition';

/**
 * Every rule the tool judges, in the order the rule switch, the details pane and the export list
 * them; the first is the one the grid and the command-line check show unless another is chosen.
 */
export const ruleRegistry: readonly RuleDefinition[] = [integrationServicesRule, failoverTcpipSettingsRule];
