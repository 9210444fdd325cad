import { CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { evaluateVm } from '../rules/evaluate';
import { failoverTcpipSettingsRule } from '../rules/failover-tcpip-settings';
import { integrationServicesRule } from '../rules/integration-services';
import { KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { kvpWith, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { FindingDetailsComponent } from './finding-details.component';
import { toRow } from './finding-row';
import { gridTexts, useRealStrings } from './strings.spec-helper';

describe('FindingDetailsComponent', () => {
    let fixture: ComponentFixture<FindingDetailsComponent>;
    const text = () => ((fixture.nativeElement as HTMLElement).textContent || '').replace(/\s+/g, ' ');

    beforeEach(() => {
        useRealStrings();
        TestBed.configureTestingModule({ declarations: [FindingDetailsComponent], schemas: [CUSTOM_ELEMENTS_SCHEMA] });
        fixture = TestBed.createComponent(FindingDetailsComponent);
    });

    it('asks for a selection when there is none', () => {
        fixture.detectChanges();
        expect(text()).toContain('Select a VM to see why it got its verdict.');
    });

    it('shows the rule, the finding and the VM facts', () => {
        const vm = vmFacts({ name: 'DC02', state: VmState.Off, kvp: kvpWith(null),
            replication: { mode: ReplicationMode.Replica, state: 4, health: 2, primary: 'hv03.corp.example', replica: 'hv01.corp.example' },
            dvdDrives: [{ controllerType: 'IDE', controller: 1, location: 0, path: 'D:\\ISO\\sql.iso' }],
            errors: [{ source: 'Get-VMDvdDrive', message: 'The device is not ready.' }] });
        fixture.componentRef.setInput('row', toRow(evaluateVm(vm), gridTexts));
        fixture.detectChanges();
        const shown = text();
        expect(shown).toContain('DC02');
        expect(shown).toContain('Unknown');
        expect(shown).toContain('Check its primary VM on hv03.corp.example');
        expect(shown).toContain('Integration services must be installed before primary or Replica VMs');
        expect(shown).toContain('Severity: Error');
        expect(shown).toMatch(/State\s*Off/);
        expect(shown).toMatch(/Replication health\s*Warning/);
        expect(shown).toContain('IDE 1:0 · D:\\ISO\\sql.iso');
        expect(shown).toContain('Get-VMDvdDrive: The device is not ready.');
    });

    it('shows the KVP secondary status apart from the primary one, and none when the host reports none', () => {
        const outOfDate = vmFacts({ kvp: { ...kvpWith(KvpStatus.Ok, true, KvpStatus.ProtocolMismatch), secondaryText: 'Protocol Mismatch' } });
        fixture.componentRef.setInput('row', toRow(evaluateVm(outOfDate), gridTexts));
        fixture.detectChanges();
        const element = fixture.nativeElement as HTMLElement;
        expect(element.querySelector('.kvp-primary')?.textContent?.trim()).toBe('OK (2)');
        expect(element.querySelector('.kvp-secondary')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Protocol mismatch (32775)');
        expect(text()).toContain('KVP status detail');
        expect(text()).toContain('integration services are out of date');

        fixture.componentRef.setInput('row', toRow(evaluateVm(vmFacts()), gridTexts));
        fixture.detectChanges();
        expect(element.querySelector('.kvp-secondary')).toBeNull();
        expect(text()).not.toContain('KVP status detail');
    });

    it('names every VM state, the *Critical ones included', () => {
        const shown: string[] = [];
        for (const state of [VmState.RunningCritical, VmState.OffCritical, VmState.ForceShutdown, VmState.Hibernated, VmState.FastSavingCritical]) {
            fixture.componentRef.setInput('row', toRow(evaluateVm(vmFacts({ state })), gridTexts));
            fixture.detectChanges();
            shown.push(fixture.componentInstance.view?.stateText || '');
        }
        expect(shown).toEqual(['Running (critical)', 'Off (critical)', 'Shutting down (forced)', 'Hibernated', 'Saving (critical)']);
        const names = Object.keys(VmState).filter(k => isNaN(Number(k)));
        const labels: Record<string, string> = fixture.componentInstance.strings.Finding.VmState;
        expect(names.filter(name => !labels[name])).toEqual([]);
    });

    describe('under both rules', () => {
        const replica = { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv03.corp.example', replica: 'hv01.corp.example' };
        const host = { name: 'HV01', osVersion: '10.0.17763', culture: 'en-US', cluster: null, setupDisk: null };
        const noIp = vmFacts({ name: 'FILE03', replication: replica, state: VmState.Off, kvp: kvpWith(null, false),
            adapters: [{ id: 'Microsoft:R\\NIC', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null }] });
        const byRule = { [integrationServicesRule.id]: evaluateVm(noIp), [failoverTcpipSettingsRule.id]: evaluateVm(noIp, failoverTcpipSettingsRule) };
        const element = () => fixture.nativeElement as HTMLElement;

        it('under the integration services rule: its texts, both rules\' verdicts, the BPA\'s answer with its note, and the remediation actions', () => {
            fixture.componentRef.setInput('row', toRow(byRule[integrationServicesRule.id], gridTexts, { node: 'hv01', host, byRule }));
            fixture.detectChanges();
            expect(element().querySelector('.details-rule h4')?.textContent).toContain('Integration services must be installed');
            expect(text()).toContain('Severity: Error');
            const lines = Array.from(element().querySelectorAll('.details-rule-verdict'))
                .map(tr => Array.from(tr.children).map(cell => cell.textContent?.trim()).join(' '));
            expect(lines[0]).toMatch(/^Integration services Fail Key-Value Pair Exchange is turned off on the host/);
            expect(lines[1]).toMatch(/^Failover TCP\/IP settings Warning No network adapter of this Replica VM has a failover IP address/);
            expect(element().querySelector('.details-rule-selected')?.getAttribute('data-rule')).toBe(integrationServicesRule.id);
            expect(element().querySelector('.details-bpa')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Server Manager\'s BPA: doesn\'t list this VM');
            expect(element().querySelector('.details-bpa-note')?.textContent).toBe('Server Manager\'s BPA lists only VMs that have a failover IP address, '
                + 'and this VM has none yet, so the BPA doesn\'t list it. The failover TCP/IP rule covers that.');
            const actions = fixture.debugElement.query(By.css('sme-finding-actions'));
            expect(actions.properties.finding).toBe(byRule[integrationServicesRule.id]);
        });

        it('under the failover TCP/IP settings rule: its own texts and BPA answer, no setup-disk or KVP remediation', () => {
            fixture.componentRef.setInput('row', toRow(byRule[failoverTcpipSettingsRule.id], gridTexts, { node: 'hv01', host, byRule }));
            fixture.detectChanges();
            expect(element().querySelector('.details-rule h4')?.textContent)
                .toBe('Configure the failover TCP/IP settings that you want the Replica VM to use in the event of a failover');
            expect(text()).toContain('Severity: Warning');
            expect(text()).toContain('Set-VMNetworkAdapterFailoverConfiguration');
            expect(element().querySelector('.details-message')?.textContent).toContain('No network adapter of this Replica VM has a failover IP address');
            expect(element().querySelector('.details-bpa-answer')?.textContent).toBe('lists this VM');
            expect(element().querySelector('.details-bpa-note')).toBeNull();
            expect(element().querySelector('.details-rule-selected')?.getAttribute('data-rule')).toBe(failoverTcpipSettingsRule.id);
            expect(fixture.debugElement.query(By.css('sme-finding-actions'))).toBeNull();
        });

        it('explains a VM the BPA can\'t judge because it could not be read, and shows no Rules section for a row of one rule', () => {
            const unread = evaluateVm(vmFacts({ errors: [{ source: 'Get-VMIntegrationService', message: 'in use' }] }));
            fixture.componentRef.setInput('row', toRow(unread, gridTexts));
            fixture.detectChanges();
            expect(element().querySelector('.details-bpa-answer')?.textContent).toBe('can\'t tell, because this VM couldn\'t be read');
            expect(element().querySelector('.details-rules')).toBeNull();
        });
    });
});
