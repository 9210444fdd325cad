import { ComponentFixture, TestBed } from '@angular/core/testing';
import { NotificationState } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, of, Subject, throwError } from 'rxjs';
import { toRow } from '../findings/finding-row';
import { gridTexts, useRealStrings } from '../findings/strings.spec-helper';
import { evaluate, evaluateVm } from '../rule/evaluate';
import { ScanOutcome } from '../scan/scan-outcome';
import { KvpStatus } from '../snapshot/hyperv-enums';
import { SnapshotHost } from '../snapshot/snapshot';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { FindingActionsComponent } from './finding-actions.component';
import { RemediationResult } from './remediation-result';
import { RemediationService } from './remediation.service';
import { RoleRefusal } from './role-refusal';

const vmId = '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162';
const host2012: SnapshotHost = { name: 'HV2012', osVersion: '6.3.9600', culture: 'en-US', cluster: null, setupDisk: 'C:\\Windows\\System32\\vmguest.iso' };

/** A remediation service whose dialog, scripts and re-check the test controls; it records notifications and runs. */
class FakeRemediation {
    public answer = new Subject<boolean>();
    public runs: { script: string; vmId: string; parameters: Record<string, boolean> }[] = [];
    public notifications: { state: NotificationState; message: string }[] = [];
    public result: Observable<RemediationResult> = of({ status: 'inserted', changed: true, drive: 'IDE 1:0', before: 'D:\\ISO\\sql.iso', after: 'x.iso' });
    public virtualMachinesToolInstalled = false;

    public confirm(): Observable<boolean> {
        return this.answer;
    }
    public run(_: string, script: string, id: string, parameters: Record<string, boolean> = {}): Observable<RemediationResult> {
        this.runs.push({ script, vmId: id, parameters });
        return this.result;
    }
    public rechecks = 0;
    public recheckOutcome: ScanOutcome | null = null;
    public recheck(): Observable<ScanOutcome> {
        this.rechecks++;
        if (this.recheckOutcome) {
            return of(this.recheckOutcome);
        }
        return of({ findings: evaluate(snapshotOf([vmFacts({ id: vmId, name: 'LEGACY-SQL', kvp: kvpWith(KvpStatus.NoContact),
            setupDiskRestore: { drive: 'IDE 1:0', previousPath: 'D:\\ISO\\sql.iso' } })])) });
    }
    public notify(_: string, __: string, state: NotificationState, ___: string, message: string): void {
        this.notifications.push({ state, message });
    }
    public errorMessage(error: unknown): string {
        return (error as { message?: string }).message || 'error';
    }
}

