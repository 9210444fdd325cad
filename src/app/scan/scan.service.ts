import { Injectable, OnDestroy } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Net, PowerShell, PowerShellSession } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, of } from 'rxjs';
import { catchError, map } from 'rxjs/operators';
import { PowerShellScripts } from '../../generated/powershell-scripts';
import { failureFromError } from './scan-failure';
import { outcomeFromResults, ScanOutcome } from './scan-outcome';

/**
 * Scans a Hyper-V host: one PowerShell call through the gateway, then the snapshot is parsed and
 * judged here in the browser. Provide it per page: the PowerShell session lives as long as the page.
 * Unsubscribing from a scan cancels the PowerShell command still running.
 */
@Injectable()
export class ScanService implements OnDestroy {
    private session: PowerShellSession | null = null;

    constructor(private appContext: AppContextService) { }

    public scan(nodeName: string): Observable<ScanOutcome> {
        const command = PowerShell.createCommand(PowerShellScripts.Get_ReplicaFailoverIpSnapshot);
        return this.appContext.powerShell.run(this.sessionFor(nodeName), command).pipe(
            map((data: { results?: unknown }) => outcomeFromResults(data ? data.results : undefined)),
            catchError((error: unknown) => of<ScanOutcome>({ failure: failureFromError(error, Net.getErrorMessage(error), false) }))
        );
    }

    public ngOnDestroy(): void {
        this.disposeSession();
    }

    private sessionFor(nodeName: string): PowerShellSession {
        if (this.session && this.session.nodeName !== nodeName) {
            this.disposeSession();
        }
        if (!this.session) {
            this.session = this.appContext.powerShell.createSession(nodeName, 'hvtools-replica-failover-ip');
        }
        return this.session;
    }

    private disposeSession(): void {
        if (this.session) {
            this.session.dispose();
            this.session = null;
        }
    }
}
