/**
 * IP addresses as the project reads them, parsed and compared by ipaddr.js, in the text forms an
 * admin types and Windows accepts: IPv4 as a dotted quad (four numbers 0-255 without leading zeros),
 * IPv6 in any RFC 4291 text form (eight groups of 1-4 hex digits, one `::`, an embedded dotted quad in
 * the last 32 bits), without a zone (`%eth0`), brackets or a prefix. ipaddr.js reads more (octal and
 * hex IPv4 parts, zones) and reads `::a.b.c.d` as the IPv4-mapped `::ffff:a.b.c.d`; those forms are
 * kept from it here.
 */
import * as ipaddr from 'ipaddr.js';

export type Ipv4 = ipaddr.IPv4;
export type Ipv6 = ipaddr.IPv6;

/** An IPv4 address in dotted-quad form, or null. */
export function parseIpv4(text: string): Ipv4 | null {
    return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : null;
}

/** An IPv6 address in an RFC 4291 text form, or null. */
export function parseIpv6(text: string): Ipv6 | null {
    if (!/^[0-9A-Fa-f:.]+$/.test(text)) {
        return null;
    }
    let hex = text;
    if (text.includes('.')) {
        // The embedded dotted quad, as the two hex groups it stands for.
        const lastColon = text.lastIndexOf(':');
        const v4 = lastColon < 0 ? null : parseIpv4(text.substring(lastColon + 1));
        if (!v4) {
            return null;
        }
        const [a, b, c, d] = v4.octets;
        hex = `${text.substring(0, lastColon + 1)}${(a * 256 + b).toString(16)}:${(c * 256 + d).toString(16)}`;
    }
    return ipaddr.IPv6.isValid(hex) ? ipaddr.IPv6.parse(hex) : null;
}

/** The prefix length of a subnet mask: contiguous ones, then zeros, at least one (0.0.0.0 is no mask); else null. */
export function maskPrefixLength(mask: Ipv4): number | null {
    const prefix = mask.prefixLengthFromSubnetMask();
    return prefix === 0 ? null : prefix;
}

/** Whether two addresses of the same family are in the same network of the prefix length. */
export function sameNetwork<T extends Ipv4 | Ipv6>(a: T, b: T, prefix: number): boolean {
    return a.match(b, prefix);
}
