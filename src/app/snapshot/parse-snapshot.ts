import {
    HostScanError,
    Snapshot,
    SnapshotAdapter,
    SnapshotCluster,
    snapshotFormat,
    SnapshotHost,
    SnapshotKvp,
    SnapshotReplication,
    SnapshotVm
} from './snapshot';

/** A snapshot that is not valid: `path` names the field (e.g. `vms[2].kvp.status`). */
export class SnapshotError extends Error {
    constructor(public readonly path: string, public readonly problem: string) {
        super(path ? `${path}: ${problem}` : problem);
        this.name = 'SnapshotError';
    }
}

type Json = Record<string, unknown>;

const hostErrorCodes = ['HyperVModuleMissing', 'AccessDenied', 'QueryFailed'];

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

function object(value: unknown, path: string, expected = 'an object'): Json {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        fail(path, expected, value);
    }
    return value as Json;
}

function array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) {
        fail(path, 'an array', value);
    }
    return value as unknown[];
}

function text(o: Json, key: string, path: string): string {
    const value = o[key];
    if (typeof value !== 'string') {
        fail(at(path, key), 'text', value);
    }
    return value as string;
}

function optionalText(o: Json, key: string, path: string): string | null {
    const value = o[key];
    if (value !== null && typeof value !== 'string') {
        fail(at(path, key), 'text or null', value);
    }
    return value as string | null;
}

function wholeNumber(o: Json, key: string, path: string): number {
    const value = o[key];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
        fail(at(path, key), 'a whole number', value);
    }
    return value as number;
}

function optionalWholeNumber(o: Json, key: string, path: string): number | null {
    const value = o[key];
    if (value !== null && (typeof value !== 'number' || !Number.isInteger(value))) {
        fail(at(path, key), 'a whole number or null', value);
    }
    return value as number | null;
}

function flag(o: Json, key: string, path: string): boolean {
    const value = o[key];
    if (typeof value !== 'boolean') {
        fail(at(path, key), 'true or false', value);
    }
    return value as boolean;
}

function parseCluster(value: unknown, path: string): SnapshotCluster | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    const nodes = array(o.nodes, `${path}.nodes`);
    for (let i = 0; i < nodes.length; i++) {
        if (typeof nodes[i] !== 'string') {
            fail(`${path}.nodes[${i}]`, 'text', nodes[i]);
        }
    }
    text(o, 'name', path);
    optionalText(o, 'replicaBroker', path);
    return o as unknown as SnapshotCluster;
}

function parseHost(value: unknown): SnapshotHost {
    const path = 'host';
    const o = object(value, path);
    text(o, 'name', path);
    optionalText(o, 'osVersion', path);
    text(o, 'culture', path);
    parseCluster(o.cluster, `${path}.cluster`);
    optionalText(o, 'setupDisk', path);
    return o as unknown as SnapshotHost;
}

function parseHostError(value: unknown): HostScanError | null {
    if (value === null) {
        return null;
    }
    const o = object(value, 'error', 'an object or null');
    const code = text(o, 'code', 'error');
    if (!hostErrorCodes.includes(code)) {
        fail('error.code', hostErrorCodes.join(', '), code);
    }
    text(o, 'message', 'error');
    return o as unknown as HostScanError;
}

function parseReplication(value: unknown, path: string): SnapshotReplication | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    wholeNumber(o, 'mode', path);
    wholeNumber(o, 'state', path);
    wholeNumber(o, 'health', path);
    optionalText(o, 'primary', path);
    optionalText(o, 'replica', path);
    return o as unknown as SnapshotReplication;
}

function parseKvp(value: unknown, path: string): SnapshotKvp | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    flag(o, 'enabled', path);
    optionalWholeNumber(o, 'status', path);
    optionalText(o, 'statusName', path);
    optionalText(o, 'text', path);
    optionalWholeNumber(o, 'secondaryStatus', path);
    optionalText(o, 'secondaryStatusName', path);
    optionalText(o, 'secondaryText', path);
    return o as unknown as SnapshotKvp;
}

function parseSetupDiskRestore(value: unknown, path: string): void {
    if (value === null) {
        return;
    }
    const o = object(value, path, 'an object or null');
    text(o, 'drive', path);
    optionalText(o, 'previousPath', path);
}

function parseAdapters(value: unknown, path: string): SnapshotAdapter[] {
    const items = array(value, path);
    for (let i = 0; i < items.length; i++) {
        const itemPath = `${path}[${i}]`;
        const o = object(items[i], itemPath);
        text(o, 'id', itemPath);
        text(o, 'name', itemPath);
        flag(o, 'legacy', itemPath);
        optionalWholeNumber(o, 'failover', itemPath);
        optionalText(o, 'ipv4', itemPath);
        optionalText(o, 'ipv6', itemPath);
    }
    return items as SnapshotAdapter[];
}

function parseDvdDrives(value: unknown, path: string): void {
    const items = array(value, path);
    for (let i = 0; i < items.length; i++) {
        const itemPath = `${path}[${i}]`;
        const o = object(items[i], itemPath);
        text(o, 'controllerType', itemPath);
        wholeNumber(o, 'controller', itemPath);
        wholeNumber(o, 'location', itemPath);
        optionalText(o, 'path', itemPath);
    }
}

function parseVmErrors(value: unknown, path: string): void {
    const items = array(value, path);
    for (let i = 0; i < items.length; i++) {
        const itemPath = `${path}[${i}]`;
        const o = object(items[i], itemPath);
        text(o, 'source', itemPath);
        text(o, 'message', itemPath);
    }
}

function parseVm(value: unknown, path: string): SnapshotVm {
    const o = object(value, path);
    text(o, 'id', path);
    text(o, 'name', path);
    wholeNumber(o, 'state', path);
    optionalWholeNumber(o, 'generation', path);
    optionalText(o, 'version', path);
    optionalText(o, 'isVersion', path);
    optionalText(o, 'isState', path);
    optionalText(o, 'guestOs', path);
    parseReplication(o.replication, `${path}.replication`);
    parseKvp(o.kvp, `${path}.kvp`);
    parseSetupDiskRestore(o.setupDiskRestore, `${path}.setupDiskRestore`);
    parseAdapters(o.adapters, `${path}.adapters`);
    parseDvdDrives(o.dvdDrives, `${path}.dvdDrives`);
    parseVmErrors(o.errors, `${path}.errors`);
    return o as unknown as SnapshotVm;
}

/**
 * Validates a decoded snapshot. Returns it typed, or throws a SnapshotError that names the first
 * field that is missing or of the wrong type. Fields the format does not know are kept as they are.
 */
export function parseSnapshot(value: unknown): Snapshot {
    const o = object(value, 'snapshot');
    if (typeof o.format === 'string' && /^replica-failover-ip-snapshot\/\d+$/.test(o.format) && o.format !== snapshotFormat) {
        throw new SnapshotError('format', `"${o.format}" is a snapshot format this version doesn't read: it reads "${snapshotFormat}". ` +
            'Take the snapshot again with the Get-ReplicaFailoverIpSnapshot.ps1 of this version.');
    }
    if (o.format !== snapshotFormat) {
        fail('format', `"${snapshotFormat}"`, o.format);
    }
    text(o, 'collectedAt', '');
    parseHost(o.host);
    parseHostError(o.error);
    const vms = array(o.vms, 'vms');
    for (let i = 0; i < vms.length; i++) {
        parseVm(vms[i], `vms[${i}]`);
    }
    return o as unknown as Snapshot;
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
