import { CUSTOM_ELEMENTS_SCHEMA, ElementRef, EventEmitter } from '@angular/core';
import { ComponentFixture, fakeAsync, TestBed, tick } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { DataTableDownloadDataType, DataTableDownloadService } from '@microsoft/windows-admin-center-sdk/angular';
import { toRow } from '../findings/finding-row';
import { strings, useRealStrings } from '../findings/strings.spec-helper';
import { evaluate } from '../rules/evaluate';
import { NodeOutcome } from '../scan/node-outcomes';
import { outcomeFromSnapshot } from '../scan/scan-outcome';
import { KvpStatus } from '../snapshot/hyperv-enums';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { exportFields } from './export-record';
import { FindingsExportComponent } from './findings-export.component';

/** The SDK's service as the component uses it: records each download with the items the table had at that moment. */
class FakeDownloads {
    public downloadDataFinished = new EventEmitter<void>();
    public calls: { type: DataTableDownloadDataType; items: unknown[]; headers: string[] }[] = [];
    public downloadData(table: unknown, type: DataTableDownloadDataType): void {
        // Shallow render: the table is the custom element, its bound inputs are DOM properties.
        const element = (table as ElementRef<HTMLElement & { items: unknown[] }>).nativeElement;
        const headers = Array.from(element.querySelectorAll('sme-data-table-column')).map(c => (c as unknown as { header: string }).header);
        this.calls.push({ type, items: element.items, headers });
    }
}

describe('FindingsExportComponent', () => {
    let fixture: ComponentFixture<FindingsExportComponent>;
    let component: FindingsExportComponent;
    let downloads: FakeDownloads;
    const snapshot = snapshotOf([
        vmFacts({ id: '6b1f1c6e-0000-4000-8000-000000000001', name: 'SQL01' }),
        vmFacts({ id: '6b1f1c6e-0000-4000-8000-000000000002', name: '"APP07", =1+1', kvp: kvpWith(KvpStatus.NoContact) })
    ], { collectedAt: '2026-11-20T08:00:00Z' });
    const result = evaluate(snapshot);
    const outcomes: NodeOutcome[] = [{ node: 'hv01.corp.example', outcome: outcomeFromSnapshot(snapshot) }];
    const rows = result.findings.map(f => toRow(f, strings.HvtoolsReplicaFailoverIp, { node: 'hv01.corp.example', host: result.host }));

    beforeEach(() => {
        useRealStrings();
        TestBed.configureTestingModule({ declarations: [FindingsExportComponent], schemas: [CUSTOM_ELEMENTS_SCHEMA] });
        TestBed.overrideComponent(FindingsExportComponent, { set: { providers: [{ provide: DataTableDownloadService, useClass: FakeDownloads }] } });
        fixture = TestBed.createComponent(FindingsExportComponent);
        component = fixture.componentInstance;
        downloads = fixture.debugElement.injector.get(DataTableDownloadService) as unknown as FakeDownloads;
        component.rows = rows;
        component.outcomes = outcomes;
        fixture.detectChanges();
    });

    it('builds nothing and has no table in the page until asked; the table it makes is out of sight', fakeAsync(() => {
        expect(fixture.debugElement.query(By.css('sme-data-table'))).toBeNull();
        component.download('csv');
        const table = fixture.debugElement.query(By.css('sme-data-table'));
        expect((table.nativeElement as HTMLElement).closest('[hidden]')).not.toBeNull();
        expect(downloads.calls).toEqual([]);
        tick();
        expect(downloads.calls.length).toBe(1);
    }));

    it('hands the SDK a table with the export\'s localized columns and the rows as CSV cells', fakeAsync(() => {
        component.download('csv');
        tick();
        expect(downloads.calls.length).toBe(1);
        const call = downloads.calls[0];
        expect(call.type).toBe(DataTableDownloadDataType.CSV);
        expect(call.headers.length).toBe(exportFields.length);
        expect(call.headers[0]).toBe('\uFEFF"Host or cluster"');
        expect(call.headers[2]).toBe('"VM"');
        const cells = call.items as Record<string, string>[];
        expect(cells.map(c => c['vmName'])).toEqual(['"SQL01"', '"""APP07"", =1+1"']);
        expect(cells[1]['verdict']).toBe('"Fail"');
        expect(cells[0]['collectedAt']).toBe('"2026-11-20T08:00:00Z"');
    }));

    it('hands the SDK the records themselves for JSON, and removes the table when the SDK is done', fakeAsync(() => {
        component.download('json');
        tick();
        const call = downloads.calls[0];
        expect(call.type).toBe(DataTableDownloadDataType.JSON);
        const records = call.items as { vmName: string; verdict: string; vmId: string }[];
        expect(records.map(r => [r.vmName, r.verdict, r.vmId])).toEqual([
            ['SQL01', 'pass', '6b1f1c6e-0000-4000-8000-000000000001'],
            ['"APP07", =1+1', 'fail', '6b1f1c6e-0000-4000-8000-000000000002']
        ]);
        downloads.downloadDataFinished.emit();
        fixture.detectChanges();
        expect(fixture.debugElement.query(By.css('sme-data-table'))).toBeNull();
    }));

    it('ignores a second request while a download runs, then takes the next one', fakeAsync(() => {
        component.download('csv');
        component.download('json');
        tick();
        expect(downloads.calls.map(c => c.type)).toEqual([DataTableDownloadDataType.CSV]);
        downloads.downloadDataFinished.emit();
        component.download('json');
        tick();
        expect(downloads.calls.map(c => c.type)).toEqual([DataTableDownloadDataType.CSV, DataTableDownloadDataType.JSON]);
    }));

    it('exports the rows it is given now: a narrower list after a filter', fakeAsync(() => {
        component.rows = rows.slice(1);
        component.download('json');
        tick();
        expect((downloads.calls[0].items as { vmName: string }[]).map(r => r.vmName)).toEqual(['"APP07", =1+1']);
    }));
});
