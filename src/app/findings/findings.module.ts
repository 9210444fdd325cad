import { CommonModule } from '@angular/common';
import { NgModule } from '@angular/core';
import { RouterModule } from '@angular/router';
import { FindingsPageComponent } from './findings-page.component';

@NgModule({
    imports: [
        CommonModule,
        RouterModule.forChild([{ path: '', component: FindingsPageComponent }])
    ],
    declarations: [FindingsPageComponent]
})
export class FindingsModule { }
