import { CommonModule } from '@angular/common';
import { NgModule } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterModule } from '@angular/router';
import {
    ActionsModule,
    DataTableModule,
    DetailsModule,
    LoadingWheelModule,
    MasterViewModule,
    SmeFormsModule,
    SplitViewModule
} from '@microsoft/windows-admin-center-sdk/angular';
import { ExclusionsModule } from '../exclusions/exclusions.module';
import { ExportModule } from '../export/export.module';
import { FailoverSettingsModule } from '../failover-settings/failover-settings.module';
import { RemediationModule } from '../remediation/remediation.module';
import { FindingDetailsComponent } from './finding-details.component';
import { FindingsPageComponent } from './findings-page.component';

@NgModule({
    imports: [
        ActionsModule,
        CommonModule,
        ExclusionsModule,
        ExportModule,
        FormsModule,
        DataTableModule,
        DetailsModule,
        LoadingWheelModule,
        MasterViewModule,
        SmeFormsModule,
        SplitViewModule,
        RemediationModule,
        FailoverSettingsModule,
        RouterModule.forChild([{ path: '', component: FindingsPageComponent }])
    ],
    declarations: [FindingsPageComponent, FindingDetailsComponent]
})
export class FindingsModule { }
