import { CommonModule } from '@angular/common';
import { ErrorHandler, NgModule } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { BrowserAnimationsModule } from '@angular/platform-browser/animations';
import {
    AppContextService,
    AppErrorHandler,
    CoreServiceModule,
    DialogModule,
    IdleModule,
    NavigationService,
    ResourceService,
    SmeUxModule
} from '@microsoft/windows-admin-center-sdk/angular';
import { AppRoutingModule } from './app-routing.module';
import { AppComponent } from './app.component';

@NgModule({
    declarations: [AppComponent],
    imports: [
        CoreServiceModule,
        CommonModule,
        BrowserModule,
        BrowserAnimationsModule,
        DialogModule,
        SmeUxModule,
        IdleModule,
        AppRoutingModule
    ],
    providers: [
        NavigationService,
        ResourceService,
        { provide: ErrorHandler, useClass: AppErrorHandler }
    ],
    bootstrap: [AppComponent]
})
export class AppModule {
    constructor(appContextService: AppContextService) {
        appContextService.initializeModule({});
    }
}
