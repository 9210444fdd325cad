import { Component, OnDestroy, OnInit } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Net } from '@microsoft/windows-admin-center-sdk/core';
import { concat, Observable, of, Subscription } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { Strings } from '../../generated/strings';
import { notScannedFailure } from '../cluster/cluster-nodes';
import { MergedFindings, mergeNodeOutcomes, NodeOutcome } from '../cluster/node-outcomes';
import { fillTemplate } from '../rule/describe-finding';
import { Finding, Verdict } from '../rule/finding';
import { failureFromError, ScanFailure } from '../scan/scan-failure';
import { ScanService } from '../scan/scan.service';
import { countRows, filterRows, FindingRow, GridTexts, rowsInScope, toRow, verdictKey } from './finding-row';

const clusterType = 'msft.sme.connection-type.cluster';

/**
 * The tool page: scans the connected server, or every node of a cluster in parallel, shows one row
 * per VM with its verdict, filters and a details pane. Host- and VM-supplied values are bound as
 * text only (interpolation), never as HTML.
 */
@Component({
    selector: 'sme-findings-page',
    templateUrl: './findings-page.component.html',
    styleUrls: ['./findings-page.component.css', './verdict-badge.css'],
    providers: [ScanService]
})
export class FindingsPageComponent implements OnInit, OnDestroy {
    public readonly strings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public nodeName = '';
    public connectionType = 'msft.sme.connection-type.server';
    public scanning = false;
    /** Outcomes of the nodes that answered so far, in the order they answered. */
    public outcomes: NodeOutcome[] = [];
    public merged: MergedFindings | null = null;
    public rows: FindingRow[] = [];
    public visibleRows: FindingRow[] = [];
    public counts: { verdict: Verdict; count: number }[] = [];
    public selected: FindingRow | null = null;
    public detailsExpanded = true;
    public filterText = '';
    public verdictFilter: Verdict | null = null;
    public showAll = false;
    private scanSubscription: Subscription | null = null;
    private scans = 0;

    constructor(private appContext: AppContextService, private scanService: ScanService) { }

    public get isCluster(): boolean {
        return this.connectionType === clusterType;
    }

    /** A server's failure (the whole page); on a cluster, failures are listed per node instead. */
    public get failure(): ScanFailure | null {
        return !this.isCluster && this.merged && this.merged.nodeFailures.length > 0 ? this.merged.nodeFailures[0].failure : null;
    }

    public ngOnInit(): void {
        const active = this.appContext.activeConnection;
        this.nodeName = active.nodeName;
        const connection = active.value;
        this.connectionType = connection && connection.type ? connection.type : this.connectionType;
        this.refresh();
    }

    /** Leaving the page: the scan's commands still running are cancelled (the ScanService then disposes its sessions). */
    public ngOnDestroy(): void {
        this.cancelScan();
    }

    /** Starts a new scan; the commands of a scan still running are cancelled on the gateway first. */
    public refresh(): void {
        this.cancelScan();
        this.scanning = true;
        this.outcomes = [];
        this.merged = null;
        this.scanSubscription = this.scanAll(this.scans++ > 0).subscribe({
            next: outcome => this.addOutcome(outcome),
            complete: () => {
                this.scanning = false;
                this.update();
            }
        });
    }

    public applyFilter(): void {
        this.counts = countRows(rowsInScope(this.rows, this.showAll));
        this.visibleRows = filterRows(this.rows, { text: this.filterText, verdict: this.verdictFilter, showAll: this.showAll });
        if (this.selected) {
            this.selected = this.visibleRows.find(r => r.id === this.selected.id) || null;
        }
    }

    /** A VM re-checked after a remediation: its row (and the counts) change, the selection stays on it. */
    public replaceFinding(finding: Finding): void {
        const id = finding.vm.id;
        this.outcomes = this.outcomes.map(o => {
            const result = o.outcome.findings;
            if (!result || !result.findings.some(f => f.vm.id === id)) {
                return o;
            }
            return { node: o.node, outcome: { findings: { ...result, findings: result.findings.map(f => f.vm.id === id ? finding : f) } } };
        });
        this.update();
        this.selected = this.rows.find(r => r.id === finding.vm.id) || null;
    }

    /** Clicking a count filters by that verdict; clicking it again clears the filter. */
    public toggleVerdict(verdict: Verdict): void {
        this.verdictFilter = this.verdictFilter === verdict ? null : verdict;
        this.applyFilter();
    }

