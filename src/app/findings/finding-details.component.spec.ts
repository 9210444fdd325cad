import { CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { evaluateVm } from '../rule/evaluate';
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
        const labels: Record<string, string> = fixture.componentInstance.strings.Rule.VmState;
        expect(names.filter(name => !labels[name])).toEqual([]);
    });
});
