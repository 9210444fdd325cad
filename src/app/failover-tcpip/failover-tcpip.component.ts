import { ChangeDetectionStrategy, ChangeDetectorRef, Component, EventEmitter, Input, OnChanges, OnDestroy, Output } from '@angular/core';
import { Subject } from 'rxjs';
import { Strings } from '../../generated/strings';
import { statusTemplates } from '../remediation/finding-actions.component';
import { RemediationResult } from '../remediation/remediation-result';
import { RemediationParameters, RemediationScript, RemediationService } from '../remediation/remediation.service';
import { ChangeTarget, runChange } from '../remediation/run-change';
import { fillTemplate } from '../rule/describe-finding';
import { Finding } from '../rule/finding';
import { ReplicationMode } from '../snapshot/hyperv-enums';
import { SnapshotFailoverRestore } from '../snapshot/snapshot';
import {
    checkFailoverTcpIp,
    clearParameters,
    FailoverTcpIpCheck,
    FailoverTcpIpField,
    FailoverTcpIpValues,
    familyTouched,
    ipv4Fields,
    ipv6Fields,
    setParameters,
    valuesFromAdapter
} from './failover-tcpip-form';

type Texts = Strings['HvtoolsReplicaFailoverIp'];

/** The form of one synthetic adapter. */
export interface AdapterForm {
    adapterId: string;
    adapterName: string;
    /** What the admin types (bound to the fields). */
    values: FailoverTcpIpValues;
    /** The adapter's settings in the last snapshot. */
    current: FailoverTcpIpValues;
    check: FailoverTcpIpCheck;
    /** The kept previous settings, when the host has a restore record for this adapter. */
    restore: SnapshotFailoverRestore | null;
    restoreHint: string;
}

/** The VMs whose failover settings matter: those Hyper-V Replica fails over (primaries) or brings up (Replica, Extended Replica). */
const modesWithForm: readonly number[] = [ReplicationMode.Primary, ReplicationMode.Replica, ReplicationMode.ExtendedReplica];

/**
 * The failover TCP/IP settings of a VM's synthetic adapters, in the details pane: one form per
 * adapter, filled with the current settings, checked in the browser as the admin types (each error
 * under its field, Set disabled while any is there). Set, Clear and Restore ask through the shell's
 * confirmation dialog, then run the scripts with the typed values as parameters, notify, and
 * re-check the VM (runChange, shared with the other actions of the pane).
 */
@Component({
    selector: 'sme-failover-tcpip',
    templateUrl: './failover-tcpip.component.html',
    styleUrls: ['./failover-tcpip.component.css'],
    changeDetection: ChangeDetectionStrategy.OnPush
})
export class FailoverTcpIpComponent implements OnChanges, OnDestroy {
    @Input() public finding: Finding | null = null;
    @Input() public node = '';
    @Output() public findingChange = new EventEmitter<Finding>();
    @Output() public rescan = new EventEmitter<void>();

    public readonly strings: Texts = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public readonly ipv4Fields = ipv4Fields;
    public readonly ipv6Fields = ipv6Fields;
    public forms: AdapterForm[] = [];
    /** Whether the pane shows the section (a replicated VM of a mode that fails over). */
    public shown = false;
    public intro = '';
    public noAdapters = '';
    private readonly running = new Set<string>();
    private readonly destroyed = new Subject<void>();
    private readonly statuses = statusTemplates(this.strings);

    constructor(private remediation: RemediationService, private changes: ChangeDetectorRef) { }

    /** A change runs for the VM shown: its buttons are disabled. */
    public get busy(): boolean {
        return !!this.finding && this.running.has(this.finding.vm.id);
    }

    public ngOnChanges(): void {
        const vm = this.finding ? this.finding.vm : null;
        this.shown = !!vm && !!vm.replication && modesWithForm.includes(vm.replication.mode);
        if (!vm || !this.shown) {
            this.forms = [];
            return;
        }
        const target = this.target();
        this.intro = this.text(target, this.strings.FailoverTcpIp.intro);
        this.noAdapters = this.text(target, this.strings.FailoverTcpIp.noAdapters);
        const kept = vm.failoverRestore || [];
        this.forms = vm.adapters.filter(a => !a.legacy).map(adapter => {
            const current = valuesFromAdapter(adapter);
            const restore = kept.find(r => r.adapterId.toLowerCase() === adapter.id.toLowerCase()) || null;
            return {
                adapterId: adapter.id,
                adapterName: adapter.name,
                values: { ...current },
                current,
                check: checkFailoverTcpIp(current),
                restore,
                restoreHint: restore ? this.text(target, this.strings.FailoverTcpIp.restoreHint, this.addresses(restore.ipv4, restore.ipv6)) : ''
            };
        });
    }

    public ngOnDestroy(): void {
        this.destroyed.next();
        this.destroyed.complete();
    }

