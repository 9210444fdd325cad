import { CommonModule } from '@angular/common';
import { NgModule } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { SmeFormsModule } from '@microsoft/windows-admin-center-sdk/angular';
import { RemediationModule } from '../remediation/remediation.module';
import { FailoverSettingsComponent } from './failover-settings.component';

@NgModule({
    imports: [CommonModule, FormsModule, SmeFormsModule, RemediationModule],
    declarations: [FailoverSettingsComponent],
    exports: [FailoverSettingsComponent]
})
export class FailoverSettingsModule { }
