import { Component, Input } from '@angular/core';
import { Strings } from '../../generated/strings';
import { enumName, ReplicationHealth, VmState } from '../snapshot/hyperv-enums';
import { FindingRow } from './finding-row';

/** The details pane: the rule's issue, impact and resolution, the finding, and the VM's facts. */
@Component({
    selector: 'sme-finding-details',
    templateUrl: './finding-details.component.html',
    styleUrls: ['./verdict-badge.css']
})
export class FindingDetailsComponent {
    @Input() public row: FindingRow | null = null;
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

    public yesNo(value: boolean): string {
        return value ? this.strings.Grid.yes : this.strings.Grid.no;
    }
}
