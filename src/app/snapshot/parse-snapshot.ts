import { hostErrorCodes, isHostErrorCode } from '../host-contract';
import {
    FailoverMapping,
    HostScanError,
    Snapshot,
    SnapshotAdapter,
    SnapshotCluster,
    SnapshotDvdDrive,
    SnapshotFailoverRestore,
    SnapshotFailoverTcpIp,
    previousSnapshotFormat,
    snapshotFormat,
    SnapshotHost,
    SnapshotKvp,
    SnapshotReplication,
    SnapshotSetupDiskRestore,
    SnapshotVm,
    SnapshotVmError
} from './snapshot';
import { isVmId } from './vm-id';

/** A snapshot that is not valid: `path` names the field (e.g. `vms[2].kvp.status`). */
export class SnapshotError extends Error {
    constructor(public readonly path: string, public readonly problem: string) {
        super(path ? `${path}: ${problem}` : problem);
        this.name = 'SnapshotError';
    }
}

type Json = Record<string, unknown>;

function describe(value: unknown): string {
    if (value === null) {
        return 'null';
    }
    if (Array.isArray(value)) {
        return 'an array';
    }
    if (typeof value === 'string') {
        return `"${value.length > 40 ? value.substring(0, 40) + '...' : value}"`;
    }
    if (typeof value === 'object') {
        return 'an object';
    }
    return String(value);
}

function at(path: string, key: string): string {
    return path ? `${path}.${key}` : key;
}

function fail(path: string, expected: string, value: unknown): never {
    throw new SnapshotError(path, value === undefined ? `missing (expected ${expected})` : `expected ${expected}, got ${describe(value)}`);
}

function isJson(value: unknown): value is Json {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function object(value: unknown, path: string, expected = 'an object'): Json {
    if (!isJson(value)) {
        return fail(path, expected, value);
    }
    return value;
}

function array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) {
        return fail(path, 'an array', value);
    }
    return value;
}

function text(o: Json, key: string, path: string): string {
    const value = o[key];
    if (typeof value !== 'string') {
        return fail(at(path, key), 'text', value);
    }
    return value;
}

function optionalText(o: Json, key: string, path: string): string | null {
    const value = o[key];
    if (value === null || typeof value === 'string') {
        return value;
    }
    return fail(at(path, key), 'text or null', value);
}

function wholeNumber(o: Json, key: string, path: string): number {
    const value = o[key];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
        return fail(at(path, key), 'a whole number', value);
    }
    return value;
}

function optionalWholeNumber(o: Json, key: string, path: string): number | null {
    const value = o[key];
    if (value === null || (typeof value === 'number' && Number.isInteger(value))) {
        return value;
    }
    return fail(at(path, key), 'a whole number or null', value);
}

function flag(o: Json, key: string, path: string): boolean {
    const value = o[key];
    if (typeof value !== 'boolean') {
        return fail(at(path, key), 'true or false', value);
    }
    return value;
}

function parseCluster(value: unknown, path: string): SnapshotCluster | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    const items = array(o.nodes, `${path}.nodes`);
    const nodes: string[] = [];
    for (let i = 0; i < items.length; i++) {
        const node = items[i];
        if (typeof node !== 'string') {
            fail(`${path}.nodes[${i}]`, 'text', node);
        }
        nodes.push(node);
    }
    return { name: text(o, 'name', path), nodes, replicaBroker: optionalText(o, 'replicaBroker', path) };
}

function parseHost(value: unknown): SnapshotHost {
    const path = 'host';
    const o = object(value, path);
    const mapping = o.failoverMapping;
    if (mapping !== undefined && mapping !== null && mapping !== 'association' && mapping !== 'instanceIdGuess') {
        fail(at(path, 'failoverMapping'), '"association", "instanceIdGuess" or null', mapping);
    }
    return {
        name: text(o, 'name', path),
        osVersion: optionalText(o, 'osVersion', path),
        culture: text(o, 'culture', path),
        cluster: parseCluster(o.cluster, `${path}.cluster`),
        setupDisk: optionalText(o, 'setupDisk', path),
        ...(mapping ? { failoverMapping: mapping as FailoverMapping } : {})
    };
}