describe('FindingActionsComponent', () => {
    let fixture: ComponentFixture<FindingActionsComponent>;
    let fake: FakeRemediation;
    const button = (name: string) => (fixture.nativeElement as HTMLElement).querySelector(`button.action-${name}`) as HTMLButtonElement;

    beforeEach(() => {
        useRealStrings();
        fake = new FakeRemediation();
        TestBed.configureTestingModule({ declarations: [FindingActionsComponent], providers: [{ provide: RemediationService, useValue: fake }] });
        fixture = TestBed.createComponent(FindingActionsComponent);
        const vm = vmFacts({ id: vmId, name: 'LEGACY-SQL', kvp: kvpWith(KvpStatus.NoContact), guestOs: null,
            dvdDrives: [{ controllerType: 'IDE', controller: 1, location: 0, path: 'D:\\ISO\\sql.iso' }] });
        fixture.componentInstance.row = toRow(evaluateVm(vm), gridTexts, { node: 'hv2012.corp.example', host: host2012 });
        fixture.componentInstance.host = host2012;
        fixture.componentInstance.node = 'hv2012.corp.example';
        fixture.detectChanges();
    });

    it('asks first, then inserts by VM Id (replacing the held ISO), notifies and reports the re-checked VM', () => {
        const changed: string[] = [];
        fixture.componentInstance.findingChange.subscribe(f => changed.push(f.vm.setupDiskRestore.previousPath));
        button('insert').click();
        expect(fake.runs).toEqual([]);
        fixture.detectChanges();
        expect(button('insert').disabled).toBeTrue();
        fake.answer.next(true);
        fake.answer.complete();
        fixture.detectChanges();
        expect(fake.runs).toEqual([{ script: 'insert', vmId, parameters: { replaceMedia: true } }]);
        expect(fake.notifications.map(n => n.state)).toEqual([NotificationState.InProgress, NotificationState.Success]);
        expect(fake.notifications[1].message).toBe('Inserted the setup disk into IDE 1:0 of LEGACY-SQL. Run the setup inside the guest.');
        expect(changed).toEqual(['D:\\ISO\\sql.iso']);
        expect(button('insert').disabled).toBeFalse();
    });

    it('changes nothing when the admin cancels', () => {
        button('insert').click();
        fake.answer.next(false);
        fake.answer.complete();
        expect(fake.runs).toEqual([]);
        expect(fake.notifications).toEqual([]);
    });

    it('ignores a second click while an action runs (no double submit)', () => {
        button('insert').click();
        fixture.componentInstance.insert();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.runs.length).toBe(1);
    });

    it('explains that the admin\'s role does not allow the change', () => {
        fake.result = throwError(() => ({ status: 403, message: 'Forbidden' }));
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        const last = fake.notifications[fake.notifications.length - 1];
        expect(last.state).toBe(NotificationState.Error);
        expect(last.message).toBe('Couldn\'t change LEGACY-SQL: your account isn\'t allowed to change hv2012.corp.example. '
            + 'This needs the Administrators role on the host.');
    });

    it('explains the same when a JEA session refused the command for the user\'s role', () => {
        const refusal = new RoleRefusal('Mount-IntegrationServicesSetupDisk', 'The term \'Mount-IntegrationServicesSetupDisk\' is not recognized');
        fake.result = throwError(() => refusal);
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        const last = fake.notifications[fake.notifications.length - 1];
        expect(last.state).toBe(NotificationState.Error);
        expect(last.message).toBe('Couldn\'t change LEGACY-SQL: your account isn\'t allowed to change hv2012.corp.example. '
            + 'This needs the Administrators role on the host.');
    });

    it('says "Couldn\'t ..." with the reason for other failures', () => {
        fake.result = throwError(() => new Error('The device is not ready.'));
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.notifications[fake.notifications.length - 1].message)
            .toBe('Couldn\'t change LEGACY-SQL on hv2012.corp.example: The device is not ready.');
    });

    it('says so when the VM is no longer on the host, re-scans the host and re-checks nothing', () => {
        const rescans: number[] = [];
        const changed: unknown[] = [];
        fixture.componentInstance.rescan.subscribe(() => rescans.push(1));
        fixture.componentInstance.findingChange.subscribe(f => changed.push(f));
        fake.result = of({ status: 'vm-not-found', changed: false, drive: null, before: null, after: null });
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        const last = fake.notifications[fake.notifications.length - 1];
        expect(last.state).toBe(NotificationState.Warning);
        expect(last.message).toBe('LEGACY-SQL isn\'t on hv2012.corp.example any more (deleted, or moved to another host): nothing was changed. '
            + 'The list is being scanned again.');
        expect(rescans.length).toBe(1);
        expect(fake.rechecks).toBe(0);
        expect(changed).toEqual([]);
    });

    it('re-scans the host when the VM left it between the change and the re-check', () => {
        const rescans: number[] = [];
        fixture.componentInstance.rescan.subscribe(() => rescans.push(1));
        fake.recheckOutcome = { findings: evaluate(snapshotOf([])) };
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.notifications.map(n => n.state)).toEqual([NotificationState.InProgress, NotificationState.Success, NotificationState.Warning]);
        expect(fake.notifications[2].message).toContain('isn\'t on hv2012.corp.example any more');
        expect(rescans.length).toBe(1);
    });

    it('says the kept ISO is missing when Restore can\'t put it back', () => {
        fake.result = of({ status: 'previous-media-missing', changed: false, drive: 'IDE 1:0', before: 'x', after: 'x' });
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.notifications[1].state).toBe(NotificationState.Warning);
        expect(fake.notifications[1].message).toBe('Couldn\'t put back the ISO LEGACY-SQL had in IDE 1:0: the file isn\'t on hv2012.corp.example '
            + '(it may have stayed on another node). The setup disk stays in the drive.');
    });
});
