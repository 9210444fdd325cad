import { Inject, Injectable } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { ClientNotification, Net, NotificationState, PowerShell } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, throwError } from 'rxjs';
import { catchError, map } from 'rxjs/operators';
import { PowerShellScripts } from '../../generated/powershell-scripts';
import { RuleDefinition } from '../rules/rule-definition';
import { RULES } from '../rules/rules.token';
import { nodeRequestOptions } from '../scan/node-token';
import { outcomeFromResults, ScanOutcome } from '../scan/scan-outcome';
import { assertVmId } from '../snapshot/vm-id';
import { parseRemediationResult, RemediationResult } from './remediation-result';
import { classifyCommandError, errorRecords, PowerShellErrors } from './role-refusal';

export type RemediationScript = 'insert' | 'restore' | 'enable' | 'set-failover-tcpip' | 'restore-failover-tcpip';

/** A script parameter besides the VM Id: every value travels as a parameter, never in script text. */
export type RemediationParameters = Record<string, boolean | string | number>;

const scripts: Record<RemediationScript, { command: string; script: string; module?: string }> = {
    insert: PowerShellScripts.Mount_IntegrationServicesSetupDisk,
    restore: PowerShellScripts.Dismount_IntegrationServicesSetupDisk,
    enable: PowerShellScripts.Enable_KvpExchangeService,
    'set-failover-tcpip': PowerShellScripts.Set_FailoverTcpIpConfiguration,
    'restore-failover-tcpip': PowerShellScripts.Restore_FailoverTcpIpConfiguration
};

/**
 * Runs a remediation script on a host, for one VM given by its validated Id (every value travels as
 * a parameter of PowerShell.createCommand), re-checks that VM, and talks to the shell for the
 * confirmation dialog, notifications and navigation.
 */
@Injectable()
export class RemediationService {
    constructor(private appContext: AppContextService, @Inject(RULES) private rules: readonly RuleDefinition[]) { }

    /**
     * Fails with a RoleRefusal when the user's role can't run the script's command (JEA), with
     * PowerShellErrors when the script failed without a result.
     */
    public run(nodeName: string, script: RemediationScript, vmId: string, parameters: RemediationParameters = {}): Observable<RemediationResult> {
        const command = PowerShell.createCommand(scripts[script], { vmId: assertVmId(vmId), ...parameters });
        return this.appContext.powerShell.run(nodeName, command, nodeRequestOptions(this.appContext)).pipe(
            map((data: { results?: unknown; errors?: unknown }) => {
                const records = errorRecords(data);
                const results = data ? data.results : undefined;
                if (records.length > 0 && !(Array.isArray(results) && results.length > 0)) {
                    throw new PowerShellErrors(records);
                }
                return parseRemediationResult(results);
            }),
            catchError((error: unknown) => throwError(() => classifyCommandError(error, scripts[script].command))));
    }

    /** Reads the one VM again (the snapshot script with vmId), judged under every rule. */
    public recheck(nodeName: string, vmId: string): Observable<ScanOutcome> {
        const command = PowerShell.createCommand(PowerShellScripts.Get_ReplicaFailoverIpSnapshot, { vmId: assertVmId(vmId) });
        return this.appContext.powerShell.run(nodeName, command, nodeRequestOptions(this.appContext)).pipe(
            map((data: { results?: unknown }) => outcomeFromResults(data ? data.results : undefined, this.rules)));
    }

    /** Asks the admin through the shell's confirmation dialog; emits true when confirmed. */
    public confirm(title: string, message: string, confirmButtonText: string, cancelButtonText: string): Observable<boolean> {
        return this.appContext.frame.showDialogConfirmation({ title, message, confirmButtonText, cancelButtonText })
            .pipe(map((result: { confirmed?: boolean }) => !!result && !!result.confirmed));
    }

    public notify(nodeName: string, id: string, state: NotificationState, title: string, message: string): void {
        const notification: ClientNotification = { id, state, title, message };
        this.appContext.notification.notify(nodeName, notification).subscribe({ error: () => undefined });
    }

    /**
     * The host's or the gateway's own message: a failed request (the SDK's AjaxError, an Error whose
     * message is only "ajax error 400") carries it in its response body, which Net.getErrorMessage reads.
     */
    public errorMessage(error: unknown): string {
        const xhr = error ? (error as { xhr?: { response?: unknown } }).xhr : null;
        if (xhr && xhr.response) {
            return Net.getErrorMessage(error);
        }
        return error instanceof Error ? error.message : Net.getErrorMessage(error);
    }

    /** WAC's own Virtual Machines tool (msft.sme.hyperv), when the gateway has it installed. */
    public get virtualMachinesToolInstalled(): boolean {
        const modules = (MsftSme.self().Environment.modules || []) as { name: string }[];
        return modules.some(m => m.name === 'msft.sme.hyperv');
    }

    /**
     * Opens WAC's Virtual Machines tool through the SDK's public navigation (appContext.frame.navigation),
     * on the active connection as WAC knows it (its own name and type: the cluster for a cluster
     * connection, under the cluster solution msft.sme.software-defined-data-center!cluster). The VM's
     * owner node and Id go along as query parameters; how the Virtual Machines tool reads them is not
     * established here (docs/emulator.md).
     */
    public openVirtualMachinesTool(nodeName: string, connectionType: string, vmId?: string): Promise<unknown> {
        const connection = this.appContext.activeConnection.value;
        const type = connection && connection.type ? connection.type : connectionType;
        const name = connection && connection.name ? connection.name : nodeName;
        const cluster = type === 'msft.sme.connection-type.cluster';
        const query: Record<string, string> = { node: nodeName };
        if (vmId) {
            query.vmId = assertVmId(vmId);
        }
        return this.appContext.frame.navigation.navigateTool(
            cluster ? 'msft.sme.software-defined-data-center' : 'msft.sme.server-manager', cluster ? 'cluster' : 'servers',
            'msft.sme.hyperv', 'virtualMachines', name, type, undefined, query);
    }
}
