/**
 * The emulated shell's side of the SDK's settings manager, and who is signed in to the gateway.
 *
 * A module's SettingsManager (core/data/settings-manager.js) does not call the gateway itself: it sends
 * the RPC command `Settings` (core/rpc/settings/rpc-settings-client.js) with { operation: Get 0 | Set 1,
 * scope: User 0 | Application 1 | Admin 2, provider: Common 0 | Extension 1, value? }, and the SDK's
 * RpcChannel adds `sourceName`, the module's name (core/rpc/rpc-base.js handle). The shell answers
 * { data: <the module's versioned object> }. The real shell is not part of the SDK; this handler follows
 * the WAC shell's user-profile service as published in earlier shell builds: read the whole settings
 * object from the gateway, keep each extension's object under `properties.extensions[<module name>]`,
 * write the whole object back (GET/PUT of Net.userProfile '/settings/user'); the application scope
 * ("All Users") the same way on Net.applicationSettings '/settings/all', the admin scope ("All Users
 * Read/Admin Write") on Net.adminSettings '/settings/admin' (gateway-settings.js serves the three and
 * refuses an admin-scope write by a user who is not a gateway administrator). A refused
 * request is passed on as the shell passes a failed request (an AjaxError): the SDK's RpcChannel turns it
 * into { message } for the module, with the gateway's message (Net.getErrorMessage) and no status.
 *
 * The signed-in user: &user=DOMAIN\name (default CORP\hvadmin) and &gatewayRole=user|administrator
 * (default administrator: WAC's "Gateway users" may not change admin settings), kept in cookies
 * the emulated gateway reads, as the real gateway knows them from the sign-in.
 */
import { Rpc } from '@microsoft/windows-admin-center-sdk/core';

interface SettingsRequest {
    operation: number;
    scope: number;
    provider: number;
    value?: unknown;
    sourceName?: string;
}

interface SettingsObject {
    version: number | null;
    properties: { extensions?: Record<string, unknown> } & Record<string, unknown>;
}

/** The user and gateway role from the page's URL, in the cookies the emulated gateway reads. */
export function gatewayUserSession(params: URLSearchParams): { user: string; gatewayRole: string } {
    const user = params.get('user') || 'CORP\\hvadmin';
    const gatewayRole = params.get('gatewayRole') === 'user' ? 'user' : 'administrator';
    document.cookie = `wac-emulator-user=${encodeURIComponent(user)}; path=/`;
    document.cookie = `wac-emulator-gateway-role=${gatewayRole}; path=/`;
    return { user, gatewayRole };
}

function xsrfToken(): string {
    const cookies = Object.fromEntries(document.cookie.split(';').map(c => c.trim().split('=')).filter(p => p[0])
        .map(([name, ...value]) => [name, decodeURIComponent(value.join('='))]));
    return cookies['WAC-XSRF'] || cookies['XSRF-TOKEN'] || '';
}

/** A failed request as the shell's gateway service fails it (rxjs AjaxError: status, xhr.response). */
function ajaxError(method: string, url: string, status: number, body: unknown): Error {
    const xhr = { status, response: body, statusText: `${status}`, getResponseHeader: (): null => null };
    return Object.assign(new Error(`ajax error ${status}`), { name: 'AjaxError', status, xhr, response: body, request: { method, url } });
}

async function call(method: 'GET' | 'PUT', url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(url, {
        method, credentials: 'same-origin',
        headers: { 'x-xsrf-token': xsrfToken(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The whole settings object of a scope; a gateway that has none yet (404) gives an empty one. */
async function read(url: string): Promise<SettingsObject> {
    const answer = await call('GET', url);
    if (answer.status === 404) {
        return { version: 1, properties: { extensions: {} } };
    }
    if (answer.status >= 400) {
        throw ajaxError('GET', url, answer.status, answer.body);
    }
    return answer.body as SettingsObject;
}

/** The gateway route of each scope (RpcSettingsScope User 0, Application 1, Admin 2; the SDK's Net.userProfile, applicationSettings, adminSettings). */
const routes: Record<number, string> = { 0: '/api/settings/user', 1: '/api/settings/all', 2: '/api/settings/admin' };

/** Answers the module's Settings RPC for extension settings of the user, application and admin scopes. */
export async function handleSettings(request: SettingsRequest): Promise<{ data?: unknown }> {
    const url = routes[request.scope];
    if (!url || request.provider !== 1 || !request.sourceName || (request.operation !== 0 && request.operation !== 1)) {
        throw new Error(`The emulated shell serves extension settings only (scope ${request.scope}, provider ${request.provider}, operation ${request.operation}).`);
    }
    const settings = await read(url);
    const extensions = settings.properties.extensions || {};
    if (request.operation === 0) {
        return { data: extensions[request.sourceName] };
    }
    const updated: SettingsObject = {
        version: settings.version === null || settings.version === undefined ? 1 : settings.version,
        properties: { ...settings.properties, extensions: { ...extensions, [request.sourceName]: request.value } }
    };
    const answer = await call('PUT', url, updated);
    if (answer.status >= 400) {
        throw ajaxError('PUT', url, answer.status, answer.body);
    }
    return {};
}

export function registerSettings(rpc: Rpc): void {
    rpc.registerInboundHandler('Settings', (data: SettingsRequest) => handleSettings(data));
}
