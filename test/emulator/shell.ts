/**
 * The emulated WAC shell: boots like the real one (CoreEnvironment in shell mode, the SDK's Rpc in
 * shell mode), hosts the production bundle of the tool in an iframe, and answers the module's
 * Forward requests for the gateway address, the active connection and the node tokens, the
 * credential prompt (getNewToken: records it, then pushes setNodeToken as a user who signs in again),
 * and ShellNavigate (recorded, not followed).
 * URL: /?node=<node name>&type=server|cluster&locale=en-US|es-ES&api=2.0.0|1.0.0&token=expired&theme=light|dark
 *      [&role=Readers|Administrators[&jea=discover]] (RBAC mode: shell-rbac.ts)
 *      [&gatewayRole=user|administrator][&user=DOMAIN\name] (the gateway user; the settings manager's RPC: shell-settings.ts)
 * What the shell saw is in window.shellEvents (for tests): { type: 'credential-prompt' | 'navigate' | 'leave', ... };
 * window.shellLeaveTool() deactivates the tool (Deactivate2) as the shell does when the user leaves it.
 */
import '@microsoft/windows-admin-center-sdk/core/polyfills';
import { CoreEnvironment, Rpc, RpcForwarder, RpcServiceForwarder } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, of } from 'rxjs';
import { assertToolListed, rbacSession } from './shell-rbac';
import { gatewayUserSession, registerSettings } from './shell-settings';

interface DialogData {
    dialogId: string;
    /** RpcDialogType: 1 confirmation, 4 close, 5 polling status. */
    type: number;
    request?: { title?: string; message?: string; confirmButtonText?: string; cancelButtonText?: string };
}

interface NotificationData {
    id: string;
    state: number;
    title: string;
    message: string;
}

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
const expiredToken = params.get('token') === 'expired';
/** WAC's two themes: the shell hands the chosen one to the module in Init (RpcInitData.theme). */
const themes = ['light', 'dark'];
const theme = params.get('theme') || 'light';
const shellEvents: Record<string, unknown>[] = [];
(window as unknown as { shellEvents: unknown[] }).shellEvents = shellEvents;

interface Credential { username: string; password: string }
interface NodeToken { value: string; username: string; useLaps: boolean; lapsLocalAdminName: string | null }

/** A node token as the SDK makes one (net.js createEncodedAuthenticationHeader). */
function nodeToken(credential: Credential): NodeToken {
    const [domain, username] = credential.username.includes('\\') ? credential.username.split('\\') : ['.', credential.username];
    const json = JSON.stringify({ domain, username, password: credential.password });
    return { value: btoa(String.fromCharCode(...new TextEncoder().encode(json))), username: credential.username, useLaps: false, lapsLocalAdminName: null };
}

/**
 * The shell side of the SDK's authorization-manager service: hands the module the saved node tokens
 * at init, and answers getNewToken (a 401) as a user who signs in again: the prompt is recorded, then
 * setNodeToken is pushed to the module for the nodes it asked about.
 */
class ShellAuthorization extends RpcServiceForwarder {
    constructor(rpc: Rpc, private tokens: Record<string, NodeToken>, private promptAnswer: Credential,
        private nodePowershellEndpoints: Record<string, string>) {
        super('authorization-manager', rpc);
    }

    protected onForwardInit(): Observable<unknown> {
        return of({ manageAsToken: null, nodeTokens: this.tokens, nodePowershellEndpoints: this.nodePowershellEndpoints, signOnToken: null });
    }

    protected onForwardInitResponse(): void {
        return;
    }

    protected onForwardExecute(_from: number, name: string, args: unknown[]): Observable<unknown> {
        if (name === 'getNewToken') {
            const nodes = (args && args[0]) as string[] | null;
            const error = (args && args[1]) as Record<string, unknown> | null;
            shellEvents.push({ type: 'credential-prompt', nodes, error });
            const token = nodeToken(this.promptAnswer);
            for (const nodeName of nodes || []) {
                this.tokens[nodeName.toLowerCase()] = token;
            }
            setTimeout(() => {
                const pushed = this.forwardNotify(1, 'setNodeToken', { token, appliesTo: nodes });
                if (pushed) {
                    pushed.subscribe({ error: () => undefined });
                }
            }, 100);
            return of(null);
        }
        return of(null);
    }

