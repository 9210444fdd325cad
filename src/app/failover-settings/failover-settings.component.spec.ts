import { CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { NotificationState } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, of, Subject, throwError } from 'rxjs';
import { useRealStrings } from '../findings/strings.spec-helper';
import { HostChangesService } from '../remediation/host-changes.service';
import { RemediationResult } from '../remediation/remediation-result';
import { RemediationService } from '../remediation/remediation.service';
import { RoleRefusal } from '../remediation/role-refusal';
import { evaluate, evaluateVm } from '../rules/evaluate';
import { outcomeFromSnapshot, ScanOutcome } from '../scan/scan-outcome';
import { ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { SnapshotVm } from '../snapshot/snapshot';
import { snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { FailoverSettingsComponent } from './failover-settings.component';

const vmId = '65ee28de-fece-4b98-9a32-3eaef86c67b3';
const nicId = 'Microsoft:65EE28DE-FECE-4B98-9A32-3EAEF86C67B3\\429FDBF7-5DA2-4106-869B-7C3D419274D4';
const secondNic = 'Microsoft:65EE28DE-FECE-4B98-9A32-3EAEF86C67B3\\529FDBF7-5DA2-4106-869B-7C3D419274D5';

function replicaVm(overrides: Partial<SnapshotVm> = {}): SnapshotVm {
    return vmFacts({
        id: vmId, name: 'DC02', state: VmState.Off,
        replication: { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv03.corp.example', replica: 'hv01.corp.example' },
        adapters: [
            { id: nicId, name: 'Network Adapter', legacy: false, failover: 4096, ipv4: '10.20.0.50', ipv6: null,
                failoverTcpIp: { ipv4Mask: '255.255.255.0', ipv4Gateway: '10.20.0.1', ipv4Dns: ['10.20.0.10'],
                    ipv6Prefix: null, ipv6Gateway: null, ipv6Dns: [] } },
            { id: secondNic, name: '<b>"NIC 2"</b>', legacy: false, failover: 0, ipv4: null, ipv6: null, failoverTcpIp: null },
            { id: 'Microsoft:65EE28DE-FECE-4B98-9A32-3EAEF86C67B3\\0', name: 'Legacy', legacy: true, failover: null, ipv4: null, ipv6: null }
        ],
        ...overrides
    });
}

/** The pane's remediation service, controlled by the test: dialog answers, script results, re-checks; it records what was sent. */
class FakeRemediation {
    public answer = new Subject<boolean>();
    public dialogs: { title: string; message: string; confirm: string }[] = [];
    public runs: { node: string; script: string; vmId: string; parameters: Record<string, unknown> }[] = [];
    public notifications: { state: NotificationState; title: string; message: string }[] = [];
    public result: Observable<RemediationResult> = of({ status: 'failover-set', changed: true, adapter: 'Network Adapter' });
    public rechecked: SnapshotVm = replicaVm();
    public confirm(title: string, message: string, confirm: string): Observable<boolean> {
        this.dialogs.push({ title, message, confirm });
        return this.answer;
    }
    public run(node: string, script: string, id: string, parameters: Record<string, unknown> = {}): Observable<RemediationResult> {
        this.runs.push({ node, script, vmId: id, parameters });
        return this.result;
    }
    public recheck(): Observable<ScanOutcome> {
        return of(outcomeFromSnapshot(snapshotOf([this.rechecked])));
    }
    public notify(_: string, __: string, state: NotificationState, title: string, message: string): void {
        this.notifications.push({ state, title, message });
    }
    public errorMessage(error: unknown): string {
        return error instanceof Error ? error.message : 'error';
    }
}

describe('FailoverSettingsComponent', () => {
    let fixture: ComponentFixture<FailoverSettingsComponent>;
    let fake: FakeRemediation;
    const root = () => fixture.nativeElement as HTMLElement;
    const form = (adapterId = nicId) => root().querySelector(`.failover-tcpip-form[data-adapter-id="${adapterId.replace(/\\/g, '\\\\')}"]`) as HTMLElement;
    const field = (name: string, adapterId = nicId) => fixture.debugElement.query(By.css(
        `.failover-tcpip-form[data-adapter-id="${adapterId.replace(/\\/g, '\\\\')}"] .failover-tcpip-field[data-field="${name}"] sme-form-field`));
    const errorUnder = (name: string, adapterId = nicId) =>
        ((form(adapterId).querySelector(`.failover-tcpip-field[data-field="${name}"] .failover-tcpip-error`) as HTMLElement | null)?.textContent || '').trim();
    const button = (name: string, adapterId = nicId) => form(adapterId).querySelector(`button.failover-tcpip-${name}`) as HTMLButtonElement | null;
    /** Types into a field as the SDK's form field reports it (ngModelChange). */
    const type = (name: string, value: string, adapterId = nicId) => {
        field(name, adapterId).triggerEventHandler('ngModelChange', value);
        fixture.detectChanges();
    };
    const show = (vm: SnapshotVm) => {
        fixture.componentRef.setInput('finding', evaluateVm(vm));
        fixture.detectChanges();
    };

    beforeEach(() => {
        useRealStrings();
        fake = new FakeRemediation();
        TestBed.configureTestingModule({
            declarations: [FailoverSettingsComponent],
            providers: [{ provide: RemediationService, useValue: fake }, HostChangesService],
            schemas: [CUSTOM_ELEMENTS_SCHEMA]
        });
        fixture = TestBed.createComponent(FailoverSettingsComponent);
        fixture.componentRef.setInput('node', 'hv01.corp.example');
        show(replicaVm());
    });

    it('shows one form per synthetic adapter, filled with the current settings; the adapter name as text', () => {
        const forms = Array.from(root().querySelectorAll('.failover-tcpip-form')).map(f => f.getAttribute('data-adapter-id'));
        expect(forms).toEqual([nicId, secondNic]);
        expect(field('ipv4Address').properties.ngModel).toBe('10.20.0.50');
        expect(field('ipv4SubnetMask').properties.ngModel).toBe('255.255.255.0');
        expect(field('ipv4DefaultGateway').properties.ngModel).toBe('10.20.0.1');
        expect(field('ipv4PreferredDns').properties.ngModel).toBe('10.20.0.10');
        expect(field('ipv6Address').properties.ngModel).toBe('');
        expect(field('ipv4Address').properties.label).toBe('IPv4 address');
        expect(field('ipv6PrefixLength').properties.label).toBe('Prefix length');
        expect(field('ipv4Address', secondNic).properties.ngModel).toBe('');
        const name = form(secondNic).querySelector('.failover-tcpip-adapter') as HTMLElement;
        expect(name.textContent).toBe('<b>"NIC 2"</b>');
        expect(name.querySelector('b')).toBeNull();
        expect(button('set')?.disabled).toBeFalse();
        expect(button('clear', secondNic)?.disabled).toBeTrue();
        expect(button('restore')).toBeNull();
    });

    it('is shown for primary, Replica and Extended Replica VMs only', () => {
        for (const mode of [ReplicationMode.Primary, ReplicationMode.ExtendedReplica]) {
            show(replicaVm({ replication: { mode, state: 4, health: 1, primary: null, replica: null } }));
            expect(root().querySelector('.failover-tcpip')).withContext(String(mode)).not.toBeNull();
        }
        show(replicaVm({ replication: { mode: ReplicationMode.TestReplica, state: 4, health: 1, primary: null, replica: null } }));
        expect(root().querySelector('.failover-tcpip')).toBeNull();
        show(replicaVm({ replication: null }));
        expect(root().querySelector('.failover-tcpip')).toBeNull();
        show(replicaVm({ adapters: [] }));
        expect((root().querySelector('.failover-tcpip-none') as HTMLElement).textContent).toContain('DC02 has no synthetic network adapter');
    });

    it('shows a validation error under its field, disables Set, and sends nothing while invalid', () => {
        type('ipv4DefaultGateway', '10.30.0.1');
        expect(errorUnder('ipv4DefaultGateway')).toBe('IPv4 default gateway: the gateway must be in the subnet of the IPv4 address and subnet mask.');
        expect(errorUnder('ipv4Address')).toBe('');
        expect(button('set')?.disabled).toBeTrue();
        fixture.componentInstance.set(fixture.componentInstance.forms[0]);
        expect(fake.dialogs).toEqual([]);
        expect(fake.runs).toEqual([]);

        type('ipv4SubnetMask', '255.0.255.0');
        expect(errorUnder('ipv4SubnetMask')).toBe('Subnet mask: the mask must be ones followed by zeros, e.g. 255.255.255.0 or 255.255.240.0.');
        type('ipv4SubnetMask', '255.0.0.0');
        expect(errorUnder('ipv4SubnetMask')).toBe('');
        expect(errorUnder('ipv4DefaultGateway')).toBe('');
        expect(button('set')?.disabled).toBeFalse();
    });

    it('names an IPv6 error under its field, and the empty form\'s error under the form', () => {
        type('ipv6Address', 'fd00::1::2');
        type('ipv6PrefixLength', '130');
        expect(errorUnder('ipv6Address')).toContain('IPv6 address: enter an IPv6 address');
        expect(errorUnder('ipv6PrefixLength')).toBe('Prefix length: the length must be from 0 to 128.');
        for (const name of ['ipv4Address', 'ipv4SubnetMask', 'ipv4DefaultGateway', 'ipv4PreferredDns', 'ipv6Address', 'ipv6PrefixLength']) {
            type(name, '');
        }
        expect(button('set')?.disabled).toBeTrue();
        expect((form().querySelector('.failover-tcpip-form-error') as HTMLElement).textContent?.trim())
            .toBe('Enter an IPv4 address with its subnet mask, or an IPv6 address with its prefix length. To remove the settings, use Clear.');
    });

    it('asks first, then sends the typed values as parameters with the VM and adapter Ids, notifies and reports the re-checked VM', () => {
        const changed: (string | null)[] = [];
        TestBed.inject(HostChangesService).rechecked.subscribe(f => changed.push(f.vm.adapters[0].ipv4));
        type('ipv4Address', '10.20.0.60');
        type('ipv4AlternateDns', ' 10.20.0.11 ');
        type('ipv6Address', 'fd00:20::60');
        type('ipv6PrefixLength', '64');
        button('set')?.click();
        expect(fake.dialogs.length).toBe(1);
        expect(fake.dialogs[0].title).toBe('Set failover TCP/IP settings?');
        expect(fake.dialogs[0].message).toBe('Set the failover TCP/IP settings of Network Adapter on DC02 (hv01.corp.example) ' +
            'to IPv4 10.20.0.60 / 255.255.255.0, ' +
            'IPv6 fd00:20::60/64? The current settings are kept on the host, and Restore puts them back.');
        expect(fake.dialogs[0].confirm).toBe('Set');
        expect(fake.runs).toEqual([]);
        fixture.detectChanges();
        expect(button('set')?.disabled).toBeTrue();

        fake.rechecked = replicaVm({
            adapters: [{ id: nicId, name: 'Network Adapter', legacy: false, failover: 4098, ipv4: '10.20.0.60', ipv6: 'fd00:20::60' }] });
        fake.answer.next(true);
        fake.answer.complete();
        fixture.detectChanges();
        expect(fake.runs).toEqual([{
            node: 'hv01.corp.example', script: 'set-failover-tcpip', vmId,
            parameters: {
                adapterId: nicId, ipv4Address: '10.20.0.60', ipv4SubnetMask: '255.255.255.0', ipv4DefaultGateway: '10.20.0.1',
                ipv4PreferredDns: '10.20.0.10', ipv4AlternateDns: '10.20.0.11', ipv6Address: 'fd00:20::60', ipv6PrefixLength: 64
            }
        }]);
        expect(fake.notifications.map(n => n.state)).toEqual([NotificationState.InProgress, NotificationState.Success]);
        expect(fake.notifications[1].title).toBe('Set failover TCP/IP');
        expect(fake.notifications[1].message).toBe('Set the failover TCP/IP settings of Network Adapter on DC02.');
        expect(changed).toEqual(['10.20.0.60']);
        expect(button('set')?.disabled).toBeFalse();
    });

    it('changes nothing when the admin cancels', () => {
        type('ipv4Address', '10.20.0.60');
        button('set')?.click();
        fake.answer.next(false);
        fake.answer.complete();
        expect(fake.runs).toEqual([]);
        expect(fake.notifications).toEqual([]);
    });

    it('Clear asks, then clears both families of that adapter', () => {
        button('clear')?.click();
        expect(fake.dialogs[0].title).toBe('Clear failover TCP/IP settings?');
        expect(fake.dialogs[0].confirm).toBe('Clear');
        fake.result = of({ status: 'failover-cleared', changed: true, adapter: 'Network Adapter' });
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.runs.map(r => [r.script, r.parameters])).toEqual([['set-failover-tcpip', { adapterId: nicId, clearIpv4: true, clearIpv6: true }]]);
        expect(fake.notifications[1].message).toContain('Cleared the failover TCP/IP settings of Network Adapter on DC02');
    });

    it('offers Restore when the host keeps the previous settings, naming them, and restores that adapter', () => {
        show(replicaVm({ failoverRestore: [{ adapterId: nicId.toLowerCase(), ipv4: '10.20.0.40', ipv6: null }] }));
        expect(button('restore')).not.toBeNull();
        expect(button('restore', secondNic)).toBeNull();
        expect((form().querySelector('.failover-tcpip-restore-hint') as HTMLElement).textContent?.trim())
            .toBe('Puts back the settings this adapter had before they were changed here (IPv4 10.20.0.40, IPv6 none).');
        button('restore')?.click();
        expect(fake.dialogs[0].message)
            .toBe('Put back the failover TCP/IP settings Network Adapter on DC02 (hv01.corp.example) had before: IPv4 10.20.0.40, IPv6 none?');
        fake.result = of({ status: 'failover-restored', changed: true, adapter: 'Network Adapter' });
        fake.answer.next(true);
        fake.answer.complete();
        expect(fake.runs.map(r => [r.script, r.parameters])).toEqual([['restore-failover-tcpip', { adapterId: nicId }]]);
    });

    it('explains a refusal by role, and a VM gone from the host asks for a rescan', () => {
        fake.result = throwError(() => new RoleRefusal('Set-FailoverTcpIpConfiguration', 'The term is not recognized'));
        button('clear')?.click();
        fake.answer.next(true);
        expect(fake.notifications.map(n => n.state)).toEqual([NotificationState.InProgress, NotificationState.Error]);
        expect(fake.notifications[1].message).toContain('This needs the Administrators role on the host.');

        const rescans: number[] = [];
        TestBed.inject(HostChangesService).rescan.subscribe(() => rescans.push(1));
        fake.result = of({ status: 'vm-not-found', changed: false });
        fake.answer = new Subject<boolean>();
        button('clear')?.click();
        fake.answer.next(true);
        expect(rescans).toEqual([1]);
    });
});
