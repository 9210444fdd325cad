import { NgModule } from '@angular/core';
import { RouterModule, Routes } from '@angular/router';
import { IdleComponent } from '@microsoft/windows-admin-center-sdk/angular';

const appRoutes: Routes = [
    // The shell parks a module on 'idle' until it opens a path.
    { path: 'idle', component: IdleComponent },
    { path: '', loadChildren: () => import('./findings/findings.module').then(m => m.FindingsModule) },
    { path: '**', redirectTo: '' }
];

@NgModule({
    imports: [RouterModule.forRoot(appRoutes, { initialNavigation: 'disabled' })],
    exports: [RouterModule]
})
export class AppRoutingModule { }
