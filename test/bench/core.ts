/**
 * Benchmark of the functional core: validating and judging a 10,000-VM snapshot, against
 * JSON.parse of the same text, measured in one run (the median of several rounds each); and reading
 * an exclusions document of 20,000 records (validated record by record, duplicates looked for).
 */
import { Exclusion, parseExclusions } from '../../src/app/exclusions/exclusions';
import { evaluate } from '../../src/app/rules/evaluate';
import { parseSnapshot } from '../../src/app/snapshot/parse-snapshot';
import { Snapshot, snapshotFormat, SnapshotVm } from '../../src/app/snapshot/snapshot';

function syntheticVm(i: number): SnapshotVm {
    const hex = i.toString(16).padStart(12, '0');
    return {
        id: `9f1c2a7e-3b5d-4e61-8a0c-${hex}`, name: `VM${String(i).padStart(5, '0')}`, state: i % 5 === 3 ? 3 : 2, generation: 2, version: '9.0',
        isVersion: '10.0.17763.1', isState: 'Up to date', guestOs: i % 3 === 0 ? null : 'Windows Server 2019 Datacenter',
        replication: i % 5 === 4 ? null : { mode: i % 5 === 3 ? 2 : 1, state: 4, health: 1, primary: 'hv01.corp.example', replica: 'hv02.corp.example' },
        kvp: { enabled: true, status: i % 5 === 3 ? null : [2, 12, 13][i % 3], statusName: null, text: null,
            secondaryStatus: null, secondaryStatusName: null, secondaryText: null },
        setupDiskRestore: null, failoverRestore: null,
        adapters: [{ id: `Microsoft:9F1C2A7E-3B5D-4E61-8A0C-${hex.toUpperCase()}\\6C09BB55-D683-4DA0-8931-C9BF705F6480`, name: 'Network Adapter', legacy: false, failover: 4096, ipv4: `10.40.${(i >> 8) & 255}.${i & 255}`, ipv6: null,
            failoverTcpIp: { ipv4Mask: '255.255.0.0', ipv4Gateway: '10.40.0.1', ipv4Dns: ['10.40.0.10'], ipv6Prefix: null, ipv6Gateway: null, ipv6Dns: [] } }],
        dvdDrives: [{ controllerType: 'SCSI', controller: 0, location: 1, path: null }],
        errors: []
    };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function time(action: () => void, rounds: number): number {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
        const start = process.hrtime.bigint();
        action();
        samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(samples);
}

// The exclusions first, while the heap holds none of the snapshot's decoded copies; each round reads
// a copy decoded just before it (decoding is not timed).
const exclusionRecords = 20000;
const exclusions: Exclusion[] = Array.from({ length: exclusionRecords }, (_, i) => ({
    vmId: `9f1c2a7e-3b5d-4e61-8a0c-${i.toString(16).padStart(12, '0')}`, vmName: `VM${String(i).padStart(5, '0')}`,
    host: `hv${String(i % 40).padStart(2, '0')}.corp.example`, rule: 'hyperv-replica-failover-ip-integration-services', verdict: 'fail',
    reason: 'Accepted: the appliance has no integration services', by: 'CORP\\hvadmin', at: '2026-11-27T00:10:00.000Z'
}));
const exclusionsText = JSON.stringify({ version: 1, exclusions });
const exclusionsSamples: number[] = [];
for (let i = 0; i < 3 + 15; i++) {
    const decodedExclusions: unknown = JSON.parse(exclusionsText);
    const start = process.hrtime.bigint();
    if (parseExclusions(decodedExclusions).exclusions.length !== exclusionRecords) {
        throw new Error('the benchmark exclusions were not read whole');
    }
    if (i >= 3) {
        exclusionsSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
}
const exclusionsParseMs = median(exclusionsSamples);

const snapshot: Snapshot = {
    format: snapshotFormat, collectedAt: '2026-11-26T10:00:00.000Z',
    host: { name: 'HV-BENCH', osVersion: '10.0.17763', culture: 'en-US', cluster: null, setupDisk: null }, error: null,
    vms: Array.from({ length: 10000 }, (_, i) => syntheticVm(i))
};
const text = JSON.stringify(snapshot);
const rounds = 15;
// Warm up both paths before measuring.
for (let i = 0; i < 3; i++) {
    evaluate(parseSnapshot(JSON.parse(text)));
}
const parseMs = time(() => JSON.parse(text), rounds);
const decoded = Array.from({ length: rounds }, () => JSON.parse(text));
let round = 0;
const evaluateMs = time(() => {
    const result = evaluate(parseSnapshot(decoded[round++]));
    if (result.findings.length !== 10000) {
        throw new Error('the benchmark snapshot was not judged whole');
    }
}, rounds);

process.stdout.write(JSON.stringify({ vms: 10000, bytes: text.length, jsonParseMs: parseMs, validateAndEvaluateMs: evaluateMs,
    evaluateVsParseRatio: evaluateMs / parseMs, exclusionsParseMs20000: exclusionsParseMs }) + '\n');
