import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { RpcSettings, RpcSettingsOperationType, RpcSettingsProviderType, RpcSettingsScope, SettingsManager } from '@microsoft/windows-admin-center-sdk/core';
import { firstValueFrom } from 'rxjs';
import { FakeGatewayHttp, sdkOnFakeGateway } from '../testing/fake-gateway.spec-helper';
import { ExclusionsError } from './exclusions';
import { ExclusionSettings, ExclusionsService, settingsErrorText, userNameOf } from './exclusions.service';

const rule = 'hyperv-replica-failover-ip-integration-services';
const vmId = '6f1c3a52-9b1e-4a43-8a44-0c1d2e3f4a5b';

/**
 * The shell's side of the SDK's Settings RPC, as the module's real SettingsManager calls it
 * (RpcSettingsClient -> rpc.rpcManager.rpcChannel.post): the packets are recorded and answered from
 * one stored value, or refused the way the SDK's RpcChannel passes a rejection on ({ message }).
 */
class FakeShellSettings {
    public packets: { command: string; data: RpcSettings }[] = [];
    public stored: unknown = undefined;
    public refuseSet: string | null = null;
    public refuseGet: string | null = null;
    public readonly rpc = {
        rpcManager: {
            rpcInbound: {},
            rpcChannel: {
                post: (_target: unknown, packet: { command: string; data: RpcSettings }) => {
                    this.packets.push(packet);
                    const data = packet.data;
                    if (data.operation === RpcSettingsOperationType.Get) {
                        return this.refuseGet ? Promise.reject({ message: this.refuseGet }) : Promise.resolve({ data: this.stored });
                    }
                    if (this.refuseSet) {
                        return Promise.reject({ message: this.refuseSet });
                    }
                    this.stored = JSON.parse(JSON.stringify(data.value));
                    return Promise.resolve({});
                }
            }
        }
    };
}

describe('ExclusionsService on the SDK\'s SettingsManager', () => {
    let http: FakeGatewayHttp;
    let shell: FakeShellSettings;
    let service: ExclusionsService;
    const request = { vmId, vmName: 'web01', host: 'hv01.corp.example', rule, verdict: 'fail' as const, reason: '  Decommissioned next week ' };
    const now = () => new Date(Date.UTC(2026, 10, 27, 0, 10, 0));

    beforeEach(() => {
        const sdk = sdkOnFakeGateway();
        http = sdk.http;
        shell = new FakeShellSettings();
        const settingsManager = new SettingsManager(shell.rpc as never, sdk.appContext.gateway);
        service = new ExclusionsService({ ...sdk.appContext, settingsManager } as unknown as AppContextService);
    });

    it('reads the extension\'s application settings (not the user\'s) and starts empty when none were saved', async () => {
        expect(await firstValueFrom(service.load())).toEqual({ version: 1, exclusions: [] });
        expect(shell.packets.length).toBe(1);
        expect(shell.packets[0].command).toBe('Settings');
        expect(shell.packets[0].data.scope).toBe(RpcSettingsScope.Application);
        expect(shell.packets[0].data.provider).toBe(RpcSettingsProviderType.Extension);
    });

    it('saves an exclusion with the gateway user, the time in UTC and the trimmed reason, as a versioned object', async () => {
        http.answers.push(() => ({ json: { userName: 'hvadmin', domain: 'CORP', prinicipal: 'CORP\\hvadmin', ssid: 'S-1-5-21-1-2-3-1104' } }));
        const saved = await firstValueFrom(service.exclude(request, now));
        const record = { vmId, vmName: 'web01', host: 'hv01.corp.example', rule, verdict: 'fail', reason: 'Decommissioned next week',
            by: 'CORP\\hvadmin', at: '2026-11-27T00:10:00.000Z' };
        expect(saved).toEqual({ version: 1, exclusions: [record] } as never);
        expect(http.sent.map(r => `${r.method} ${r.url}`)).toEqual(['GET http://gateway.test/api/user']);
        const set = shell.packets.find(p => p.data.operation === RpcSettingsOperationType.Set);
        expect(set?.data.scope).toBe(RpcSettingsScope.Application);
        expect(shell.stored).toEqual({ version: 1, properties: { exclusions: { version: 1, exclusions: [record] } } });
        // A reload reads it back.
        expect(await firstValueFrom(service.load())).toEqual(saved);
    });

    it('keeps an exclusion another admin saved meanwhile (every change reads the settings first)', async () => {
        http.answers.push(() => ({ json: 'CORP\\hvadmin' }));
        await firstValueFrom(service.exclude(request, now));
        const other = { ...request, vmId: '11111111-2222-3333-4444-555555555555', vmName: 'db01', reason: 'Owned by the DBA team' };
        const stored = shell.stored as { properties: { exclusions: { exclusions: unknown[] } } };
        stored.properties.exclusions.exclusions.push({ ...other, by: 'CORP\\dba', at: '2026-11-27T00:11:00Z' });
        const after = await firstValueFrom(service.include('HV01.corp.example', vmId.toUpperCase(), rule));
        expect(after.exclusions.map(e => e.vmName)).toEqual(['db01']);
    });

    it('fails the save with the gateway\'s message, and says the user is not a gateway administrator when the access check says so', async () => {
        http.answers.push(() => ({ json: 'CORP\\reader' }));
        shell.refuseSet = 'Only gateway administrators may change the application settings of extensions.';
        let failure: unknown = null;
        await firstValueFrom(service.exclude(request, now)).catch((error: unknown) => failure = error);
        expect(settingsErrorText(failure)).toBe('Only gateway administrators may change the application settings of extensions.');
        http.answers.push(() => ({ json: { gatewayMode: 'Service', isGatewayProcessElevated: false } }), () => ({ json: false }));
        const explained = await firstValueFrom(service.explainSaveFailure(failure));
        expect(explained).toEqual({ permission: true, detail: 'Only gateway administrators may change the application settings of extensions.' });
        expect(http.sent.slice(-2).map(r => r.url)).toEqual(['http://gateway.test/api/gateway/status', 'http://gateway.test/api/access/check']);
    });

    it('does not blame the permission of a gateway administrator', async () => {
        http.answers.push(() => ({ json: { gatewayMode: 'Service' } }), () => ({ json: true }));
        expect(await firstValueFrom(service.explainSaveFailure({ message: 'The gateway is restarting.' })))
            .toEqual({ permission: false, detail: 'The gateway is restarting.' });
    });

    it('fails to load with the reason when the stored document is invalid or the settings can\'t be read', async () => {
        shell.stored = { version: 1, properties: { exclusions: { version: 1, exclusions: [{ vmId: 'x' }] } } };
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
        expect(shell.packets.some(p => p.data.operation === RpcSettingsOperationType.Set)).toBe(false);
    });
});

describe('ExclusionSettings', () => {
    it('upgrades settings never saved to version 1 with an empty document', () => {
        const settings = new ExclusionSettings({ version: null as never, properties: {} }, { save: () => null as never });
        expect(settings.toJson()).toEqual({ version: 1, properties: { exclusions: { version: 1, exclusions: [] } } });
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
