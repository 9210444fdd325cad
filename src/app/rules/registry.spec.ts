import { CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { of } from 'rxjs';
import { exitCode } from '../../cli/report';
import { parseRule } from '../../cli/rules';
import { ExclusionsService } from '../exclusions/exclusions.service';
import { FindingDetailsComponent } from '../findings/finding-details.component';
import { FindingRow } from '../findings/finding-row';
import { FindingsPageComponent } from '../findings/findings-page.component';
import { toolStrings, useRealStrings } from '../findings/strings.spec-helper';
import { HostChangesService } from '../remediation/host-changes.service';
import { RemediationService } from '../remediation/remediation.service';
import { outcomeFromSnapshot } from '../scan/scan-outcome';
import { ScanService } from '../scan/scan.service';
import { snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { describeFinding } from './describe-finding';
import { evaluate } from './evaluate';
import { Reason } from './finding';
import { ruleRegistry } from './registry';
import { RuleDefinition } from './rule-definition';
import { RULES } from './rules.token';

/** A throwaway rule, registered only here: VMs whose name starts with OLD get a warning. */
const thirdRule: RuleDefinition = {
    id: 'test-old-vm-names',
    cliName: 'old-names',
    failing: 'warn',
    judge: vm => vm.name.startsWith('OLD') ? ['warn', Reason.NotReplica] : ['pass', Reason.FailoverIpSet],
    bpaLists: () => false,
    bpaNote: () => null,
    texts: () => ({ name: 'Old names', title: 'VM names should not start with OLD', severity: 'Information', issue: 'An old name.',
        impact: 'Confusion.', resolution: 'Rename the VM.' })
};
const rules = [...ruleRegistry, thirdRule];
const snapshot = snapshotOf([vmFacts({ id: 'a', name: 'SQL01' }), vmFacts({ id: 'b', name: 'OLD-APP' })]);

describe('A rule added to the registry alone', () => {
    let fixture: ComponentFixture<FindingsPageComponent>;
    const ruleLabels = () => fixture.debugElement.queryAll(By.css('sme-form-field.rule-switch sme-option')).map(o => o.properties.label as string);
    const tableItems = () => fixture.debugElement.query(By.css('sme-data-table')).properties.items as FindingRow[];

    beforeEach(() => {
        useRealStrings();
        TestBed.configureTestingModule({
            declarations: [FindingsPageComponent, FindingDetailsComponent],
            providers: [
                { provide: AppContextService, useValue: {
                    activeConnection: { nodeName: 'hv01.corp.example', value: { type: 'msft.sme.connection-type.server' } } } },
                { provide: RULES, useValue: rules }
            ],
            schemas: [CUSTOM_ELEMENTS_SCHEMA]
        });
        TestBed.overrideComponent(FindingsPageComponent, { set: { providers: [
            { provide: ScanService, useValue: {
                scanConnection: (node: string) => of({ node, outcome: outcomeFromSnapshot(snapshot, rules) }), cancel: () => undefined } },
            { provide: ExclusionsService, useValue: { load: () => of({ version: 1, exclusions: [] }) } },
            HostChangesService, { provide: RemediationService, useValue: {} }] } });
        fixture = TestBed.createComponent(FindingsPageComponent);
        fixture.detectChanges();
    });

    it('reaches the grid: the rule switch offers it with its counts, and its rows carry its verdicts', () => {
        expect(ruleLabels()).toEqual(['Integration services (Fail: 0, Warning: 0)', 'Failover TCP/IP settings (Fail: 0, Warning: 0)',
            'Old names (Fail: 0, Warning: 1)']);
        fixture.debugElement.query(By.css('sme-form-field.rule-switch')).triggerEventHandler('ngModelChange', thirdRule.id);
        fixture.detectChanges();
        expect(tableItems().map(r => [r.vmName, r.verdict, r.finding.rule])).toEqual([['SQL01', 'pass', thirdRule.id], ['OLD-APP', 'warn', thirdRule.id]]);
    });

    it('reaches the details pane: its texts, and its verdict among the VM\'s verdicts under every rule', () => {
        fixture.debugElement.query(By.css('sme-form-field.rule-switch')).triggerEventHandler('ngModelChange', thirdRule.id);
        fixture.componentInstance.select(fixture.componentInstance.view.visibleRows[1]);
        fixture.detectChanges();
        const details = fixture.debugElement.query(By.css('sme-finding-details')).nativeElement as HTMLElement;
        expect(details.querySelector('.details-rule h4')?.textContent).toBe('VM names should not start with OLD');
        expect(details.querySelector('.details-rule')?.textContent).toContain('Rename the VM.');
        expect(Array.from(details.querySelectorAll('.details-rule-verdict th')).map(th => th.textContent))
            .toEqual(['Integration services', 'Failover TCP/IP settings', 'Old names']);
        expect(details.querySelector(`.details-rule-verdict[data-rule="${thirdRule.id}"] .verdict`)?.textContent).toBe('Warning');
    });

    it('reaches the command-line check: --rule takes its name, and its failing verdict makes the check exit 1', () => {
        expect(parseRule('old-names', rules)).toBe(thirdRule.id);
        expect(parseRule(thirdRule.id, rules)).toBe(thirdRule.id);
        expect(() => parseRule('old-names')).toThrowError(/unknown rule "old-names"/);
        const judged = evaluate(snapshot, thirdRule);
        const results = judged.findings.map(f => ({
            vmId: f.vm.id, vmName: f.vm.name, verdict: f.verdict, message: describeFinding(f, toolStrings.Finding), bpa: f.bpa }));
        expect(results.map(r => [r.vmName, r.verdict])).toEqual([['SQL01', 'pass'], ['OLD-APP', 'warn']]);
        expect(exitCode({ rule: thirdRule.id, fleet: false, hosts: [{ host: judged.host.name, results }] }, rules)).toBe(1);
        expect(exitCode({ rule: thirdRule.id, fleet: false, hosts: [{ host: judged.host.name, results: results.slice(0, 1) }] }, rules)).toBe(0);
    });
});