    public label(field: FailoverTcpIpField): string {
        return this.strings.FailoverTcpIp.Fields[field];
    }

    /** The text of a field's error, or '' when it has none. */
    public fieldError(form: AdapterForm, field: FailoverTcpIpField): string {
        const error = form.check.fields[field];
        return error ? this.strings.FailoverTcpIp.Errors[error] : '';
    }

    public formError(form: AdapterForm): string {
        return form.check.form ? this.strings.FailoverTcpIp.Errors[form.check.form] : '';
    }

    /** Whether the adapter has settings Clear would remove. */
    public hasSettings(form: AdapterForm): boolean {
        return familyTouched(form.current, 4) || familyTouched(form.current, 6);
    }

    /** Checks the form again (every change of a field). */
    public validate(form: AdapterForm): void {
        form.check = checkFailoverTcpIp(form.values);
        this.changes.markForCheck();
    }

    public trackForm(_: number, form: AdapterForm): string {
        return form.adapterId;
    }

    public set(form: AdapterForm): void {
        this.validate(form);
        if (!this.finding || this.busy || !form.check.valid) {
            return;
        }
        const parameters = setParameters(form.values, form.current);
        const target = this.target();
        const values = form.values;
        const ask = this.remediation.confirm(this.strings.FailoverTcpIp.Confirm.setTitle,
            this.text(target, this.strings.FailoverTcpIp.Confirm.setMessage, {
                adapter: form.adapterName,
                ...this.addresses(values.ipv4Address.trim() ? `${values.ipv4Address.trim()} / ${values.ipv4SubnetMask.trim()}` : null,
                    values.ipv6Address.trim() ? `${values.ipv6Address.trim()}/${values.ipv6PrefixLength.trim()}` : null)
            }),
            this.strings.FailoverTcpIp.set, this.strings.Actions.cancel);
        this.change(target, form, ask, 'set-failover-tcpip', this.strings.FailoverTcpIp.Notify.setTitle, parameters);
    }

    public clear(form: AdapterForm): void {
        if (!this.finding || this.busy) {
            return;
        }
        const target = this.target();
        const ask = this.remediation.confirm(this.strings.FailoverTcpIp.Confirm.clearTitle,
            this.text(target, this.strings.FailoverTcpIp.Confirm.clearMessage, { adapter: form.adapterName }),
            this.strings.FailoverTcpIp.clear, this.strings.Actions.cancel);
        this.change(target, form, ask, 'set-failover-tcpip', this.strings.FailoverTcpIp.Notify.clearTitle, clearParameters());
    }

    public restore(form: AdapterForm): void {
        if (!this.finding || this.busy || !form.restore) {
            return;
        }
        const target = this.target();
        const ask = this.remediation.confirm(this.strings.FailoverTcpIp.Confirm.restoreTitle,
            this.text(target, this.strings.FailoverTcpIp.Confirm.restoreMessage, {
                adapter: form.adapterName, ...this.addresses(form.restore.ipv4, form.restore.ipv6)
            }),
            this.strings.FailoverTcpIp.restore, this.strings.Actions.cancel);
        this.change(target, form, ask, 'restore-failover-tcpip', this.strings.FailoverTcpIp.Notify.restoreTitle, {});
    }

    /** The notification of a script's result. */
    public statusMessage(target: ChangeTarget, adapterName: string, result: RemediationResult): string {
        return this.text(target, this.statuses[result.status],
            { adapter: result.adapter || adapterName, drive: '', path: '', change: result.inProgress || '' });
    }

    private addresses(ipv4: string | null, ipv6: string | null): Record<string, string> {
        const none = this.strings.FailoverTcpIp.none;
        return { ipv4: ipv4 || none, ipv6: ipv6 || none };
    }

    private target(): ChangeTarget {
        const vm = this.finding ? this.finding.vm : { id: '', name: '' };
        return { vmId: vm.id, vmName: vm.name, node: this.node };
    }

    private text(target: ChangeTarget, template: string, values: Record<string, string> = {}): string {
        return fillTemplate(template, { vm: target.vmName, host: target.node, ...values });
    }

    private change(target: ChangeTarget, form: AdapterForm, ask: ReturnType<RemediationService['confirm']>, script: RemediationScript, title: string,
        parameters: RemediationParameters): void {
        const { vmId } = target;
        const adapterName = form.adapterName;
        this.running.add(vmId);
        this.changes.markForCheck();
        runChange(this.remediation, this.strings, {
            target, ask, script, title,
            parameters: { adapterId: form.adapterId, ...parameters },
            describe: result => this.statusMessage(target, adapterName, result),
            found: finding => this.findingChange.emit(finding),
            rescan: () => this.rescan.emit(),
            until: this.destroyed,
            done: () => {
                this.running.delete(vmId);
                this.changes.markForCheck();
            }
        });
    }
}
