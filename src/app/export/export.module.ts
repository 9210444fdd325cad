import { CommonModule } from '@angular/common';
import { NgModule } from '@angular/core';
import { DataTableModule } from '@microsoft/windows-admin-center-sdk/angular';
import { FindingsExportComponent } from './findings-export.component';

@NgModule({
    imports: [CommonModule, DataTableModule],
    declarations: [FindingsExportComponent],
    exports: [FindingsExportComponent]
})
export class ExportModule { }
