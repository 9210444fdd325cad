import { Component, OnDestroy, OnInit } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Subscription } from 'rxjs';
import { Strings } from '../../generated/strings';
import { fillTemplate } from '../rule/describe-finding';
import { countVerdicts } from '../rule/evaluate';
import { Finding, HostFindings, Verdict } from '../rule/finding';
import { ScanFailure } from '../scan/scan-failure';
import { ScanService } from '../scan/scan.service';
import { countRows, filterRows, FindingRow, GridTexts, rowsInScope, toRow, verdictKey } from './finding-row';

/**
 * The tool page: scans the connected host, shows one row per VM with its verdict, filters and a
 * details pane. Host- and VM-supplied values are bound as text only (interpolation), never as HTML.
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
    public failure: ScanFailure | null = null;
    public result: HostFindings | null = null;
    public rows: FindingRow[] = [];
    public visibleRows: FindingRow[] = [];
    public counts: { verdict: Verdict; count: number }[] = [];
    public selected: FindingRow | null = null;
    public detailsExpanded = true;
    public filterText = '';
    public verdictFilter: Verdict | null = null;
    public showAll = false;
    private scanSubscription: Subscription | null = null;

    constructor(private appContext: AppContextService, private scanService: ScanService) { }

    public ngOnInit(): void {
        this.nodeName = this.appContext.activeConnection.nodeName;
        const connection = this.appContext.activeConnection.value;
        this.connectionType = connection && connection.type ? connection.type : this.connectionType;
        this.refresh();
    }

    public ngOnDestroy(): void {
        this.cancelScan();
    }

    /** Starts a new scan; a scan still running is cancelled first. */
    public refresh(): void {
        this.cancelScan();
        this.scanning = true;
        this.failure = null;
        this.scanSubscription = this.scanService.scan(this.nodeName).subscribe(outcome => {
            this.scanning = false;
            this.failure = outcome.failure || null;
            this.result = outcome.findings || null;
            const texts = this.strings as unknown as GridTexts;
            this.rows = this.result ? this.result.findings.map(f => toRow(f, texts)) : [];
            this.applyFilter();
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
        const texts = this.strings as unknown as GridTexts;
        const row = toRow(finding, texts);
        this.rows = this.rows.map(r => r.id === row.id ? row : r);
        if (this.result) {
            const findings = this.result.findings.map(f => f.vm.id === finding.vm.id ? finding : f);
            this.result = { ...this.result, findings, counts: countVerdicts(findings) };
        }
        this.selected = row;
        this.applyFilter();
    }

    /** Clicking a count filters by that verdict; clicking it again clears the filter. */
    public toggleVerdict(verdict: Verdict): void {
        this.verdictFilter = this.verdictFilter === verdict ? null : verdict;
        this.applyFilter();
    }

    public verdictLabel(verdict: Verdict): string {
        return this.strings.Rule.Verdict[verdictKey(verdict) as keyof Strings['HvtoolsReplicaFailoverIp']['Rule']['Verdict']];
    }

    public get failureMessage(): string {
        if (!this.failure) {
            return '';
        }
        const errors = this.strings.Errors as unknown as Record<string, string>;
        return fillTemplate(errors[verdictKey(this.failure.kind as Verdict)], { host: this.nodeName });
    }

    public get failureDetail(): string {
        return this.failure && this.failure.detail ? fillTemplate(this.strings.Errors.detail, { detail: this.failure.detail }) : '';
    }

    public get emptyMessage(): string {
        if (!this.result || this.scanning || this.failure || this.visibleRows.length > 0) {
            return '';
        }
        const template = this.rows.length === 0 ? this.strings.Grid.emptyNoVms
            : rowsInScope(this.rows, this.showAll).length === 0 ? this.strings.Grid.emptyNoReplication : this.strings.Grid.emptyNoMatch;
        return fillTemplate(template, { host: this.nodeName });
    }

    public get scanningMessage(): string {
        return fillTemplate(this.strings.Grid.scanning, { host: this.nodeName });
    }

    public compareVerdicts = (a: FindingRow, b: FindingRow): number => a.verdictRank - b.verdictRank;

    public rowId = (row: FindingRow): string => row.id;

    public trackVerdict = (_: number, count: { verdict: Verdict }): Verdict => count.verdict;

    private cancelScan(): void {
        if (this.scanSubscription) {
            this.scanSubscription.unsubscribe();
            this.scanSubscription = null;
        }
    }
}
