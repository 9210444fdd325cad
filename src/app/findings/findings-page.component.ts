import { ChangeDetectorRef, Component, Inject, OnDestroy, OnInit } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Logging, Net } from '@microsoft/windows-admin-center-sdk/core';
import { concat, Observable, of, Subject, Subscription } from 'rxjs';
import { catchError, mergeMap, takeUntil } from 'rxjs/operators';
import { Strings } from '../../generated/strings';
import { emptyExclusions, KeptExclusions } from '../exclusions/exclusions';
import { ExclusionsService, settingsErrorText } from '../exclusions/exclusions.service';
import { fillTemplate } from '../rule/describe-finding';
import { Finding, RuleId, ruleId, ruleIds, Verdict } from '../rule/finding';
import { notScannedFailure } from '../scan/cluster-nodes';
import { MergedFindings, mergeNodeOutcomes, NodeOutcome, withVmRechecked } from '../scan/node-outcomes';
import { defectFailure, failureFromError, ScanFailure, ScanFailureKind } from '../scan/scan-failure';
import { ScanService } from '../scan/scan.service';
import { countRows, filterRows, FindingRow, rowsInScope, verdictKey, withExclusions } from './finding-row';
import { GridRenderHook, gridRenderHook } from './grid-render-hook';
import { BpaFilter, bpaFilterLabel, bpaFilters, compareBpa, filterByBpa, ruleOptions, rowsByRule } from './rule-view';

const clusterType = 'msft.sme.connection-type.cluster';

type ToolStrings = Strings['HvtoolsReplicaFailoverIp'];

/** The explanation of each failure kind (node-down has its own sentence, Cluster.nodeNotScanned). */
function failureTemplates(strings: ToolStrings): Record<ScanFailureKind, string> {
    return {
        'no-hyperv': strings.Errors.noHyperv,
        'access-denied': strings.Errors.accessDenied,
        'query-failed': strings.Errors.queryFailed,
        'gateway': strings.Errors.gateway,
        'invalid-output': strings.Errors.invalidOutput,
        'node-down': strings.Cluster.nodeNotScanned,
        'defect': strings.Errors.defect
    };
}

/** What the template shows, computed once per change of the data or the filters (never per change-detection pass). */
export interface PageView {
    /** The rule switch: each rule with its fail and warning counts. */
    rules: { rule: RuleId; label: string }[];
    /** The selected rule's counts per verdict. */
    counts: { verdict: Verdict; count: number; label: string }[];
    visibleRows: FindingRow[];
    /** A server's failure (the whole page); on a cluster, failures are listed per node instead. */
    failure: ScanFailure | null;
    failureMessage: string;
    failureDetail: string;
    nodeFailures: { node: string; message: string }[];
    emptyMessage: string;
    brokerText: string;
    scannedAt: { name: string; time: string } | null;
    /** "Excluded: n": the VMs in scope whose exclusion applies (they are not in `counts`). */
    excludedText: string;
}

const emptyView: PageView = {
    rules: [], counts: [], visibleRows: [], failure: null, failureMessage: '', failureDetail: '', nodeFailures: [], emptyMessage: '', brokerText: '',
    scannedAt: null, excludedText: ''
};

/**
 * The tool page: scans the connected server, or every node of a cluster in parallel, shows one row
 * per VM with its verdict, filters and a details pane. Host- and VM-supplied values are bound as
 * text only (interpolation), never as HTML. The template reads `view`, recomputed by `update()` /
 * `applyFilter()` when the data or a filter changes, never by getters on each change-detection pass.
 */
