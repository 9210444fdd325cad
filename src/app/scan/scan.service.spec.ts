import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Logging } from '@microsoft/windows-admin-center-sdk/core';
import { firstValueFrom } from 'rxjs';
import { toArray } from 'rxjs/operators';
import { useRealStrings } from '../findings/strings.spec-helper';
import { integrationServicesRule } from '../rules/integration-services';
import { ruleRegistry } from '../rules/registry';
import { snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { FakeGatewayHttp, sdkOnFakeGateway } from '../testing/fake-gateway.spec-helper';
import { ScanService } from './scan.service';

describe('ScanService on the SDK\'s PowerShell classes', () => {
    let http: FakeGatewayHttp;
    let service: ScanService;

    beforeEach(() => {
        useRealStrings();
        const sdk = sdkOnFakeGateway();
        http = sdk.http;
        service = new ScanService(sdk.appContext as unknown as AppContextService, ruleRegistry);
    });

    afterEach(() => service.ngOnDestroy());

    it('sends the data-gathering script to the node through the gateway and judges its snapshot', async () => {
        http.answers.push(() => ({ results: [JSON.stringify(snapshotOf([vmFacts()]))] }));
        const outcome = await firstValueFrom(service.scan('hv01.corp.example'));
        expect(outcome.vms?.map(v => v.byRule[integrationServicesRule.id].verdict)).toEqual(['pass']);
        const commands = http.commands();
        expect(commands.map(c => c.node)).toEqual(['hv01.corp.example']);
        expect(commands[0].url).toMatch(/^http:\/\/gateway\.test\/api\//);
        expect(commands[0].text).toContain('Get-ReplicaFailoverIpSnapshot');
    });

    it('reports a failed request as a gateway failure with the gateway\'s message', async () => {
        http.answers.push(() => ({ status: 500, body: { error: { code: 'InternalServerError', message: 'WinRM cannot complete the operation.' } } }));
        const outcome = await firstValueFrom(service.scan('hv01.corp.example'));
        expect(outcome.failure?.kind).toBe('gateway');
        expect(outcome.failure?.detail).toContain('WinRM cannot complete the operation.');
    });

    it('recognises a refused request by its structure (the gateway\'s AccessDenied code), not its wording', async () => {
        http.answers.push(() => ({ status: 400, body: { error: { code: 'AccessDenied', message: 'Acceso denegado.' } } }));
        const outcome = await firstValueFrom(service.scan('hv01.corp.example'));
        expect(outcome.failure?.kind).toBe('access-denied');
    });

    it('reports a failure of its own code on the answer as a defect, not as "couldn\'t reach the gateway"', async () => {
        const log = spyOn(Logging, 'logError');
        http.answers.push(() => {
            // From here on the tool's own code fails on the answer (a bug), after the request succeeded.
            spyOn(Date, 'parse').and.throwError(new TypeError('Date.parse is broken'));
            return { results: [JSON.stringify(snapshotOf([vmFacts()]))] };
        });
        const outcome = await firstValueFrom(service.scan('hv01.corp.example'));
        expect(outcome.failure).toEqual({ kind: 'defect', detail: 'TypeError: Date.parse is broken' });
        expect(log).toHaveBeenCalled();
    });

    it('scans every node, each in its own session, and keeps going when one fails', async () => {
        http.answers.push(() => ({ results: [JSON.stringify(snapshotOf([vmFacts()]))] }));
        http.answers.push(() => ({ status: 502, body: { error: { code: 'BadGateway', message: 'n2 does not answer' } } }));
        const outcomes = await firstValueFrom(service.scanNodes(['n1.corp', 'n2.corp']).pipe(toArray()));
        expect(outcomes.map(o => [o.node, o.outcome.failure ? o.outcome.failure.kind : 'findings'])).toEqual([['n1.corp', 'findings'], ['n2.corp', 'gateway']]);
        expect(http.commands().map(c => c.node)).toEqual(['n1.corp', 'n2.corp']);
    });
});
