import { ChangeDetectionStrategy, ChangeDetectorRef, Component, Input, OnChanges, OnDestroy } from '@angular/core';
import { Subject } from 'rxjs';
import { takeUntil } from 'rxjs/operators';
import { Strings } from '../../generated/strings';
import { ChangeTarget, changeText, HostChangesService } from '../remediation/host-changes.service';
import { RemediationParameters, RemediationScript, RemediationService } from '../remediation/remediation.service';
import { Finding } from '../rules/finding';
import { ReplicationMode } from '../snapshot/hyperv-enums';
import { SnapshotFailoverRestore } from '../snapshot/snapshot';
import {
    checkFailoverSettings,
    clearParameters,
    FailoverSettingsCheck,
    FailoverSettingsField,
    FailoverSettingsValues,
    familyTouched,
    ipv4Fields,
    ipv6Fields,
    setParameters,
    valuesFromAdapter
} from './failover-settings-form';

type Texts = Strings['HvtoolsReplicaFailoverIp'];

/** The form of one synthetic adapter. */
export interface AdapterForm {
    adapterId: string;
    adapterName: string;
    /** What the admin types (bound to the fields). */
    values: FailoverSettingsValues;
    /** The adapter's settings in the last snapshot. */
    current: FailoverSettingsValues;
    check: FailoverSettingsCheck;
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
 * re-check the VM (HostChangesService, shared with the other actions of the pane: a change of
 * either disables both until the host has answered).
 */
@Component({
    selector: 'sme-failover-settings',
    templateUrl: './failover-settings.component.html',
    styleUrls: ['./failover-settings.component.css'],
    changeDetection: ChangeDetectionStrategy.OnPush
})
export class FailoverSettingsComponent implements OnChanges, OnDestroy {
    @Input() public finding: Finding | null = null;
    @Input() public node = '';

    public readonly strings: Texts = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public readonly ipv4Fields = ipv4Fields;
    public readonly ipv6Fields = ipv6Fields;
    public forms: AdapterForm[] = [];
    /** Whether the pane shows the section (a replicated VM of a mode that fails over). */
    public shown = false;
    public intro = '';
    public noAdapters = '';
    private readonly destroyed = new Subject<void>();

    constructor(private remediation: RemediationService, private hostChanges: HostChangesService, private changes: ChangeDetectorRef) {
        hostChanges.busyChanged.pipe(takeUntil(this.destroyed)).subscribe(() => changes.markForCheck());
    }

    /** A change runs for the VM shown: its buttons are disabled. */
    public get busy(): boolean {
        return !!this.finding && this.hostChanges.isBusy(this.finding.vm.id);
    }

    public ngOnChanges(): void {
        const vm = this.finding ? this.finding.vm : null;
        this.shown = !!vm && !!vm.replication && modesWithForm.includes(vm.replication.mode);
        if (!vm || !this.shown) {
            this.forms = [];
            return;
        }
        const target = this.target();
        this.intro = changeText(target, this.strings.FailoverSettings.intro);
        this.noAdapters = changeText(target, this.strings.FailoverSettings.noAdapters);
        const kept = vm.failoverRestore || [];
        this.forms = vm.adapters.filter(a => !a.legacy).map(adapter => {
            const current = valuesFromAdapter(adapter);
            const restore = kept.find(r => r.adapterId.toLowerCase() === adapter.id.toLowerCase()) || null;
            return {
                adapterId: adapter.id,
                adapterName: adapter.name,
                values: { ...current },
                current,
                check: checkFailoverSettings(current),
                restore,
                restoreHint: restore ? changeText(target, this.strings.FailoverSettings.restoreHint, this.addresses(restore.ipv4, restore.ipv6)) : ''
            };
        });
    }

    public ngOnDestroy(): void {
        this.destroyed.next();
        this.destroyed.complete();
    }

    public label(field: FailoverSettingsField): string {
        return this.strings.FailoverSettings.Fields[field];
    }

    /** The text of a field's error, or '' when it has none. */
    public fieldError(form: AdapterForm, field: FailoverSettingsField): string {
        const error = form.check.fields[field];
        return error ? this.strings.FailoverSettings.Errors[error] : '';
    }

    public formError(form: AdapterForm): string {
        return form.check.form ? this.strings.FailoverSettings.Errors[form.check.form] : '';
    }

    /** Whether the adapter has settings Clear would remove. */
    public hasSettings(form: AdapterForm): boolean {
        return familyTouched(form.current, 4) || familyTouched(form.current, 6);
    }

    /** Checks the form again (every change of a field). */
    public validate(form: AdapterForm): void {
        form.check = checkFailoverSettings(form.values);
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
        const ask = this.remediation.confirm(this.strings.FailoverSettings.Confirm.setTitle,
            changeText(target, this.strings.FailoverSettings.Confirm.setMessage, {
                adapter: form.adapterName,
                ...this.addresses(values.ipv4Address.trim() ? `${values.ipv4Address.trim()} / ${values.ipv4SubnetMask.trim()}` : null,
                    values.ipv6Address.trim() ? `${values.ipv6Address.trim()}/${values.ipv6PrefixLength.trim()}` : null)
            }),
            this.strings.FailoverSettings.set, this.strings.Actions.cancel);
        this.change(target, form, ask, 'set-failover-tcpip', this.strings.FailoverSettings.Notify.setTitle, parameters);
    }

    public clear(form: AdapterForm): void {
        if (!this.finding || this.busy) {
            return;
        }
        const target = this.target();
        const ask = this.remediation.confirm(this.strings.FailoverSettings.Confirm.clearTitle,
            changeText(target, this.strings.FailoverSettings.Confirm.clearMessage, { adapter: form.adapterName }),
            this.strings.FailoverSettings.clear, this.strings.Actions.cancel);
        this.change(target, form, ask, 'set-failover-tcpip', this.strings.FailoverSettings.Notify.clearTitle, clearParameters());
    }

    public restore(form: AdapterForm): void {
        if (!this.finding || this.busy || !form.restore) {
            return;
        }
        const target = this.target();
        const ask = this.remediation.confirm(this.strings.FailoverSettings.Confirm.restoreTitle,
            changeText(target, this.strings.FailoverSettings.Confirm.restoreMessage, {
                adapter: form.adapterName, ...this.addresses(form.restore.ipv4, form.restore.ipv6)
            }),
            this.strings.FailoverSettings.restore, this.strings.Actions.cancel);
        this.change(target, form, ask, 'restore-failover-tcpip', this.strings.FailoverSettings.Notify.restoreTitle, {});
    }

    private addresses(ipv4: string | null, ipv6: string | null): Record<string, string> {
        const none = this.strings.FailoverSettings.none;
        return { ipv4: ipv4 || none, ipv6: ipv6 || none };
    }

    private target(): ChangeTarget {
        const vm = this.finding ? this.finding.vm : { id: '', name: '' };
        return { vmId: vm.id, vmName: vm.name, node: this.node };
    }

    private change(target: ChangeTarget, form: AdapterForm, ask: ReturnType<RemediationService['confirm']>, script: RemediationScript, title: string,
        parameters: RemediationParameters): void {
        const request = { target, ask, script, title, adapter: form.adapterName, parameters: { adapterId: form.adapterId, ...parameters } };
        this.hostChanges.run(request, this.destroyed);
    }
}
