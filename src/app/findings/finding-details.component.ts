import { Component, EventEmitter, Input, Output } from '@angular/core';
import { Strings } from '../../generated/strings';
import { Finding } from '../rule/finding';
import { enumName, ReplicationHealth, VmState } from '../snapshot/hyperv-enums';
import { SnapshotHost } from '../snapshot/snapshot';
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
