import {
    AfterViewChecked, ChangeDetectionStrategy, ChangeDetectorRef, Component, ElementRef, EventEmitter, Input, OnChanges, OnDestroy, Output
} from '@angular/core';
import { Subscription } from 'rxjs';
import { Strings } from '../../generated/strings';
import { fillTemplate } from '../common/text';
import { FindingRow, verdictKey } from '../findings/finding-row';
import { Verdict } from '../rules/finding';
import { Exclusion, KeptExclusions, maxReasonLength } from './exclusions';
import { ExclusionsService } from './exclusions.service';
import { saveFailureText } from './save-failure-text';

/** Verdicts an admin may exclude: the ones that say something is wrong or unknown (not pass, not "doesn't apply"). */
const excludable: readonly Verdict[] = ['fail', 'warn', 'unknown', 'scan-error'];

/** What the panel shows for the selected VM, computed when the row changes. */
export interface ExclusionView {
    /** excluded: the exclusion applies; stale: kept but made for another verdict; excludable: the form; none: nothing to offer. */
    state: 'excluded' | 'stale' | 'excludable' | 'none';
    record: Exclusion | null;
    staleText: string;
}

/**
 * The exclusion of the selected VM's finding, in the details pane: Exclude with a required reason,
 * or who excluded it, when and why, and Include. Saving goes to the gateway's admin settings
 * (ExclusionsService); the page applies the saved exclusions. A refused save says so and changes
 * nothing: the grid stays as it was (read-only for a user who may not write the settings).
 */
@Component({
    selector: 'sme-exclusion-panel',
    templateUrl: './exclusion-panel.component.html',
    styleUrls: ['./exclusion-panel.component.css'],
    changeDetection: ChangeDetectionStrategy.OnPush
})
export class ExclusionPanelComponent implements AfterViewChecked, OnChanges, OnDestroy {
    @Input() public row: FindingRow | null = null;
    /** The connection's name: the server, or the cluster's name. */
    @Input() public host = '';
    @Input() public rule = '';
    @Output() public exclusionsChange = new EventEmitter<KeptExclusions>();
    public readonly strings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public view: ExclusionView = { state: 'none', record: null, staleText: '' };
    public reason = '';
    public reasonError = '';
    public error = '';
    public saving = false;
    private vmId = '';
    /** After Exclude or Include, what takes the keyboard focus once it is shown (the button pressed is disabled, then gone). */
    private focusNext = '';
    private readonly subscriptions = new Subscription();

    constructor(private exclusions: ExclusionsService, private changes: ChangeDetectorRef, private element: ElementRef<HTMLElement>) { }

    public ngOnChanges(): void {
        const row = this.row;
        if (!row) {
            this.view = { state: 'none', record: null, staleText: '' };
            return;
        }
        if (row.id !== this.vmId) {
            this.vmId = row.id;
            this.focusNext = '';
            this.reason = '';
            this.reasonError = '';
            this.error = '';
        }
        const record = row.exclusionRecord;
        if (row.excluded) {
            this.view = { state: 'excluded', record: row.excluded, staleText: '' };
        } else if (record) {
            this.view = {
                state: 'stale', record, staleText: fillTemplate(this.strings.Exclusions.notApplying, {
                    verdict: this.strings.Finding.Verdict[verdictKey(record.verdict)], current: row.verdictLabel
                })
            };
        } else {
            this.view = { state: excludable.includes(row.verdict) ? 'excludable' : 'none', record: null, staleText: '' };
        }
    }

    public ngAfterViewChecked(): void {
        const target = this.focusNext && !this.saving ? this.element.nativeElement.querySelector<HTMLElement>(this.focusNext) : null;
        if (target) {
            this.focusNext = '';
            target.focus();
            // The grid's data table focuses its selected row again, on a timer of its own, once its rows change
            // (the excluded row leaves it): take the focus back after that, unless the admin moved it elsewhere.
            setTimeout(() => {
                const active = document.activeElement;
                if (target.isConnected && (!active || active === document.body || active.closest('sme-data-table'))) {
                    target.focus();
                }
            });
        }
    }

    public ngOnDestroy(): void {
        this.subscriptions.unsubscribe();
    }

    public reasonChanged(): void {
        this.reasonError = '';
    }

    /** Exclude the finding for the VM and verdict shown at the click, with the reason typed. */
    public exclude(): void {
        const row = this.row;
        if (!row || this.saving) {
            return;
        }
        const reason = this.reason.trim();
        if (!reason) {
            this.reasonError = this.strings.Exclusions.reasonRequired;
            return;
        }
        if (reason.length > maxReasonLength) {
            this.reasonError = fillTemplate(this.strings.Exclusions.reasonTooLong, { max: String(maxReasonLength) });
            return;
        }
        this.saving = true;
        this.error = '';
        const request = { vmId: row.id, vmName: row.vmName, host: this.host, rule: this.rule, verdict: row.verdict, reason };
        this.subscriptions.add(this.exclusions.exclude(request).subscribe({
            next: document => this.saved(document, 'button.exclusion-include'),
            error: (error: unknown) => this.failed(error, this.strings.Exclusions.saveFailed, 'button.exclusion-exclude')
        }));
    }

    /** Include: drop the exclusion kept for the VM under the rule (applying or not), the one shown. */
    public include(): void {
        const record = this.view.record;
        if (!record || this.saving) {
            return;
        }
        this.saving = true;
        this.error = '';
        this.subscriptions.add(this.exclusions.include(record).subscribe({
            next: document => this.saved(document, 'button.exclusion-exclude'),
            error: (error: unknown) => this.failed(error, this.strings.Exclusions.includeFailed, 'button.exclusion-include')
        }));
    }

    private saved(document: KeptExclusions, focusNext: string): void {
        this.saving = false;
        this.focusNext = focusNext;
        this.reason = '';
        this.changes.markForCheck();
        this.exclusionsChange.emit(document);
    }

    private failed(error: unknown, template: string, focusNext: string): void {
        this.subscriptions.add(this.exclusions.explainSaveFailure(error).subscribe(failure => {
            this.saving = false;
            this.focusNext = focusNext;
            this.error = saveFailureText(failure, template, this.strings.Exclusions);
            this.changes.markForCheck();
        }));
    }
}
