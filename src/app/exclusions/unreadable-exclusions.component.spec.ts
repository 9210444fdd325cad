import { CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { Observable, of, Subject } from 'rxjs';
import { useRealStrings } from '../findings/strings.spec-helper';
import { KeptExclusions, readExclusions, UnreadableExclusion } from './exclusions';
import { ExclusionsService, SaveFailure } from './exclusions.service';
import { UnreadableExclusionsComponent } from './unreadable-exclusions.component';

class FakeExclusions {
    public removed: UnreadableExclusion[] = [];
    public answer = new Subject<KeptExclusions>();
    public failure: SaveFailure = { permission: false, contention: false, detail: '' };

    public removeUnreadable(record: UnreadableExclusion): Observable<KeptExclusions> {
        this.removed.push(record);
        return this.answer;
    }

    public explainSaveFailure(): Observable<SaveFailure> {
        return of(this.failure);
    }
}

describe('UnreadableExclusionsComponent', () => {
    let fixture: ComponentFixture<UnreadableExclusionsComponent>;
    let service: FakeExclusions;
    const text = () => ((fixture.nativeElement as HTMLElement).textContent || '').replace(/\s+/g, ' ');
    const good = { vmId: '6f1c3a52-9b1e-4a43-8a44-0c1d2e3f4a5b', vmName: 'APP07', host: 'hv01.corp.example',
        rule: 'hyperv-replica-failover-ip-integration-services', verdict: 'fail', reason: 'Retired', by: 'CORP\\hvadmin', at: '2026-11-27T00:10:00.000Z' };
    const kept = readExclusions({ version: 1, exclusions: [good, { ...good, vmId: 'NOT-A-GUID' }, { ...good, vmName: 'DB01', verdict: 'nonsense' }] });

    beforeEach(() => {
        useRealStrings();
        service = new FakeExclusions();
        TestBed.configureTestingModule({
            declarations: [UnreadableExclusionsComponent],
            providers: [{ provide: ExclusionsService, useValue: service }],
            schemas: [CUSTOM_ELEMENTS_SCHEMA]
        });
        fixture = TestBed.createComponent(UnreadableExclusionsComponent);
        fixture.componentRef.setInput('unreadable', kept.unreadable);
        fixture.detectChanges();
    });

    it('lists each unreadable record by index and field, with Remove', () => {
        expect(text()).toContain('Exclusions that can\'t be read');
        const items = fixture.debugElement.queryAll(By.css('.unreadable-exclusion'));
        expect(items.map(i => (i.nativeElement as HTMLElement).querySelector('.unreadable-problem')?.textContent?.trim())).toEqual([
            'exclusions[1].vmId: is not a GUID: \'NOT-A-GUID\'',
            'exclusions[2].verdict: is not a verdict: \'nonsense\' (fail, warn, scan-error, unknown, pass, not-applicable)']);
        expect(items.map(i => (i.nativeElement as HTMLElement).querySelector('button')?.textContent?.trim())).toEqual(['Remove', 'Remove']);
    });

    it('removes the record clicked and hands the saved exclusions to the page', () => {
        const saved: KeptExclusions[] = [];
        fixture.componentInstance.exclusionsChange.subscribe((document: KeptExclusions) => saved.push(document));
        fixture.debugElement.queryAll(By.css('button.unreadable-remove'))[1].triggerEventHandler('click', null);
        expect(service.removed).toEqual([kept.unreadable[1]]);
        const after = { ...kept, unreadable: [kept.unreadable[0]] };
        service.answer.next(after);
        expect(saved).toEqual([after]);
    });

    it('says why a removal was refused', () => {
        service.failure = { permission: true, contention: false, detail: 'CORP\\hvreader is not a gateway administrator.' };
        fixture.debugElement.queryAll(By.css('button.unreadable-remove'))[0].triggerEventHandler('click', null);
        service.answer.error({ message: 'refused' });
        fixture.detectChanges();
        expect(text()).toContain('Couldn\'t remove the record: only gateway administrators can change the exclusions');
    });

    it('shows nothing when every record can be read', () => {
        fixture.componentRef.setInput('unreadable', []);
        fixture.detectChanges();
        expect(text().trim()).toBe('');
    });
});
