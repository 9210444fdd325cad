import { parseSnapshot, parseSnapshotText, SnapshotError } from './parse-snapshot';
import { snapshotOf, vmFacts } from './snapshot-builder.spec-helper';

type Mutable = Record<string, unknown>;

/** A valid snapshot as plain JSON, changed by `edit`, then parsed: returns the error's message. */
function errorFor(edit: (s: Mutable & { collectedAt?: unknown; vms: Mutable[]; host: Mutable }) => void): string {
    const json = JSON.parse(JSON.stringify(snapshotOf([vmFacts()])));
    edit(json);
    try {
        parseSnapshot(json);
    } catch (e) {
        expect(e).toBeInstanceOf(SnapshotError);
        return (e as Error).message;
    }
    return 'no error';
}

describe('parseSnapshot', () => {
    it('accepts a valid snapshot and returns it typed', () => {
        const snapshot = parseSnapshotText(JSON.stringify(snapshotOf([vmFacts()])));
        expect(snapshot.vms[0].kvp?.status).toBe(2);
        expect(snapshot.host.name).toBe('HV01');
    });

    it('accepts nulls where the format allows them', () => {
        const vm = vmFacts({ generation: null, version: null, isVersion: null, isState: null, guestOs: null, replication: null, kvp: null });
        expect(() => parseSnapshot(snapshotOf([vm], { host: { name: 'H', osVersion: null, culture: '', cluster: null, setupDisk: null } }))).not.toThrow();
    });

    it('accepts a host scan error with no VMs', () => {
        const snapshot = parseSnapshot(snapshotOf([], { error: { code: 'HyperVModuleMissing', message: 'no module' } }));
        expect(snapshot.error?.code).toBe('HyperVModuleMissing');
    });

    it('rejects empty output and text that is not JSON', () => {
        expect(() => parseSnapshotText('')).toThrowError(SnapshotError, 'the scan returned no output');
        expect(() => parseSnapshotText('WARNING: x')).toThrowError(SnapshotError, /not JSON/);
    });

    it('rejects a snapshot that is not an object', () => {
        expect(() => parseSnapshot([])).toThrowError(SnapshotError, 'snapshot: expected an object, got an array');
        expect(() => parseSnapshot(null)).toThrowError(SnapshotError, 'snapshot: expected an object, got null');
        expect(() => parseSnapshot('text')).toThrowError(SnapshotError, /snapshot: expected an object/);
    });

    it('rejects another format or version, naming it', () => {
        expect(errorFor(s => s.format = 'something-else'))
            .toBe('format: expected "replica-failover-ip-snapshot/3", got "something-else"');
        expect(errorFor(s => delete s.format)).toBe('format: missing (expected "replica-failover-ip-snapshot/3")');
    });

    it('refuses a snapshot of format 1 with a message that names both formats and what to do', () => {
        const message = errorFor(s => s.format = 'replica-failover-ip-snapshot/1');
        expect(message).toContain('"replica-failover-ip-snapshot/1" is a snapshot format this version doesn\'t read');
        expect(message).toContain('"replica-failover-ip-snapshot/2" and "replica-failover-ip-snapshot/3"');
        expect(message).toContain('Get-ReplicaFailoverIpSnapshot.ps1');
        expect(errorFor(s => s.format = 'replica-failover-ip-snapshot/4'))
            .toContain('"replica-failover-ip-snapshot/4" is a snapshot format this version doesn\'t read');
    });

    it('reads the failover TCP/IP details and the restore records of format 3', () => {
        const vm = vmFacts({ failoverRestore: [{ adapterId: 'Microsoft:VM\\NIC', ipv4: '10.20.0.50', ipv6: null }] });
        vm.adapters[0].failoverTcpIp = { ipv4Mask: '255.255.0.0', ipv4Gateway: '10.20.0.1', ipv4Dns: ['10.20.0.10', '10.20.0.11'],
            ipv6Prefix: 64, ipv6Gateway: 'fd00::1', ipv6Dns: ['fd00::53'] };
        const snapshot = parseSnapshotText(JSON.stringify(snapshotOf([vm])));
        expect(snapshot.format).toBe('replica-failover-ip-snapshot/3');
        expect(snapshot.vms[0].adapters[0].failoverTcpIp).toEqual(vm.adapters[0].failoverTcpIp);
        expect(snapshot.vms[0].failoverRestore).toEqual([{ adapterId: 'Microsoft:VM\\NIC', ipv4: '10.20.0.50', ipv6: null }]);
    });

    it('requires the failover TCP/IP details in format 3, naming the field', () => {
        expect(errorFor(s => delete (s.vms[0].adapters as Mutable[])[0].failoverTcpIp))
            .toBe('vms[0].adapters[0].failoverTcpIp: missing (expected an object or null)');
        expect(errorFor(s => ((s.vms[0].adapters as Mutable[])[0].failoverTcpIp as Mutable).ipv4Dns = '10.0.0.1'))
            .toBe('vms[0].adapters[0].failoverTcpIp.ipv4Dns: expected an array, got "10.0.0.1"');
        expect(errorFor(s => ((s.vms[0].adapters as Mutable[])[0].failoverTcpIp as Mutable).ipv6Dns = [53]))
            .toBe('vms[0].adapters[0].failoverTcpIp.ipv6Dns[0]: expected text, got 53');
        expect(errorFor(s => ((s.vms[0].adapters as Mutable[])[0].failoverTcpIp as Mutable).ipv6Prefix = '64'))
            .toBe('vms[0].adapters[0].failoverTcpIp.ipv6Prefix: expected a whole number or null, got "64"');
        expect(errorFor(s => delete s.vms[0].failoverRestore)).toBe('vms[0].failoverRestore: missing (expected an array or null)');
        expect(errorFor(s => s.vms[0].failoverRestore = [{ adapterId: 'x', ipv4: 5, ipv6: null }]))
            .toBe('vms[0].failoverRestore[0].ipv4: expected text or null, got 5');
    });

    it('still reads format 2 (saved by the previous script): no failover TCP/IP details, no restore records', () => {
        const json = JSON.parse(JSON.stringify(snapshotOf([vmFacts()])));
        json.format = 'replica-failover-ip-snapshot/2';
        delete json.vms[0].failoverRestore;
        delete json.vms[0].adapters[0].failoverTcpIp;
        const snapshot = parseSnapshot(json);
        expect(snapshot.format).toBe('replica-failover-ip-snapshot/2');
        expect(snapshot.vms[0].adapters[0].ipv4).toBe('10.20.0.15');
        expect(snapshot.vms[0].adapters[0].failoverTcpIp).toBeNull();
        expect(snapshot.vms[0].failoverRestore).toBeNull();
    });

    it('reads the secondary KVP status and the adapter Id', () => {
        const vm = vmFacts({ kvp: { enabled: true, status: 2, statusName: 'Ok', text: 'OK', secondaryStatus: 32775, secondaryStatusName: 'ProtocolMismatch',
            secondaryText: 'Protocol Mismatch' } });
        const snapshot = parseSnapshotText(JSON.stringify(snapshotOf([vm])));
        expect(snapshot.vms[0].kvp?.secondaryStatus).toBe(32775);
        expect(snapshot.vms[0].kvp?.secondaryText).toBe('Protocol Mismatch');
        expect(snapshot.vms[0].adapters[0].id).toBe('Microsoft:VM\\NIC');
    });

    it('names a missing field', () => {
        expect(errorFor(s => delete s.collectedAt)).toBe('collectedAt: missing (expected text)');
        expect(errorFor(s => delete s.host.name)).toBe('host.name: missing (expected text)');
        expect(errorFor(s => delete s.vms[0].kvp)).toBe('vms[0].kvp: missing (expected an object or null)');
        expect(errorFor(s => delete s.vms[0].errors)).toBe('vms[0].errors: missing (expected an array)');
        expect(errorFor(s => delete (s as Mutable).vms)).toBe('vms: missing (expected an array)');
        expect(errorFor(s => delete s.host.setupDisk)).toBe('host.setupDisk: missing (expected text or null)');
        expect(errorFor(s => s.vms[0].setupDiskRestore = { previousPath: 'x' })).toBe('vms[0].setupDiskRestore.drive: missing (expected text)');
        expect(errorFor(s => delete (s.vms[0].kvp as Mutable).secondaryStatus)).toBe('vms[0].kvp.secondaryStatus: missing (expected a whole number or null)');
        expect(errorFor(s => delete (s.vms[0].kvp as Mutable).secondaryText)).toBe('vms[0].kvp.secondaryText: missing (expected text or null)');
        expect(errorFor(s => delete (s.vms[0].adapters as Mutable[])[0].id)).toBe('vms[0].adapters[0].id: missing (expected text)');
    });

    it('names a field of the wrong type', () => {
        expect(errorFor(s => s.vms[0].state = '2')).toBe('vms[0].state: expected a whole number, got "2"');
        expect(errorFor(s => s.vms[0].state = 2.5)).toBe('vms[0].state: expected a whole number, got 2.5');
        expect(errorFor(s => s.vms[0].name = 42)).toBe('vms[0].name: expected text, got 42');
        expect(errorFor(s => (s.vms[0].kvp as Mutable).enabled = 'yes')).toBe('vms[0].kvp.enabled: expected true or false, got "yes"');
        expect(errorFor(s => (s.vms[0].replication as Mutable).mode = null)).toBe('vms[0].replication.mode: expected a whole number, got null');
        expect(errorFor(s => (s.vms[0].adapters as Mutable[])[0].failover = '4096'))
            .toBe('vms[0].adapters[0].failover: expected a whole number or null, got "4096"');
        expect(errorFor(s => s.vms[0].dvdDrives = {})).toBe('vms[0].dvdDrives: expected an array, got an object');
        expect(errorFor(s => (s.vms[0].kvp as Mutable).secondaryStatus = 'ProtocolMismatch'))
            .toBe('vms[0].kvp.secondaryStatus: expected a whole number or null, got "ProtocolMismatch"');
        expect(errorFor(s => (s.vms[0].kvp as Mutable).secondaryStatusName = 32775)).toBe('vms[0].kvp.secondaryStatusName: expected text or null, got 32775');
        expect(errorFor(s => s.vms[0].errors = [{ source: 'Get-VM' }])).toBe('vms[0].errors[0].message: missing (expected text)');
        expect(errorFor(s => s.host.cluster = { name: 'C', nodes: ['A', 3], replicaBroker: null })).toBe('host.cluster.nodes[1]: expected text, got 3');
        expect(errorFor(s => (s.vms as unknown[])[1] = 'VM2')).toBe('vms[1]: expected an object, got "VM2"');
    });

    it('refuses a collectedAt that is not an ISO date (the page would throw while showing it)', () => {
        expect(errorFor(s => s.collectedAt = 'not a date'))
            .toBe('collectedAt: expected an ISO 8601 date and time (e.g. 2026-11-26T14:27:06.461Z), got "not a date"');
        expect(errorFor(s => s.collectedAt = '2026-13-45T99:00:00Z')).toMatch(/^collectedAt: expected an ISO 8601 date/);
        expect(errorFor(s => s.collectedAt = '2026-11-26T14:27:06+01:00')).toBe('no error');
    });

    it('refuses a collectedAt that is not on the calendar or the clock, and reads a leap day', () => {
        for (const date of ['2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-04-31T10:00:00Z', '2026-11-26T24:00:00Z', '2026-11-26T10:00:00+25:00']) {
            expect(errorFor(s => s.collectedAt = date)).withContext(date).toBe(
                `collectedAt: expected an ISO 8601 date and time (e.g. 2026-11-26T14:27:06.461Z), got "${date}"`);
        }
        expect(errorFor(s => s.collectedAt = '2028-02-29T23:59:59.999Z')).toBe('no error');
    });

    it('refuses an enum value outside the Hyper-V enum, naming the field and the value (the grid shows the host as unreadable)', () => {
        const replication = (mode: number, state: number, health: number) => ({ mode, state, health, primary: 'a', replica: 'b' });
        expect(errorFor(s => s.vms[0].replication = replication(5, 4, 1))).toBe('vms[0].replication.mode: expected a VMReplicationMode value, got 5');
        expect(errorFor(s => s.vms[0].replication = replication(-1, 4, 1))).toBe('vms[0].replication.mode: expected a VMReplicationMode value, got -1');
        expect(errorFor(s => s.vms[0].replication = replication(2, 22, 1))).toBe('vms[0].replication.state: expected a VMReplicationState value, got 22');
        expect(errorFor(s => s.vms[0].replication = replication(2, 4, 4)))
            .toBe('vms[0].replication.health: expected a VMReplicationHealthState value, got 4');
        expect(errorFor(s => s.vms[0].state = 5)).toBe('vms[0].state: expected a VMState value, got 5');
        expect(errorFor(s => (s.vms[0].kvp as Mutable).status = 99))
            .toBe('vms[0].kvp.status: expected a VMIntegrationComponentOperationalStatus value or null, got 99');
        expect(errorFor(s => (s.vms[0].kvp as Mutable).secondaryStatus = 1))
            .toBe('vms[0].kvp.secondaryStatus: expected a VMIntegrationComponentOperationalStatus value or null, got 1');
        expect(errorFor(s => ((s.vms[0].adapters as Mutable[])[0]).failover = 7))
            .toBe('vms[0].adapters[0].failover: expected a ProtocolIFType value or null, got 7');
        // Every real value is read, and VMState 0 (the script's value when Get-VM couldn't read the VM).
        for (const state of [0, 1, 2, 3, 32785, 32796]) {
            expect(errorFor(s => s.vms[0].state = state)).withContext(String(state)).toBe('no error');
        }
        expect(errorFor(s => s.vms[0].replication = replication(4, 21, 3))).toBe('no error');
        expect(errorFor(s => ((s.vms[0].adapters as Mutable[])[0]).failover = 1)).toBe('no error');
    });

    it('refuses text longer than its field can be, naming the field and the length, not the text', () => {
        expect(errorFor(s => s.vms[0].name = 'n'.repeat(100))).toBe('no error');
        expect(errorFor(s => s.vms[0].name = 'n'.repeat(101))).toBe('vms[0].name: 101 characters, more than a Hyper-V VM name can be (100 at most)');
        expect(errorFor(s => s.host.name = 'h'.repeat(254))).toBe('host.name: 254 characters, more than a host name can be (253 at most)');
        expect(errorFor(s => s.host.cluster = { name: 'C', nodes: ['n'.repeat(254)], replicaBroker: null }))
            .toBe('host.cluster.nodes[0]: 254 characters, more than a host name can be (253 at most)');
        expect(errorFor(s => s.vms[0].errors = [{ source: 'Get-VM', message: 'm'.repeat(32768) }]))
            .toBe('vms[0].errors[0].message: 32768 characters, more than a snapshot field can be (32767 at most)');
        expect(errorFor(s => s.vms[0].dvdDrives = [{ controllerType: 'IDE', controller: 1, location: 0, path: 'p'.repeat(32767) }])).toBe('no error');
    });

    it('never repeats the text it could not read as JSON', () => {
        for (const text of ['root:x:0:0:root:/root:/bin/bash', '{"a": secret}', '{"a": 1} trailing secret']) {
            expect(() => parseSnapshotText(text))
                .toThrowMatching(e => e instanceof SnapshotError && /not JSON/.test(e.message) && !/root|secret/.test(e.message));
        }
    });

    it('refuses a VM Id that is not a GUID, naming the VM', () => {
        expect(errorFor(s => s.vms[0].id = 'a')).toBe('vms[0].id: expected a VM Id (a GUID), got "a"');
        expect(errorFor(s => s.vms[0].id = '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162; Stop-Computer'))
            .toMatch(/^vms\[0\]\.id: expected a VM Id \(a GUID\)/);
    });

    it('refuses a VM Id listed twice, naming both', () => {
        expect(errorFor(s => s.vms.push({ ...s.vms[0], name: 'OTHER', id: String(s.vms[0].id).toUpperCase() })))
            .toBe('vms[1].id: "9F1C2A7E-3B5D-4E61-8A0C-1D2E3F405162" is listed twice (also vms[0].id)');
    });

    it('keeps only the fields of the format: host text cannot add or shadow properties', () => {
        const json = JSON.parse(JSON.stringify(snapshotOf([vmFacts({ name: 'constructor' })])));
        json.vms[0].__proto__extra = 'x';
        json.host.injected = '<b>x</b>';
        const snapshot = parseSnapshot(json);
        expect(Object.keys(snapshot.host)).toEqual(['name', 'osVersion', 'culture', 'cluster', 'setupDisk']);
        expect(snapshot.vms[0].name).toBe('constructor');
        expect(Object.keys(snapshot.vms[0])).not.toContain('__proto__extra');
    });

    it('reads how the failover settings were tied to the adapters, when the snapshot says, and refuses another value', () => {
        const guessed = JSON.parse(JSON.stringify(snapshotOf([vmFacts({})])));
        guessed.host.failoverMapping = 'instanceIdGuess';
        expect(parseSnapshot(guessed).host.failoverMapping).toBe('instanceIdGuess');
        guessed.host.failoverMapping = null;
        expect(parseSnapshot(guessed).host.failoverMapping).toBeUndefined();
        expect(parseSnapshot(snapshotOf([vmFacts({})])).host.failoverMapping).toBeUndefined();
        expect(errorFor(s => s.host.failoverMapping = 'byName'))
            .toBe('host.failoverMapping: expected "association", "instanceIdGuess" or null, got "byName"');
    });

    it('rejects an unknown host error code', () => {
        expect(errorFor(s => s.error = { code: 'Boom', message: 'x' }))
            .toBe('error.code: expected HyperVModuleMissing, AccessDenied, QueryFailed, got "Boom"');
    });

    it('never throws anything but a SnapshotError, whatever the input', () => {
        const inputs: unknown[] = [undefined, 0, true, {}, { format: 'replica-failover-ip-snapshot/1' }, { format: 'replica-failover-ip-snapshot/2' },
            { format: 'replica-failover-ip-snapshot/2', collectedAt: 'x', host: null },
            { format: 'replica-failover-ip-snapshot/2', collectedAt: 'x', host: { name: 'a', osVersion: null, culture: 'c', cluster: null },
                error: null, vms: [null] }];
        for (const input of inputs) {
            expect(() => parseSnapshot(input)).toThrowMatching(e => e instanceof SnapshotError);
        }
    });
});
