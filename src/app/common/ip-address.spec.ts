import { Ipv4, Ipv6, maskPrefixLength, parseIpv4, parseIpv6, sameNetwork } from './ip-address';

describe('parseIpv4', () => {
    it('reads dotted quads of 0-255', () => {
        expect(parseIpv4('10.20.0.15')?.octets).toEqual([10, 20, 0, 15]);
        expect(parseIpv4('0.0.0.0')?.octets).toEqual([0, 0, 0, 0]);
        expect(parseIpv4('255.255.255.255')?.octets).toEqual([255, 255, 255, 255]);
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
        expect(parseIpv6('2001:0db8:0000:0000:0000:ff00:0042:8329')?.parts).toEqual([0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329]);
        expect(parseIpv6('2001:DB8:0:0:0:FF00:42:8329')?.parts).toEqual([0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329]);
    });

    it('reads :: compression anywhere, once, for one or more zero groups', () => {
        expect(parseIpv6('::')?.parts).toEqual(zeros);
        expect(parseIpv6('::1')?.parts).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
        expect(parseIpv6('fd00::')?.parts).toEqual([0xfd00, 0, 0, 0, 0, 0, 0, 0]);
        expect(parseIpv6('fd00:20::15')?.parts).toEqual([0xfd00, 0x20, 0, 0, 0, 0, 0, 0x15]);
        expect(parseIpv6('1:2:3:4:5:6:7::')?.parts).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
        expect(parseIpv6('::2:3:4:5:6:7:8')?.parts).toEqual([0, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('reads an embedded IPv4 address in the last 32 bits', () => {
        expect(parseIpv6('::ffff:10.20.0.15')?.parts).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a14, 0x000f]);
        expect(parseIpv6('0:0:0:0:0:ffff:192.168.1.1')?.parts).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc0a8, 0x0101]);
        expect(parseIpv6('::192.168.1.1')?.parts).toEqual([0, 0, 0, 0, 0, 0, 0xc0a8, 0x0101]);
        expect(parseIpv6('64:ff9b::192.0.2.33')?.parts).toEqual([0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x0221]);
    });

    it('refuses what RFC 4291 does not allow, zones, brackets and prefixes', () => {
        for (const text of ['', ':', ':::', '1::2::3', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9',
            '1:2:3:4::5:6:7:8', '12345::1', 'g::1', 'fd00::1%eth0', '[fd00::1]', 'fd00::/64', 'fd00::1/64', '::ffff:10.20.0.256',
            '::10.20.0.15:1', '10.20.0.15::', '1:2:3:4:5:6:7:10.20.0.15', '10.20.0.15', ' ::1', '::1 ', 'fd00:: 1',
            // Forms ipaddr.js itself reads: a numeric zone, octal and hex parts in the embedded IPv4 address.
            '::1%1', '::ffff:010.20.0.1', '::ffff:0x0a.20.0.1', '::0x0a.20.0.1', 'fd00::1\n']) {
            expect(parseIpv6(text)).withContext(JSON.stringify(text)).toBeNull();
        }
    });
});

describe('maskPrefixLength', () => {
    it('gives the length of contiguous masks and null for the others', () => {
        expect(maskPrefixLength(parseIpv4('255.255.255.0') as Ipv4)).toBe(24);
        expect(maskPrefixLength(parseIpv4('255.255.240.0') as Ipv4)).toBe(20);
        expect(maskPrefixLength(parseIpv4('255.255.255.255') as Ipv4)).toBe(32);
        expect(maskPrefixLength(parseIpv4('128.0.0.0') as Ipv4)).toBe(1);
        expect(maskPrefixLength(parseIpv4('0.0.0.0') as Ipv4)).toBeNull();
        expect(maskPrefixLength(parseIpv4('255.0.255.0') as Ipv4)).toBeNull();
        expect(maskPrefixLength(parseIpv4('255.255.255.1') as Ipv4)).toBeNull();
        expect(maskPrefixLength(parseIpv4('0.255.255.255') as Ipv4)).toBeNull();
    });
});

describe('sameNetwork', () => {
    it('compares the leading bits of the prefix length, in both families', () => {
        const v4 = (text: string) => parseIpv4(text) as Ipv4;
        expect(sameNetwork(v4('10.20.0.15'), v4('10.20.0.1'), 24)).toBeTrue();
        expect(sameNetwork(v4('10.20.0.15'), v4('10.20.1.1'), 24)).toBeFalse();
        expect(sameNetwork(v4('10.20.0.15'), v4('10.20.0.17'), 28)).toBeFalse();
        expect(sameNetwork(v4('10.20.0.15'), v4('10.20.0.15'), 32)).toBeTrue();
        const v6 = (text: string) => parseIpv6(text) as Ipv6;
        expect(sameNetwork(v6('fd00:20::15'), v6('fd00:20:0:f::1'), 60)).toBeTrue();
        expect(sameNetwork(v6('fd00:20::15'), v6('fd00:20:0:10::1'), 60)).toBeFalse();
        expect(sameNetwork(v6('fd00:20::15'), v6('2001:db8::1'), 0)).toBeTrue();
        expect(sameNetwork(v6('fd00:20::15'), v6('fd00:20::16'), 128)).toBeFalse();
        // ::a.b.c.d is the IPv4-compatible address (RFC 4291 2.5.5.1), not the IPv4-mapped ::ffff:a.b.c.d.
        expect(sameNetwork(v6('::10.20.0.15'), v6('::ffff:10.20.0.15'), 96)).toBeFalse();
    });
});