@Component({
    selector: 'sme-findings-page',
    templateUrl: './findings-page.component.html',
    styleUrls: ['./findings-page.component.css', './verdict-badge.css'],
    providers: [ScanService, ExclusionsService]
    // Default change detection, not OnPush: the SDK's sme-data-table lays its columns out asynchronously
    // and is only checked when this view is; under OnPush its cells no longer line up with its headers
    // (seen in the emulated shell). Each pass only reads `view`, computed once per data change.
})
export class FindingsPageComponent implements OnInit, OnDestroy {
    public readonly strings: ToolStrings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public nodeName = '';
    public connectionType = 'msft.sme.connection-type.server';
    public scanning = false;
    /** Outcomes of the nodes that answered so far, in the order they answered. */
    public outcomes: NodeOutcome[] = [];
    public merged: MergedFindings | null = null;
    /** The rows of the selected rule. */
    public rows: FindingRow[] = [];
    /** One row per VM under each rule. */
    public rowsByRule: Record<RuleId, FindingRow[]> | null = null;
    /** The rule the grid, the counts and the details pane show. */
    public rule: RuleId = ruleId;
    public bpaFilter: BpaFilter | null = null;
    public view: PageView = emptyView;
    public selected: FindingRow | null = null;
    public detailsExpanded = true;
    public filterText = '';
    public verdictFilter: Verdict | null = null;
    public showAll = false;
    public showExcluded = false;
    public scanningMessage = '';
    /** The exclusions kept on the gateway (empty until read, and when they can't be read). */
    public exclusions: KeptExclusions = emptyExclusions();
    /** Why the exclusions couldn't be read ('' when they were): the grid works on without them. */
    public exclusionsMessage = '';
    public readonly bpaFilterOptions = bpaFilters.map(value => ({ value, label: bpaFilterLabel(value, this.strings) }));
    /** The VM just excluded or included from the pane: it stays in the pane even when its row leaves the grid. */
    private paneVmId: string | null = null;
    private readonly templates = failureTemplates(this.strings);
    private scanSubscription: Subscription | null = null;
    private readonly destroyed = new Subject<void>();
    private scans = 0;

    constructor(
        private appContext: AppContextService,
        private scanService: ScanService,
        private exclusionsService: ExclusionsService,
        private changes: ChangeDetectorRef,
        @Inject(gridRenderHook) private renderHook: GridRenderHook | null) { }

    public get isCluster(): boolean {
        return this.connectionType === clusterType;
    }

    public get visibleRows(): FindingRow[] {
        return this.view.visibleRows;
    }

    public ngOnInit(): void {
        const active = this.appContext.activeConnection;
        this.nodeName = active.nodeName;
        const connection = active.value;
        this.connectionType = connection && connection.type ? connection.type : this.connectionType;
        this.scanningMessage = fillTemplate(this.strings.Grid.scanning, { host: this.nodeName });
        this.loadExclusions();
        this.refresh();
    }

    /** The exclusions saved on the gateway; failing to read them leaves the grid working without them, with a message. */
    public loadExclusions(): void {
        this.exclusionsService.load().pipe(takeUntil(this.destroyed)).subscribe({
            next: document => this.setExclusions(document),
            error: (error: unknown) => {
                const detail = settingsErrorText(error);
                Logging.logError('hvtools/FindingsPage', `Couldn't read the exclusions: ${detail}`);
                this.exclusionsMessage = fillTemplate(this.strings.Exclusions.loadFailed, { detail });
                this.setExclusions(emptyExclusions(), this.exclusionsMessage);
            }
        });
    }

    /**
     * Saved from the details pane: the rows, counts and filters follow; the VM stays in the pane even
     * when its row leaves the grid (excluded while Show excluded is off), so the admin sees the result.
     */
    public exclusionsChanged(document: KeptExclusions, vmId: string): void {
        this.paneVmId = vmId;
        this.setExclusions(document);
    }

    /** A new exclusions document (read, or saved from the details pane): the rows, counts and filters follow. */
    public setExclusions(document: KeptExclusions, message = ''): void {
        this.exclusions = document;
        this.exclusionsMessage = message;
        this.update();
    }

    /** Leaving the page: the scan's commands still running are cancelled (the ScanService then disposes its sessions). */
    public ngOnDestroy(): void {
        this.cancelScan();
        this.destroyed.next();
        this.destroyed.complete();
    }

