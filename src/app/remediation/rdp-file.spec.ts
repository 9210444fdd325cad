import { isVmId } from '../snapshot/vm-id';
import { rdpAddress, rdpFileContent, rdpFileName } from './rdp-file';

describe('rdpFileContent', () => {
    it('opens VM Connection: RDP to the host on port 2179 with the VM Id as preconnection blob', () => {
        const lines = rdpFileContent('hv01.corp.example', '9F1C2A7E-3B5D-4E61-8A0C-1D2E3F405162').split('\r\n');
        expect(lines).toContain('full address:s:hv01.corp.example');
        expect(lines).toContain('server port:i:2179');
        expect(lines).toContain('pcb:s:9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162;EnhancedMode=0');
        expect(lines).toContain('negotiate security layer:i:0');
    });

    it('refuses a malformed VM Id or host name', () => {
        expect(() => rdpFileContent('hv01', 'SQL01')).toThrowError(/not a VM Id/);
        expect(() => rdpFileContent('hv01', '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162\r\nfull address:s:evil')).toThrowError(/not a VM Id/);
        expect(() => rdpFileContent('hv01\r\nalternate shell:s:cmd', '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162')).toThrowError(/not a host name/);
    });
});

describe('rdpAddress', () => {
    it('takes NetBIOS names with an underscore and IPv4 addresses as they are', () => {
        expect(rdpFileContent('hv_01', '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162')).toContain('full address:s:hv_01\r\n');
        expect(rdpAddress('HV_01.corp.example')).toBe('HV_01.corp.example');
        expect(rdpAddress('10.20.0.5')).toBe('10.20.0.5');
    });

    it('puts IPv6 addresses in brackets (a bare one would read as address:port)', () => {
        expect(rdpAddress('fe80::1')).toBe('[fe80::1]');
        expect(rdpAddress('2001:db8:0:0:0:0:0:7')).toBe('[2001:db8:0:0:0:0:0:7]');
        expect(rdpAddress('[2001:db8::7]')).toBe('[2001:db8::7]');
        expect(rdpAddress('fe80::1%12')).toBe('[fe80::1%12]');
    });

    it('refuses anything else with a message naming it', () => {
        expect(() => rdpAddress('hv01:3389')).toThrowError('\'hv01:3389\' is not a host name or IP address that VM Connection can use.');
        expect(() => rdpAddress('hv 01')).toThrowError(/not a host name/);
        expect(() => rdpAddress('[fe80::1')).toThrowError(/not a host name/);
        expect(() => rdpAddress('')).toThrowError(/not a host name/);
    });
});

describe('rdpFileName', () => {
    it('makes a safe file name of any VM name', () => {
        expect(rdpFileName('SQL01')).toBe('SQL01.rdp');
        expect(rdpFileName('<img src=x>/..\\evil')).toBe('_img src_x_.._evil.rdp');
        expect(rdpFileName('名前')).toBe('_.rdp');
    });
});

describe('isVmId', () => {
    it('accepts GUIDs only', () => {
        expect(isVmId('9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162')).toBeTrue();
        expect(isVmId('9f1c2a7e3b5d4e618a0c1d2e3f405162')).toBeFalse();
        expect(isVmId('$(Stop-Computer)')).toBeFalse();
        expect(isVmId('')).toBeFalse();
    });
});
