import { ChangeDetectorRef, Component, Inject, OnDestroy, OnInit } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Logging } from '@microsoft/windows-admin-center-sdk/core';
import { Subject, Subscription } from 'rxjs';
import { takeUntil } from 'rxjs/operators';
import { Strings } from '../../generated/strings';
import { fillTemplate } from '../common/text';
import { emptyExclusions, KeptExclusions, UnreadableExclusion } from '../exclusions/exclusions';
import { ExclusionsService, settingsErrorText } from '../exclusions/exclusions.service';
import { HostChangesService } from '../remediation/host-changes.service';
import { RuleId, Verdict, VmFindings } from '../rules/finding';
import { RuleDefinition } from '../rules/rule-definition';
import { RULES } from '../rules/rules.token';
import { MergedFindings, mergeNodeOutcomes, NodeOutcome, withVmReplaced } from '../scan/node-outcomes';
import { defectFailure, ScanFailure, ScanFailureKind } from '../scan/scan-failure';
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

/** The admin's choices: the rule the page shows, the filters and the options (the template binds them). */
export interface PageFilter {
    rule: RuleId;
    /** Case-insensitive text matched against the row's fields. */
    text: string;
    verdict: Verdict | null;
    bpa: BpaFilter | null;
    /** false: only VMs that take part in replication. */
    showAll: boolean;
    /** true: excluded rows are listed too (marked). */
    showExcluded: boolean;
}

/** Everything the template shows, computed once per change of the data or the filters (never per change-detection pass). */
export interface PageView {
    filter: PageFilter;
    nodeName: string;
    connectionType: string;
    isCluster: boolean;
    scanning: boolean;
    scanningMessage: string;
    /** Outcomes of the nodes that answered so far, in the order they answered (what Export writes). */
    outcomes: NodeOutcome[];
    /** One row per VM under each rule. */
    rowsByRule: Record<RuleId, FindingRow[]>;
    /** The rows of the selected rule. */
    rows: FindingRow[];
    /** The rule switch: each rule with its fail and warning counts. */
    rules: { rule: RuleId; label: string }[];
    /** The selected rule's counts per verdict. */
    counts: { verdict: Verdict; count: number; label: string }[];
    visibleRows: FindingRow[];
    selected: FindingRow | null;
    detailsExpanded: boolean;
    /** A server's failure (the whole page); on a cluster, failures are listed per node instead. */
    failure: ScanFailure | null;
    failureMessage: string;
    failureDetail: string;
    nodeFailures: { node: string; message: string }[];
    emptyMessage: string;
    brokerText: string;
    /** Names the hosts whose failover settings were tied to adapters by the InstanceID guess. */
    mappingText: string;
    scannedAt: { name: string; time: string } | null;
    /** "Excluded: n": the VMs in scope whose exclusion applies (they are not in `counts`). */
    excludedText: string;
    /** Why the exclusions couldn't be read ('' when they were): the grid works on without them. */
    exclusionsMessage: string;
    /** Records of the exclusions document that can't be read: listed with Remove. */
    unreadableExclusions: UnreadableExclusion[];
}

/**
 * The tool page: scans the connected server, or every node of a cluster in parallel (ScanService),
 * shows one row per VM with its verdict under the selected rule, filters and a details pane.
 * Host- and VM-supplied values are bound as text only (interpolation), never as HTML. The template
 * reads `view` alone, recomputed by `update()` / `applyFilter()` when the data or a filter changes,
 * never by getters on each change-detection pass.
 */
