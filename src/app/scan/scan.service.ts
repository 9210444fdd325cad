import { Injectable, OnDestroy } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Net, PowerShell, PowerShellSession } from '@microsoft/windows-admin-center-sdk/core';
import { merge, Observable, of } from 'rxjs';
import { catchError, map } from 'rxjs/operators';
import { PowerShellScripts } from '../../generated/powershell-scripts';
import { NodeOutcome } from '../cluster/node-outcomes';
import { failureFromError } from './scan-failure';
import { outcomeFromResults, ScanOutcome } from './scan-outcome';

/**
 * Scans Hyper-V hosts: one PowerShell call per node through the gateway, then each snapshot is
 * parsed and judged here in the browser. Provide it per page: the PowerShell sessions (one per node)
 * live as long as the page. Unsubscribing cancels the commands still running.
 */
@Injectable()
export class ScanService implements OnDestroy {
    private sessions = new Map<string, PowerShellSession>();

    constructor(private appContext: AppContextService) { }

    public scan(nodeName: string): Observable<ScanOutcome> {
        const command = PowerShell.createCommand(PowerShellScripts.Get_ReplicaFailoverIpSnapshot);
        return this.appContext.powerShell.run(this.sessionFor(nodeName), command).pipe(
            map((data: { results?: unknown }) => outcomeFromResults(data ? data.results : undefined)),
            catchError((error: unknown) => of<ScanOutcome>({ failure: failureFromError(error, Net.getErrorMessage(error), false) }))
        );
    }

    /** Scans every node at once; emits each node's outcome as it arrives. A node's failure does not stop the others. */
    public scanNodes(nodes: readonly string[]): Observable<NodeOutcome> {
        return merge(...nodes.map(node => this.scan(node).pipe(map(outcome => ({ node, outcome })))));
    }

    public ngOnDestroy(): void {
        this.sessions.forEach(session => session.dispose());
        this.sessions.clear();
    }

    private sessionFor(nodeName: string): PowerShellSession {
        const key = nodeName.toLowerCase();
        if (!this.sessions.has(key)) {
            this.sessions.set(key, this.appContext.powerShell.createSession(nodeName, 'hvtools-replica-failover-ip'));
        }
        return this.sessions.get(key);
    }
}
