/**
 * The failover TCP/IP form's rules, without Angular: what the admin typed is checked in the browser
 * before anything is sent (address syntax of both families, subnet mask contiguity, prefix length
 * 0-128, gateway inside the subnet, DNS server syntax, at least one family complete), each error on
 * the field it is about, as a key of the strings (FailoverSettings.Errors); then turned into the
 * parameters of Set-FailoverTcpIpConfiguration.ps1. Addresses are parsed and compared by
 * src/app/common/ip-address.ts (ipaddr.js).
 */
import { maskPrefixLength, parseIpv4, parseIpv6, sameNetwork } from '../common/ip-address';
import { SnapshotAdapter } from '../snapshot/snapshot';

/** What the admin types, one text per field (trimmed before it is checked or sent). */
export interface FailoverSettingsValues {
    ipv4Address: string;
    ipv4SubnetMask: string;
    ipv4DefaultGateway: string;
    ipv4PreferredDns: string;
    ipv4AlternateDns: string;
    ipv6Address: string;
    ipv6PrefixLength: string;
    ipv6DefaultGateway: string;
    ipv6PreferredDns: string;
    ipv6AlternateDns: string;
}

export type FailoverSettingsField = keyof FailoverSettingsValues;

export const ipv4Fields: readonly FailoverSettingsField[] = ['ipv4Address', 'ipv4SubnetMask', 'ipv4DefaultGateway', 'ipv4PreferredDns', 'ipv4AlternateDns'];
export const ipv6Fields: readonly FailoverSettingsField[] = ['ipv6Address', 'ipv6PrefixLength', 'ipv6DefaultGateway', 'ipv6PreferredDns', 'ipv6AlternateDns'];
export const failoverSettingsFields: readonly FailoverSettingsField[] = [...ipv4Fields, ...ipv6Fields];

/** Every error the form can show: a key of the strings' FailoverSettings.Errors. */
export const failoverSettingsErrors = [
    'ipv4AddressSyntax', 'ipv4AddressRequired', 'ipv4MaskSyntax', 'ipv4MaskContiguity', 'ipv4MaskRequired',
    'ipv4GatewaySyntax', 'ipv4GatewayOutside', 'ipv4PreferredDnsSyntax', 'ipv4AlternateDnsSyntax', 'ipv4AlternateWithoutPreferred',
    'ipv6AddressSyntax', 'ipv6AddressRequired', 'ipv6PrefixSyntax', 'ipv6PrefixRange', 'ipv6PrefixRequired',
    'ipv6GatewaySyntax', 'ipv6GatewayOutside', 'ipv6PreferredDnsSyntax', 'ipv6AlternateDnsSyntax', 'ipv6AlternateWithoutPreferred',
    'noFamily'
] as const;
export type FailoverSettingsError = typeof failoverSettingsErrors[number];

export interface FailoverSettingsCheck {
    /** The first error of each field that has one. */
    fields: Partial<Record<FailoverSettingsField, FailoverSettingsError>>;
    /** An error of the whole form (no family complete); null when none. */
    form: FailoverSettingsError | null;
    valid: boolean;
}

export function emptyValues(): FailoverSettingsValues {
    return {
        ipv4Address: '', ipv4SubnetMask: '', ipv4DefaultGateway: '', ipv4PreferredDns: '', ipv4AlternateDns: '',
        ipv6Address: '', ipv6PrefixLength: '', ipv6DefaultGateway: '', ipv6PreferredDns: '', ipv6AlternateDns: ''
    };
}

/** The adapter's current settings as the form shows them (empty texts where none is set). */
export function valuesFromAdapter(adapter: SnapshotAdapter): FailoverSettingsValues {
    const details = adapter.failoverTcpIp || null;
    return {
        ipv4Address: adapter.ipv4 || '',
        ipv4SubnetMask: details && details.ipv4Mask || '',
        ipv4DefaultGateway: details && details.ipv4Gateway || '',
        ipv4PreferredDns: details && details.ipv4Dns[0] || '',
        ipv4AlternateDns: details && details.ipv4Dns[1] || '',
        ipv6Address: adapter.ipv6 || '',
        ipv6PrefixLength: details && details.ipv6Prefix !== null ? String(details.ipv6Prefix) : '',
        ipv6DefaultGateway: details && details.ipv6Gateway || '',
        ipv6PreferredDns: details && details.ipv6Dns[0] || '',
        ipv6AlternateDns: details && details.ipv6Dns[1] || ''
    };
}

function trimmed(values: FailoverSettingsValues): FailoverSettingsValues {
    const copy = emptyValues();
    for (const field of failoverSettingsFields) {
        copy[field] = (values[field] || '').trim();
    }
    return copy;
}

/** Whether the admin filled any field of the family. */
export function familyTouched(values: FailoverSettingsValues, family: 4 | 6): boolean {
    const v = trimmed(values);
    return (family === 4 ? ipv4Fields : ipv6Fields).some(f => v[f] !== '');
}