    protected onForwardNotify(): Observable<void> {
        return of(undefined);
    }
}

function status(text: string): void {
    document.getElementById('shell-status').textContent = text;
}

/**
 * The confirmation dialog, drawn by the shell as in WAC: the module opens it (state 1 Opened) and
 * long-polls its status until the admin answers (state 2 Closed, response { confirmed }).
 */
const dialogs = new Map<string, { answer: Promise<boolean>; answered?: boolean }>();

function openDialog(data: DialogData): void {
    const overlay = document.getElementById('shell-dialog');
    document.getElementById('shell-dialog-title').textContent = data.request.title || '';
    document.getElementById('shell-dialog-message').textContent = data.request.message || '';
    const confirm = document.getElementById('shell-dialog-confirm');
    const cancel = document.getElementById('shell-dialog-cancel');
    confirm.textContent = data.request.confirmButtonText || 'OK';
    cancel.textContent = data.request.cancelButtonText || 'Cancel';
    overlay.hidden = false;
    const entry: { answer: Promise<boolean>; answered?: boolean } = { answer: null };
    entry.answer = new Promise<boolean>(resolve => {
        const done = (confirmed: boolean) => {
            overlay.hidden = true;
            confirm.onclick = cancel.onclick = null;
            entry.answered = confirmed;
            resolve(confirmed);
        };
        confirm.onclick = () => done(true);
        cancel.onclick = () => done(false);
    });
    dialogs.set(data.dialogId, entry);
    confirm.focus();
}

async function handleDialog(data: DialogData): Promise<unknown> {
    if (data.type === 1) {
        openDialog(data);
        return { state: 1 };
    }
    const entry = dialogs.get(data.dialogId);
    if (data.type === 4) {
        document.getElementById('shell-dialog').hidden = true;
        dialogs.delete(data.dialogId);
        return { state: 2 };
    }
    if (!entry) {
        return { state: 4, failedMessage: 'No such dialog.' };
    }
    // Long polling: answer within a few seconds, closed or still open.
    const confirmed = await Promise.race([entry.answer, new Promise<null>(resolve => setTimeout(() => resolve(null), 3000))]);
    if (confirmed === null) {
        return { state: 1 };
    }
    dialogs.delete(data.dialogId);
    return { state: 2, response: { confirmed } };
}

