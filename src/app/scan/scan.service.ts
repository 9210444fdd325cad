import { Inject, Injectable, OnDestroy } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { ClusterInventory, ClusterInventoryCache, Logging, Net, PowerShell, PowerShellSession } from '@microsoft/windows-admin-center-sdk/core';
import { concat, merge, Observable, of } from 'rxjs';
import { catchError, map, mergeMap } from 'rxjs/operators';
import { PowerShellScripts } from '../../generated/powershell-scripts';
import { RuleDefinition } from '../rules/rule-definition';
import { RULES } from '../rules/rules.token';
import { ClusterNodes, clusterNodesFromInventory, notScannedFailure } from './cluster-nodes';
import { NodeOutcome } from './node-outcomes';
import { nodeRequestOptions } from './node-token';
import { defectFailure, failureFromError, ScanFailure } from './scan-failure';
import { outcomeFromResults, ScanOutcome } from './scan-outcome';

/** The gateway's answer, or why the request failed. */
type Answer = { results: unknown; failure?: undefined } | { failure: ScanFailure; results?: undefined };

function judge(nodeName: string, results: unknown, rules: readonly RuleDefinition[]): ScanOutcome {
    try {
        return outcomeFromResults(results, rules);
    } catch (error) {
        const failure = defectFailure(error);
        // The SDK's log (the browser console and the gateway's log): a defect to report.
        Logging.logError('hvtools/ScanService', `The scan result of ${nodeName} could not be judged: ${failure.detail}`);
        return { failure };
    }
}

/**
 * Scans Hyper-V hosts: a server, or every node of a cluster; one PowerShell call per node through
 * the gateway, then each snapshot is parsed and judged here in the browser under every rule. Provide it per page: the PowerShell sessions (one per node)
 * live as long as the page. Unsubscribing from a scan does NOT stop its command (the SDK queues
 * commands per session and has no teardown); cancel() stops the running commands on the gateway.
 */
@Injectable()
export class ScanService implements OnDestroy {
    private sessions = new Map<string, PowerShellSession>();
    private inventory: ClusterInventoryCache | null = null;

    constructor(private appContext: AppContextService, @Inject(RULES) private rules: readonly RuleDefinition[]) { }

    /**
     * The nodes of a connection, each node's outcome as it arrives: the server; or a cluster's nodes
     * that are Up or Paused, from the SDK's cluster inventory (the others listed as not scanned; fresh:
     * ask the cluster again). When the inventory lists no nodes, the cluster name is scanned and then
     * the nodes its snapshot names.
     */
    public scanConnection(name: string, isCluster: boolean, fresh: boolean): Observable<NodeOutcome> {
        if (!isCluster) {
            return this.scanNodes([name]);
        }
        return this.clusterNodes(name, fresh).pipe(
            catchError((error: unknown) => of({ error })),
            mergeMap(nodes => {
                if ('error' in nodes) {
                    return of<NodeOutcome>({ node: name, outcome: { failure: failureFromError(nodes.error, Net.getErrorMessage(nodes.error)) } });
                }
                if (nodes.scan.length === 0 && nodes.notScanned.length === 0) {
                    return this.scanNodes([name]).pipe(mergeMap(first => {
                        const cluster = first.outcome.host ? first.outcome.host.cluster : null;
                        return cluster && cluster.nodes.length > 0 ? this.scanNodes(cluster.nodes) : of(first);
                    }));
                }
                const listed = nodes.notScanned.map(n => ({ node: n.node, outcome: { failure: notScannedFailure(n.state) } }));
                return concat(of(...listed), this.scanNodes(nodes.scan));
            }));
    }

    /**
     * One node's outcome. A failed request is a gateway (or access) failure; a failure of the tool's
     * own code on the answer is a defect (logged to the console), never "couldn't reach the host".
     */
    public scan(nodeName: string): Observable<ScanOutcome> {
        const command = PowerShell.createCommand(PowerShellScripts.Get_ReplicaFailoverIpSnapshot);
        return this.appContext.powerShell.run(this.sessionFor(nodeName), command).pipe(
            map((data: { results?: unknown } | null | undefined): Answer => ({ results: data ? data.results : undefined })),
            catchError((error: unknown) => of<Answer>({ failure: failureFromError(error, Net.getErrorMessage(error)) })),
            map(answer => answer.failure ? { failure: answer.failure } : judge(nodeName, answer.results, this.rules)));
    }

    /** Scans every node at once; emits each node's outcome as it arrives. A node's failure does not stop the others. */
    public scanNodes(nodes: readonly string[]): Observable<NodeOutcome> {
        return merge(...nodes.map(node => this.scan(node).pipe(map(outcome => ({ node, outcome })))));
    }

    /**
     * A cluster's nodes from the SDK's cluster inventory (ClusterInventoryCache: the cluster's
     * Get-ClusterInventory and Get-ClusterNodes, then the server inventory of the live nodes).
     * fresh: ask the cluster again instead of using the cached inventory (Refresh).
     */
    public clusterNodes(clusterName: string, fresh: boolean): Observable<ClusterNodes> {
        this.inventory = this.inventory || new ClusterInventoryCache(this.appContext);
        const params = { name: clusterName };
        return (fresh ? this.inventory.refresh(params) : this.inventory.query(params)).pipe(
            map(container => clusterNodesFromInventory(container && (container.instance as ClusterInventory))));
    }

    /**
     * Stops the commands still running, through the SDK (the session's cancel: POST .../cancel at the
     * next poll), so a new scan does not wait behind them in the same session.
     */
    public cancel(): void {
        this.sessions.forEach(session => this.appContext.powerShell.cancel(session).subscribe({ error: () => undefined }));
    }

    public ngOnDestroy(): void {
        this.cancel();
        this.sessions.forEach(session => session.dispose());
        this.sessions.clear();
    }

    private sessionFor(nodeName: string): PowerShellSession {
        const key = nodeName.toLowerCase();
        let session = this.sessions.get(key);
        if (!session) {
            session = this.appContext.powerShell.createSession(nodeName, 'hvtools-replica-failover-ip', nodeRequestOptions(this.appContext));
            this.sessions.set(key, session);
        }
        return session;
    }
}