    /** Starts a new scan; the commands of a scan still running are cancelled on the gateway first. */
    public refresh(): void {
        this.cancelScan();
        this.scanning = true;
        this.outcomes = [];
        // The rows of the last scan stay listed until the first node answers.
        this.merged = null;
        this.applyFilter();
        this.scanSubscription = this.scanAll(this.scans++ > 0).pipe(takeUntil(this.destroyed)).subscribe({
            next: outcome => this.addOutcome(outcome),
            error: (error: unknown) => {
                // A defect of the tool (the scan's own errors arrive as outcomes): say so, never spin forever.
                const failure = defectFailure(error);
                Logging.logError('hvtools/FindingsPage', `The scan failed: ${failure.detail}`);
                this.scanning = false;
                this.outcomes = this.outcomes.concat({ node: this.nodeName, outcome: { failure } });
                this.update();
            },
            complete: () => {
                this.scanning = false;
                this.update();
            }
        });
    }

    public applyFilter(): void {
        const inScope = rowsInScope(this.rows, this.showAll);
        const visibleRows = filterByBpa(filterRows(this.rows,
            { text: this.filterText, verdict: this.verdictFilter, showAll: this.showAll, showExcluded: this.showExcluded }), this.bpaFilter);
        const excluded = inScope.filter(r => !!r.excluded).length;
        const merged = this.merged;
        const failure = !this.isCluster && merged && merged.nodeFailures.length > 0 ? merged.nodeFailures[0].failure : null;
        this.view = {
            rules: this.rowsByRule ? ruleOptions(this.rowsByRule, this.showAll, this.strings) : [],
            counts: countRows(inScope).map(c => ({ ...c, label: this.verdictLabel(c.verdict) })),
            visibleRows,
            failure,
            failureMessage: failure ? this.failureText(failure, this.nodeName) : '',
            failureDetail: failure && failure.detail ? fillTemplate(this.strings.Errors.detail, { detail: failure.detail }) : '',
            nodeFailures: this.isCluster && merged ? merged.nodeFailures.map(f => ({ node: f.node, message: this.nodeFailureText(f.node, f.failure) })) : [],
            emptyMessage: this.emptyMessage(merged, failure, visibleRows.length, inScope.length),
            brokerText: merged && merged.replicaBroker ? fillTemplate(this.strings.Cluster.broker, { broker: merged.replicaBroker }) : '',
            scannedAt: merged && merged.collectedAt && !this.scanning ? { name: merged.clusterName || this.nodeName, time: merged.collectedAt } : null,
            excludedText: excluded > 0 ? fillTemplate(this.strings.Exclusions.excludedCount, { count: String(excluded) }) : ''
        };
        const selected = this.selected;
        if (selected) {
            this.selected = visibleRows.find(r => r.id === selected.id)
                || (selected.id === this.paneVmId ? this.rows.find(r => r.id === selected.id) || null : null);
        }
        this.changes.markForCheck();
    }

    /** Switches the grid, its counts and the details pane to another rule; the selected VM stays selected. */
    public selectRule(rule: RuleId): void {
        this.rule = rule;
        this.rows = this.rowsByRule ? this.rowsByRule[rule] : [];
        this.applyFilter();
    }

    public select(row: FindingRow | null): void {
        // The grid clears its selection when the row just excluded leaves it: the pane keeps that VM.
        if (!row && this.selected && this.selected.id === this.paneVmId) {
            return;
        }
        this.paneVmId = row && row.id === this.paneVmId ? this.paneVmId : null;
        this.selected = row;
        this.changes.markForCheck();
    }

    /**
     * A VM re-checked after a remediation: its facts are judged again under every rule, so its rows
     * (and the counts) change under both. The selection stays where the admin put it: on that VM if
     * it is still selected, else on the VM selected since.
     */
    public replaceFinding(finding: Finding): void {
        this.outcomes = withVmRechecked(this.outcomes, finding.vm);
        this.update();
    }

