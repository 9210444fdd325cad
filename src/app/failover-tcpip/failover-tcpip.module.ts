import { CommonModule } from '@angular/common';
import { NgModule } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { SmeFormsModule } from '@microsoft/windows-admin-center-sdk/angular';
import { RemediationModule } from '../remediation/remediation.module';
import { FailoverTcpIpComponent } from './failover-tcpip.component';

@NgModule({
    imports: [CommonModule, FormsModule, SmeFormsModule, RemediationModule],
    declarations: [FailoverTcpIpComponent],
    exports: [FailoverTcpIpComponent]
})
export class FailoverTcpIpModule { }
