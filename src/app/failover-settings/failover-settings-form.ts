/**
 * The failover TCP/IP form's rules, without Angular: what the admin typed is checked in the browser
 * before anything is sent (address syntax of both families, subnet mask contiguity, prefix length
 * 0-128, gateway inside the subnet, DNS server syntax, at least one family complete), each error on
 * the field it is about, as a key of the strings (FailoverSettings.Errors); then turned into the
 * parameters of Set-FailoverTcpIpConfiguration.ps1.
 */
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

/** An IPv4 address in dotted-quad form (four numbers 0-255, no leading zeros): its 32 bits, or null. */
export function parseIpv4(text: string): number | null {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (!match) {
        return null;
    }
    let value = 0;
    for (let i = 1; i <= 4; i++) {
        const part = match[i];
        if (part.length > 1 && part[0] === '0') {
            return null;
        }
        const octet = Number(part);
        if (octet > 255) {
            return null;
        }
        value = value * 256 + octet;
    }
    return value;
}

/**
 * An IPv6 address in any RFC 4291 text form: eight groups of 1-4 hex digits, one `::` for a run of
 * zero groups, and an embedded IPv4 address for the last 32 bits (`::ffff:10.0.0.1`). No zone
 * (`%eth0`), no brackets, no prefix. Its eight 16-bit groups, or null.
 */
export function parseIpv6(text: string): number[] | null {
    if (!/^[0-9A-Fa-f:.]+$/.test(text)) {
        return null;
    }
    const halves = text.split('::');
    if (halves.length > 2) {
        return null;
    }
    const groupsOf = (part: string, last: boolean): number[] | null => {
        if (part === '') {
            return [];
        }
        const items = part.split(':');
        const groups: number[] = [];
        for (let i = 0; i < items.length; i++) {
            const item = items[i];
            if (last && i === items.length - 1 && item.includes('.')) {
                const v4 = parseIpv4(item);
                if (v4 === null) {
                    return null;
                }
                groups.push(Math.floor(v4 / 65536), v4 % 65536);
            } else if (/^[0-9A-Fa-f]{1,4}$/.test(item)) {
                groups.push(parseInt(item, 16));
            } else {
                return null;
            }
        }
        return groups;
    };
    if (halves.length === 1) {
        const groups = groupsOf(text, true);
        return groups && groups.length === 8 ? groups : null;
    }
    const head = groupsOf(halves[0], false);
    const tail = groupsOf(halves[1], true);
    // `::` stands for at least one zero group.
    if (!head || !tail || head.length + tail.length > 7) {
        return null;
    }
    return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** The prefix length of a contiguous subnet mask (ones, then zeros; not 0.0.0.0), or null. */
export function maskPrefixLength(mask: number): number | null {
    for (let bits = 1; bits <= 32; bits++) {
        if (mask === 2 ** 32 - 2 ** (32 - bits)) {
            return bits;
        }
    }
    return null;
}

function sameIpv4Network(a: number, b: number, prefix: number): boolean {
    const size = 2 ** (32 - prefix);
    return Math.floor(a / size) === Math.floor(b / size);
}

function sameIpv6Network(a: number[], b: number[], prefix: number): boolean {
    for (let i = 0; i < 8; i++) {
        const bits = Math.min(16, Math.max(0, prefix - i * 16));
        if (bits === 0) {
            return true;
        }
        const size = 2 ** (16 - bits);
        if (Math.floor(a[i] / size) !== Math.floor(b[i] / size)) {
            return false;
        }
    }
    return true;
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
    } else if (gateway4 !== null && address4 !== null && prefix4 !== null && !sameIpv4Network(address4, gateway4, prefix4)) {
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
    } else if (gateway6 && address6 && prefix6 !== null && !sameIpv6Network(address6, gateway6, prefix6)) {
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