function parseHostError(value: unknown): HostScanError | null {
    if (value === null) {
        return null;
    }
    const o = object(value, 'error', 'an object or null');
    const code = text(o, 'code', 'error');
    if (!isHostErrorCode(code)) {
        fail('error.code', hostErrorCodes.join(', '), code);
    }
    return { code, message: text(o, 'message', 'error') };
}

function parseReplication(value: unknown, path: string): SnapshotReplication | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    return {
        mode: wholeNumber(o, 'mode', path),
        state: wholeNumber(o, 'state', path),
        health: wholeNumber(o, 'health', path),
        primary: optionalText(o, 'primary', path),
        replica: optionalText(o, 'replica', path)
    };
}

function parseKvp(value: unknown, path: string): SnapshotKvp | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    return {
        enabled: flag(o, 'enabled', path),
        status: optionalWholeNumber(o, 'status', path),
        statusName: optionalText(o, 'statusName', path),
        text: optionalText(o, 'text', path),
        secondaryStatus: optionalWholeNumber(o, 'secondaryStatus', path),
        secondaryStatusName: optionalText(o, 'secondaryStatusName', path),
        secondaryText: optionalText(o, 'secondaryText', path)
    };
}

function parseSetupDiskRestore(value: unknown, path: string): SnapshotSetupDiskRestore | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    return { drive: text(o, 'drive', path), previousPath: optionalText(o, 'previousPath', path) };
}

function texts(o: Json, key: string, path: string): string[] {
    const items = array(o[key], at(path, key));
    return items.map((item, i) => typeof item === 'string' ? item : fail(`${at(path, key)}[${i}]`, 'text', item));
}

function parseFailoverTcpIp(value: unknown, path: string): SnapshotFailoverTcpIp | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    return {
        ipv4Mask: optionalText(o, 'ipv4Mask', path),
        ipv4Gateway: optionalText(o, 'ipv4Gateway', path),
        ipv4Dns: texts(o, 'ipv4Dns', path),
        ipv6Prefix: optionalWholeNumber(o, 'ipv6Prefix', path),
        ipv6Gateway: optionalText(o, 'ipv6Gateway', path),
        ipv6Dns: texts(o, 'ipv6Dns', path)
    };
}

function parseFailoverRestore(value: unknown, path: string): SnapshotFailoverRestore[] | null {
    if (value === null) {
        return null;
    }
    if (!Array.isArray(value)) {
        return fail(path, 'an array or null', value);
    }
    return value.map((item, i) => {
        const itemPath = `${path}[${i}]`;
        const o = object(item, itemPath);
        return { adapterId: text(o, 'adapterId', itemPath), ipv4: optionalText(o, 'ipv4', itemPath), ipv6: optionalText(o, 'ipv6', itemPath) };
    });
}

/** `current`: format 3, whose adapters carry failoverTcpIp (format 2 has none: null). */
function parseAdapters(value: unknown, path: string, current: boolean): SnapshotAdapter[] {
    return array(value, path).map((item, i) => {
        const itemPath = `${path}[${i}]`;
        const o = object(item, itemPath);
        return {
            id: text(o, 'id', itemPath),
            name: text(o, 'name', itemPath),
            legacy: flag(o, 'legacy', itemPath),
            failover: optionalWholeNumber(o, 'failover', itemPath),
            ipv4: optionalText(o, 'ipv4', itemPath),
            ipv6: optionalText(o, 'ipv6', itemPath),
            failoverTcpIp: current ? parseFailoverTcpIp(o.failoverTcpIp, `${itemPath}.failoverTcpIp`) : null
        };
    });
}

function parseDvdDrives(value: unknown, path: string): SnapshotDvdDrive[] {
    return array(value, path).map((item, i) => {
        const itemPath = `${path}[${i}]`;
        const o = object(item, itemPath);
        return {
            controllerType: text(o, 'controllerType', itemPath),
            controller: wholeNumber(o, 'controller', itemPath),
            location: wholeNumber(o, 'location', itemPath),
            path: optionalText(o, 'path', itemPath)
        };
    });
}