    public verdictLabel(verdict: Verdict): string {
        return this.strings.Rule.Verdict[verdictKey(verdict) as keyof Strings['HvtoolsReplicaFailoverIp']['Rule']['Verdict']];
    }

    public failureText(failure: ScanFailure, node: string): string {
        const errors = this.strings.Errors as unknown as Record<string, string>;
        return fillTemplate(errors[verdictKey(failure.kind as Verdict)], { host: node });
    }

    public get failureMessage(): string {
        return this.failure ? this.failureText(this.failure, this.nodeName) : '';
    }

    public get failureDetail(): string {
        return this.failure && this.failure.detail ? fillTemplate(this.strings.Errors.detail, { detail: this.failure.detail }) : '';
    }

    public nodeFailureText(node: string, failure: ScanFailure): string {
        if (failure.kind === 'node-down') {
            return fillTemplate(this.strings.Cluster.nodeNotScanned, { node, state: failure.detail });
        }
        return fillTemplate(this.strings.Cluster.nodeFailed, { node, reason: `${this.failureText(failure, node)} ${failure.detail}` });
    }

    public get emptyMessage(): string {
        if (!this.merged || this.scanning || this.failure || this.visibleRows.length > 0) {
            return '';
        }
        if (this.isCluster && this.merged.findings.length === 0 && this.merged.nodeFailures.length > 0) {
            return '';
        }
        const template = this.rows.length === 0 ? this.strings.Grid.emptyNoVms
            : rowsInScope(this.rows, this.showAll).length === 0 ? this.strings.Grid.emptyNoReplication : this.strings.Grid.emptyNoMatch;
        return fillTemplate(template, { host: this.nodeName });
    }

    public get scanningMessage(): string {
        return fillTemplate(this.strings.Grid.scanning, { host: this.nodeName });
    }

    public get brokerText(): string {
        return this.merged && this.merged.replicaBroker ? fillTemplate(this.strings.Cluster.broker, { broker: this.merged.replicaBroker }) : '';
    }

    public compareVerdicts = (a: FindingRow, b: FindingRow): number => a.verdictRank - b.verdictRank;

    public rowId = (row: FindingRow): string => row.id;

    public trackVerdict = (_: number, count: { verdict: Verdict }): Verdict => count.verdict;

    /**
     * The nodes to scan: the server; or a cluster's nodes that are Up or Paused, from the SDK's cluster
     * inventory (the others listed as not scanned). When the inventory lists no nodes, the cluster
     * name is scanned and then the nodes its snapshot names.
     */
    private scanAll(fresh: boolean): Observable<NodeOutcome> {
        if (!this.isCluster) {
            return this.scanService.scanNodes([this.nodeName]);
        }
        return this.scanService.clusterNodes(this.nodeName, fresh).pipe(
            mergeMap(nodes => {
                if (nodes.scan.length === 0 && nodes.notScanned.length === 0) {
                    return this.scanClusterName();
                }
                const listed = nodes.notScanned.map(n => ({ node: n.node, outcome: { failure: notScannedFailure(n.state) } }));
                return concat(of(...listed), this.scanService.scanNodes(nodes.scan));
            }),
            catchError((error: unknown) => of<NodeOutcome>({
                node: this.nodeName, outcome: { failure: failureFromError(error, Net.getErrorMessage(error), false) } })));
    }

    private scanClusterName(): Observable<NodeOutcome> {
        return this.scanService.scanNodes([this.nodeName]).pipe(mergeMap(first => {
            const cluster = first.outcome.findings ? first.outcome.findings.host.cluster : null;
            return cluster && cluster.nodes.length > 0 ? this.scanService.scanNodes(cluster.nodes) : of(first);
        }));
    }

    private addOutcome(outcome: NodeOutcome): void {
        // Performance marks (read by npm run bench): a node's data arrived, and the grid painted it.
        performance.mark('hvtools:data');
        this.outcomes = this.outcomes.concat(outcome);
        this.update();
        requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('hvtools:painted')));
    }

    private update(): void {
        this.merged = mergeNodeOutcomes(this.outcomes);
        const texts = this.strings as unknown as GridTexts;
        this.rows = this.merged.findings.map(f => toRow(f.finding, texts, { node: f.node, host: f.host }));
        this.applyFilter();
    }

    private cancelScan(): void {
        if (this.scanSubscription) {
            this.scanSubscription.unsubscribe();
            this.scanSubscription = null;
            if (this.scanning) {
                this.scanService.cancel();
            }
        }
    }
}
