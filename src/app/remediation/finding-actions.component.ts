import { ChangeDetectionStrategy, ChangeDetectorRef, Component, EventEmitter, Input, OnChanges, OnDestroy, Output } from '@angular/core';
import { NotificationState } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, Subject } from 'rxjs';
import { Strings } from '../../generated/strings';
import { driveText, RemediationStatus } from '../host-contract';
import { fillTemplate } from '../rule/describe-finding';
import { Finding } from '../rule/finding';
import { SnapshotHost } from '../snapshot/snapshot';
import { rdpFileContent, rdpFileName } from './rdp-file';
import { OfferedActions, offeredActions } from './remediation-actions';
import { RemediationResult } from './remediation-result';
import { RemediationParameters, RemediationScript, RemediationService } from './remediation.service';
import { ChangeTarget, runChange } from './run-change';

type Texts = Strings['HvtoolsReplicaFailoverIp'];

/** The notification text of each status a remediation script can return (the compiler checks every status has one). */
export function statusTemplates(strings: Texts): Record<RemediationStatus, string> {
    const s = strings.Status;
    return {
        'inserted': s.inserted, 'already-inserted': s.alreadyInserted, 'needs-confirmation': s.needsConfirmation, 'no-dvd-drive': s.noDvdDrive,
        'not-available-on-this-host': s.notAvailableOnThisHost, 'setup-disk-missing': s.setupDiskMissing,
        'restored': s.restored, 'ejected': s.ejected, 'nothing-to-restore': s.nothingToRestore, 'previous-media-missing': s.previousMediaMissing,
        'enabled': s.enabled, 'already-enabled': s.alreadyEnabled, 'no-kvp-component': s.noKvpComponent,
        'media-changed': s.mediaChanged, 'vm-not-found': s.vmNotFound,
        'failover-set': s.failoverSet, 'failover-cleared': s.failoverCleared, 'already-set': s.alreadySet, 'failover-restored': s.failoverRestored,
        'adapter-not-found': s.adapterNotFound, 'legacy-adapter': s.legacyAdapter,
        'busy': s.busy, 'record-changed': s.recordChanged
    };
}

/** What a change acts on, taken when the admin clicks: later selections never change it. */
type Target = ChangeTarget;

/** What the pane shows for the current VM, computed when the inputs change. */
interface ActionsView {
    offered: OfferedActions;
    connectHint: string;
    restoreHint: string;
}

/**
 * The actions for one VM, in the details pane: Connect (.rdp), Open (WAC's Virtual Machines tool),
 * Insert / Restore the setup disk, Enable KVP, and the steps inside the guest. Every change asks
 * first, shows notifications, disables the actions while it runs, then re-checks the VM. A change
 * acts on the VM and node of the click: selecting another VM meanwhile neither renames its
 * notifications nor sends its re-check elsewhere, and the other VM's actions are not disabled by it.
 * Closing the pane tears the running changes' subscriptions down.
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
    /** The VM's finding after a change, re-checked on the host. */
    @Output() public findingChange = new EventEmitter<Finding>();
    /** The VM is no longer on the host (deleted or migrated): the host's list must be scanned again. */
    @Output() public rescan = new EventEmitter<void>();
    public readonly strings: Texts = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public view: ActionsView | null = null;
    /** VM Ids with a change running (asking, running or re-checking). */
    private readonly running = new Set<string>();
    private readonly destroyed = new Subject<void>();
    private readonly statuses = statusTemplates(this.strings);

    constructor(private remediation: RemediationService, private changes: ChangeDetectorRef) { }

    /** A change runs for the VM shown: its actions are disabled (another VM's change does not count). */
    public get busy(): boolean {
        return !!this.finding && this.running.has(this.finding.vm.id);
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
            connectHint: this.text(target, this.strings.Actions.connectHint),
            restoreHint: restore && restore.previousPath
                ? this.text(target, this.strings.Actions.restoreHint, { drive: restore.drive, path: restore.previousPath })
                : this.text(target, this.strings.Actions.restoreHintEmpty, { drive: offered.setupDiskDrive || '' })
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
                this.text(target, this.strings.Notify.connectFailed, { reason: error instanceof Error ? error.message : String(error) }));
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
                this.text(target, this.strings.Notify.openFailed, { reason: this.remediation.errorMessage(error) }));
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
            ? this.remediation.confirm(this.text(target, this.strings.Confirm.replaceTitle, { drive }),
                this.text(target, this.strings.Confirm.replaceMessage, { drive, path: held.path }),
                this.strings.Actions.insert, this.strings.Actions.cancel)
            : this.remediation.confirm(this.strings.Confirm.insertTitle, this.text(target, this.strings.Confirm.insertMessage),
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
            this.text(target, this.strings.Confirm.restoreMessage, {
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
        const ask = this.remediation.confirm(this.strings.Confirm.enableTitle, this.text(target, this.strings.Confirm.enableMessage),
            this.strings.Actions.enable, this.strings.Actions.cancel);
        this.change(target, ask, 'enable', this.strings.Notify.enableTitle);
    }

    /** What the script's status means, for the notification. */
    public statusMessage(target: Target, result: RemediationResult): string {
        return this.text(target, this.statuses[result.status], {
            drive: result.drive || '',
            path: typeof result.after === 'string' ? result.after : '',
            change: result.inProgress || ''
        });
    }

    private target(finding: Finding): Target {
        return { vmId: finding.vm.id, vmName: finding.vm.name, node: this.node };
    }

    private text(target: Target, template: string, values: Record<string, string> = {}): string {
        return fillTemplate(template, { vm: target.vmName, host: target.node, ...values });
    }

    /** Runs a change for `target` only (runChange): every callback reads the target, never the current inputs. */
    private change(target: Target, ask: Observable<boolean>, script: RemediationScript, title: string, parameters: RemediationParameters = {}): void {
        const { vmId } = target;
        this.running.add(vmId);
        this.changes.markForCheck();
        runChange(this.remediation, this.strings, {
            target, ask, script, parameters, title,
            describe: result => this.statusMessage(target, result),
            found: finding => this.findingChange.emit(finding),
            rescan: () => this.rescan.emit(),
            until: this.destroyed,
            done: () => {
                this.running.delete(vmId);
                this.changes.markForCheck();
            }
        });
    }
}
