import { Component, EventEmitter, Input, Output } from '@angular/core';
import { NotificationState } from '@microsoft/windows-admin-center-sdk/core';
import { EMPTY, Observable, of } from 'rxjs';
import { finalize, mergeMap } from 'rxjs/operators';
import { Strings } from '../../generated/strings';
import { FindingRow } from '../findings/finding-row';
import { fillTemplate } from '../rule/describe-finding';
import { Finding } from '../rule/finding';
import { failureFromError } from '../scan/scan-failure';
import { SnapshotHost } from '../snapshot/snapshot';
import { rdpFileContent, rdpFileName } from './rdp-file';
import { OfferedActions, offeredActions } from './remediation-actions';
import { RemediationResult } from './remediation-result';
import { RemediationScript, RemediationService } from './remediation.service';
import { RoleRefusal } from './role-refusal';

type Texts = Strings['HvtoolsReplicaFailoverIp'];

/**
 * The actions for one VM, in the details pane: Connect (.rdp), Open (WAC's Virtual Machines tool),
 * Insert / Restore the setup disk, Enable KVP, and the steps inside the guest. Every change asks
 * first, shows notifications, disables the actions while it runs, then re-checks the VM.
 */
@Component({
    selector: 'sme-finding-actions',
    templateUrl: './finding-actions.component.html',
    styleUrls: ['./finding-actions.component.css']
})
export class FindingActionsComponent {
    @Input() public row: FindingRow;
    @Input() public host: SnapshotHost;
    @Input() public node: string;
    @Input() public connectionType = 'msft.sme.connection-type.server';
    /** The VM's finding after a change, re-checked on the host. */
    @Output() public findingChange = new EventEmitter<Finding>();
    /** The VM is no longer on the host (deleted or migrated): the host's list must be scanned again. */
    @Output() public rescan = new EventEmitter<void>();
    public readonly strings: Texts = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public busy = false;

    constructor(private remediation: RemediationService) { }

    public get offered(): OfferedActions {
        return offeredActions(this.row.finding, this.host);
    }

    public get canOpenTool(): boolean {
        return this.remediation.virtualMachinesToolInstalled;
    }

    public text(template: string, values: Record<string, string> = {}): string {
        return fillTemplate(template, { vm: this.row.vmName, host: this.node, ...values });
    }

    public get restoreHint(): string {
        const restore = this.row.finding.vm.setupDiskRestore;
        return restore && restore.previousPath
            ? this.text(this.strings.Actions.restoreHint, { drive: restore.drive, path: restore.previousPath })
            : this.text(this.strings.Actions.restoreHintEmpty, { drive: this.offered.setupDiskDrive || '' });
    }

    public connect(): void {
        const blob = new Blob([rdpFileContent(this.node, this.row.id)], { type: 'application/x-rdp' });
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = rdpFileName(this.row.vmName);
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }

    public open(): void {
        this.remediation.openVirtualMachinesTool(this.node, this.connectionType, this.row.id).catch(() => undefined);
    }

    public insert(): void {
        const drives = this.row.finding.vm.dvdDrives;
        const held = drives.every(d => !!d.path) ? drives[0] : null;
        const ask = held
            ? this.remediation.confirm(this.text(this.strings.Confirm.replaceTitle, { drive: this.driveText(held) }),
                this.text(this.strings.Confirm.replaceMessage, { drive: this.driveText(held), path: held.path }),
                this.strings.Actions.insert, this.strings.Actions.cancel)
            : this.remediation.confirm(this.strings.Confirm.insertTitle, this.text(this.strings.Confirm.insertMessage),
                this.strings.Actions.insert, this.strings.Actions.cancel);
        this.change(ask, 'insert', this.strings.Notify.insertTitle, { replaceMedia: !!held });
    }

    public restore(): void {
        const restore = this.row.finding.vm.setupDiskRestore;
        const ask = this.remediation.confirm(this.strings.Confirm.restoreTitle,
            this.text(this.strings.Confirm.restoreMessage, {
                drive: this.offered.setupDiskDrive || '', path: restore && restore.previousPath ? restore.previousPath : this.strings.Details.emptyDrive
            }),
            this.strings.Actions.restore, this.strings.Actions.cancel);
        this.change(ask, 'restore', this.strings.Notify.restoreTitle);
    }

    public enable(): void {
        const ask = this.remediation.confirm(this.strings.Confirm.enableTitle, this.text(this.strings.Confirm.enableMessage),
            this.strings.Actions.enable, this.strings.Actions.cancel);
        this.change(ask, 'enable', this.strings.Notify.enableTitle);
    }

    /** What the script's status means, for the notification. */
    public statusMessage(result: RemediationResult): string {
        const key = result.status.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
        const template = (this.strings.Status as unknown as Record<string, string>)[key];
        return template
            ? this.text(template, { drive: result.drive || '', path: typeof result.after === 'string' ? result.after : '' })
            : result.status;
    }

    private driveText(drive: { controllerType: string; controller: number; location: number }): string {
        return `${drive.controllerType} ${drive.controller}:${drive.location}`;
    }

    private change(ask: Observable<boolean>, script: RemediationScript, title: string, parameters: Record<string, boolean> = {}): void {
        if (this.busy) {
            return;
        }
        this.busy = true;
        const vmId = this.row.id;
        const notificationId = `${script}-${vmId}-${Date.now()}`;
        ask.pipe(
            mergeMap(confirmed => {
                if (!confirmed) {
                    return EMPTY;
                }
                this.remediation.notify(this.node, notificationId, NotificationState.InProgress, title, this.text(this.strings.Notify.working));
                return this.remediation.run(this.node, script, vmId, parameters);
            }),
            mergeMap(result => {
                const state = result.changed || result.status.startsWith('already') ? NotificationState.Success : NotificationState.Warning;
                this.remediation.notify(this.node, notificationId, state, title, this.statusMessage(result));
                if (result.status === 'vm-not-found') {
                    this.rescan.emit();
                    return of(null);
                }
                return result.status === 'needs-confirmation' ? of(null) : this.remediation.recheck(this.node, vmId);
            }),
            finalize(() => this.busy = false)
        ).subscribe({
            next: outcome => {
                if (outcome && outcome.findings && outcome.findings.findings.length === 1) {
                    this.findingChange.emit(outcome.findings.findings[0]);
                } else if (outcome && outcome.findings && outcome.findings.findings.length === 0) {
                    // The VM left the host between the change and the re-check.
                    this.remediation.notify(this.node, `${notificationId}-recheck`, NotificationState.Warning, title,
                        this.text(this.strings.Status.vmNotFound));
                    this.rescan.emit();
                } else if (outcome && outcome.failure) {
                    this.remediation.notify(this.node, `${notificationId}-recheck`, NotificationState.Warning, title,
                        this.text(this.strings.Notify.recheckFailed, { reason: outcome.failure.detail }));
                }
            },
            error: (error: unknown) => {
                const reason = this.remediation.errorMessage(error);
                // Refused by role: the JEA session has no such command (RoleRefusal), or the gateway denied access.
                const denied = error instanceof RoleRefusal || failureFromError(error, reason, false).kind === 'access-denied';
                this.remediation.notify(this.node, notificationId, NotificationState.Error, title,
                    denied ? this.text(this.strings.Notify.notAllowed) : this.text(this.strings.Notify.couldNot, { reason }));
            }
        });
    }
}
