import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FindingsPageComponent } from './findings-page.component';

describe('FindingsPageComponent', () => {
    let fixture: ComponentFixture<FindingsPageComponent>;

    beforeEach(() => {
        (window as unknown as { MsftSme: { getStrings: () => unknown } }).MsftSme = {
            getStrings: () => ({ HvtoolsReplicaFailoverIp: { title: 'Replica failover IP check' } })
        };
        TestBed.configureTestingModule({ declarations: [FindingsPageComponent] });
        fixture = TestBed.createComponent(FindingsPageComponent);
        fixture.detectChanges();
    });

    it('shows the tool title', () => {
        expect(fixture.nativeElement.textContent).toContain('Replica failover IP check');
    });
});
