import { ComponentFixture, TestBed } from '@angular/core/testing';
import { NotificationState } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, of, Subject, throwError } from 'rxjs';
import { useRealStrings } from '../findings/strings.spec-helper';
import { evaluate, evaluateVm } from '../rules/evaluate';
import { outcomeFromSnapshot, ScanOutcome } from '../scan/scan-outcome';
import { KvpStatus } from '../snapshot/hyperv-enums';
import { SnapshotHost } from '../snapshot/snapshot';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { FindingActionsComponent } from './finding-actions.component';
import { HostChangesService } from './host-changes.service';
import { RemediationResult } from './remediation-result';
import { RemediationService } from './remediation.service';
import { RoleRefusal } from './role-refusal';

const vmId = '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162';
const host2012: SnapshotHost = { name: 'HV2012', osVersion: '6.3.9600', culture: 'en-US', cluster: null, setupDisk: 'C:\\Windows\\System32\\vmguest.iso' };

/** A remediation service whose dialog, scripts and re-check the test controls; it records notifications and runs. */
class FakeRemediation {
    public answer = new Subject<boolean>();
    public runs: { script: string; vmId: string; parameters: Record<string, boolean | string> }[] = [];
    public notifications: { node: string; state: NotificationState; message: string }[] = [];
    public result: Observable<RemediationResult> = of({ status: 'inserted', changed: true, drive: 'IDE 1:0', before: 'D:\\ISO\\sql.iso', after: 'x.iso' });
    public virtualMachinesToolInstalled = false;