/** Checks the form; every error sits on the field it is about. */
export function checkFailoverSettings(input: FailoverSettingsValues): FailoverSettingsCheck {
    const v = trimmed(input);
    const fields: Partial<Record<FailoverSettingsField, FailoverSettingsError>> = {};
    const set = (field: FailoverSettingsField, error: FailoverSettingsError) => {
        if (!fields[field]) {
            fields[field] = error;
        }
    };

    // IPv4
    const address4 = v.ipv4Address ? parseIpv4(v.ipv4Address) : null;
    if (v.ipv4Address && address4 === null) {
        set('ipv4Address', 'ipv4AddressSyntax');
    }
    let prefix4: number | null = null;
    if (v.ipv4SubnetMask) {
        const mask = parseIpv4(v.ipv4SubnetMask);
        prefix4 = mask === null ? null : maskPrefixLength(mask);
        if (mask === null) {
            set('ipv4SubnetMask', 'ipv4MaskSyntax');
        } else if (prefix4 === null) {
            set('ipv4SubnetMask', 'ipv4MaskContiguity');
        }
    }
    const gateway4 = v.ipv4DefaultGateway ? parseIpv4(v.ipv4DefaultGateway) : null;
    if (v.ipv4DefaultGateway && gateway4 === null) {
        set('ipv4DefaultGateway', 'ipv4GatewaySyntax');
    } else if (gateway4 && address4 && prefix4 !== null && !sameNetwork(address4, gateway4, prefix4)) {
        set('ipv4DefaultGateway', 'ipv4GatewayOutside');
    }
    if (v.ipv4PreferredDns && parseIpv4(v.ipv4PreferredDns) === null) {
        set('ipv4PreferredDns', 'ipv4PreferredDnsSyntax');
    }
    if (v.ipv4AlternateDns && parseIpv4(v.ipv4AlternateDns) === null) {
        set('ipv4AlternateDns', 'ipv4AlternateDnsSyntax');
    } else if (v.ipv4AlternateDns && !v.ipv4PreferredDns) {
        set('ipv4AlternateDns', 'ipv4AlternateWithoutPreferred');
    }
    if (v.ipv4Address && !v.ipv4SubnetMask) {
        set('ipv4SubnetMask', 'ipv4MaskRequired');
    }
    if (!v.ipv4Address && familyTouched(v, 4)) {
        set('ipv4Address', 'ipv4AddressRequired');
    }

    // IPv6
    const address6 = v.ipv6Address ? parseIpv6(v.ipv6Address) : null;
    if (v.ipv6Address && address6 === null) {
        set('ipv6Address', 'ipv6AddressSyntax');
    }
    let prefix6: number | null = null;
    if (v.ipv6PrefixLength) {
        if (!/^\d{1,3}$/.test(v.ipv6PrefixLength)) {
            set('ipv6PrefixLength', 'ipv6PrefixSyntax');
        } else if (Number(v.ipv6PrefixLength) > 128) {
            set('ipv6PrefixLength', 'ipv6PrefixRange');
        } else {
            prefix6 = Number(v.ipv6PrefixLength);
        }
    }
    const gateway6 = v.ipv6DefaultGateway ? parseIpv6(v.ipv6DefaultGateway) : null;
    if (v.ipv6DefaultGateway && gateway6 === null) {
        set('ipv6DefaultGateway', 'ipv6GatewaySyntax');
    } else if (gateway6 && address6 && prefix6 !== null && !sameNetwork(address6, gateway6, prefix6)) {
        set('ipv6DefaultGateway', 'ipv6GatewayOutside');
    }
    if (v.ipv6PreferredDns && parseIpv6(v.ipv6PreferredDns) === null) {
        set('ipv6PreferredDns', 'ipv6PreferredDnsSyntax');
    }
    if (v.ipv6AlternateDns && parseIpv6(v.ipv6AlternateDns) === null) {
        set('ipv6AlternateDns', 'ipv6AlternateDnsSyntax');
    } else if (v.ipv6AlternateDns && !v.ipv6PreferredDns) {
        set('ipv6AlternateDns', 'ipv6AlternateWithoutPreferred');
    }
    if (v.ipv6Address && !v.ipv6PrefixLength) {
        set('ipv6PrefixLength', 'ipv6PrefixRequired');
    }
    if (!v.ipv6Address && familyTouched(v, 6)) {
        set('ipv6Address', 'ipv6AddressRequired');
    }

    const form: FailoverSettingsError | null = !v.ipv4Address && !v.ipv6Address ? 'noFamily' : null;
    return { fields, form, valid: Object.keys(fields).length === 0 && form === null };
}

/** The parameters of Set-FailoverTcpIpConfiguration.ps1 (with vmId and adapterId added by the caller). */
export type FailoverSettingsParameters = Record<string, string | number | boolean>;

/**
 * What Set sends for valid values: each family with an address is set to exactly the typed values
 * (trimmed); a family left empty is cleared when the adapter has it now (`current`), else left alone.
 * Throws when the values are not valid: nothing invalid is ever sent.
 */
export function setParameters(values: FailoverSettingsValues, current: FailoverSettingsValues): FailoverSettingsParameters {
    if (!checkFailoverSettings(values).valid) {
        throw new Error('The failover TCP/IP values are not valid: nothing is sent.');
    }
    const v = trimmed(values);
    const parameters: FailoverSettingsParameters = {};
    if (v.ipv4Address) {
        for (const field of ipv4Fields) {
            if (v[field]) {
                parameters[field] = v[field];
            }
        }
    } else if (current.ipv4Address || familyTouched(current, 4)) {
        parameters.clearIpv4 = true;
    }
    if (v.ipv6Address) {
        for (const field of ipv6Fields) {
            if (v[field]) {
                parameters[field] = field === 'ipv6PrefixLength' ? Number(v[field]) : v[field];
            }
        }
    } else if (current.ipv6Address || familyTouched(current, 6)) {
        parameters.clearIpv6 = true;
    }
    return parameters;
}

/** What Clear sends: both families emptied. */
export function clearParameters(): FailoverSettingsParameters {
    return { clearIpv4: true, clearIpv6: true };
}