    /** Clicking a count filters by that verdict; clicking it again clears the filter. */
    public toggleVerdict(verdict: Verdict): void {
        this.verdictFilter = this.verdictFilter === verdict ? null : verdict;
        this.applyFilter();
    }

    public verdictLabel(verdict: Verdict): string {
        return this.strings.Rule.Verdict[verdictKey(verdict)];
    }

    public failureText(failure: ScanFailure, node: string): string {
        return fillTemplate(this.templates[failure.kind], { host: node, node, state: failure.detail });
    }

    public nodeFailureText(node: string, failure: ScanFailure): string {
        if (failure.kind === 'node-down') {
            return this.failureText(failure, node);
        }
        return fillTemplate(this.strings.Cluster.nodeFailed, { node, reason: `${this.failureText(failure, node)} ${failure.detail}` });
    }

    public compareVerdicts = (a: FindingRow, b: FindingRow): number => a.verdictRank - b.verdictRank;
    public compareBpa = compareBpa;
    public rowId = (row: FindingRow): string => row.id;
    public trackVerdict = (_: number, count: { verdict: Verdict }): Verdict => count.verdict;
    /**
     * By label, not by rule: the SDK's select keeps the label an option had when it was made, so an
     * option whose counts changed (the first scan's answer, a re-check) is made again.
     */
    public trackRule = (_: number, option: { label: string }): string => option.label;
    public trackNode = (_: number, failure: { node: string }): string => failure.node;

    private emptyMessage(merged: MergedFindings | null, failure: ScanFailure | null, visible: number, inScope: number): string {
        if (!merged || this.scanning || failure || visible > 0) {
            return '';
        }
        if (this.isCluster && merged.findings.length === 0 && merged.nodeFailures.length > 0) {
            return '';
        }
        const template = this.rows.length === 0 ? this.strings.Grid.emptyNoVms
            : inScope === 0 ? this.strings.Grid.emptyNoReplication : this.strings.Grid.emptyNoMatch;
        return fillTemplate(template, { host: this.nodeName });
    }

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
            catchError((error: unknown) => of({ error })),
            mergeMap(nodes => {
                if ('error' in nodes) {
                    return of<NodeOutcome>({ node: this.nodeName, outcome: { failure: failureFromError(nodes.error, Net.getErrorMessage(nodes.error)) } });
                }
                if (nodes.scan.length === 0 && nodes.notScanned.length === 0) {
                    return this.scanClusterName();
                }
                const listed = nodes.notScanned.map(n => ({ node: n.node, outcome: { failure: notScannedFailure(n.state) } }));
                return concat(of(...listed), this.scanService.scanNodes(nodes.scan));
            }));
    }

    private scanClusterName(): Observable<NodeOutcome> {
        return this.scanService.scanNodes([this.nodeName]).pipe(mergeMap(first => {
            const cluster = first.outcome.findings ? first.outcome.findings.host.cluster : null;
            return cluster && cluster.nodes.length > 0 ? this.scanService.scanNodes(cluster.nodes) : of(first);
        }));
    }

    private addOutcome(outcome: NodeOutcome): void {
        this.outcomes = this.outcomes.concat(outcome);
        if (this.renderHook) {
            this.renderHook.rowsArriving(outcome.outcome.findings ? outcome.outcome.findings.findings.length : 0);
        }
        this.update();
    }

    private update(): void {
        const merged = mergeNodeOutcomes(this.outcomes);
        this.merged = merged;
        // Exclusions are kept per connection (the server, or the cluster's name on a cluster connection) and per rule.
        const byRule = rowsByRule(merged, this.strings);
        for (const rule of ruleIds) {
            byRule[rule] = withExclusions(byRule[rule], this.exclusions.exclusions, this.nodeName, rule);
        }
        this.rowsByRule = byRule;
        this.rows = byRule[this.rule];
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
