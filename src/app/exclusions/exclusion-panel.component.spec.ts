import { CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { Observable, of, Subject, throwError } from 'rxjs';
import { FindingRow, toRow } from '../findings/finding-row';
import { gridTexts, useRealStrings } from '../findings/strings.spec-helper';
import { evaluateVm } from '../rules/evaluate';
import { integrationServicesRule } from '../rules/integration-services';
import { KvpStatus } from '../snapshot/hyperv-enums';
import { kvpWith, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { ExclusionPanelComponent } from './exclusion-panel.component';
import { Exclusion, KeptExclusions } from './exclusions';
import { ExclusionRequest, ExclusionsService, SaveFailure } from './exclusions.service';

const vmId = '6f1c3a52-9b1e-4a43-8a44-0c1d2e3f4a5b';

class FakeExclusions {
    public excluded: ExclusionRequest[] = [];
    public included: Exclusion[] = [];
    public answer: Subject<KeptExclusions> = new Subject<KeptExclusions>();
    public failure: SaveFailure = { permission: false, contention: false, detail: '' };

    public exclude(request: ExclusionRequest): Observable<KeptExclusions> {
        this.excluded.push(request);
        return this.answer;
    }

    public include(exclusion: Exclusion): Observable<KeptExclusions> {
        this.included.push(exclusion);
        return this.answer;
    }

    public explainSaveFailure(): Observable<SaveFailure> {
        return of(this.failure);
    }
}

describe('ExclusionPanelComponent', () => {
    let fixture: ComponentFixture<ExclusionPanelComponent>;
    let panel: ExclusionPanelComponent;
    let service: FakeExclusions;
    const text = () => ((fixture.nativeElement as HTMLElement).textContent || '').replace(/\s+/g, ' ');
    const click = (selector: string) => fixture.debugElement.query(By.css(selector)).triggerEventHandler('click', null);

    function failingRow(exclusion: Partial<Exclusion> | null = null, applies = true): FindingRow {
        const row = toRow(evaluateVm(vmFacts({ id: vmId, name: 'APP07', kvp: kvpWith(KvpStatus.NoContact) })), gridTexts);
        if (!exclusion) {
            return row;
        }
        const record: Exclusion = { vmId, vmName: 'APP07', host: 'hv01.corp.example', rule: integrationServicesRule.id, verdict: applies ? 'fail' : 'warn',
            reason: 'Retired on Friday', by: 'CORP\\hvadmin', at: '2026-11-27T00:10:00.000Z', ...exclusion };
        return { ...row, exclusionRecord: record, excluded: applies ? record : null };
    }

    function show(row: FindingRow): void {
        fixture.componentRef.setInput('row', row);
        fixture.detectChanges();
    }

    beforeEach(() => {
        useRealStrings();
        service = new FakeExclusions();
        TestBed.configureTestingModule({
            declarations: [ExclusionPanelComponent],
            providers: [{ provide: ExclusionsService, useValue: service }],
            schemas: [CUSTOM_ELEMENTS_SCHEMA]
        });
        fixture = TestBed.createComponent(ExclusionPanelComponent);
        panel = fixture.componentInstance;
        fixture.componentRef.setInput('host', 'hv01.corp.example');
        fixture.componentRef.setInput('rule', integrationServicesRule.id);
    });

    it('requires a reason before excluding', () => {
        show(failingRow());
        panel.reason = '   ';
        click('button.exclusion-exclude');
        fixture.detectChanges();
        expect(text()).toContain('Enter a reason.');
        expect(service.excluded).toEqual([]);
    });

    it('refuses a reason longer than 500 characters', () => {
        show(failingRow());
        panel.reason = 'x'.repeat(501);
        click('button.exclusion-exclude');
        fixture.detectChanges();
        expect(text()).toContain('The reason can have at most 500 characters.');
        expect(service.excluded).toEqual([]);
    });

    it('excludes the VM and verdict shown at the click, with the trimmed reason, and hands the saved document to the page', () => {
        show(failingRow());
        const saved: KeptExclusions[] = [];
        panel.exclusionsChange.subscribe((document: KeptExclusions) => saved.push(document));
        panel.reason = '  Retired on Friday ';
        click('button.exclusion-exclude');
        click('button.exclusion-exclude');
        expect(service.excluded).toEqual([{ vmId, vmName: 'APP07', host: 'hv01.corp.example', rule: integrationServicesRule.id, verdict: 'fail',
            reason: 'Retired on Friday' }]);
        const document = { version: 1 as const, exclusions: [], unreadable: [] };
        service.answer.next(document);
        expect(saved).toEqual([document]);
        expect(panel.saving).toBeFalse();
    });

    it('shows who excluded the finding, when and why, and includes it again', () => {
        show(failingRow({}));
        const shown = text();
        expect(shown).toContain('Excluded');
        expect(shown).toContain('Retired on Friday');
        expect(shown).toContain('CORP\\hvadmin');
        expect(fixture.debugElement.query(By.css('.exclusion-at')).nativeElement.textContent).toContain('2026');
        expect(fixture.debugElement.query(By.css('button.exclusion-exclude'))).toBeNull();
        click('button.exclusion-include');
        expect(service.included).toEqual([{ vmId, vmName: 'APP07', host: 'hv01.corp.example', rule: integrationServicesRule.id, verdict: 'fail',
            reason: 'Retired on Friday', by: 'CORP\\hvadmin', at: '2026-11-27T00:10:00.000Z' }]);
    });

    it('keeps the keyboard focus: on Include once the exclusion is shown, on Exclude once it is included again', () => {
        document.body.appendChild(fixture.nativeElement);
        const button = (selector: string) => fixture.debugElement.query(By.css(selector)).nativeElement as HTMLElement;
        show(failingRow());
        panel.reason = 'Retired on Friday';
        button('button.exclusion-exclude').focus();
        click('button.exclusion-exclude');
        fixture.detectChanges();
        service.answer.next({ version: 1, exclusions: [], unreadable: [] });
        show(failingRow({}));
        expect(document.activeElement).toBe(button('button.exclusion-include'));
        service.answer = new Subject<KeptExclusions>();
        click('button.exclusion-include');
        fixture.detectChanges();
        service.answer.next({ version: 1, exclusions: [], unreadable: [] });
        show(failingRow());
        expect(document.activeElement).toBe(button('button.exclusion-exclude'));
        fixture.nativeElement.remove();
    });

    it('says an exclusion made for another verdict doesn\'t apply, and offers Include', () => {
        show(failingRow({}, false));
        expect(text()).toContain('This VM was excluded while its verdict was Warning. Its verdict is now Fail, so the exclusion doesn\'t apply');
        expect(fixture.debugElement.query(By.css('button.exclusion-include'))).not.toBeNull();
    });

    it('names the permission when the gateway refused a user who may not write the exclusions', () => {
        show(failingRow());
        service.failure = { permission: true, contention: false, detail: 'Only gateway administrators may change admin settings.' };
        service.answer = new Subject<KeptExclusions>();
        panel.reason = 'Retired';
        click('button.exclusion-exclude');
        service.answer.error({ message: 'Only gateway administrators may change admin settings.' });
        fixture.detectChanges();
        expect(text()).toContain('Couldn\'t save the exclusion: only gateway administrators can change the exclusions, which every user of this gateway reads');
        expect(text()).toContain('The gateway said: Only gateway administrators may change admin settings.');
        expect(panel.saving).toBeFalse();
    });

    it('shows the gateway\'s message of another failure', () => {
        show(failingRow());
        service.failure = { permission: false, contention: false, detail: 'The gateway is restarting.' };
        service.answer = throwError(() => ({ message: 'The gateway is restarting.' })) as unknown as Subject<KeptExclusions>;
        panel.reason = 'Retired';
        click('button.exclusion-exclude');
        fixture.detectChanges();
        expect(text()).toContain('Couldn\'t save the exclusion: The gateway is restarting.');
    });

    it('says other admins kept saving when the save gave up', () => {
        show(failingRow());
        service.failure = { permission: false, contention: true, detail: 'Other saves wrote over this change 5 times.' };
        service.answer = throwError(() => new Error('contention')) as unknown as Subject<KeptExclusions>;
        panel.reason = 'Retired';
        click('button.exclusion-exclude');
        fixture.detectChanges();
        expect(text()).toContain('Couldn\'t save the exclusion: other admins saved exclusions at the same moment, again and again. Try again.');
    });

    it('offers nothing for a VM that passes', () => {
        show(toRow(evaluateVm(vmFacts({ id: vmId, name: 'SQL01' })), gridTexts));
        expect(text()).toBe('');
    });
});
