import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { RpcSettings, RpcSettingsOperationType, RpcSettingsProviderType, RpcSettingsScope, SettingsManager } from '@microsoft/windows-admin-center-sdk/core';
import { firstValueFrom } from 'rxjs';
import { FakeGatewayHttp, sdkOnFakeGateway } from '../testing/fake-gateway.spec-helper';
import { ExclusionsError } from './exclusions';
import { ContentionError, ExclusionSettings, ExclusionsService, saveAttempts, settingsErrorText, userNameOf } from './exclusions.service';

const rule = 'hyperv-replica-failover-ip-integration-services';
const vmId = '6f1c3a52-9b1e-4a43-8a44-0c1d2e3f4a5b';

/**
 * The shell's side of the SDK's Settings RPC, as the module's real SettingsManager calls it
 * (RpcSettingsClient -> rpc.rpcManager.rpcChannel.post): the packets are recorded and answered from
 * one stored value per scope, or refused the way the SDK's RpcChannel passes a rejection on ({ message }).
 * `afterSet` runs after a write is stored: another admin's save landing right after this one.
 */
class FakeShellSettings {
    public packets: { command: string; data: RpcSettings }[] = [];
    public stored: Record<number, unknown> = {};
    public refuseSet: string | null = null;
    public refuseGet: string | null = null;
    public afterSet: (() => void) | null = null;
    public readonly rpc = {
        rpcManager: {
            rpcInbound: {},
            rpcChannel: {
                post: (_target: unknown, packet: { command: string; data: RpcSettings }) => {
                    this.packets.push(packet);
                    const data = packet.data;
                    if (data.operation === RpcSettingsOperationType.Get) {
                        return this.refuseGet ? Promise.reject({ message: this.refuseGet }) : Promise.resolve({ data: this.copy(this.stored[data.scope]) });
                    }
                    if (this.refuseSet) {
                        return Promise.reject({ message: this.refuseSet });
                    }
                    this.stored[data.scope] = this.copy(data.value);
                    if (this.afterSet) {
                        this.afterSet();
                    }
                    return Promise.resolve({});
                }
            }
        }
    };

    /** The exclusions document kept in a scope (as the settings object holds it). */
    public document(scope: RpcSettingsScope): { version: number; exclusions: unknown[] } | undefined {
        const settings = this.stored[scope] as { properties: { exclusions?: { version: number; exclusions: unknown[] } } } | undefined;
        return settings ? settings.properties.exclusions : undefined;
    }

    public keep(scope: RpcSettingsScope, exclusions: unknown[]): void {
        this.stored[scope] = { version: 1, properties: { exclusions: { version: 1, exclusions } } };
    }

    public scopes(operation: RpcSettingsOperationType): RpcSettingsScope[] {
        return this.packets.filter(p => p.data.operation === operation).map(p => p.data.scope);
    }

    private copy(value: unknown): unknown {
        return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    }
}

