import { Component, EventEmitter, Input, Output } from '@angular/core';
import { Strings } from '../../generated/strings';
import { kvpSecondaryText, kvpStatusText, RuleTexts } from '../rule/describe-finding';
import { Finding } from '../rule/finding';
import { enumName, ReplicationHealth, VmState } from '../snapshot/hyperv-enums';
import { SnapshotHost, SnapshotKvp } from '../snapshot/snapshot';
import { FindingRow } from './finding-row';

/** The details pane: the rule's issue, impact and resolution, the finding, and the VM's facts. */
@Component({
    selector: 'sme-finding-details',
    templateUrl: './finding-details.component.html',
    styleUrls: ['./verdict-badge.css']
})
export class FindingDetailsComponent {
    @Input() public row: FindingRow | null = null;
    /** The scanned host (OS version, setup disk): which actions apply depends on it. */
    @Input() public host: SnapshotHost | null = null;
    @Input() public node = '';
    @Input() public connectionType = 'msft.sme.connection-type.server';
    @Output() public findingChange = new EventEmitter<Finding>();
    /** A remediation found the VM gone from its host: scan again. */
    @Output() public rescan = new EventEmitter<void>();
    public readonly strings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;

    public get stateText(): string {
        const name = enumName(VmState as unknown as Record<number, string>, this.row.finding.vm.state);
        return (this.strings.Rule.VmState as unknown as Record<string, string>)[name] || name;
    }

    public get healthText(): string {
        const replication = this.row.finding.vm.replication;
        const name = replication ? enumName(ReplicationHealth as unknown as Record<number, string>, replication.health) : null;
        return name ? (this.strings.Rule.ReplicationHealth as unknown as Record<string, string>)[name] || name : '';
    }

    /** The primary KVP status alone (the grid's column also names the detail). */
    public get kvpPrimaryText(): string {
        const finding = this.row.finding;
        const kvp = finding.vm.kvp;
        if (!kvp || !kvp.enabled) {
            return '';
        }
        const primaryOnly: SnapshotKvp = { ...kvp, secondaryStatus: null, secondaryStatusName: null, secondaryText: null };
        return kvpStatusText({ ...finding, vm: { ...finding.vm, kvp: primaryOnly } }, this.strings.Rule as unknown as RuleTexts);
    }

    /** The secondary KVP status (the detail the host reports, e.g. protocol mismatch); '' when none. */
    public get kvpSecondaryText(): string {
        return kvpSecondaryText(this.row.finding, this.strings.Rule as unknown as RuleTexts);
    }

    public yesNo(value: boolean): string {
        return value ? this.strings.Grid.yes : this.strings.Grid.no;
    }
}