    public dialogs = 0;
    public confirm(): Observable<boolean> {
        this.dialogs++;
        return this.answer;
    }
    public openResult: Promise<unknown> = Promise.resolve(true);
    public openVirtualMachinesTool(): Promise<unknown> {
        return this.openResult;
    }
    public runNodes: string[] = [];
    public run(node: string, script: string, id: string, parameters: Record<string, boolean | string> = {}): Observable<RemediationResult> {
        this.runNodes.push(node);
        this.runs.push({ script, vmId: id, parameters });
        return this.result;
    }
    public rechecks = 0;
    public recheckTargets: { node: string; vmId: string }[] = [];
    public recheckOutcome: ScanOutcome | null = null;
    public recheck(node: string, id: string): Observable<ScanOutcome> {
        this.rechecks++;
        this.recheckTargets.push({ node, vmId: id });
        if (this.recheckOutcome) {
            return of(this.recheckOutcome);
        }
        return of(outcomeFromSnapshot(snapshotOf([vmFacts({ id: vmId, name: 'LEGACY-SQL', kvp: kvpWith(KvpStatus.NoContact),
            setupDiskRestore: { drive: 'IDE 1:0', previousPath: 'D:\\ISO\\sql.iso' } })])));
    }
    public notify(node: string, __: string, state: NotificationState, ___: string, message: string): void {
        this.notifications.push({ node, state, message });
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
        TestBed.configureTestingModule({
            declarations: [FindingActionsComponent], providers: [{ provide: RemediationService, useValue: fake }, HostChangesService] });
        fixture = TestBed.createComponent(FindingActionsComponent);
        const vm = vmFacts({ id: vmId, name: 'LEGACY-SQL', kvp: kvpWith(KvpStatus.NoContact), guestOs: null,
            dvdDrives: [{ controllerType: 'IDE', controller: 1, location: 0, path: 'D:\\ISO\\sql.iso' }] });
        fixture.componentRef.setInput('finding', evaluateVm(vm));
        fixture.componentRef.setInput('host', host2012);
        fixture.componentRef.setInput('node', 'hv2012.corp.example');
        fixture.detectChanges();
    });

    it('asks first, then inserts by VM Id (replacing the held ISO), notifies and reports the re-checked VM', () => {
        const changed: string[] = [];
        TestBed.inject(HostChangesService).rechecked.subscribe(f => changed.push(f.vm.setupDiskRestore?.previousPath || ''));
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

    it('ignores a second click while an action runs, before asking again (no double submit)', () => {
        button('insert').click();
        fixture.componentInstance.insert();
        fixture.componentInstance.enable();
        expect(fake.dialogs).toBe(1);
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.runs.length).toBe(1);
    });

    describe('when another VM is selected while a change runs', () => {
        const otherId = '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9';
        const selectOther = () => {
            fixture.componentRef.setInput('finding', evaluateVm(vmFacts({ id: otherId, name: 'OTHER-VM', kvp: kvpWith(KvpStatus.NoContact), guestOs: null,
                dvdDrives: [{ controllerType: 'IDE', controller: 1, location: 0, path: null }] })));
            fixture.componentRef.setInput('node', 'hv2012b.corp.example');
            fixture.detectChanges();
        };

        it('runs, notifies and re-checks the VM and node of the click', () => {
            button('insert').click();
            selectOther();
            fake.answer.next(true);
            fake.answer.complete();
            expect(fake.runs.map(r => r.vmId)).toEqual([vmId]);
            expect(fake.runNodes).toEqual(['hv2012.corp.example']);
            expect(fake.notifications.map(n => n.node)).toEqual(['hv2012.corp.example', 'hv2012.corp.example']);
            expect(fake.notifications[0].message).toBe('Working on LEGACY-SQL (hv2012.corp.example)...');
            expect(fake.notifications[1].message).toContain('of LEGACY-SQL');
            expect(fake.recheckTargets).toEqual([{ node: 'hv2012.corp.example', vmId }]);
        });

        it('does not disable the newly selected VM\'s actions', () => {
            button('insert').click();
            fixture.detectChanges();
            expect(button('insert').disabled).toBeTrue();
            selectOther();
            expect(button('insert').disabled).toBeFalse();
            expect(button('connect').disabled).toBeFalse();
        });
    });

    describe('when the pane closes, or another VM is selected, while the host works', () => {
        const otherId = '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9';
        const open = (id: string, name: string) => {
            const pane = TestBed.createComponent(FindingActionsComponent);
            pane.componentRef.setInput('finding', evaluateVm(vmFacts({ id, name, kvp: kvpWith(KvpStatus.NoContact), guestOs: null,
                dvdDrives: [{ controllerType: 'IDE', controller: 1, location: 0, path: null }] })));
            pane.componentRef.setInput('host', host2012);
            pane.componentRef.setInput('node', 'hv2012.corp.example');
            pane.detectChanges();
            return pane;
        };
        const insertOf = (pane: ComponentFixture<FindingActionsComponent>) =>
            (pane.nativeElement as HTMLElement).querySelector('button.action-insert') as HTMLButtonElement;

        it('keeps the VM\'s actions disabled until the host has answered', () => {
            const host = new Subject<RemediationResult>();
            fake.result = host;
            button('insert').click();
            fake.answer.next(true);
            fake.answer.complete();
            expect(fake.runs.length).toBe(1);
            // The admin closes the pane while the script runs on the host, and opens it again on the same VM.
            fixture.destroy();
            let pane = open(vmId, 'LEGACY-SQL');
            expect(insertOf(pane).disabled).toBeTrue();
            expect(pane.componentInstance.busy).toBeTrue();
            pane.componentInstance.insert();
            expect(fake.dialogs).toBe(1);
            // Another VM, then back.
            pane.destroy();
            pane = open(otherId, 'OTHER-VM');
            expect(insertOf(pane).disabled).toBeFalse();
            pane.destroy();
            pane = open(vmId, 'LEGACY-SQL');
            expect(insertOf(pane).disabled).toBeTrue();
            // The host answers: the change ends as it would have with the pane open (notified, re-checked), and the actions come back.
            host.next({ status: 'inserted', changed: true, drive: 'IDE 1:0', before: null, after: 'x.iso' });
            host.complete();
            pane.detectChanges();
            expect(fake.notifications.map(n => n.state)).toEqual([NotificationState.InProgress, NotificationState.Success]);
            expect(fake.rechecks).toBe(1);
            expect(insertOf(pane).disabled).toBeFalse();
        });
    });

    it('tears the running change down when the pane closes', () => {
        button('insert').click();
        fixture.destroy();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.runs).toEqual([]);
        expect(fake.notifications).toEqual([]);
    });

    it('names the needs-confirmation status in words, not its raw text', () => {
        fake.result = of({ status: 'needs-confirmation', changed: false, drive: 'IDE 1:0', before: 'D:\\ISO\\sql.iso', after: 'D:\\ISO\\sql.iso' });
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.notifications[1].message).toBe('The DVD drive IDE 1:0 of LEGACY-SQL holds D:\\ISO\\sql.iso: nothing was changed. '
            + 'Insert again and confirm to replace it.');
        expect(fake.rechecks).toBe(0);
    });

    it('re-scans when the re-check returns another VM than the one changed, instead of dropping it', () => {
        const rescans: number[] = [];
        const changed: unknown[] = [];
        TestBed.inject(HostChangesService).rescan.subscribe(() => rescans.push(1));
        TestBed.inject(HostChangesService).rechecked.subscribe(f => changed.push(f));
        fake.recheckOutcome = outcomeFromSnapshot(snapshotOf([vmFacts({ id: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9', name: 'OTHER' })]));
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        expect(changed).toEqual([]);
        expect(rescans.length).toBe(1);
        expect(fake.notifications[2].state).toBe(NotificationState.Warning);
        expect(fake.notifications[2].message).toContain('didn\'t return LEGACY-SQL');
    });

    it('says why Open could not navigate', async () => {
        fake.virtualMachinesToolInstalled = true;
        fake.openResult = Promise.reject(new Error('The tool msft.sme.hyperv is not installed.'));
        fixture.componentInstance.open();
        await fake.openResult.catch(() => undefined);
        await Promise.resolve();
        expect(fake.notifications).toEqual([{ node: 'hv2012.corp.example', state: NotificationState.Error,
            message: 'Couldn\'t open the Virtual Machines tool for LEGACY-SQL on hv2012.corp.example: The tool msft.sme.hyperv is not installed.' }]);
    });

    it('says why Connect could not make the .rdp file instead of throwing', () => {
        fixture.componentRef.setInput('node', 'hv 01');
        fixture.detectChanges();
        expect(() => button('connect').click()).not.toThrow();
        expect(fake.notifications.map(n => n.message))
            .toEqual(['Couldn\'t make the VM Connection file for LEGACY-SQL: \'hv 01\' is not a host name or IP address that VM Connection can use.']);
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
        TestBed.inject(HostChangesService).rescan.subscribe(() => rescans.push(1));
        TestBed.inject(HostChangesService).rechecked.subscribe(f => changed.push(f));
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
        TestBed.inject(HostChangesService).rescan.subscribe(() => rescans.push(1));
        fake.recheckOutcome = outcomeFromSnapshot(snapshotOf([]));
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.notifications.map(n => n.state)).toEqual([NotificationState.InProgress, NotificationState.Success, NotificationState.Warning]);
        expect(fake.notifications[2].message).toContain('isn\'t on hv2012.corp.example any more');
        expect(rescans.length).toBe(1);
    });

    it('sends the media Restore showed, which is all the host may put back', () => {
        fixture.componentRef.setInput('finding', evaluateVm(vmFacts({ id: vmId, name: 'LEGACY-SQL', kvp: kvpWith(KvpStatus.NoContact), guestOs: null,
            dvdDrives: [{ controllerType: 'IDE', controller: 1, location: 0, path: host2012.setupDisk }],
            setupDiskRestore: { drive: 'IDE 1:0', previousPath: 'D:\\ISO\\sql.iso' } })));
        fixture.detectChanges();
        fake.result = of({ status: 'record-changed', changed: false, before: 'D:\\ISO\\sql.iso', after: 'D:\\ISO\\other.iso' });
        button('restore').click();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.runs).toEqual([{ script: 'restore', vmId, parameters: { expectedPath: 'D:\\ISO\\sql.iso' } }]);
        expect(fake.notifications[1].state).toBe(NotificationState.Warning);
        expect(fake.notifications[1].message).toBe('The restore record of LEGACY-SQL changed since it was shown (another admin\'s change, or an edit): '
            + 'nothing was changed. Refresh, check what it would put back, then Restore again.');
    });

    it('names the change another admin runs on the VM when the host is busy with it', () => {
        fake.result = of({ status: 'busy', changed: false, inProgress: 'Dismount-IntegrationServicesSetupDisk', before: null, after: null });
        button('insert').click();
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.notifications[1].state).toBe(NotificationState.Warning);
        expect(fake.notifications[1].message).toBe('Another change to LEGACY-SQL is running on hv2012.corp.example (Dismount-IntegrationServicesSetupDisk): '
            + 'nothing was changed. Try again when it has finished.');
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
