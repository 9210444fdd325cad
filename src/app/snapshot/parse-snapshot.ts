import { hostErrorCodes, isHostErrorCode } from '../host-contract';
import { FailoverProtocol, KvpStatus, NumericEnum, ReplicationHealth, ReplicationMode, ReplicationState, VmState } from './hyperv-enums';
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

/**
 * The longest text a snapshot field may hold: 32,767 characters, the longest Windows path (the
 * longest values a host writes are paths and error messages). Longer text is refused, named by its
 * field and length: it is not what a host writes, and it would only weigh on the grid and the reports.
 */
export const maxTextLength = 32767;

/** Hyper-V refuses a VM name longer than 100 characters. */
export const maxVmNameLength = 100;

/** A DNS name is at most 253 characters (host, cluster, node and replication server names). */
export const maxHostNameLength = 253;

function tooLong(path: string, value: string, limit: number, what: string): never {
    throw new SnapshotError(path, `${value.length} characters, more than ${what} can be (${limit} at most)`);
}

function text(o: Json, key: string, path: string, limit = maxTextLength, what = 'a snapshot field'): string {
    const value = o[key];
    if (typeof value !== 'string') {
        return fail(at(path, key), 'text', value);
    }
    return value.length > limit ? tooLong(at(path, key), value, limit, what) : value;
}

function optionalText(o: Json, key: string, path: string, limit = maxTextLength, what = 'a snapshot field'): string | null {
    const value = o[key];
    if (value === null) {
        return value;
    }
    if (typeof value === 'string') {
        return value.length > limit ? tooLong(at(path, key), value, limit, what) : value;
    }
    return fail(at(path, key), 'text or null', value);
}

function hostName(o: Json, key: string, path: string): string {
    return text(o, key, path, maxHostNameLength, 'a host name');
}

function optionalHostName(o: Json, key: string, path: string): string | null {
    return optionalText(o, key, path, maxHostNameLength, 'a host name');
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

/** The values of a numeric enum, to check a snapshot's integers against (built once). */
function enumValues(enumObject: NumericEnum, ...extra: number[]): ReadonlySet<number> {
    return new Set([...Object.values(enumObject).filter((v): v is number => typeof v === 'number'), ...extra]);
}

/** The Hyper-V enums the snapshot carries as integers; VMState also 0, what the script writes when Get-VM couldn't read the VM. */
const vmStates = enumValues(VmState, 0);
const replicationModes = enumValues(ReplicationMode);
const replicationStates = enumValues(ReplicationState);
const replicationHealths = enumValues(ReplicationHealth);
const kvpStatuses = enumValues(KvpStatus);
const failoverProtocols = enumValues(FailoverProtocol);

/**
 * A value of a Hyper-V enum. A value outside the real enum is refused, naming the field and the value:
 * the rules could not judge it (a replication mode of 5 would read as "not replicated", a false
 * all-clear), so neither a verdict nor a pass is given on it.
 */
function enumValue(o: Json, key: string, path: string, values: ReadonlySet<number>, enumName: string): number {
    const value = wholeNumber(o, key, path);
    return values.has(value) ? value : fail(at(path, key), `a ${enumName} value`, value);
}

function optionalEnumValue(o: Json, key: string, path: string, values: ReadonlySet<number>, enumName: string): number | null {
    const value = optionalWholeNumber(o, key, path);
    return value === null || values.has(value) ? value : fail(at(path, key), `a ${enumName} value or null`, value);
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
        nodes.push(node.length > maxHostNameLength ? tooLong(`${path}.nodes[${i}]`, node, maxHostNameLength, 'a host name') : node);
    }
    return { name: hostName(o, 'name', path), nodes, replicaBroker: optionalHostName(o, 'replicaBroker', path) };
}

function parseHost(value: unknown): SnapshotHost {
    const path = 'host';
    const o = object(value, path);
    const mapping = o.failoverMapping;
    if (mapping !== undefined && mapping !== null && mapping !== 'association' && mapping !== 'instanceIdGuess') {
        fail(at(path, 'failoverMapping'), '"association", "instanceIdGuess" or null', mapping);
    }
    return {
        name: hostName(o, 'name', path),
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
        mode: enumValue(o, 'mode', path, replicationModes, 'VMReplicationMode'),
        state: enumValue(o, 'state', path, replicationStates, 'VMReplicationState'),
        health: enumValue(o, 'health', path, replicationHealths, 'VMReplicationHealthState'),
        primary: optionalHostName(o, 'primary', path),
        replica: optionalHostName(o, 'replica', path)
    };
}

function parseKvp(value: unknown, path: string): SnapshotKvp | null {
    if (value === null) {
        return null;
    }
    const o = object(value, path, 'an object or null');
    return {
        enabled: flag(o, 'enabled', path),
        status: optionalEnumValue(o, 'status', path, kvpStatuses, 'VMIntegrationComponentOperationalStatus'),
        statusName: optionalText(o, 'statusName', path),
        text: optionalText(o, 'text', path),
        secondaryStatus: optionalEnumValue(o, 'secondaryStatus', path, kvpStatuses, 'VMIntegrationComponentOperationalStatus'),
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
    return items.map((item, i) => typeof item !== 'string' ? fail(`${at(path, key)}[${i}]`, 'text', item)
        : item.length > maxTextLength ? tooLong(`${at(path, key)}[${i}]`, item, maxTextLength, 'a snapshot field') : item);
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
            failover: optionalEnumValue(o, 'failover', itemPath, failoverProtocols, 'ProtocolIFType'),
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
        name: text(o, 'name', path, maxVmNameLength, 'a Hyper-V VM name'),
        state: enumValue(o, 'state', path, vmStates, 'VMState'),
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

/**
 * Whether the date and time exist on the calendar and the clock: Date.parse rolls 2026-02-30 over to
 * March 2 and 24:00 to the next day, so the date and time it read must be the ones written.
 */
function onTheCalendar(value: string): boolean {
    const written = value.substring(0, 19);
    const read = Date.parse(`${written}Z`);
    return !Number.isNaN(read) && new Date(read).toISOString().startsWith(written) && !Number.isNaN(Date.parse(value));
}

function parseCollectedAt(o: Json): string {
    const value = text(o, 'collectedAt', '');
    if (!isoDateTime.test(value) || !onTheCalendar(value)) {
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

/**
 * JSON.parse's reason without the excerpt of the text it quotes (V8: `Unexpected token 'x', "..."
 * is not valid JSON`): the text may be any file's content, and an error never repeats it.
 */
function jsonProblem(message: string): string {
    return message.replace(/^Unexpected token[\s\S]*$/, 'unexpected character').replace(/\s*"[\s\S]*$/, '');
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
        throw new SnapshotError('', `the scan output is not JSON (${jsonProblem((e as Error).message)})`);
    }
    return parseSnapshot(value);
}
