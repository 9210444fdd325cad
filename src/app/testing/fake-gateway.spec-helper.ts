import {
    AuthorizationManager,
    BatchConnection,
    CoreEnvironment,
    GatewayConnection,
    Http,
    LifetimeData,
    LocalizationManager,
    NodeConnection,
    PowerShellConnection
} from '@microsoft/windows-admin-center-sdk/core';
import { MsftSmeMock } from '@microsoft/windows-admin-center-sdk/core/base/msft-sme.mock';
import { Observable, of, throwError } from 'rxjs';
import { AjaxRequest, AjaxResponse } from 'rxjs/ajax';

/** A request the SDK sent, as the fake gateway saw it. */
export interface SentRequest {
    method: string;
    url: string;
    body: { properties?: { command?: string; parameters?: Record<string, unknown>; script?: string } } | null;
    headers: Record<string, string>;
}

/** How the fake gateway answers one request: a PowerShell result, another route's JSON body (200), or an HTTP error with a body. */
export type GatewayAnswer = { results: unknown[]; errors?: unknown[] } | { json: unknown } | { status: number; body: unknown };

/**
 * The HTTP layer under the SDK's real PowerShellConnection / PowerShell / PowerShellSession: it
 * answers the gateway's PowerShell API (PUT .../pssessions/{id}/invokeCommand) with completed
 * output, or fails it as the SDK's AjaxError does (status, xhr.response, xhr.getResponseHeader).
 */
export class FakeGatewayHttp extends Http {
    public sent: SentRequest[] = [];
    public answers: ((request: SentRequest) => GatewayAnswer)[] = [];

    /** The PowerShell commands sent (requests with a command in their body), with the node each went to. */
    public commands(): { node: string; url: string; text: string; parameters: Record<string, unknown> | undefined }[] {
        return this.sent.filter(r => !!r.body && !!r.body.properties && (!!r.body.properties.command || !!r.body.properties.script)).map(r => ({
            node: (/\/nodes\/([^/]+)\//.exec(r.url) || ['', ''])[1],
            url: r.url,
            text: JSON.stringify(r.body),
            parameters: r.body && r.body.properties ? r.body.properties.parameters : undefined
        }));
    }

    public override request(request: AjaxRequest): Observable<AjaxResponse<unknown>> {
        const body = typeof request.body === 'string' && request.body ? JSON.parse(request.body) : (request.body as SentRequest['body']) ?? null;
        const sent: SentRequest = { method: request.method || 'GET', url: request.url || '', body, headers: (request.headers || {}) as Record<string, string> };
        this.sent.push(sent);
        if (sent.method === 'DELETE' || /\/cancel$/.test(sent.url)) {
            return of({ response: {}, status: 200 } as unknown as AjaxResponse<unknown>);
        }
        const next = this.answers.shift();
        const answer: GatewayAnswer = next ? next(sent) : { results: [] };
        if ('status' in answer) {
            const xhr = { status: answer.status, response: answer.body, getResponseHeader: () => null };
            const error = Object.assign(new Error(`ajax error ${answer.status}`), { name: 'AjaxError', status: answer.status, xhr, response: answer.body });
            return throwError(() => error);
        }
        if ('json' in answer) {
            return of({ status: 200, response: answer.json } as unknown as AjaxResponse<unknown>);
        }
        return of({
            status: 200,
            response: { properties: { sessionId: 'fake-session', completed: 'true', results: answer.results, errors: answer.errors } }
        } as unknown as AjaxResponse<unknown>);
    }
}

/** The SDK registers its gateway and authorization manager as RPC forwarders by name: one of each per page. */
let shared: { http: FakeGatewayHttp; gateway: GatewayConnection; authorizationManager: AuthorizationManager } | null = null;

/**
 * The SDK's real PowerShell stack on the fake HTTP layer (emptied for each call), and the app
 * context parts the services read.
 */
export function sdkOnFakeGateway(connection: { name: string; type: string } = { name: 'hv01.corp.example', type: 'msft.sme.connection-type.server' }) {
    // The SDK's own test double of the module's window context (MsftSme.self(): not the shell, gateway API 2.0.0).
    MsftSmeMock.mockSelf({ Environment: { name: 'hvtools.replica-failover-ip', modules: [] } });
    // The request headers carry the user's language (what CoreEnvironment.initialize sets up in a module).
    CoreEnvironment.localizationManager = CoreEnvironment.localizationManager || new LocalizationManager({});
    if (!shared) {
        const http = new FakeGatewayHttp();
        const authorizationManager = new AuthorizationManager(() => throwError(() => new Error('no credentials in a test')), null as never);
        const gateway = new GatewayConnection(http, null as never, authorizationManager);
        gateway.configureGatewayEnvironment('http://gateway.test', true, '');
        shared = { http, gateway, authorizationManager };
    }
    const { http, gateway, authorizationManager } = shared;
    http.sent = [];
    http.answers = [];
    const node = new NodeConnection(gateway, authorizationManager);
    const lifetime = new LifetimeData();
    const powerShell = new PowerShellConnection(lifetime, node, new BatchConnection(gateway, authorizationManager));
    const appContext = { powerShell, authorizationManager, gateway, activeConnection: { value: connection, nodeName: connection.name } };
    return { http, appContext, lifetime };
}
