import { ChangeDetectionStrategy, ChangeDetectorRef, Component, Input, OnDestroy, ViewChild } from '@angular/core';
import { DataTableComponent, DataTableDownloadDataType, DataTableDownloadService } from '@microsoft/windows-admin-center-sdk/angular';
import { Subscription } from 'rxjs';
import { Strings } from '../../generated/strings';
import { NodeOutcome } from '../scan/node-outcomes';
import { buildExportRecords, csvColumns, csvItems, ExportField, ExportRecord, ExportSource } from './export-record';

export type ExportFormat = 'csv' | 'json';

/**
 * Export: downloads the rows the grid lists through the SDK's DataTableDownloadService (the service
 * behind sme-master-view's download button), which writes a data table's `items`: as JSON the items
 * themselves, as CSV one column per column of the table, headed by its `header`. The grid's own
 * table has other columns (what fits on screen) and the SDK leaves hidden columns out of the CSV,
 * so this component makes a second sme-data-table, never shown, whose columns are the export's,
 * with localized headers, only for the moment of a download (nothing is built, and no second table
 * is in the page, while the admin just looks at the grid): its items are the export records for
 * JSON, their encoded CSV cells for CSV.
 * The SDK shows the in-progress, success and failure notifications and starts the file download.
 */
@Component({
    selector: 'sme-findings-export',
    template: `
        <div *ngIf="items" class="findings-export-table" hidden aria-hidden="true">
            <sme-data-table #exportTable [items]="items">
                <sme-data-table-column *ngFor="let c of columns; trackBy: trackField" [field]="c.field" [header]="c.header"></sme-data-table-column>
            </sme-data-table>
        </div>`,
    providers: [DataTableDownloadService],
    changeDetection: ChangeDetectionStrategy.OnPush
})
export class FindingsExportComponent implements OnDestroy {
    /** The rows the grid lists (after its filters), in the grid's order. */
    @Input() public rows: readonly ExportSource[] = [];
    /** The nodes' scan outcomes: each node's collection time. */
    @Input() public outcomes: readonly NodeOutcome[] = [];

    @ViewChild('exportTable') public table: DataTableComponent | undefined;

    public readonly strings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public readonly columns: { field: ExportField; header: string }[] = csvColumns(this.strings);
    /** The items of the export's table; null (no table in the page at all) except during a download. */
    public items: (ExportRecord | Record<ExportField, string>)[] | null = null;
    public busy = false;
    private finished: Subscription;

    constructor(private downloads: DataTableDownloadService, private changes: ChangeDetectorRef) {
        this.finished = this.downloads.downloadDataFinished.subscribe(() => {
            this.busy = false;
            this.items = null;
            this.changes.markForCheck();
        });
    }

    /** Downloads the grid's rows as CSV or JSON; a second request while one runs is ignored (as the master view's button does). */
    public download(format: ExportFormat): void {
        if (this.busy) {
            return;
        }
        const collected = new Map<string, string>();
        for (const o of this.outcomes) {
            if (o.outcome.collectedAt) {
                collected.set(o.node, o.outcome.collectedAt);
            }
        }
        const sources = this.rows.slice();
        const records = buildExportRecords(sources, node => collected.get(node) || null);
        this.items = format === 'csv' ? csvItems(records, sources, this.strings) : records;
        this.busy = true;
        // The SDK reads the table's items and columns: make the table with them first. sme-data-table
        // lays its columns out in a timeout of its own, set when its view is made: ask the SDK after it.
        this.changes.detectChanges();
        setTimeout(() => {
            if (this.table) {
                this.downloads.downloadData(this.table, format === 'csv' ? DataTableDownloadDataType.CSV : DataTableDownloadDataType.JSON);
            } else {
                this.busy = false;
                this.items = null;
                this.changes.markForCheck();
            }
        });
    }

    public trackField = (_: number, column: { field: ExportField }): ExportField => column.field;

    public ngOnDestroy(): void {
        this.finished.unsubscribe();
    }
}
