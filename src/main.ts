import './polyfills';

import { enableProdMode } from '@angular/core';
import { platformBrowserDynamic } from '@angular/platform-browser-dynamic';
import { CoreEnvironment } from '@microsoft/windows-admin-center-sdk/core';
import { AppModule } from './app/app.module';
import { environment } from './environments/environment';
import { PowerShellScripts } from './generated/powershell-scripts';
import { manifestName, RuntimeVersion } from './version';

if (environment.production) {
    enableProdMode();
}

// Initialize the module environment (strings, PowerShell module name) before Angular starts.
CoreEnvironment.initialize(
    {
        name: manifestName,
        version: RuntimeVersion.version,
        powerShellModuleName: PowerShellScripts.module,
        isProduction: environment.production,
        shellOrigin: '*'
    },
    {
        resourcesPath: 'assets/strings'
    },
    {
        cssV2: true
    })
    .then(() => platformBrowserDynamic().bootstrapModule(AppModule));
