import { NotificationState } from '@microsoft/windows-admin-center-sdk/core';
import { EMPTY, Observable, of } from 'rxjs';
import { finalize, mergeMap, takeUntil } from 'rxjs/operators';
import { Strings } from '../../generated/strings';
import { fillTemplate } from '../rule/describe-finding';
import { Finding } from '../rule/finding';
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
    /** The notification text of the script's result. */
    describe: (result: RemediationResult) => string;
    /** The VM re-checked after the change. */
    found: (finding: Finding) => void;
    /** The VM left the host: its list must be scanned again. */
    rescan: () => void;
    /** Ends the change's subscription (the pane closed). */
    until: Observable<void>;
    /** Called once the change ended, whatever the outcome (the busy state ends). */
    done: () => void;
}

function text(texts: Texts, target: ChangeTarget, template: string, values: Record<string, string> = {}): string {
    return fillTemplate(template, { vm: target.vmName, host: target.node, ...values });
}

/**
 * One change of a host for one VM, as every action of the details pane runs it: asks first, shows an
 * in-progress notification, runs the script with its parameters, notifies its result, re-checks the
 * VM (or asks for a rescan when the VM left the host), and explains a refusal by role. Every callback
 * reads `target`, never the pane's current inputs.
 */
export function runChange(remediation: RemediationService, texts: Texts, request: ChangeRequest): void {
    const { target, title } = request;
    const { vmId, node } = target;
    const notificationId = `${request.script}-${vmId}-${Date.now()}`;
    request.ask.pipe(
        mergeMap(confirmed => {
            if (!confirmed) {
                return EMPTY;
            }
            remediation.notify(node, notificationId, NotificationState.InProgress, title, text(texts, target, texts.Notify.working));
            return remediation.run(node, request.script, vmId, request.parameters || {});
        }),
        mergeMap((result): Observable<ScanOutcome | null> => {
            const state = result.changed || result.status.startsWith('already') ? NotificationState.Success : NotificationState.Warning;
            remediation.notify(node, notificationId, state, title, request.describe(result));
            if (result.status === 'vm-not-found') {
                request.rescan();
                return of(null);
            }
            return result.status === 'needs-confirmation' ? of(null) : remediation.recheck(node, vmId);
        }),
        takeUntil(request.until),
        finalize(() => request.done())
    ).subscribe({
        next: outcome => {
            if (!outcome) {
                return;
            }
            if (outcome.failure) {
                remediation.notify(node, `${notificationId}-recheck`, NotificationState.Warning, title,
                    text(texts, target, texts.Notify.recheckFailed, { reason: outcome.failure.detail }));
                return;
            }
            const found = outcome.findings.findings.find(f => f.vm.id.toLowerCase() === vmId.toLowerCase());
            if (found) {
                request.found(found);
                return;
            }
            // The re-check did not return the VM: it left the host between the change and the re-check.
            remediation.notify(node, `${notificationId}-recheck`, NotificationState.Warning, title,
                text(texts, target, outcome.findings.findings.length === 0 ? texts.Status.vmNotFound : texts.Notify.recheckOtherVm));
            request.rescan();
        },
        error: (error: unknown) => {
            const reason = remediation.errorMessage(error);
            // Refused by role: the JEA session has no such command (RoleRefusal), or the gateway denied access.
            const denied = error instanceof RoleRefusal || isAccessError(error);
            remediation.notify(node, notificationId, NotificationState.Error, title,
                denied ? text(texts, target, texts.Notify.notAllowed) : text(texts, target, texts.Notify.couldNot, { reason }));
        }
    });
}