describe('ExclusionsService on the SDK\'s SettingsManager', () => {
    let http: FakeGatewayHttp;
    let shell: FakeShellSettings;
    let service: ExclusionsService;
    const request = { vmId, vmName: 'web01', host: 'hv01.corp.example', rule, verdict: 'fail' as const, reason: '  Decommissioned next week ' };
    const now = () => new Date(Date.UTC(2026, 10, 27, 0, 10, 0));
    const record = { vmId, vmName: 'web01', host: 'hv01.corp.example', rule, verdict: 'fail' as const, reason: 'Decommissioned next week',
        by: 'CORP\\hvadmin', at: '2026-11-27T00:10:00.000Z' };
    const dba = { ...record, vmId: '11111111-2222-3333-4444-555555555555', vmName: 'db01', reason: 'Owned by the DBA team', by: 'CORP\\dba',
        at: '2026-11-27T00:10:30.000Z' };
    const signedIn = (name = 'CORP\\hvadmin') => http.answers.push(() => ({ json: name }));

    beforeEach(() => {
        const sdk = sdkOnFakeGateway();
        http = sdk.http;
        shell = new FakeShellSettings();
        const settingsManager = new SettingsManager(shell.rpc as never, sdk.appContext.gateway);
        service = new ExclusionsService({ ...sdk.appContext, settingsManager } as unknown as AppContextService);
    });

    it('reads the extension\'s admin settings (all users read, admins write), then the former application settings once, and starts empty', async () => {
        expect(await firstValueFrom(service.load())).toEqual({ version: 1, exclusions: [], unreadable: [] });
        expect(shell.packets.map(p => [p.command, p.data.operation, p.data.scope, p.data.provider])).toEqual([
            ['Settings', RpcSettingsOperationType.Get, RpcSettingsScope.Admin, RpcSettingsProviderType.Extension],
            ['Settings', RpcSettingsOperationType.Get, RpcSettingsScope.Application, RpcSettingsProviderType.Extension]]);
    });

    it('saves an exclusion in the admin settings with the gateway user, the time in UTC and the trimmed reason, as a versioned object', async () => {
        signedIn();
        const saved = await firstValueFrom(service.exclude(request, now));
        expect(saved).toEqual({ version: 1, exclusions: [record], unreadable: [] });
        expect(http.sent.map(r => `${r.method} ${r.url}`)).toEqual(['GET http://gateway.test/api/user']);
        expect(shell.scopes(RpcSettingsOperationType.Set)).toEqual([RpcSettingsScope.Admin]);
        expect(shell.stored[RpcSettingsScope.Admin]).toEqual({ version: 1, properties: { exclusions: { version: 1, exclusions: [record] } } });
        expect(shell.stored[RpcSettingsScope.Application]).toBeUndefined();
        // A reload reads it back, from the admin settings only.
        shell.packets = [];
        expect(await firstValueFrom(service.load())).toEqual(saved);
        expect(shell.scopes(RpcSettingsOperationType.Get)).toEqual([RpcSettingsScope.Admin]);
    });

    it('keeps both exclusions when another admin\'s save, made from an older read, lands right after this one (re-read, re-applied)', async () => {
        signedIn();
        // The other admin read the document while it was empty and excluded db01: their write lands after ours.
        shell.afterSet = () => {
            shell.afterSet = null;
            shell.keep(RpcSettingsScope.Admin, [dba]);
        };
        const saved = await firstValueFrom(service.exclude(request, now));
        expect(shell.document(RpcSettingsScope.Admin)?.exclusions).toEqual([dba, record]);
        expect(saved.exclusions).toEqual([dba, record]);
        expect(shell.scopes(RpcSettingsOperationType.Set)).toEqual([RpcSettingsScope.Admin, RpcSettingsScope.Admin]);
    });

    it('includes again on top of an exclusion another admin saved meanwhile', async () => {
        shell.keep(RpcSettingsScope.Admin, [record]);
        const seen = (await firstValueFrom(service.load())).exclusions[0];
        shell.keep(RpcSettingsScope.Admin, [record, dba]);
        const after = await firstValueFrom(service.include(seen));
        expect(after.exclusions).toEqual([dba]);
        expect(shell.document(RpcSettingsScope.Admin)?.exclusions).toEqual([dba]);
    });

    it('gives up with a contention failure when other saves write over the change at every attempt', async () => {
        signedIn();
        shell.afterSet = () => shell.keep(RpcSettingsScope.Admin, [dba]);
        let failure: unknown = null;
        await firstValueFrom(service.exclude(request, now)).catch((error: unknown) => failure = error);
        expect(failure instanceof ContentionError).toBe(true);
        expect(shell.scopes(RpcSettingsOperationType.Set).length).toBe(saveAttempts);
        expect(await firstValueFrom(service.explainSaveFailure(failure))).toEqual(jasmine.objectContaining({ permission: false, contention: true }));
    });

    it('carries the former application-scope exclusions over to the admin settings once, leaving the old document as it was', async () => {
        shell.keep(RpcSettingsScope.Application, [record, { ...dba, vmId: 'NOT-A-GUID' }]);
        expect((await firstValueFrom(service.load())).exclusions).toEqual([record]);
        expect(shell.document(RpcSettingsScope.Admin)?.exclusions).toEqual([record]);
        expect(shell.document(RpcSettingsScope.Application)?.exclusions.length).toBe(2);
        // Once the admin settings hold a document, even an empty one, the old document is not read again.
        shell.keep(RpcSettingsScope.Admin, []);
        shell.packets = [];
        expect((await firstValueFrom(service.load())).exclusions).toEqual([]);
        expect(shell.scopes(RpcSettingsOperationType.Get)).toEqual([RpcSettingsScope.Admin]);
    });

    it('shows the former exclusions to a user who may not write the admin settings, without writing', async () => {
        shell.keep(RpcSettingsScope.Application, [record]);
        shell.refuseSet = 'CORP\\reader is not a gateway administrator.';
        expect((await firstValueFrom(service.load())).exclusions).toEqual([record]);
        expect(shell.stored[RpcSettingsScope.Admin]).toBeUndefined();
    });

    it('reads a document with an invalid record: the others are kept, the invalid one listed, and Remove drops it as stored', async () => {
        const bad = { ...dba, verdict: 'nonsense' };
        shell.keep(RpcSettingsScope.Admin, [bad, record]);
        const kept = await firstValueFrom(service.load());
        expect(kept.exclusions).toEqual([record]);
        expect(kept.unreadable.map(u => [u.index, u.field])).toEqual([[0, 'exclusions[0].verdict']]);
        // Exclude still works for everyone, keeping the unreadable record until it is removed.
        signedIn();
        const other = await firstValueFrom(service.exclude({ ...request, vmId: dba.vmId, vmName: 'db01' }, now));
        expect(other.exclusions.length).toBe(2);
        expect(other.unreadable.length).toBe(1);
        const removed = await firstValueFrom(service.removeUnreadable(kept.unreadable[0]));
        expect(removed.unreadable).toEqual([]);
        expect(shell.document(RpcSettingsScope.Admin)?.exclusions).toEqual([record, { ...record, vmId: dba.vmId, vmName: 'db01' }]);
    });

    it('fails the save with the gateway\'s message, and says the user is not a gateway administrator when the access check says so', async () => {
        signedIn('CORP\\reader');
        shell.refuseSet = 'Only gateway administrators may change admin settings.';
        let failure: unknown = null;
        await firstValueFrom(service.exclude(request, now)).catch((error: unknown) => failure = error);
        expect(settingsErrorText(failure)).toBe('Only gateway administrators may change admin settings.');
        http.answers.push(() => ({ json: { gatewayMode: 'Service', isGatewayProcessElevated: false } }), () => ({ json: false }));
        const explained = await firstValueFrom(service.explainSaveFailure(failure));
        expect(explained).toEqual({ permission: true, contention: false, detail: 'Only gateway administrators may change admin settings.' });
        expect(http.sent.slice(-2).map(r => r.url)).toEqual(['http://gateway.test/api/gateway/status', 'http://gateway.test/api/access/check']);
    });

    it('does not blame the permission of a gateway administrator', async () => {
        http.answers.push(() => ({ json: { gatewayMode: 'Service' } }), () => ({ json: true }));
        expect(await firstValueFrom(service.explainSaveFailure({ message: 'The gateway is restarting.' })))
            .toEqual({ permission: false, contention: false, detail: 'The gateway is restarting.' });
    });

    it('fails to load with the reason when the stored envelope is not a document or the settings can\'t be read', async () => {
        shell.stored[RpcSettingsScope.Admin] = { version: 1, properties: { exclusions: { version: 2, exclusions: [] } } };
        let failure: unknown = null;
        await firstValueFrom(service.load()).catch((error: unknown) => failure = error);
        expect(failure instanceof ExclusionsError).toBe(true);
        shell.refuseGet = 'The gateway could not read the settings store.';
        await firstValueFrom(service.load()).catch((error: unknown) => failure = error);
        expect(settingsErrorText(failure)).toBe('The gateway could not read the settings store.');
    });

    it('does not save without a user name', async () => {
        http.answers.push(() => ({ json: {} }));
        let failure: unknown = null;
        await firstValueFrom(service.exclude(request, now)).catch((error: unknown) => failure = error);
        expect((failure as Error).message).toBe('The gateway did not name the signed-in user.');
        expect(shell.scopes(RpcSettingsOperationType.Set)).toEqual([]);
    });
});

describe('ExclusionSettings', () => {
    it('upgrades settings never saved to version 1 without a document (nothing saved yet)', () => {
        const settings = new ExclusionSettings({ version: null as never, properties: {} }, { save: () => null as never });
        expect(settings.toJson()).toEqual({ version: 1, properties: {} });
        expect(settings.saved).toBe(false);
        expect(settings.kept).toEqual({ version: 1, exclusions: [], unreadable: [] });
    });
});

describe('userNameOf', () => {
    it('takes a string, a UserPrincipal (domain\\user) or a name', () => {
        expect(userNameOf(' CORP\\hvadmin ')).toBe('CORP\\hvadmin');
        expect(userNameOf({ userName: 'hvadmin', domain: 'CORP' })).toBe('CORP\\hvadmin');
        expect(userNameOf({ userName: 'hvadmin' })).toBe('hvadmin');
        expect(userNameOf({ name: 'hvadmin@corp.example' })).toBe('hvadmin@corp.example');
        expect(() => userNameOf(null)).toThrowError('The gateway did not name the signed-in user.');
    });
});
