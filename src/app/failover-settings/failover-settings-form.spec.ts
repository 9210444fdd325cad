import { Strings } from '../../generated/strings';
import {
    checkFailoverSettings,
    clearParameters,
    emptyValues,
    FailoverSettingsValues,
    failoverSettingsErrors,
    setParameters,
    valuesFromAdapter
} from './failover-settings-form';

function values(overrides: Partial<FailoverSettingsValues>): FailoverSettingsValues {
    return { ...emptyValues(), ...overrides };
}

const ipv4 = { ipv4Address: '10.20.0.15', ipv4SubnetMask: '255.255.255.0' };
const ipv6 = { ipv6Address: 'fd00:20::15', ipv6PrefixLength: '64' };

describe('checkFailoverSettings', () => {
    it('accepts one complete family, or both, with their gateways and DNS servers', () => {
        expect(checkFailoverSettings(values({ ...ipv4, ipv4DefaultGateway: '10.20.0.1', ipv4PreferredDns: '10.20.0.10',
            ipv4AlternateDns: '10.20.0.11' })).valid)
            .toBeTrue();
        expect(checkFailoverSettings(values({ ...ipv6, ipv6DefaultGateway: 'fd00:20::1', ipv6PreferredDns: 'fd00:20::10',
            ipv6AlternateDns: '2001:db8::53' })).valid).toBeTrue();
        expect(checkFailoverSettings(values({ ...ipv4, ...ipv6 })).valid).toBeTrue();
        expect(checkFailoverSettings(values({ ipv4Address: ' 10.20.0.15 ', ipv4SubnetMask: '255.255.255.0 ' })).valid).toBeTrue();
    });

    it('needs at least one family complete: an empty form is a form error, no field error', () => {
        const check = checkFailoverSettings(emptyValues());
        expect(check.valid).toBeFalse();
        expect(check.form).toBe('noFamily');
        expect(check.fields).toEqual({});
    });

    it('puts each error on its field', () => {
        const cases: [Partial<FailoverSettingsValues>, keyof FailoverSettingsValues, string][] = [
            [{ ipv4Address: '10.20.0.300', ipv4SubnetMask: '255.255.255.0' }, 'ipv4Address', 'ipv4AddressSyntax'],
            [{ ipv4Address: '10.20.0.15' }, 'ipv4SubnetMask', 'ipv4MaskRequired'],
            [{ ...ipv4, ipv4SubnetMask: '255.255.255' }, 'ipv4SubnetMask', 'ipv4MaskSyntax'],
            [{ ...ipv4, ipv4SubnetMask: '255.0.255.0' }, 'ipv4SubnetMask', 'ipv4MaskContiguity'],
            [{ ...ipv4, ipv4SubnetMask: '0.0.0.0' }, 'ipv4SubnetMask', 'ipv4MaskContiguity'],
            [{ ...ipv4, ipv4DefaultGateway: '10.20.0' }, 'ipv4DefaultGateway', 'ipv4GatewaySyntax'],
            [{ ...ipv4, ipv4DefaultGateway: '10.20.1.1' }, 'ipv4DefaultGateway', 'ipv4GatewayOutside'],
            [{ ...ipv4, ipv4PreferredDns: 'dns1' }, 'ipv4PreferredDns', 'ipv4PreferredDnsSyntax'],
            [{ ...ipv4, ipv4PreferredDns: '10.20.0.10', ipv4AlternateDns: '10.20.0.1.1' }, 'ipv4AlternateDns', 'ipv4AlternateDnsSyntax'],
            [{ ...ipv4, ipv4AlternateDns: '10.20.0.11' }, 'ipv4AlternateDns', 'ipv4AlternateWithoutPreferred'],
            [{ ipv4SubnetMask: '255.255.255.0', ...ipv6 }, 'ipv4Address', 'ipv4AddressRequired'],
            [{ ipv6Address: 'fd00:20:::15', ipv6PrefixLength: '64' }, 'ipv6Address', 'ipv6AddressSyntax'],
            [{ ipv6Address: 'fd00:20::15' }, 'ipv6PrefixLength', 'ipv6PrefixRequired'],
            [{ ...ipv6, ipv6PrefixLength: '/64' }, 'ipv6PrefixLength', 'ipv6PrefixSyntax'],
            [{ ...ipv6, ipv6PrefixLength: '6.4' }, 'ipv6PrefixLength', 'ipv6PrefixSyntax'],
            [{ ...ipv6, ipv6PrefixLength: '129' }, 'ipv6PrefixLength', 'ipv6PrefixRange'],
            [{ ...ipv6, ipv6DefaultGateway: 'fd00:20::1::' }, 'ipv6DefaultGateway', 'ipv6GatewaySyntax'],
            [{ ...ipv6, ipv6DefaultGateway: 'fd00:21::1' }, 'ipv6DefaultGateway', 'ipv6GatewayOutside'],
            [{ ...ipv6, ipv6PreferredDns: '10.20.0.10' }, 'ipv6PreferredDns', 'ipv6PreferredDnsSyntax'],
            [{ ...ipv6, ipv6PreferredDns: 'fd00:20::10', ipv6AlternateDns: 'x' }, 'ipv6AlternateDns', 'ipv6AlternateDnsSyntax'],
            [{ ...ipv6, ipv6AlternateDns: 'fd00:20::11' }, 'ipv6AlternateDns', 'ipv6AlternateWithoutPreferred'],
            [{ ...ipv4, ipv6DefaultGateway: 'fd00:20::1' }, 'ipv6Address', 'ipv6AddressRequired']
        ];
        for (const [input, field, error] of cases) {
            const check = checkFailoverSettings(values(input));
            expect(check.valid).withContext(JSON.stringify(input)).toBeFalse();
            expect(check.fields[field]).withContext(JSON.stringify(input)).toBe(error as never);
        }
    });

    it('judges the gateway by the mask or prefix typed: inside the subnet at every length', () => {
        expect(checkFailoverSettings(values({ ...ipv4, ipv4SubnetMask: '255.255.0.0', ipv4DefaultGateway: '10.20.255.254' })).valid).toBeTrue();
        expect(checkFailoverSettings(values({ ...ipv4, ipv4SubnetMask: '255.255.255.240', ipv4DefaultGateway: '10.20.0.1' })).valid).toBeTrue();
        expect(checkFailoverSettings(values({ ...ipv4, ipv4SubnetMask: '255.255.255.240', ipv4DefaultGateway: '10.20.0.17' })).fields.ipv4DefaultGateway)
            .toBe('ipv4GatewayOutside');
        expect(checkFailoverSettings(values({ ...ipv4, ipv4SubnetMask: '255.255.255.255', ipv4DefaultGateway: '10.20.0.15' })).valid).toBeTrue();
        expect(checkFailoverSettings(values({ ...ipv6, ipv6PrefixLength: '48', ipv6DefaultGateway: 'fd00:20:0:ffff::1' })).valid).toBeTrue();
        expect(checkFailoverSettings(values({ ...ipv6, ipv6PrefixLength: '60', ipv6DefaultGateway: 'fd00:20:0:f::1' })).valid).toBeTrue();
        expect(checkFailoverSettings(values({ ...ipv6, ipv6PrefixLength: '60', ipv6DefaultGateway: 'fd00:20:0:10::1' })).fields.ipv6DefaultGateway)
            .toBe('ipv6GatewayOutside');
        expect(checkFailoverSettings(values({ ...ipv6, ipv6PrefixLength: '0', ipv6DefaultGateway: '2001:db8::1' })).valid).toBeTrue();
        expect(checkFailoverSettings(values({ ...ipv6, ipv6PrefixLength: '128', ipv6DefaultGateway: 'fd00:20::16' })).fields.ipv6DefaultGateway)
            .toBe('ipv6GatewayOutside');
        // A link-local gateway is outside a global prefix: refused like any other.
        expect(checkFailoverSettings(values({ ...ipv6, ipv6DefaultGateway: 'fe80::1' })).fields.ipv6DefaultGateway).toBe('ipv6GatewayOutside');
    });

    it('names a field error in both languages: every error key has a sentence that starts with the field or says what to do', () => {
        /* eslint-disable @typescript-eslint/no-var-requires */
        const languages = [
            (require('../../assets/strings/strings.json') as { Strings: Strings }).Strings,
            (require('../../assets/strings/es-ES/strings.json') as { Strings: Strings }).Strings
        ];
        /* eslint-enable @typescript-eslint/no-var-requires */
        for (const strings of languages) {
            const texts = strings.HvtoolsReplicaFailoverIp.FailoverSettings;
            for (const error of failoverSettingsErrors) {
                const text = texts.Errors[error];
                expect(typeof text === 'string' && text.trim().length > 0).withContext(error).toBeTrue();
                if (error !== 'noFamily') {
                    const field = Object.keys(texts.Fields).find(f => text.startsWith(`${texts.Fields[f as keyof typeof texts.Fields]}:`));
                    expect(field).withContext(`${error}: ${text}`).toBeDefined();
                }
            }
        }
        expect(languages[0].HvtoolsReplicaFailoverIp.FailoverSettings.Errors.ipv4GatewayOutside)
            .not.toBe(languages[1].HvtoolsReplicaFailoverIp.FailoverSettings.Errors.ipv4GatewayOutside);
    });
});

