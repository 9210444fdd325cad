import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { firstValueFrom } from 'rxjs';
import { strings, useRealStrings } from '../findings/strings.spec-helper';
import { ruleRegistry } from '../rules/registry';
import { snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { FakeGatewayHttp, sdkOnFakeGateway } from '../testing/fake-gateway.spec-helper';
import { RemediationService } from './remediation.service';
import { RoleRefusal } from './role-refusal';

describe('RemediationService.errorMessage', () => {
    const service = new RemediationService({} as never, ruleRegistry);
    let previous: (() => unknown) | undefined;

    beforeEach(() => {
        const global = window as unknown as { MsftSme: { getStrings?: () => unknown } };
        previous = global.MsftSme.getStrings;
        // The SDK's own error formats (core/assets/strings), as the shell environment provides them.
        global.MsftSme.getStrings = () => ({ ...strings, MsftSmeShell: { Core: {
            ErrorFormat: { Single: { message: '{0}: {1}' }, Multiple: { message: '({0}) {1}: {2}\n' } },
            Error: { PrefixFormat: { message: 'Error: {0}' }, NoResponseError: { message: 'Unable to locate the error object.' } }
        } } });
    });

    afterEach(() => {
        (window as unknown as { MsftSme: { getStrings?: () => unknown } }).MsftSme.getStrings = previous;
    });

    it('shows the host\'s message from the body of a failed request, not the request\'s own "ajax error 400"', () => {
        const error = Object.assign(new Error('ajax error 400'), {
            status: 400,
            xhr: { response: { sessionId: 's1', errors: [{ errorType: 'InvalidOperationException', message: 'The VM is locked by a backup job.' }] } }
        });
        expect(service.errorMessage(error)).toBe('InvalidOperationException: The VM is locked by a backup job.');
    });

    it('shows the gateway\'s message of a gateway error', () => {
        const error = Object.assign(new Error('ajax error 500'), {
            status: 500, xhr: { response: { error: { code: 'InternalServerError', message: 'The pool is exhausted.' } } }
        });
        expect(service.errorMessage(error)).toBe('The pool is exhausted.');
    });

    it('keeps the message of an error that is not a request', () => {
        expect(service.errorMessage(new Error('\'x\' is not a VM Id: a GUID is expected.'))).toBe('\'x\' is not a VM Id: a GUID is expected.');
    });
});

describe('RemediationService on the SDK\'s PowerShell classes', () => {
    const vmId = '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162';
    let http: FakeGatewayHttp;
    let service: RemediationService;

    beforeEach(() => {
        useRealStrings();
        const sdk = sdkOnFakeGateway({ name: 'hvcluster.corp.example', type: 'msft.sme.connection-type.cluster' });
        http = sdk.http;
        service = new RemediationService(sdk.appContext as unknown as AppContextService, ruleRegistry);
    });

    it('runs the script on the owner node with the VM Id as a parameter, never in the script text', async () => {
        http.answers.push(() => ({ results: ['{"status":"enabled","changed":true,"before":false,"after":true}'] }));
        const result = await firstValueFrom(service.run('n2.corp', 'enable', vmId));
        expect(result).toEqual({ status: 'enabled', changed: true, before: false, after: true });
        const commands = http.commands();
        expect(commands.map(c => c.node)).toEqual(['n2.corp']);
        expect(commands[0].parameters).toEqual({ vmId });
        expect(commands[0].text).toContain('Enable-KvpExchangeService');
        expect(commands[0].text).not.toContain(`$vmId = '${vmId}'`);
    });

    it('refuses a VM Id that is not a GUID before anything is sent', () => {
        expect(() => service.run('n2.corp', 'enable', 'SQL01; Stop-Computer')).toThrowError(/not a VM Id/);
        expect(http.sent).toEqual([]);
    });

    it('turns a JEA session\'s CommandNotFoundException for the sent command into a RoleRefusal', async () => {
        http.answers.push(() => ({ status: 400, body: { errors: [{ errorType: 'CommandNotFoundException',
            message: 'The term \'HvtoolsReplicaFailoverIp\\Enable-KvpExchangeService\' is not recognized as the name of a cmdlet.' }] } }));
        const error = await firstValueFrom(service.run('n2.corp', 'enable', vmId)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RoleRefusal);
    });

    it('fails with a clear error when the script returns a status this version does not know', async () => {
        http.answers.push(() => ({ results: ['{"status":"reformatted","changed":true}'] }));
        const error = await firstValueFrom(service.run('n2.corp', 'enable', vmId)).catch((e: unknown) => e);
        expect((error as Error).message).toContain('the script returned the status "reformatted"');
    });

    it('re-checks one VM on the node it names', async () => {
        http.answers.push(() => ({ results: [JSON.stringify(snapshotOf([vmFacts({ id: vmId })]))] }));
        const outcome = await firstValueFrom(service.recheck('n1.corp', vmId));
        expect(outcome.vms?.map(v => v.vm.id)).toEqual([vmId]);
        const commands = http.commands();
        expect(commands.map(c => c.node)).toEqual(['n1.corp']);
        expect(commands[0].parameters).toEqual({ vmId });
    });
});