function parseVmErrors(value: unknown, path: string): SnapshotVmError[] {
    return array(value, path).map((item, i) => {
        const itemPath = `${path}[${i}]`;
        const o = object(item, itemPath);
        return { source: text(o, 'source', itemPath), message: text(o, 'message', itemPath) };
    });
}

function parseVm(value: unknown, path: string, current: boolean): SnapshotVm {
    const o = object(value, path);
    const vm: SnapshotVm = {
        id: text(o, 'id', path),
        name: text(o, 'name', path),
        state: wholeNumber(o, 'state', path),
        generation: optionalWholeNumber(o, 'generation', path),
        version: optionalText(o, 'version', path),
        isVersion: optionalText(o, 'isVersion', path),
        isState: optionalText(o, 'isState', path),
        guestOs: optionalText(o, 'guestOs', path),
        replication: parseReplication(o.replication, `${path}.replication`),
        kvp: parseKvp(o.kvp, `${path}.kvp`),
        setupDiskRestore: parseSetupDiskRestore(o.setupDiskRestore, `${path}.setupDiskRestore`),
        failoverRestore: current ? parseFailoverRestore(o.failoverRestore, `${path}.failoverRestore`) : null,
        adapters: parseAdapters(o.adapters, `${path}.adapters`, current),
        dvdDrives: parseDvdDrives(o.dvdDrives, `${path}.dvdDrives`),
        errors: parseVmErrors(o.errors, `${path}.errors`)
    };
    // Values after types: every field has its type, now the Id must be a GUID.
    if (!isVmId(vm.id)) {
        fail(at(path, 'id'), 'a VM Id (a GUID)', vm.id);
    }
    return vm;
}

/** ISO 8601 date and time with a zone, as the script writes it (`(Get-Date).ToUniversalTime().ToString('o')`). */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseCollectedAt(o: Json): string {
    const value = text(o, 'collectedAt', '');
    if (!isoDateTime.test(value) || Number.isNaN(Date.parse(value))) {
        fail('collectedAt', 'an ISO 8601 date and time (e.g. 2026-11-26T14:27:06.461Z)', value);
    }
    return value;
}

/**
 * Validates a decoded snapshot. Returns a typed copy holding the fields of the format, or throws a
 * SnapshotError that names the first field that is missing, of the wrong type or not a valid value
 * (a `collectedAt` that is not an ISO date, a VM Id that is not a GUID, a VM Id listed twice).
 * Fields the format does not know are left out of the copy.
 */
export function parseSnapshot(value: unknown): Snapshot {
    const o = object(value, 'snapshot');
    const format = o.format;
    const known = format === snapshotFormat || format === previousSnapshotFormat;
    if (typeof format === 'string' && /^replica-failover-ip-snapshot\/\d+$/.test(format) && !known) {
        throw new SnapshotError('format', `"${format}" is a snapshot format this version doesn't read: ` +
            `it reads "${previousSnapshotFormat}" and "${snapshotFormat}". ` +
            'Take the snapshot again with the Get-ReplicaFailoverIpSnapshot.ps1 of this version.');
    }
    if (!known) {
        return fail('format', `"${snapshotFormat}"`, format);
    }
    const current = format === snapshotFormat;
    const collectedAt = parseCollectedAt(o);
    const host = parseHost(o.host);
    const error = parseHostError(o.error);
    const seen = new Map<string, number>();
    const vms = array(o.vms, 'vms').map((item, i) => {
        const vm = parseVm(item, `vms[${i}]`, current);
        const key = vm.id.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) {
            throw new SnapshotError(`vms[${i}].id`, `"${vm.id}" is listed twice (also vms[${first}].id)`);
        }
        seen.set(key, i);
        return vm;
    });
    return { format, collectedAt, host, error, vms };
}

/** Decodes and validates the text the data-gathering script printed. */
export function parseSnapshotText(json: string): Snapshot {
    if (typeof json !== 'string' || json.trim() === '') {
        throw new SnapshotError('', 'the scan returned no output');
    }
    let value: unknown;
    try {
        value = JSON.parse(json);
    } catch (e) {
        throw new SnapshotError('', `the scan output is not JSON (${(e as Error).message})`);
    }
    return parseSnapshot(value);
}