describe('valuesFromAdapter', () => {
    it('fills the form with the current settings', () => {
        const form = valuesFromAdapter({ id: 'Microsoft:A\\B', name: 'NIC', legacy: false, failover: 4098, ipv4: '10.20.0.15', ipv6: 'fd00::15',
            failoverTcpIp: { ipv4Mask: '255.255.255.0', ipv4Gateway: '10.20.0.1', ipv4Dns: ['10.20.0.10', '10.20.0.11'],
                ipv6Prefix: 64, ipv6Gateway: 'fd00::1', ipv6Dns: ['fd00::53'] } });
        expect(form).toEqual({
            ipv4Address: '10.20.0.15', ipv4SubnetMask: '255.255.255.0', ipv4DefaultGateway: '10.20.0.1', ipv4PreferredDns: '10.20.0.10',
            ipv4AlternateDns: '10.20.0.11', ipv6Address: 'fd00::15', ipv6PrefixLength: '64', ipv6DefaultGateway: 'fd00::1',
            ipv6PreferredDns: 'fd00::53', ipv6AlternateDns: ''
        });
    });

    it('starts empty for an adapter without settings (prefix 0 stays 0)', () => {
        expect(valuesFromAdapter({ id: 'x', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null, failoverTcpIp: null })).toEqual(emptyValues());
        expect(valuesFromAdapter({ id: 'x', name: 'NIC', legacy: false, failover: 4097, ipv4: null, ipv6: '::1',
            failoverTcpIp: { ipv4Mask: null, ipv4Gateway: null, ipv4Dns: [], ipv6Prefix: 0, ipv6Gateway: null, ipv6Dns: [] } }).ipv6PrefixLength).toBe('0');
    });
});

