import { CommonModule } from '@angular/common';
import { NgModule } from '@angular/core';
import { FindingActionsComponent } from './finding-actions.component';
import { RemediationService } from './remediation.service';

@NgModule({
    imports: [CommonModule],
    declarations: [FindingActionsComponent],
    providers: [RemediationService],
    exports: [FindingActionsComponent]
})
export class RemediationModule { }
