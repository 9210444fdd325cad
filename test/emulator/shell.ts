/**
 * The emulated WAC shell: boots like the real one (CoreEnvironment in shell mode, the SDK's Rpc in
 * shell mode), hosts the production bundle of the tool in an iframe, and answers the module's
 * Forward requests for the gateway address, the active connection and the node tokens.
 * URL: /?node=<node name>&type=server|cluster&locale=en-US|es-ES
 */
import '@microsoft/windows-admin-center-sdk/core/polyfills';
import { CoreEnvironment, Rpc, RpcForwarder } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, of } from 'rxjs';

interface ForwardData {
    service: string;
    type: number;
    name?: string;
    arguments?: unknown[];
    value?: unknown;
}

const moduleName = 'hvtools.replica-failover-ip';
const params = new URLSearchParams(location.search);
const node = params.get('node') || 'hv01.corp.example';
const connectionType = params.get('type') === 'cluster' ? 'msft.sme.connection-type.cluster' : 'msft.sme.connection-type.server';
const locale = params.get('locale') || 'en-US';

function status(text: string): void {
    document.getElementById('shell-status').textContent = text;
}

/** Forward answers of the shell-side services (RpcForwardType: 0 execute, 1 notify, 2 init). */
function forwarder(service: string, init: () => unknown, execute: (name: string, args: unknown[]) => unknown = () => null): void {
    RpcForwarder.register(service, {
        handleForwardedMessage: (data: ForwardData): Observable<unknown> => {
            if (data.type === 2) {
                return of(init());
            }
            return of(data.type === 0 ? execute(data.name, data.arguments || []) : null);
        }
    } as unknown as Parameters<typeof RpcForwarder.register>[1]);
}

async function boot(): Promise<void> {
    // The shell reads its locale from local storage, as the real one does after a user picks it.
    MsftSme.LocalStorageHandler.setItem('localeSet:@msft-sme/shell', JSON.stringify({ id: locale, neutral: locale }));
    MsftSme.LocalStorageHandler.setItem('locale:@msft-sme/shell', locale);
    await CoreEnvironment.initialize(
        { name: 'msft.sme.shell', version: '0.0.0', isProduction: true },
        { resourcesPath: 'assets/strings' },
        { cssV2: true });

    // What the real shell hands every module in Init: its theme and the shared css (fonts, icons).
    const resources = MsftSme.self().Resources as unknown as { theme: string; assets: { css: string[]; cssV2: string[] } };
    resources.theme = 'light';
    resources.assets = { css: [], cssV2: [`${location.origin}/styles/css/fonts.css`] };

    const rpc = new Rpc();
    rpc.init();
    // Commands the module sends that a real shell logs or measures: accepted and dropped here.
    for (const command of ['Log', 'PerformanceObservable-Request', 'Telemetry', 'Report', 'Alive-Request']) {
        rpc.registerInboundHandler(command, () => Promise.resolve());
    }
    RpcForwarder.waitForReady(rpc).subscribe();
    const connection = { id: `${connectionType}!${node}`, name: node, type: connectionType, properties: {}, tags: [] };
    forwarder('gateway-connection', () => ({ gatewayName: location.origin, gatewayUrlSpecified: true, staticVersion: '' }));
    forwarder('connection-manager', () => ({ connections: [connection], activeConnection: connection }));
    forwarder('authorization-manager', () => ({ manageAsToken: null, nodeTokens: {}, nodePowershellEndpoints: {}, signOnToken: null }));

    const manifest = MsftSme.self().Environment.modules.find((m: { name: string }) => m.name === moduleName);
    const entryPoint = manifest.entryPoints[0];
    const frame = document.createElement('iframe');
    frame.id = 'tool-frame';
    frame.title = 'Replica failover IP check';
    frame.src = '/module/index.html';
    document.getElementById('tool').appendChild(frame);
    await new Promise(resolve => frame.addEventListener('load', resolve, { once: true }));

    status(`Connecting to ${moduleName}...`);
    const subName = await rpc.moduleConnect(moduleName, entryPoint.name, frame.contentWindow, true);
    await rpc.moduleInit(moduleName, subName, entryPoint);
    let opened = await rpc.moduleOpen(moduleName, subName, entryPoint.path || '/');
    // RpcOpenState: 0 Opened, 1 Failed, 2 InProgress.
    for (let tries = 0; opened.state === 2 && tries < 50; tries++) {
        await new Promise(resolve => setTimeout(resolve, 200));
        opened = await rpc.moduleOpen(moduleName, subName, entryPoint.path || '/');
    }
    if (opened.state !== 0) {
        throw new Error(`The tool did not open (state ${opened.state}${opened.error ? ': ' + opened.error : ''}).`);
    }
    await rpc.moduleActivate(moduleName, subName, true, `/${entryPoint.urlName}`);
    status(`${node} (${connectionType === 'msft.sme.connection-type.cluster' ? 'cluster' : 'server'}, ${locale})`);
    document.body.setAttribute('data-shell-ready', 'true');
}

boot().catch((error: Error) => {
    status(`The emulated shell couldn't open the tool: ${error && error.message ? error.message : error}`);
    document.body.setAttribute('data-shell-ready', 'error');
});