describe('setParameters', () => {
    it('sends the typed values, trimmed, the prefix as a number, and nothing empty', () => {
        expect(setParameters(values({ ipv4Address: ' 10.30.0.15', ipv4SubnetMask: '255.255.0.0', ipv4DefaultGateway: '10.30.0.1' }), emptyValues()))
            .toEqual({ ipv4Address: '10.30.0.15', ipv4SubnetMask: '255.255.0.0', ipv4DefaultGateway: '10.30.0.1' });
        expect(setParameters(values({ ...ipv6, ipv6PreferredDns: 'fd00:20::10' }), emptyValues()))
            .toEqual({ ipv6Address: 'fd00:20::15', ipv6PrefixLength: 64, ipv6PreferredDns: 'fd00:20::10' });
    });

    it('clears a family the admin emptied when the adapter has it, and leaves an empty one alone', () => {
        const current = values({ ...ipv4, ...ipv6 });
        expect(setParameters(values(ipv4), current)).toEqual({ ...ipv4, clearIpv6: true });
        expect(setParameters(values(ipv6), current)).toEqual({ ipv6Address: 'fd00:20::15', ipv6PrefixLength: 64, clearIpv4: true });
        expect(setParameters(values(ipv4), values(ipv4))).toEqual(ipv4);
    });

    it('never sends invalid values', () => {
        expect(() => setParameters(values({ ...ipv4, ipv4DefaultGateway: '10.99.0.1' }), emptyValues())).toThrowError(/not valid/);
        expect(() => setParameters(emptyValues(), values(ipv4))).toThrowError(/not valid/);
    });

    it('Clear sends both families cleared', () => {
        expect(clearParameters()).toEqual({ clearIpv4: true, clearIpv6: true });
    });
});
