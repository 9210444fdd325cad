import { Injectable, OnDestroy } from '@angular/core';
import { NotificationState } from '@microsoft/windows-admin-center-sdk/core';
import { EMPTY, Observable, of, Subject } from 'rxjs';
import { finalize, mergeMap, take, takeUntil } from 'rxjs/operators';
import { Strings } from '../../generated/strings';
import { fillTemplate } from '../common/text';
import { RemediationStatus } from '../host-contract';
import { VmFindings } from '../rules/finding';
import { isAccessError } from '../scan/scan-failure';
import { ScanOutcome } from '../scan/scan-outcome';
import { RemediationResult } from './remediation-result';
import { RemediationParameters, RemediationScript, RemediationService } from './remediation.service';
import { RoleRefusal } from './role-refusal';

type Texts = Strings['HvtoolsReplicaFailoverIp'];

/** What a change acts on, taken when the admin clicks: later selections never change it. */
export interface ChangeTarget {
    vmId: string;
    vmName: string;
    node: string;
}

export interface ChangeRequest {
    target: ChangeTarget;
    /** The admin's answer (the shell's confirmation dialog): nothing runs unless it emits true. */
    ask: Observable<boolean>;
    script: RemediationScript;
    parameters?: RemediationParameters;
    /** The notifications' title. */
    title: string;
    /** The network adapter the change is for, named in the notifications when the host's result names none. */
    adapter?: string;
}

/** A text about a change's target: `{vm}` and `{host}` filled from it, the other placeholders from the values. */
export function changeText(target: ChangeTarget, template: string, values: Record<string, string> = {}): string {
    return fillTemplate(template, { vm: target.vmName, host: target.node, ...values });
}

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

/**
 * The one pipeline of every change the details pane makes to a host, and the busy state of each VM.
 * A change asks first, shows an in-progress notification, runs the script with its parameters,
 * notifies its result, re-checks the VM (or asks for a rescan when the VM left the host), and
 * explains a refusal by role. A VM is busy from the click until the host has answered (and the
 * re-check with it): the busy state belongs to the VM, not to the pane, so closing and reopening
 * the pane or selecting another VM and back keeps its actions disabled. Provide it per page: the
 * page takes the re-checked VMs and the rescans from it.
 */
@Injectable()
export class HostChangesService implements OnDestroy {
    /** A VM re-checked after a change: its findings under every rule, judged once on the host's answer. */
    public readonly rechecked = new Subject<VmFindings>();
    /** A VM left its host: the list must be scanned again. */
    public readonly rescan = new Subject<void>();
    /** A VM became busy or free. */
    public readonly busyChanged = new Subject<void>();
    private readonly strings: Texts = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    private readonly statuses = statusTemplates(this.strings);
    /** VM Ids (lower case) with a change asking, running or re-checking. */
    private readonly busy = new Set<string>();
    private readonly destroyed = new Subject<void>();

    constructor(private remediation: RemediationService) { }

    public isBusy(vmId: string): boolean {
        return this.busy.has(vmId.toLowerCase());
    }

    public ngOnDestroy(): void {
        this.destroyed.next();
        this.destroyed.complete();
    }

    /**
     * Runs a change for `request.target` only: every step reads the target, never the pane's current
     * inputs. `asking` (the pane closing) ends the request while the admin has not answered yet;
     * once confirmed, the change runs to the host's answer whatever the pane does.
     */
    public run(request: ChangeRequest, asking: Observable<void>): void {
        const { target, title } = request;
        const { vmId, node } = target;
        const key = vmId.toLowerCase();
        const notificationId = `${request.script}-${vmId}-${Date.now()}`;
        const text = (template: string, values: Record<string, string> = {}) => changeText(target, template, values);
        this.setBusy(key, true);
        request.ask.pipe(
            take(1),
            takeUntil(asking),
            mergeMap(confirmed => {
                if (!confirmed) {
                    return EMPTY;
                }
                this.remediation.notify(node, notificationId, NotificationState.InProgress, title, text(this.strings.Notify.working));
                return this.remediation.run(node, request.script, vmId, request.parameters || {});
            }),
            mergeMap((result): Observable<ScanOutcome | null> => {
                const state = result.changed || result.status.startsWith('already') ? NotificationState.Success : NotificationState.Warning;
                this.remediation.notify(node, notificationId, state, title, this.statusText(request, result));
                if (result.status === 'vm-not-found') {
                    this.rescan.next();
                    return of(null);
                }
                return result.status === 'needs-confirmation' ? of(null) : this.remediation.recheck(node, vmId);
            }),
            takeUntil(this.destroyed),
            finalize(() => this.setBusy(key, false))
        ).subscribe({
            next: outcome => {
                if (!outcome) {
                    return;
                }
                if (outcome.failure) {
                    this.remediation.notify(node, `${notificationId}-recheck`, NotificationState.Warning, title,
                        text(this.strings.Notify.recheckFailed, { reason: outcome.failure.detail }));
                    return;
                }
                const found = outcome.vms.find(v => v.vm.id.toLowerCase() === key);
                if (found) {
                    this.rechecked.next(found);
                    return;
                }
                // The re-check did not return the VM: it left the host between the change and the re-check.
                this.remediation.notify(node, `${notificationId}-recheck`, NotificationState.Warning, title,
                    text(outcome.vms.length === 0 ? this.strings.Status.vmNotFound : this.strings.Notify.recheckOtherVm));
                this.rescan.next();
            },
            error: (error: unknown) => {
                const reason = this.remediation.errorMessage(error);
                // Refused by role: the JEA session has no such command (RoleRefusal), or the gateway denied access.
                const denied = error instanceof RoleRefusal || isAccessError(error);
                this.remediation.notify(node, notificationId, NotificationState.Error, title,
                    denied ? text(this.strings.Notify.notAllowed) : text(this.strings.Notify.couldNot, { reason }));
            }
        });
    }

    /** What the script's status means, for the notification. */
    private statusText(request: ChangeRequest, result: RemediationResult): string {
        return changeText(request.target, this.statuses[result.status], {
            drive: result.drive || '',
            path: typeof result.after === 'string' ? result.after : '',
            adapter: result.adapter || request.adapter || '',
            change: result.inProgress || ''
        });
    }

    private setBusy(key: string, busy: boolean): void {
        if (busy) {
            this.busy.add(key);
        } else {
            this.busy.delete(key);
        }
        this.busyChanged.next();
    }
}
