import { CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Logging } from '@microsoft/windows-admin-center-sdk/core';
import { merge, Observable, of, Subject } from 'rxjs';
import { map } from 'rxjs/operators';
import { ExclusionDocument } from '../exclusions/exclusions';
import { ExclusionsService } from '../exclusions/exclusions.service';
import { HostChangesService } from '../remediation/host-changes.service';
import { RemediationService } from '../remediation/remediation.service';
import { judgeVm } from '../rules/evaluate';
import { failoverTcpipSettingsRule } from '../rules/failover-tcpip-settings';
import { integrationServicesRule } from '../rules/integration-services';
import { ClusterNodes } from '../scan/cluster-nodes';
import { NodeOutcome } from '../scan/node-outcomes';
import { outcomeFromSnapshot, ScanOutcome } from '../scan/scan-outcome';
import { ScanService } from '../scan/scan.service';
import { KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { SnapshotAdapter, SnapshotVm } from '../snapshot/snapshot';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { FindingDetailsComponent } from './finding-details.component';
import { FindingRow } from './finding-row';
import { FindingsPageComponent } from './findings-page.component';
import { useRealStrings } from './strings.spec-helper';

/** A scan service whose scans the test answers by hand; it records unsubscriptions and cancels. */
class FakeScanService {
    public scans: { node: string; outcome: Subject<ScanOutcome>; cancelled: boolean; answered: boolean }[] = [];
    public cancels = 0;
    public inventory: ClusterNodes = { scan: [], notScanned: [] };
    public inventoryQueries: { cluster: string; fresh: boolean }[] = [];

    public cancel(): void {
        this.cancels++;
    }

    public clusterNodes(cluster: string, fresh: boolean): Observable<ClusterNodes> {
        this.inventoryQueries.push({ cluster, fresh });
        return of(this.inventory);
    }

    public scan(node: string): Observable<ScanOutcome> {
        const scan = { node, outcome: new Subject<ScanOutcome>(), cancelled: false, answered: false };
        this.scans.push(scan);
        return new Observable<ScanOutcome>(observer => {
            const subscription = scan.outcome.subscribe(observer);
            return () => {
                scan.cancelled = !scan.answered;
                subscription.unsubscribe();
            };
        });
    }

    /** The real service's server and cluster scans, over this fake's node scans and cluster inventory. */
    public scanConnection = ScanService.prototype.scanConnection;

    public scanNodes(nodes: string[]): Observable<NodeOutcome> {
        return merge(...nodes.map(node => this.scan(node).pipe(map(outcome => ({ node, outcome })))));
    }

    public answer(outcome: ScanOutcome, node?: string): void {
        const scan = node ? this.scans.filter(s => s.node === node).pop() : this.scans[this.scans.length - 1];
        if (!scan) {
            throw new Error(`no scan of ${node} to answer`);
        }
        scan.answered = true;
        scan.outcome.next(outcome);
        scan.outcome.complete();
    }
}

/** The exclusions on the gateway, answered by the test (load) or left unanswered. */
class FakeExclusionsService {
    public loads: Subject<ExclusionDocument>[] = [];

    public load(): Observable<ExclusionDocument> {
        const answer = new Subject<ExclusionDocument>();
        this.loads.push(answer);
        return answer;
    }

    public answer(document: ExclusionDocument): void {
        const load = this.loads[this.loads.length - 1];
        load.next(document);
        load.complete();
    }

    public fail(message: string): void {
        this.loads[this.loads.length - 1].error({ message });
    }
}

const hostile = '<img src=x onerror="window.hacked=true">';

/** Resolves once the image has loaded or failed (its onerror handler, if any, has run). */
function imageSettled(image: HTMLImageElement | null): Promise<void> {
    if (!image) {
        return Promise.reject(new Error('no image'));
    }
    return new Promise(resolve => {
        image.addEventListener('error', () => setTimeout(resolve), { once: true });
        image.addEventListener('load', () => setTimeout(resolve), { once: true });
    });
}

function findingsOutcome(): ScanOutcome {
    return outcomeFromSnapshot(snapshotOf([
        vmFacts({ id: 'a', name: 'SQL01' }),
        vmFacts({ id: 'b', name: 'APP07', kvp: kvpWith(KvpStatus.NoContact) }),
        vmFacts({ id: 'c', name: 'BUILD01', replication: null, adapters: [] }),
        vmFacts({ id: 'd', name: hostile, kvp: kvpWith(KvpStatus.NoContact) }),
        vmFacts({ id: 'e', name: 'FILE02', state: VmState.Off, kvp: kvpWith(null) })
    ]));
}

/** The page on a connection, with the fake scan and exclusions services (not yet detected). */
function createPage(connection: { nodeName: string; value: { type: string } }): ComponentFixture<FindingsPageComponent> {
    useRealStrings();
    TestBed.configureTestingModule({
        declarations: [FindingsPageComponent, FindingDetailsComponent],
        providers: [{ provide: AppContextService, useValue: { activeConnection: connection } }],
        schemas: [CUSTOM_ELEMENTS_SCHEMA]
    });
    TestBed.overrideComponent(FindingsPageComponent, { set: { providers: [
        { provide: ScanService, useClass: FakeScanService }, { provide: ExclusionsService, useClass: FakeExclusionsService },
        HostChangesService, { provide: RemediationService, useValue: {} }] } });
    return TestBed.createComponent(FindingsPageComponent);
}

describe('FindingsPageComponent', () => {
    let fixture: ComponentFixture<FindingsPageComponent>;
    let page: FindingsPageComponent;
    let scans: FakeScanService;
    let exclusions: FakeExclusionsService;
    let connection: { nodeName: string; value: { type: string } };

    const text = () => ((fixture.nativeElement as HTMLElement).textContent || '').replace(/\s+/g, ' ');
    const tableItems = () => fixture.debugElement.query(By.css('sme-data-table')).properties.items as FindingRow[];
    const countButtons = () => fixture.debugElement.queryAll(By.css('button.verdict-count'))
        .map(b => ((b.nativeElement as HTMLElement).textContent || '').trim());

    beforeEach(() => {
        connection = { nodeName: 'hv01.corp.example', value: { type: 'msft.sme.connection-type.server' } };
        fixture = createPage(connection);
        page = fixture.componentInstance;
        scans = fixture.debugElement.injector.get(ScanService) as unknown as FakeScanService;
        exclusions = fixture.debugElement.injector.get(ExclusionsService) as unknown as FakeExclusionsService;
        fixture.detectChanges();
    });

    /** APP07 ('b', fail) excluded on this server for the verdict fail, by a colleague. */
    function app07Excluded(verdict: 'fail' | 'warn' = 'fail', host = 'hv01.corp.example'): ExclusionDocument {
        return { version: 1, exclusions: [{ vmId: 'b', vmName: 'APP07', host, rule: integrationServicesRule.id, verdict, reason: 'Retired on Friday',
            by: 'CORP\\hvadmin', at: '2026-11-27T00:10:00.000Z' }] };
    }

    it('leaves an excluded VM out of the counts and the fail filter, and lists it, marked with its reason, with Show excluded', () => {
        scans.answer(findingsOutcome());
        exclusions.answer(app07Excluded());
        fixture.detectChanges();
        expect(countButtons()).toEqual(['Fail: 1', 'Warning: 0', 'Couldn\'t scan: 0', 'Unknown: 1', 'Pass: 1', 'Not applicable: 0']);
        expect(text()).toContain('Excluded: 1');
        expect(tableItems().map(r => r.vmName)).toEqual(['SQL01', hostile, 'FILE02']);
        page.toggleVerdict('fail');
        fixture.detectChanges();
        expect(tableItems().map(r => r.vmName)).toEqual([hostile]);
        page.view.filter.showExcluded = true;
        page.applyFilter();
        fixture.detectChanges();
        expect(tableItems().map(r => r.vmName)).toEqual(['APP07', hostile]);
        expect(tableItems()[0].excluded?.reason).toBe('Retired on Friday');
        // The counts stay without it: Show excluded lists, it does not count.
        expect(countButtons()[0]).toBe('Fail: 1');
    });

    it('counts a VM again whose verdict is no longer the one it was excluded for, and keeps the record for the pane', () => {
        scans.answer(findingsOutcome());
        exclusions.answer(app07Excluded('warn'));
        fixture.detectChanges();
        expect(countButtons()[0]).toBe('Fail: 2');
        expect(text()).not.toContain('Excluded:');
        const app07 = tableItems().find(r => r.vmName === 'APP07');
        expect(app07?.excluded).toBeNull();
        expect(app07?.exclusionRecord?.verdict).toBe('warn');
    });

    it('applies only the exclusions of this connection', () => {
        scans.answer(findingsOutcome());
        exclusions.answer(app07Excluded('fail', 'hv02.corp.example'));
        fixture.detectChanges();
        expect(countButtons()[0]).toBe('Fail: 2');
    });

    it('applies an exclusion saved from the details pane, keeping the VM in the pane', () => {
        scans.answer(findingsOutcome());
        exclusions.answer({ version: 1, exclusions: [] });
        fixture.detectChanges();
        const app07 = tableItems().find(r => r.vmName === 'APP07') as FindingRow;
        page.select(app07);
        fixture.detectChanges();
        const panel = fixture.debugElement.query(By.css('sme-exclusion-panel'));
        expect(panel.properties.row.id).toBe('b');
        expect(panel.properties.host).toBe('hv01.corp.example');
        expect(panel.properties.rule).toBe(integrationServicesRule.id);
        panel.triggerEventHandler('exclusionsChange', app07Excluded());
        fixture.detectChanges();
        expect(countButtons()[0]).toBe('Fail: 1');
        expect(tableItems().map(r => r.vmName)).not.toContain('APP07');
        expect(page.view.selected?.id).toBe('b');
        expect(page.view.selected?.excluded?.reason).toBe('Retired on Friday');
        // The grid clears its selection when the row leaves it: the pane keeps the VM just excluded.
        page.select(null);
        expect(page.view.selected?.id).toBe('b');
        page.select(tableItems()[0]);
        page.select(null);
        expect(page.view.selected).toBeNull();
    });

    it('keeps the grid working without exclusions, with a message, when they can\'t be read', () => {
        scans.answer(findingsOutcome());
        exclusions.fail('The gateway couldn\'t read the settings store.');
        fixture.detectChanges();
        expect(countButtons()[0]).toBe('Fail: 2');
        const alert = fixture.debugElement.query(By.css('sme-alert.exclusions-failure')).properties.alert as { message: string };
        expect(alert.message).toBe('Couldn\'t read the exclusions from the gateway, so none are applied: The gateway couldn\'t read the settings store.');
    });

    it('scans the connected node on open and shows progress', () => {
        expect(scans.scans.map(s => s.node)).toEqual(['hv01.corp.example']);
        const wheel = fixture.debugElement.query(By.css('sme-loading-wheel'));
        expect(wheel.properties.message).toBe('Scanning hv01.corp.example...');
    });

    it('lists the VMs that take part in replication, with counts per verdict', () => {
        scans.answer(findingsOutcome());
        fixture.detectChanges();
        expect(fixture.debugElement.query(By.css('sme-loading-wheel'))).toBeNull();
        expect(tableItems().map(r => r.vmName)).toEqual(['SQL01', 'APP07', hostile, 'FILE02']);
        expect(countButtons()).toEqual(['Fail: 2', 'Warning: 0', 'Couldn\'t scan: 0', 'Unknown: 1', 'Pass: 1', 'Not applicable: 0']);
        expect(fixture.debugElement.query(By.css('sme-master-view')).properties.total).toBe(4);
    });

    it('filters by verdict from the counts, and clears the filter on a second click', () => {
        scans.answer(findingsOutcome());
        fixture.detectChanges();
        const fail = fixture.debugElement.query(By.css('button.verdict-count[data-verdict="fail"]'));
        fail.triggerEventHandler('click', null);
        fixture.detectChanges();
        expect(tableItems().map(r => r.vmName)).toEqual(['APP07', hostile]);
        expect(fail.attributes['aria-pressed']).toBe('true');
        fail.triggerEventHandler('click', null);
        fixture.detectChanges();
        expect(tableItems().length).toBe(4);
    });

    it('hands Export the rows the grid lists, after its filters, and the nodes\' scans', () => {
        scans.answer(findingsOutcome());
        fixture.detectChanges();
        const exporter = () => fixture.debugElement.query(By.css('sme-findings-export'));
        expect(exporter().properties.rows).toBe(tableItems());
        fixture.debugElement.query(By.css('button.verdict-count[data-verdict="fail"]')).triggerEventHandler('click', null);
        fixture.detectChanges();
        expect((exporter().properties.rows as FindingRow[]).map(r => r.vmName)).toEqual(['APP07', hostile]);
        expect(exporter().properties.outcomes).toBe(page.view.outcomes);
    });

    it('filters by text and shows every VM on request', () => {
        scans.answer(findingsOutcome());
        page.view.filter.text = 'build';
        page.applyFilter();
        fixture.detectChanges();
        expect(tableItems().length).toBe(0);
        expect(text()).toContain('No VM matches the filter.');
        page.view.filter.showAll = true;
        page.applyFilter();
        fixture.detectChanges();
        expect(tableItems().map(r => r.vmName)).toEqual(['BUILD01']);
    });

    it('says so when no VM takes part in replication', () => {
        scans.answer(outcomeFromSnapshot(snapshotOf([vmFacts({ id: 'c', name: 'BUILD01', replication: null })])));
        fixture.detectChanges();
        expect(text()).toContain('No VM on hv01.corp.example takes part in Hyper-V Replica');
    });

    it('explains a host without the Hyper-V module', () => {
        scans.answer({ failure: { kind: 'no-hyperv', detail: 'The Hyper-V PowerShell module isn\'t installed on HV01.' } });
        fixture.detectChanges();
        const alert = fixture.debugElement.query(By.css('sme-alert')).properties.alert as { message: string };
        expect(alert.message).toBe('Couldn\'t scan hv01.corp.example: the Hyper-V PowerShell module isn\'t installed there. '
            + 'Install the Hyper-V management tools for PowerShell on the host, then refresh.');
        expect(text()).toContain('Details: The Hyper-V PowerShell module isn\'t installed on HV01.');
        expect(tableItems()).toEqual([]);
    });

    it('explains access denied and gateway errors', () => {
        scans.answer({ failure: { kind: 'access-denied', detail: '403' } });
        fixture.detectChanges();
        expect((fixture.debugElement.query(By.css('sme-alert')).properties.alert as { message: string }).message)
            .toBe('Couldn\'t scan hv01.corp.example: access was denied, or Hyper-V lists no VMs to your account there. '
                + 'Connect with an account that is a member of the local Administrators group or of Hyper-V Administrators on the host, then refresh.');
        page.refresh();
        scans.answer({ failure: { kind: 'gateway', detail: 'The gateway did not answer.' } });
        fixture.detectChanges();
        expect((fixture.debugElement.query(By.css('sme-alert')).properties.alert as { message: string }).message)
            .toBe('Couldn\'t reach hv01.corp.example through the Windows Admin Center gateway.');
        expect(text()).toContain('The gateway did not answer.');
    });

    it('scans the host again when a remediation found the VM gone', () => {
        fixture.debugElement.injector.get(HostChangesService).rescan.next();
        expect(scans.scans.length).toBe(2);
        expect(scans.scans[0].cancelled).toBeTrue();
    });

    it('cancels the commands of a scan still running when refreshed, and on close', () => {
        page.refresh();
        expect(scans.scans.length).toBe(2);
        expect(scans.scans[0].cancelled).toBeTrue();
        expect(scans.cancels).toBe(1);
        fixture.destroy();
        expect(scans.scans[1].cancelled).toBeTrue();
        expect(scans.cancels).toBe(2);
    });

    it('cancels nothing when the scan had finished', () => {
        scans.answer(findingsOutcome());
        page.refresh();
        expect(scans.cancels).toBe(0);
    });

    it('shows the selected VM in the details pane, host values as plain text (the payload would run as HTML)', async () => {
        const global = window as unknown as { hacked?: boolean };
        // The control: the same text as HTML runs its handler once the image fails, so the assertion below can fail.
        const control = document.createElement('div');
        document.body.appendChild(control);
        control.innerHTML = hostile;
        await imageSettled(control.querySelector('img'));
        expect(global.hacked).toBeTrue();
        control.remove();
        delete global.hacked;

        scans.answer(findingsOutcome());
        page.select(page.view.visibleRows.find(r => r.id === 'd') || null);
        fixture.detectChanges();
        const details = fixture.debugElement.query(By.css('sme-finding-details')).nativeElement as HTMLElement;
        expect(details.querySelector('.details-vm-name')?.textContent).toBe(hostile);
        expect((fixture.nativeElement as HTMLElement).querySelector('img')).toBeNull();
        // Wait as long as the control needed (an image that fails after this one was requested).
        const probe = document.createElement('img');
        document.body.appendChild(probe);
        probe.src = 'x';
        await imageSettled(probe);
        probe.remove();
        expect(global.hacked).toBeUndefined();
        expect(details.textContent).toContain('Key-Value Pair Exchange doesn\'t answer (no contact)');
        expect(details.textContent).toContain('Impact:');
        expect(details.textContent).toContain('10.20.0.15');
    });

    it('stops the progress and says the tool failed when the scan itself errors (never spins forever)', () => {
        spyOn(Logging, 'logError');
        scans.scans[0].outcome.error(new TypeError('Cannot read properties of undefined'));
        fixture.detectChanges();
        expect(fixture.debugElement.query(By.css('sme-loading-wheel'))).toBeNull();
        const alert = fixture.debugElement.query(By.css('sme-alert')).properties.alert as { message: string };
        expect(alert.message).toContain('Couldn\'t show the scan result of hv01.corp.example: the tool failed on it.');
        expect(alert.message).not.toContain('gateway');
        expect(text()).toContain('TypeError: Cannot read properties of undefined');
    });

    it('explains a defect apart from a gateway failure', () => {
        scans.answer({ failure: { kind: 'defect', detail: 'TypeError: x' } });
        fixture.detectChanges();
        expect((fixture.debugElement.query(By.css('sme-alert')).properties.alert as { message: string }).message)
            .toBe('Couldn\'t show the scan result of hv01.corp.example: the tool failed on it. '
                + 'This is a defect of the tool; report it with the details below.');
    });

    it('keeps the admin\'s selection when a VM changed by an earlier remediation is re-checked', () => {
        scans.answer(findingsOutcome());
        page.select(page.view.visibleRows.find(r => r.id === 'a') || null);
        page.replaceVm(judgeVm(vmFacts({ id: 'b', name: 'APP07' })));
        fixture.detectChanges();
        expect(page.view.selected?.vmName).toBe('SQL01');
        expect(tableItems().find(r => r.id === 'b')?.verdict).toBe('pass');
        page.select(page.view.visibleRows.find(r => r.id === 'b') || null);
        page.replaceVm(judgeVm(vmFacts({ id: 'b', name: 'APP07', kvp: kvpWith(KvpStatus.NoContact) })));
        expect(page.view.selected?.verdict).toBe('fail');
    });

    it('computes the view once per data change, not on every change-detection pass', () => {
        scans.answer(findingsOutcome());
        fixture.detectChanges();
        const view = page.view;
        fixture.detectChanges();
        fixture.detectChanges();
        expect(page.view).toBe(view);
        page.toggleVerdict('fail');
        expect(page.view).not.toBe(view);
    });

    it('keeps the selection when it stays visible and drops it when filtered out', () => {
        scans.answer(findingsOutcome());
        page.select(page.view.visibleRows[1]);
        page.toggleVerdict('fail');
        expect(page.view.selected?.vmName).toBe('APP07');
        page.toggleVerdict('pass');
        expect(page.view.selected).toBeNull();
    });
});

const replica: SnapshotVm['replication'] = { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv03.corp.example', replica: 'hv01.corp.example' };
const unset: SnapshotAdapter = { id: 'Microsoft:R\\NIC', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null };

/** Both rules have something to say: a failing primary, a Replica both tools list, a Replica without a failover IP whose KVP is off. */
function twoRulesOutcome(): ScanOutcome {
    return outcomeFromSnapshot(snapshotOf([
        vmFacts({ id: 'a', name: 'SQL01' }),
        vmFacts({ id: 'b', name: 'APP07', kvp: kvpWith(KvpStatus.NoContact) }),
        vmFacts({ id: 'r', name: 'DC02', replication: replica, state: VmState.Off, kvp: null }),
        vmFacts({ id: 'n', name: 'FILE03', replication: replica, state: VmState.Off, adapters: [unset], kvp: kvpWith(null, false) })
    ]));
}

describe('FindingsPageComponent with both rules', () => {
    let fixture: ComponentFixture<FindingsPageComponent>;
    let page: FindingsPageComponent;
    let scans: FakeScanService;

    const element = () => fixture.nativeElement as HTMLElement;
    const tableItems = () => fixture.debugElement.query(By.css('sme-data-table')).properties.items as FindingRow[];
    const counts = () => fixture.debugElement.queryAll(By.css('button.verdict-count'))
        .map(b => ((b.nativeElement as HTMLElement).textContent || '').replace(/\s+/g, ' ').trim());
    const ruleLabels = () => fixture.debugElement.queryAll(By.css('sme-form-field.rule-switch sme-option')).map(o => o.properties.label as string);
    const switchRule = (rule: string) => {
        fixture.debugElement.query(By.css('sme-form-field.rule-switch')).triggerEventHandler('ngModelChange', rule);
        fixture.detectChanges();
    };

    beforeEach(() => {
        fixture = createPage({ nodeName: 'hv01.corp.example', value: { type: 'msft.sme.connection-type.server' } });
        page = fixture.componentInstance;
        scans = fixture.debugElement.injector.get(ScanService) as unknown as FakeScanService;
        fixture.detectChanges();
        scans.answer(twoRulesOutcome());
        fixture.detectChanges();
    });

    it('offers both rules in the switch, each with its fail and warning counts, in the registry\'s order', () => {
        expect(fixture.debugElement.query(By.css('sme-form-field.rule-switch')).properties.label).toBe('Rule');
        expect(ruleLabels()).toEqual(['Integration services (Fail: 3, Warning: 0)', 'Failover TCP/IP settings (Fail: 0, Warning: 1)']);
        expect(page.view.filter.rule).toBe(integrationServicesRule.id);
    });

    it('switches the rows and the counts to the failover TCP/IP settings rule, and back', () => {
        expect(tableItems().map(r => [r.vmName, r.verdict])).toEqual([['SQL01', 'pass'], ['APP07', 'fail'], ['DC02', 'fail'], ['FILE03', 'fail']]);
        expect(counts()).toEqual(['Fail: 3', 'Warning: 0', 'Couldn\'t scan: 0', 'Unknown: 0', 'Pass: 1', 'Not applicable: 0']);
        switchRule(failoverTcpipSettingsRule.id);
        expect(tableItems().map(r => [r.vmName, r.verdict]))
            .toEqual([['SQL01', 'not-applicable'], ['APP07', 'not-applicable'], ['DC02', 'pass'], ['FILE03', 'warn']]);
        expect(counts()).toEqual(['Fail: 0', 'Warning: 1', 'Couldn\'t scan: 0', 'Unknown: 0', 'Pass: 1', 'Not applicable: 2']);
        expect(tableItems().every(r => r.finding.rule === failoverTcpipSettingsRule.id)).toBeTrue();
        switchRule(integrationServicesRule.id);
        expect(counts()[0]).toBe('Fail: 3');
    });

    it('shows the BPA column: Yes, No, or blank for a VM that could not be read', () => {
        page.refresh();
        scans.answer(outcomeFromSnapshot(snapshotOf([...(twoRulesOutcome().vms?.map(v => v.vm) || []),
            vmFacts({ id: 'e', name: 'BROKEN', errors: [{ source: 'Get-VMIntegrationService', message: 'in use' }] })])));
        fixture.detectChanges();
        const column = fixture.debugElement.query(By.css('sme-data-table-column[field="bpa"]'));
        expect(column.properties.header).toBe('BPA');
        // The SDK's data table calls a column's compareFunction only when the column is sortable="custom".
        expect(column.attributes['sortable']).toBe('custom');
        expect(column.properties.compareFunction).toBe(page.compareBpa);
        expect(fixture.debugElement.query(By.css('sme-data-table-column[field="verdictLabel"]')).attributes['sortable']).toBe('custom');
        expect(tableItems().map(r => [r.vmName, r.bpa])).toEqual([['SQL01', 'No'], ['APP07', 'No'], ['DC02', 'Yes'], ['FILE03', 'No'], ['BROKEN', '']]);
        switchRule(failoverTcpipSettingsRule.id);
        expect(tableItems().map(r => [r.vmName, r.bpa])).toEqual([['SQL01', 'No'], ['APP07', 'No'], ['DC02', 'No'], ['FILE03', 'Yes'], ['BROKEN', 'No']]);
    });

    it('filters by the BPA flag, "differs" listing the findings whose BPA answer a note explains', () => {
        const filter = fixture.debugElement.query(By.css('sme-form-field.bpa-filter'));
        expect(fixture.debugElement.queryAll(By.css('sme-form-field.bpa-filter sme-option')).map(o => o.properties.label))
            .toEqual(['All', 'Differs from this tool', 'Listed by the BPA', 'Not listed by the BPA']);
        filter.triggerEventHandler('ngModelChange', 'differs');
        fixture.detectChanges();
        expect(tableItems().map(r => r.vmName)).toEqual(['APP07', 'FILE03']);
        filter.triggerEventHandler('ngModelChange', 'listed');
        fixture.detectChanges();
        expect(tableItems().map(r => r.vmName)).toEqual(['DC02']);
        filter.triggerEventHandler('ngModelChange', 'not-listed');
        fixture.detectChanges();
        expect(tableItems().map(r => r.vmName)).toEqual(['SQL01', 'APP07', 'FILE03']);
        // Under the failover TCP/IP settings rule the BPA lists the Replica without a failover IP.
        switchRule(failoverTcpipSettingsRule.id);
        filter.triggerEventHandler('ngModelChange', 'listed');
        fixture.detectChanges();
        expect(tableItems().map(r => r.vmName)).toEqual(['FILE03']);
        filter.triggerEventHandler('ngModelChange', null);
        fixture.detectChanges();
        expect(tableItems().length).toBe(4);
    });

    it('keeps the selected VM selected when the rule changes, and the details pane follows the rule', () => {
        page.select(page.view.visibleRows.find(r => r.id === 'n') || null);
        fixture.detectChanges();
        const details = () => (fixture.debugElement.query(By.css('sme-finding-details')).nativeElement as HTMLElement);
        expect(details().querySelector('.details-rule h4')?.textContent).toContain('Integration services must be installed');
        switchRule(failoverTcpipSettingsRule.id);
        expect(page.view.selected?.id).toBe('n');
        expect(page.view.selected?.verdict).toBe('warn');
        expect(details().querySelector('.details-rule h4')?.textContent)
            .toBe('Configure the failover TCP/IP settings that you want the Replica VM to use in the event of a failover');
        expect(details().querySelector('.details-bpa-answer')?.textContent).toBe('lists this VM');
    });

    it('shows the BPA note in the details pane of a VM the BPA does not list', () => {
        page.select(page.view.visibleRows.find(r => r.id === 'b') || null);
        fixture.detectChanges();
        const details = element().querySelector('sme-finding-details') as HTMLElement;
        expect(details.querySelector('.details-bpa')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Server Manager\'s BPA: doesn\'t list this VM');
        expect(details.querySelector('.details-bpa-note')?.textContent)
            .toContain('Server Manager\'s BPA checks Replica VMs only, so it doesn\'t list this primary VM.');
    });

    it('judges a re-checked VM again under both rules: rows, counts and the switch\'s labels follow', () => {
        const vm = page.view.rows.find(r => r.id === 'n')?.finding.vm as SnapshotVm;
        // Enable turned KVP on; someone set a failover IP meanwhile: the re-check brings both.
        const fixed = { ...vm, kvp: kvpWith(null), adapters: [{ ...unset, failover: 4096, ipv4: '10.20.0.9' }] };
        page.replaceVm(judgeVm(fixed));
        fixture.detectChanges();
        expect(tableItems().find(r => r.id === 'n')?.verdict).toBe('unknown');
        expect(ruleLabels()).toEqual(['Integration services (Fail: 2, Warning: 0)', 'Failover TCP/IP settings (Fail: 0, Warning: 0)']);
        switchRule(failoverTcpipSettingsRule.id);
        expect(tableItems().find(r => r.id === 'n')?.verdict).toBe('pass');
        expect(counts()[1]).toBe('Warning: 0');
    });

    it('takes the re-checked VM\'s findings under every rule', () => {
        const vm = page.view.rows.find(r => r.id === 'n')?.finding.vm as SnapshotVm;
        page.replaceVm(judgeVm({ ...vm, adapters: [{ ...unset, failover: 4096, ipv4: '10.20.0.9' }] }));
        expect(page.view.rowsByRule[integrationServicesRule.id].find(r => r.id === 'n')?.verdict).toBe('fail');
        expect(page.view.rowsByRule[failoverTcpipSettingsRule.id].find(r => r.id === 'n')?.verdict).toBe('pass');
    });
});

describe('FindingsPageComponent on a failover cluster', () => {
    let fixture: ComponentFixture<FindingsPageComponent>;
    let scans: FakeScanService;

    function nodeOutcome(node: string, vms: { id: string; name: string; fail?: boolean }[]): ScanOutcome {
        return outcomeFromSnapshot(snapshotOf(vms.map(v => vmFacts({
            id: v.id, name: v.name, kvp: v.fail ? kvpWith(KvpStatus.NoContact) : kvpWith(KvpStatus.Ok)
        })), {
            host: { name: node, osVersion: '10.0.17763', culture: 'en-US', setupDisk: null,
                cluster: { name: 'HVCLUSTER', nodes: ['N1', 'N2', 'N3', 'N4'], replicaBroker: 'HVBROKER' } }
        }));
    }

    beforeEach(() => {
        fixture = createPage({ nodeName: 'hvcluster.corp.example', value: { type: 'msft.sme.connection-type.cluster' } });
        scans = fixture.debugElement.injector.get(ScanService) as unknown as FakeScanService;
        scans.inventory = { scan: ['n1.corp', 'n2.corp', 'n3.corp'], notScanned: [{ node: 'n4.corp', state: 'Down' }] };
        fixture.detectChanges();
    });

    it('scans the nodes the cluster inventory says are up, in parallel, and lists a down node without scanning it', () => {
        expect(scans.inventoryQueries).toEqual([{ cluster: 'hvcluster.corp.example', fresh: false }]);
        expect(scans.scans.map(s => s.node)).toEqual(['n1.corp', 'n2.corp', 'n3.corp']);
        scans.answer(nodeOutcome('N1', [{ id: 'a', name: 'A' }]), 'n1.corp');
        scans.answer(nodeOutcome('N2', [{ id: 'b', name: 'B', fail: true }]), 'n2.corp');
        scans.answer({ failure: { kind: 'gateway', detail: 'WinRM cannot complete the operation.' } }, 'n3.corp');
        fixture.detectChanges();
        const items = fixture.debugElement.query(By.css('sme-data-table')).properties.items as FindingRow[];
        expect(items.map(r => [r.vmName, r.node])).toEqual([['A', 'n1.corp'], ['B', 'n2.corp']]);
        expect(fixture.debugElement.query(By.css('sme-data-table-column[field="node"]')).properties.hidden).toBeFalse();
        const failures = fixture.debugElement.queryAll(By.css('sme-alert.node-failure')).map(f => (f.properties.alert as { message: string }).message);
        expect(failures).toEqual([
            'Node n4.corp wasn\'t scanned: the cluster reports it as Down. Its VMs are missing from the list.',
            'Couldn\'t scan node n3.corp; its VMs are missing from the list. '
                + 'Couldn\'t reach n3.corp through the Windows Admin Center gateway. WinRM cannot complete the operation.'
        ]);
        expect((fixture.nativeElement as HTMLElement).textContent).toContain('Hyper-V Replica Broker: HVBROKER');
    });

    it('names the nodes whose failover settings were matched to adapters by the instance ID guess', () => {
        const guessed = nodeOutcome('N2', [{ id: 'b', name: 'B' }]);
        if (!guessed.host) {
            throw new Error('the outcome has no host');
        }
        guessed.host.failoverMapping = 'instanceIdGuess';
        scans.answer(nodeOutcome('N1', [{ id: 'a', name: 'A' }]), 'n1.corp');
        scans.answer(guessed, 'n2.corp');
        fixture.detectChanges();
        const line = fixture.debugElement.query(By.css('.failover-mapping-guess')).nativeElement as HTMLElement;
        expect(line.textContent).toContain('Failover IP settings on N2 were matched to network adapters by their instance ID');
    });

    it('asks the cluster for its nodes again on refresh', () => {
        fixture.componentInstance.refresh();
        expect(scans.inventoryQueries.map(q => q.fresh)).toEqual([false, true]);
    });

    it('shows the nodes that answered while the others are still scanning', () => {
        scans.answer(nodeOutcome('N1', [{ id: 'a', name: 'A' }]), 'n1.corp');
        fixture.detectChanges();
        const items = fixture.debugElement.query(By.css('sme-data-table')).properties.items as FindingRow[];
        expect(items.map(r => r.vmName)).toEqual(['A']);
        expect(fixture.debugElement.query(By.css('sme-loading-wheel'))).not.toBeNull();
    });
});