@Component({
    selector: 'sme-findings-page',
    templateUrl: './findings-page.component.html',
    styleUrls: ['./findings-page.component.css', './verdict-badge.css'],
    providers: [ScanService, ExclusionsService, HostChangesService]
    // Default change detection, not OnPush: the SDK's sme-data-table lays its columns out asynchronously
    // and is only checked when this view is; under OnPush its cells no longer line up with its headers
    // (seen in the emulated shell). Each pass only reads `view`, computed once per data change.
})
export class FindingsPageComponent implements OnInit, OnDestroy {
    public readonly strings: ToolStrings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public readonly bpaFilterOptions = bpaFilters.map(value => ({ value, label: bpaFilterLabel(value, this.strings) }));
    public view: PageView;
    private merged: MergedFindings | null = null;
    /** The exclusions kept on the gateway (empty until read, and when they can't be read). */
    private exclusions: KeptExclusions = emptyExclusions();
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
        private hostChanges: HostChangesService,
        private changes: ChangeDetectorRef,
        @Inject(RULES) private rules: readonly RuleDefinition[],
        @Inject(gridRenderHook) private renderHook: GridRenderHook | null) {
        this.view = {
            filter: { rule: rules[0].id, text: '', verdict: null, bpa: null, showAll: false, showExcluded: false },
            nodeName: '', connectionType: 'msft.sme.connection-type.server', isCluster: false, scanning: false, scanningMessage: '',
            outcomes: [], rowsByRule: {}, rows: [], rules: [], counts: [], visibleRows: [], selected: null, detailsExpanded: true,
            failure: null, failureMessage: '', failureDetail: '', nodeFailures: [], emptyMessage: '', brokerText: '', mappingText: '', scannedAt: null,
            excludedText: '', exclusionsMessage: '', unreadableExclusions: []
        };
    }

    public ngOnInit(): void {
        const active = this.appContext.activeConnection;
        const connection = active.value;
        const connectionType = connection && connection.type ? connection.type : this.view.connectionType;
        this.view = {
            ...this.view, nodeName: active.nodeName, connectionType, isCluster: connectionType === clusterType,
            scanningMessage: fillTemplate(this.strings.Grid.scanning, { host: active.nodeName })
        };
        this.hostChanges.rechecked.pipe(takeUntil(this.destroyed)).subscribe(vm => this.replaceVm(vm));
        this.hostChanges.rescan.pipe(takeUntil(this.destroyed)).subscribe(() => this.refresh());
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
                this.setExclusions(emptyExclusions(), fillTemplate(this.strings.Exclusions.loadFailed, { detail }));
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
        this.view = { ...this.view, exclusionsMessage: message, unreadableExclusions: document.unreadable };
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
        // The rows of the last scan stay listed until the first node answers.
        this.merged = null;
        this.view = { ...this.view, scanning: true, outcomes: [] };
        this.applyFilter();
        const { nodeName, isCluster } = this.view;
        this.scanSubscription = this.scanService.scanConnection(nodeName, isCluster, this.scans++ > 0).pipe(takeUntil(this.destroyed)).subscribe({
            next: outcome => this.addOutcome(outcome),
            error: (error: unknown) => {
                // A defect of the tool (the scan's own errors arrive as outcomes): say so, never spin forever.
                const failure = defectFailure(error);
                Logging.logError('hvtools/FindingsPage', `The scan failed: ${failure.detail}`);
                this.view = { ...this.view, scanning: false, outcomes: this.view.outcomes.concat({ node: nodeName, outcome: { failure } }) };
                this.update();
            },
            complete: () => {
                this.view = { ...this.view, scanning: false };
                this.update();
            }
        });
    }

    public applyFilter(): void {
        const view = this.view;
        const { filter, rows, isCluster, nodeName } = view;
        const inScope = rowsInScope(rows, filter.showAll);
        const visibleRows = filterByBpa(filterRows(rows,
            { text: filter.text, verdict: filter.verdict, showAll: filter.showAll, showExcluded: filter.showExcluded }), filter.bpa);
        const excluded = inScope.filter(r => !!r.excluded).length;
        const merged = this.merged;
        const failure = !isCluster && merged && merged.nodeFailures.length > 0 ? merged.nodeFailures[0].failure : null;
        const selected = view.selected;
        this.view = {
            ...view,
            rules: ruleOptions(view.rowsByRule, filter.showAll, this.strings, this.rules),
            counts: countRows(inScope).map(c => ({ ...c, label: this.verdictLabel(c.verdict) })),
            visibleRows,
            selected: selected && (visibleRows.find(r => r.id === selected.id)
                || (selected.id === this.paneVmId ? rows.find(r => r.id === selected.id) : null)) || null,
            failure,
            failureMessage: failure ? this.failureText(failure, nodeName) : '',
            failureDetail: failure && failure.detail ? fillTemplate(this.strings.Errors.detail, { detail: failure.detail }) : '',
            nodeFailures: isCluster && merged ? merged.nodeFailures.map(f => ({ node: f.node, message: this.nodeFailureText(f.node, f.failure) })) : [],
            emptyMessage: this.emptyMessage(merged, failure, visibleRows.length, inScope.length),
            brokerText: merged && merged.replicaBroker ? fillTemplate(this.strings.Cluster.broker, { broker: merged.replicaBroker }) : '',
            mappingText: merged && merged.guessedFailoverMapping.length > 0
                ? fillTemplate(this.strings.Grid.failoverMappingGuess, { hosts: merged.guessedFailoverMapping.join(', ') }) : '',
            scannedAt: merged && merged.collectedAt && !view.scanning ? { name: merged.clusterName || nodeName, time: merged.collectedAt } : null,
            excludedText: excluded > 0 ? fillTemplate(this.strings.Exclusions.excludedCount, { count: String(excluded) }) : ''
        };
        this.changes.markForCheck();
    }

    /** Switches the grid, its counts and the details pane to another rule; the selected VM stays selected. */
    public selectRule(rule: RuleId): void {
        this.view = { ...this.view, filter: { ...this.view.filter, rule }, rows: this.view.rowsByRule[rule] || [] };
        this.applyFilter();
    }

    public select(row: FindingRow | null): void {
        const selected = this.view.selected;
        // The grid clears its selection when the row just excluded leaves it: the pane keeps that VM.
        if (!row && selected && selected.id === this.paneVmId) {
            return;
        }
        this.paneVmId = row && row.id === this.paneVmId ? this.paneVmId : null;
        this.view = { ...this.view, selected: row };
        this.changes.markForCheck();
    }

    /**
     * A VM re-checked after a change, judged under every rule on the host's answer: its rows (and the
     * counts) change under every rule. The selection stays where the admin put it: on that VM if it
     * is still selected, else on the VM selected since.
     */
    public replaceVm(rechecked: VmFindings): void {
        this.view = { ...this.view, outcomes: withVmReplaced(this.view.outcomes, rechecked) };
        this.update();
    }

    /** Clicking a count filters by that verdict; clicking it again clears the filter. */
    public toggleVerdict(verdict: Verdict): void {
        const filter = this.view.filter;
        this.view = { ...this.view, filter: { ...filter, verdict: filter.verdict === verdict ? null : verdict } };
        this.applyFilter();
    }

    public verdictLabel(verdict: Verdict): string {
        return this.strings.Finding.Verdict[verdictKey(verdict)];
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
        if (!merged || this.view.scanning || failure || visible > 0) {
            return '';
        }
        if (this.view.isCluster && merged.vms.length === 0 && merged.nodeFailures.length > 0) {
            return '';
        }
        const template = this.view.rows.length === 0 ? this.strings.Grid.emptyNoVms
            : inScope === 0 ? this.strings.Grid.emptyNoReplication : this.strings.Grid.emptyNoMatch;
        return fillTemplate(template, { host: this.view.nodeName });
    }

    private addOutcome(outcome: NodeOutcome): void {
        this.view = { ...this.view, outcomes: this.view.outcomes.concat(outcome) };
        if (this.renderHook) {
            this.renderHook.rowsArriving(outcome.outcome.vms ? outcome.outcome.vms.length : 0);
        }
        this.update();
    }

    private update(): void {
        const merged = mergeNodeOutcomes(this.view.outcomes);
        this.merged = merged;
        // Exclusions are kept per connection (the server, or the cluster's name on a cluster connection) and per rule.
        const byRule = rowsByRule(merged, this.strings, this.rules);
        for (const rule of this.rules) {
            byRule[rule.id] = withExclusions(byRule[rule.id], this.exclusions.exclusions, this.view.nodeName, rule.id);
        }
        this.view = { ...this.view, rowsByRule: byRule, rows: byRule[this.view.filter.rule] || [] };
        this.applyFilter();
    }

    private cancelScan(): void {
        if (this.scanSubscription) {
            this.scanSubscription.unsubscribe();
            this.scanSubscription = null;
            if (this.view.scanning) {
                this.scanService.cancel();
            }
        }
    }
}
