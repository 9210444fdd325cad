import { Component, OnDestroy, OnInit } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { AppContextService, NavigationService } from '@microsoft/windows-admin-center-sdk/angular';
import { Strings } from '../generated/strings';

@Component({
    selector: 'sme-root',
    template: `
        <sme-ux class="sme-layout-absolute sme-position-inset-none">
            <router-outlet></router-outlet>
        </sme-ux>`
})
export class AppComponent implements OnDestroy, OnInit {
    constructor(private appContext: AppContextService, private navigationService: NavigationService, private title: Title) {
    }

    public ngOnInit(): void {
        // The tool's frame document is named in the admin's language (screen readers announce it; index.html has the en-US one).
        this.title.setTitle(MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp.title);
        this.appContext.ngInit({ navigationService: this.navigationService });
    }

    public ngOnDestroy(): void {
        this.appContext.ngDestroy();
    }
}
