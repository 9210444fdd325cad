import { CommonModule } from '@angular/common';
import { NgModule } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { SmeFormsModule } from '@microsoft/windows-admin-center-sdk/angular';
import { ExclusionPanelComponent } from './exclusion-panel.component';
import { UnreadableExclusionsComponent } from './unreadable-exclusions.component';

@NgModule({
    imports: [CommonModule, FormsModule, SmeFormsModule],
    declarations: [ExclusionPanelComponent, UnreadableExclusionsComponent],
    exports: [ExclusionPanelComponent, UnreadableExclusionsComponent]
})
export class ExclusionsModule { }