/** Notifications, listed in the shell's header as the WAC notification center would show them. */
function showNotification(data: NotificationData): Promise<void> {
    const list = document.getElementById('shell-notifications');
    const id = `notification-${data.id}`;
    let item = document.getElementById(id);
    if (!item) {
        item = document.createElement('li');
        item.id = id;
        list.prepend(item);
    }
    // NotificationState: 2 in progress, 4 error, 5 warning, 6 success.
    const states: Record<number, string> = { 1: 'in-progress', 2: 'in-progress', 3: 'error', 4: 'error', 5: 'warning', 6: 'success', 7: 'info' };
    item.setAttribute('data-state', states[data.state] || 'info');
    item.textContent = `${data.title}: ${data.message}`;
    return Promise.resolve();
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
    if (!themes.includes(theme)) {
        throw new Error(`Unknown theme '${theme}': use theme=light or theme=dark.`);
    }
    // The shell wears the theme it hands the module (its own page: sme-theme-<name> on its body).
    document.body.classList.add(`sme-theme-${theme}`);
    // The shell reads its locale from local storage, as the real one does after a user picks it.
    MsftSme.LocalStorageHandler.setItem('localeSet:@msft-sme/shell', JSON.stringify({ id: locale, neutral: locale }));
    MsftSme.LocalStorageHandler.setItem('locale:@msft-sme/shell', locale);
    await CoreEnvironment.initialize(
        { name: 'msft.sme.shell', version: '0.0.0', isProduction: true },
        { resourcesPath: 'assets/strings' },
        { cssV2: true });

    // What the real shell hands every module in Init (core/rpc/rpc.js moduleInit reads them from its
    // own Resources): the theme, which the module's AssetManager puts on its body as sme-theme-<name>
    // (the SDK's main-v2.css styles both), and the shared css: the SDK's fonts.css (the Server-MDL2
    // icon font and Segoe UI), which the module's AssetManager appends.
    const resources = MsftSme.self().Resources as unknown as { theme: string; assets: { css: string[]; cssV2: string[] } };
    resources.theme = theme;
    const fonts = `${location.origin}/styles/css/fonts.css`;
    resources.assets = { css: [fonts], cssV2: [fonts] };

    const rpc = new Rpc();
    rpc.init();
    // Commands the module sends that a real shell logs or measures: accepted and dropped here.
    for (const command of ['Log', 'PerformanceObservable-Request', 'ErrorMonitorObservable-Request', 'Telemetry', 'Report', 'Alive-Request']) {
        rpc.registerInboundHandler(command, () => Promise.resolve());
    }
    rpc.registerInboundHandler('Dialog', (data: DialogData) => handleDialog(data));
    rpc.registerInboundHandler('Notification', (data: NotificationData) => showNotification(data));
    // The settings manager's RPC (extension settings kept on the gateway), as the signed-in gateway user.
    const gatewayUser = gatewayUserSession(params);
    registerSettings(rpc);
    rpc.registerInboundHandler('ShellNavigate', (data: Record<string, unknown>) => {
        shellEvents.push({ type: 'navigate', ...data });
        status(`Navigation requested: ${JSON.stringify(data)}`);
        return Promise.resolve({ status: true });
    });
    RpcForwarder.waitForReady(rpc).subscribe();
    // A cluster connection added with credentials: WAC keeps that node token under the cluster's name.
    const clusters = await (await fetch('/emulator/clusters.json')).json() as Record<string, { credential?: Credential; nodes?: { fqdn: string }[] }>;
    const cluster = connectionType === 'msft.sme.connection-type.cluster' ? clusters[node] : null;
    const tokens: Record<string, NodeToken> = {};
    if (cluster && cluster.credential) {
        tokens[node.toLowerCase()] = nodeToken(cluster.credential);
    }
    if (expiredToken) {
        tokens[node.toLowerCase()] = nodeToken({ username: 'CORP\\hvadmin', password: 'expired-credential' });
    }
    const promptAnswer = cluster && cluster.credential ? cluster.credential : { username: 'CORP\\hvadmin', password: 'renewed-credential' };
    const connection = { id: `${connectionType}!${node}`, name: node, type: connectionType, properties: {}, tags: [] };
    forwarder('gateway-connection', () => ({ gatewayName: location.origin, gatewayUrlSpecified: true, staticVersion: '' }));
    forwarder('connection-manager', () => ({ connections: [connection], activeConnection: connection }));
    // RBAC mode (?role=): the JEA endpoint of the connection's names (the cluster's and its nodes' FQDNs).
    const clusterNodeNames = cluster && cluster.nodes ? cluster.nodes.map(n => n.fqdn) : [];
    const rbac = rbacSession(params, [node, ...clusterNodeNames]);
    new ShellAuthorization(rpc, tokens, promptAnswer, rbac.nodePowershellEndpoints);

    const manifest = MsftSme.self().Environment.modules.find((m: { name: string }) => m.name === moduleName);
    assertToolListed(rbac, manifest);
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
    // Leaving the tool, as the real shell does when the user opens another tool (for tests).
    (window as unknown as { shellLeaveTool: () => Promise<unknown> }).shellLeaveTool = () => {
        shellEvents.push({ type: 'leave' });
        return rpc.moduleDeactivate2(moduleName, subName);
    };
    status(`${node} (${connectionType === 'msft.sme.connection-type.cluster' ? 'cluster' : 'server'}, ${locale}, ${theme} theme${rbac.role ? ', RBAC role ' + rbac.role : ''}, `
        + `gateway ${gatewayUser.gatewayRole} ${gatewayUser.user})`);
    document.body.setAttribute('data-shell-ready', 'true');
}

boot().catch((error: Error) => {
    status(`The emulated shell couldn't open the tool: ${error && error.message ? error.message : error}`);
    document.body.setAttribute('data-shell-ready', 'error');
});
