import { ChangeDetectionStrategy, ChangeDetectorRef, Component, EventEmitter, Input, OnDestroy, Output } from '@angular/core';
import { Subscription } from 'rxjs';
import { Strings } from '../../generated/strings';
import { KeptExclusions, UnreadableExclusion } from './exclusions';
import { ExclusionsService } from './exclusions.service';
import { saveFailureText } from './save-failure-text';

/**
 * The records of the exclusions document that can't be read (an invalid field, a second record for
 * the same finding): each named by its index and field, with Remove. They exclude nothing; the other
 * records keep working, and Exclude and Include keep working for everyone.
 */
@Component({
    selector: 'sme-unreadable-exclusions',
    templateUrl: './unreadable-exclusions.component.html',
    styleUrls: ['./exclusion-panel.component.css'],
    changeDetection: ChangeDetectionStrategy.OnPush
})
export class UnreadableExclusionsComponent implements OnDestroy {
    @Input() public unreadable: readonly UnreadableExclusion[] = [];
    @Output() public exclusionsChange = new EventEmitter<KeptExclusions>();
    public readonly strings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
    public error = '';
    public saving = false;
    private readonly subscriptions = new Subscription();

    constructor(private exclusions: ExclusionsService, private changes: ChangeDetectorRef) { }

    public ngOnDestroy(): void {
        this.subscriptions.unsubscribe();
    }

    /** Remove: deletes the record as it is stored, for every user. */
    public remove(record: UnreadableExclusion): void {
        if (this.saving) {
            return;
        }
        this.saving = true;
        this.error = '';
        this.subscriptions.add(this.exclusions.removeUnreadable(record).subscribe({
            next: kept => {
                this.saving = false;
                this.changes.markForCheck();
                this.exclusionsChange.emit(kept);
            },
            error: (error: unknown) => this.subscriptions.add(this.exclusions.explainSaveFailure(error).subscribe(failure => {
                this.saving = false;
                this.error = saveFailureText(failure, this.strings.Exclusions.removeFailed, this.strings.Exclusions);
                this.changes.markForCheck();
            }))
        }));
    }
}
