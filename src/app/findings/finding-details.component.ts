import { ChangeDetectionStrategy, Component, Inject, Input, OnChanges } from '@angular/core';
import { Strings } from '../../generated/strings';
import { sentenceCase } from '../common/text';
import { kvpSecondaryText, kvpStatusText } from '../rules/describe-finding';
import { Finding } from '../rules/finding';
import { integrationServicesRule } from '../rules/integration-services';
import { RuleDefinition, ruleById } from '../rules/rule-definition';
import { RULES } from '../rules/rules.token';
import { memberName, ReplicationHealth, VmState } from '../snapshot/hyperv-enums';
import { SnapshotKvp } from '../snapshot/snapshot';
import { FindingRow } from './finding-row';
import { bpaLine, RuleInfo, ruleInfo, RuleVerdictLine, ruleVerdicts } from './rule-view';

/** The facts the pane shows beside the row's own fields, computed when the row changes. */
export interface DetailsView {
    stateText: string;
    healthText: string;
    /** The primary KVP status alone (the grid's column also names the detail). */
    kvpPrimaryText: string;
    /** The secondary KVP status (the detail the host reports, e.g. protocol mismatch); '' when none. */
    kvpSecondaryText: string;
    /** The texts of the rule the row is judged under. */
    rule: RuleInfo;
    /** The VM's verdict under every rule. */
    rules: RuleVerdictLine[];
    /** Whether Server Manager's BPA lists the VM under the row's rule, and the note when it differs from the verdict. */
    bpa: { answer: string; note: string };
    /**
     * The finding the setup-disk and KVP actions act on (they remediate the integration services
     * rule); null under the other rules (their explanation stands instead).
     */
    remediable: Finding | null;
}

/**
 * The details pane: the finding under the selected rule, the VM's verdicts under every rule, what
 * Server Manager's BPA says of it, the rule's issue, impact and resolution, and the VM's facts.
 */
@Component({
    selector: 'sme-finding-details',
    templateUrl: './finding-details.component.html',
    styleUrls: ['./finding-details.component.css', './verdict-badge.css'],
    changeDetection: ChangeDetectionStrategy.OnPush
})
export class FindingDetailsComponent implements OnChanges {
    @Input() public row: FindingRow | null = null;
    /** The VM's owner node, as the connection knows it. */
    @Input() public node = '';
    @Input() public connectionType = 'msft.sme.connection-type.server';
    public readonly strings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public view: DetailsView | null = null;

    constructor(@Inject(RULES) private rules: readonly RuleDefinition[]) { }

    public ngOnChanges(): void {
        this.view = this.row ? this.viewOf(this.row.finding) : null;
    }

    public yesNo(value: boolean): string {
        return value ? this.strings.Grid.yes : this.strings.Grid.no;
    }

    private viewOf(finding: Finding): DetailsView {
        const vm = finding.vm;
        const rule = ruleById(this.rules, finding.rule);
        if (!rule) {
            throw new Error(`The finding's rule ${finding.rule} is not in the registry.`);
        }
        const state = memberName(VmState, vm.state);
        const health = vm.replication ? memberName(ReplicationHealth, vm.replication.health) : null;
        const kvp = vm.kvp;
        let kvpPrimaryText = '';
        if (kvp && kvp.enabled) {
            const primaryOnly: SnapshotKvp = { ...kvp, secondaryStatus: null, secondaryStatusName: null, secondaryText: null };
            kvpPrimaryText = kvpStatusText({ ...finding, vm: { ...vm, kvp: primaryOnly } }, this.strings.Finding);
        }
        return {
            stateText: sentenceCase(state ? this.strings.Finding.VmState[state] : String(vm.state)),
            healthText: !vm.replication ? '' : health ? this.strings.Finding.ReplicationHealth[health] : String(vm.replication.health),
            kvpPrimaryText: sentenceCase(kvpPrimaryText),
            kvpSecondaryText: sentenceCase(kvpSecondaryText(finding, this.strings.Finding)),
            rule: ruleInfo(this.strings, rule),
            rules: this.row ? ruleVerdicts(this.row, this.strings, this.rules) : [],
            bpa: bpaLine(finding, this.strings),
            remediable: finding.rule === integrationServicesRule.id ? finding : null
        };
    }
}
