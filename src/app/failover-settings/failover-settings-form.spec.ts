import { Strings } from '../../generated/strings';
import {
    checkFailoverSettings,
    clearParameters,
    emptyValues,
    FailoverSettingsValues,
    failoverSettingsErrors,
    maskPrefixLength,
    parseIpv4,
    parseIpv6,
    setParameters,
    valuesFromAdapter
} from './failover-settings-form';

function values(overrides: Partial<FailoverSettingsValues>): FailoverSettingsValues {
    return { ...emptyValues(), ...overrides };
}

const ipv4 = { ipv4Address: '10.20.0.15', ipv4SubnetMask: '255.255.255.0' };
const ipv6 = { ipv6Address: 'fd00:20::15', ipv6PrefixLength: '64' };

describe('parseIpv4', () => {
    it('reads dotted quads of 0-255', () => {
        expect(parseIpv4('10.20.0.15')).toBe(((10 * 256 + 20) * 256 + 0) * 256 + 15);
        expect(parseIpv4('0.0.0.0')).toBe(0);
        expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    });

    it('refuses every other text', () => {
        for (const text of ['10.20.0', '10.20.0.15.1', '10.20.0.256', '10.20.0.-1', '10.020.0.1', '10.20.0.1 ', ' 10.20.0.1', '10.20..1',
            '1e1.0.0.1', '0x10.0.0.1', '10.20.0.15/24', 'a.b.c.d', '', '::1', '１０.0.0.1', '10.20.0.1\n']) {
            expect(parseIpv4(text)).withContext(JSON.stringify(text)).toBeNull();
        }
    });
});

describe('parseIpv6', () => {
    const zeros = [0, 0, 0, 0, 0, 0, 0, 0];
    it('reads the full form, leading zeros and both cases', () => {
        expect(parseIpv6('2001:0db8:0000:0000:0000:ff00:0042:8329')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329]);
        expect(parseIpv6('2001:DB8:0:0:0:FF00:42:8329')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329]);
    });

    it('reads :: compression anywhere, once, for one or more zero groups', () => {
        expect(parseIpv6('::')).toEqual(zeros);
        expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
        expect(parseIpv6('fd00::')).toEqual([0xfd00, 0, 0, 0, 0, 0, 0, 0]);
        expect(parseIpv6('fd00:20::15')).toEqual([0xfd00, 0x20, 0, 0, 0, 0, 0, 0x15]);
        expect(parseIpv6('1:2:3:4:5:6:7::')).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
        expect(parseIpv6('::2:3:4:5:6:7:8')).toEqual([0, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('reads an embedded IPv4 address in the last 32 bits', () => {
        expect(parseIpv6('::ffff:10.20.0.15')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a14, 0x000f]);
        expect(parseIpv6('0:0:0:0:0:ffff:192.168.1.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc0a8, 0x0101]);
        expect(parseIpv6('::192.168.1.1')).toEqual([0, 0, 0, 0, 0, 0, 0xc0a8, 0x0101]);
        expect(parseIpv6('64:ff9b::192.0.2.33')).toEqual([0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x0221]);
    });

    it('refuses what RFC 4291 does not allow, zones, brackets and prefixes', () => {
        for (const text of ['', ':', ':::', '1::2::3', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9',
            '1:2:3:4::5:6:7:8', '12345::1', 'g::1', 'fd00::1%eth0', '[fd00::1]', 'fd00::/64', 'fd00::1/64', '::ffff:10.20.0.256',
            '::10.20.0.15:1', '10.20.0.15::', '1:2:3:4:5:6:7:10.20.0.15', '10.20.0.15', ' ::1', '::1 ', 'fd00:: 1']) {
            expect(parseIpv6(text)).withContext(JSON.stringify(text)).toBeNull();
        }
    });
});

describe('maskPrefixLength', () => {
    it('gives the length of contiguous masks and null for the others', () => {
        expect(maskPrefixLength(parseIpv4('255.255.255.0') as number)).toBe(24);
        expect(maskPrefixLength(parseIpv4('255.255.240.0') as number)).toBe(20);
        expect(maskPrefixLength(parseIpv4('255.255.255.255') as number)).toBe(32);
        expect(maskPrefixLength(parseIpv4('128.0.0.0') as number)).toBe(1);
        expect(maskPrefixLength(parseIpv4('0.0.0.0') as number)).toBeNull();
        expect(maskPrefixLength(parseIpv4('255.0.255.0') as number)).toBeNull();
        expect(maskPrefixLength(parseIpv4('255.255.255.1') as number)).toBeNull();
        expect(maskPrefixLength(parseIpv4('0.255.255.255') as number)).toBeNull();
    });
});

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
