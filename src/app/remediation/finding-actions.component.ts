import { ChangeDetectionStrategy, ChangeDetectorRef, Component, Input, OnChanges, OnDestroy } from '@angular/core';
import { NotificationState } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, Subject } from 'rxjs';
import { takeUntil } from 'rxjs/operators';
import { Strings } from '../../generated/strings';
import { driveText } from '../host-contract';
import { Finding } from '../rules/finding';
import { SnapshotHost } from '../snapshot/snapshot';
import { ChangeTarget, changeText, HostChangesService } from './host-changes.service';
import { rdpFileContent, rdpFileName } from './rdp-file';
import { OfferedActions, offeredActions } from './remediation-actions';
import { RemediationParameters, RemediationScript, RemediationService } from './remediation.service';

type Texts = Strings['HvtoolsReplicaFailoverIp'];

/** What the pane shows for the current VM, computed when the inputs change. */
interface ActionsView {
    offered: OfferedActions;
    connectHint: string;
    restoreHint: string;
}

/**
 * The actions for one VM, in the details pane (the integration services rule's remediation):
 * Connect (.rdp), Open (WAC's Virtual Machines tool), Insert / Restore the setup disk, Enable KVP,
 * and the steps inside the guest. Every change runs through HostChangesService: it asks first,
 * shows notifications, keeps the VM's actions disabled until the host has answered, then re-checks
 * the VM. A change acts on the VM and node of the click: selecting another VM meanwhile neither
 * renames its notifications nor sends its re-check elsewhere, and the other VM's actions are not
 * disabled by it. Closing the pane before the admin answered the dialog changes nothing.
 */
@Component({
    selector: 'sme-finding-actions',
    templateUrl: './finding-actions.component.html',
    styleUrls: ['./finding-actions.component.css'],
    changeDetection: ChangeDetectionStrategy.OnPush
})
export class FindingActionsComponent implements OnChanges, OnDestroy {
    @Input() public finding: Finding | null = null;
    @Input() public host: SnapshotHost | null = null;
    @Input() public node = '';
    @Input() public connectionType = 'msft.sme.connection-type.server';
    public readonly strings: Texts = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public view: ActionsView | null = null;
    private readonly destroyed = new Subject<void>();

    constructor(private remediation: RemediationService, private hostChanges: HostChangesService, changes: ChangeDetectorRef) {
        hostChanges.busyChanged.pipe(takeUntil(this.destroyed)).subscribe(() => changes.markForCheck());
    }

    /** A change runs for the VM shown: its actions are disabled (another VM's change does not count). */
    public get busy(): boolean {
        return !!this.finding && this.hostChanges.isBusy(this.finding.vm.id);
    }

    public get canOpenTool(): boolean {
        return this.remediation.virtualMachinesToolInstalled;
    }

    public ngOnChanges(): void {
        const finding = this.finding;
        const host = this.host;
        if (!finding || !host) {
            this.view = null;
            return;
        }
        const offered = offeredActions(finding, host);
        const restore = finding.vm.setupDiskRestore;
        const target = this.target(finding);
        this.view = {
            offered,
            connectHint: changeText(target, this.strings.Actions.connectHint),
            restoreHint: restore && restore.previousPath
                ? changeText(target, this.strings.Actions.restoreHint, { drive: restore.drive, path: restore.previousPath })
                : changeText(target, this.strings.Actions.restoreHintEmpty, { drive: offered.setupDiskDrive || '' })
        };
    }

    public ngOnDestroy(): void {
        this.destroyed.next();
        this.destroyed.complete();
    }

    public connect(): void {
        if (!this.finding) {
            return;
        }
        const target = this.target(this.finding);
        let content: string;
        try {
            content = rdpFileContent(target.node, target.vmId);
        } catch (error) {
            this.remediation.notify(target.node, `connect-${target.vmId}-${Date.now()}`, NotificationState.Error, this.strings.Notify.connectTitle,
                changeText(target, this.strings.Notify.connectFailed, { reason: error instanceof Error ? error.message : String(error) }));
            return;
        }
        const blob = new Blob([content], { type: 'application/x-rdp' });
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = rdpFileName(target.vmName);
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }

    public open(): void {
        if (!this.finding) {
            return;
        }
        const target = this.target(this.finding);
        this.remediation.openVirtualMachinesTool(target.node, this.connectionType, target.vmId).catch((error: unknown) => {
            this.remediation.notify(target.node, `open-${target.vmId}-${Date.now()}`, NotificationState.Error, this.strings.Notify.openTitle,
                changeText(target, this.strings.Notify.openFailed, { reason: this.remediation.errorMessage(error) }));
        });
    }

    public insert(): void {
        const finding = this.finding;
        if (!finding || this.busy) {
            return;
        }
        const target = this.target(finding);
        const drives = finding.vm.dvdDrives;
        const held = drives.length > 0 && drives.every(d => !!d.path) ? drives[0] : null;
        const drive = held ? driveText(held.controllerType, held.controller, held.location) : '';
        const ask = held && held.path
            ? this.remediation.confirm(changeText(target, this.strings.Confirm.replaceTitle, { drive }),
                changeText(target, this.strings.Confirm.replaceMessage, { drive, path: held.path }),
                this.strings.Actions.insert, this.strings.Actions.cancel)
            : this.remediation.confirm(this.strings.Confirm.insertTitle, changeText(target, this.strings.Confirm.insertMessage),
                this.strings.Actions.insert, this.strings.Actions.cancel);
        this.change(target, ask, 'insert', this.strings.Notify.insertTitle, { replaceMedia: !!held });
    }

    public restore(): void {
        const finding = this.finding;
        if (!finding || !this.view || this.busy) {
            return;
        }
        const target = this.target(finding);
        const restore = finding.vm.setupDiskRestore;
        const ask = this.remediation.confirm(this.strings.Confirm.restoreTitle,
            changeText(target, this.strings.Confirm.restoreMessage, {
                drive: this.view.offered.setupDiskDrive || '', path: restore && restore.previousPath ? restore.previousPath : this.strings.Details.emptyDrive
            }),
            this.strings.Actions.restore, this.strings.Actions.cancel);
        // The path shown is the one the host may put back: it refuses another (record-changed).
        this.change(target, ask, 'restore', this.strings.Notify.restoreTitle, { expectedPath: restore && restore.previousPath ? restore.previousPath : '' });
    }

    public enable(): void {
        const finding = this.finding;
        if (!finding || this.busy) {
            return;
        }
        const target = this.target(finding);
        const ask = this.remediation.confirm(this.strings.Confirm.enableTitle, changeText(target, this.strings.Confirm.enableMessage),
            this.strings.Actions.enable, this.strings.Actions.cancel);
        this.change(target, ask, 'enable', this.strings.Notify.enableTitle);
    }

    private target(finding: Finding): ChangeTarget {
        return { vmId: finding.vm.id, vmName: finding.vm.name, node: this.node };
    }

    private change(target: ChangeTarget, ask: Observable<boolean>, script: RemediationScript, title: string, parameters: RemediationParameters = {}): void {
        this.hostChanges.run({ target, ask, script, parameters, title }, this.destroyed);
    }
}
