import { Strings } from '../../generated/strings';
import { toRow } from '../findings/finding-row';
import { strings } from '../findings/strings.spec-helper';
import { evaluateVm } from '../rules/evaluate';
import { failoverTcpipSettingsRule } from '../rules/failover-tcpip-settings';
import { integrationServicesRule } from '../rules/integration-services';
import { KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { SnapshotHost } from '../snapshot/snapshot';
import { kvpWith, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { buildExportRecords, csvColumns, csvItems, ExportSource, exportFields, exportHeaders, utf8Bom } from './export-record';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const spanish = (require('../../assets/strings/es-ES/strings.json') as { Strings: Strings }).Strings.HvtoolsReplicaFailoverIp;
const english = strings.HvtoolsReplicaFailoverIp;

const standalone: SnapshotHost = { name: 'HV01', osVersion: '10.0.17763', culture: 'en-US', cluster: null, setupDisk: null };
const clustered: SnapshotHost = {
    name: 'NODE2', osVersion: '10.0.17763', culture: 'en-US', setupDisk: null,
    cluster: { name: 'hvcluster', nodes: ['node1.corp.example', 'node2.corp.example'], replicaBroker: null }
};
const times: Record<string, string> = { 'hv01.corp.example': '2026-11-20T08:00:00Z', 'node2.corp.example': '2026-11-20T09:30:00Z' };
const collectedAt = (node: string): string | null => times[node] || null;

const hostileNames = [
    '=HYPERLINK("http://x","y")', '"quoted", and, commas', 'line\nbreak\ttab', '<img src=x onerror=alert(1)>', '+1', '-2', '@SUM(A1)', 'Ünïcødé 名前'
];

function sourceOf(overrides: Parameters<typeof vmFacts>[0], node = 'hv01.corp.example', host = standalone, texts = english): ExportSource {
    return toRow(evaluateVm(vmFacts(overrides)), texts, { node, host });
}

/** What the SDK's DataTableDownloadService writes for columns without a template: headers and values joined as they are. */
function sdkCsv(columns: { field: string; header: string }[], items: Record<string, string>[]): string {
    const lines = [columns.map(c => c.header).join(',')];
    items.forEach(item => lines.push(columns.map(c => item[c.field]).join(',')));
    return lines.join('\r\n');
}

/** An RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (ch === '"') {
                quoted = false;
            } else {
                cell += ch;
            }
        } else if (ch === '"') {
            quoted = true;
        } else if (ch === ',') {
            row.push(cell);
            cell = '';
        } else if (ch === '\r' && text[i + 1] === '\n') {
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
            i++;
        } else {
            cell += ch;
        }
    }
    row.push(cell);
    rows.push(row);
    return rows;
}

describe('Export records', () => {
    it('have every column, in order, with localized headers (en-US and es-ES)', () => {
        expect(exportFields).toEqual(['host', 'node', 'vmName', 'vmId', 'rule', 'verdict', 'message', 'bpa', 'failoverIps', 'kvpStatus',
            'integrationServicesVersion', 'excluded', 'collectedAt']);
        const en = exportHeaders(english);
        expect(exportFields.map(f => en[f])).toEqual(['Host or cluster', 'Node', 'VM', 'VM Id', 'Rule', 'Verdict', 'Reason', 'Listed by the BPA',
            'Failover IP addresses', 'KVP status', 'Integration services version', 'Excluded (why)', 'Collected at (UTC)']);
        const es = exportHeaders(spanish);
        expect(es.vmName).toBe('Máquina virtual');
        expect(es.integrationServicesVersion).toBe('Versión de los servicios de integración');
        exportFields.forEach(f => {
            expect(es[f]).toBeTruthy();
            expect(en[f]).toBeTruthy();
        });
        // Every header but the ones that read the same in both languages (Node is "Nodo") is translated.
        expect(exportFields.filter(f => es[f] === en[f])).toEqual([]);
    });

    it('carry every value of a finding: host, VM, Id, rule, verdict, reason text, BPA flag, failover IPs, KVP, IS version, time', () => {
        const source = sourceOf({ id: '6b1f1c6e-0000-4000-8000-000000000001', name: 'APP07', kvp: kvpWith(KvpStatus.NoContact) });
        const [record] = buildExportRecords([source], collectedAt);
        expect(record).toEqual({
            host: 'hv01.corp.example',
            node: '',
            vmName: 'APP07',
            vmId: '6b1f1c6e-0000-4000-8000-000000000001',
            rule: integrationServicesRule.id,
            verdict: 'fail',
            message: source.message,
            bpa: false,
            failoverIps: ['10.20.0.15'],
            kvpStatus: 'No contact',
            integrationServicesVersion: '10.0.17763.1, Up to date',
            excluded: '',
            collectedAt: '2026-11-20T08:00:00Z'
        });
        expect(record.message).toContain("Key-Value Pair Exchange doesn't answer (no contact)");
    });

    it('name the cluster and the owner node for a VM of a cluster node, and keep the finding\'s rule', () => {
        const finding = evaluateVm(vmFacts({ name: 'DC02', state: VmState.Off, kvp: kvpWith(null),
            replication: { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv03', replica: 'node2' } }), failoverTcpipSettingsRule);
        const [record] = buildExportRecords([toRow(finding, english, { node: 'node2.corp.example', host: clustered })], collectedAt);
        expect(record.host).toBe('hvcluster');
        expect(record.node).toBe('node2.corp.example');
        expect(record.rule).toBe(failoverTcpipSettingsRule.id);
        expect(record.collectedAt).toBe('2026-11-20T09:30:00Z');
    });

    it('give the reason of the exclusion that applies, and nothing for a row that counts', () => {
        const source = sourceOf({ name: 'APP07', kvp: kvpWith(KvpStatus.NoContact) });
        const exclusion = { vmId: source.finding.vm.id, vmName: 'APP07', host: 'hv01.corp.example', rule: integrationServicesRule.id,
            verdict: source.finding.verdict,
            reason: 'Appliance: no integration services', by: 'corp\\admin', at: '2026-11-20T08:00:00.000Z' };
        const [excluded, counted] = buildExportRecords([{ ...source, excluded: exclusion }, source], collectedAt);
        expect(excluded.excluded).toBe('Appliance: no integration services');
        expect(counted.excluded).toBe('');
    });

    it('keep the rows the grid lists, in its order, and an unknown collection time empty', () => {
        const sources = ['C', 'A', 'B'].map((name, i) => sourceOf({ id: `id-${i}`, name }, 'elsewhere.corp.example'));
        const records = buildExportRecords(sources, collectedAt);
        expect(records.map(r => r.vmName)).toEqual(['C', 'A', 'B']);
        expect(records.every(r => r.collectedAt === '')).toBeTrue();
        expect(buildExportRecords([], collectedAt)).toEqual([]);
    });

    it('keep a VM that could not be read with the BPA flag null', () => {
        const source = sourceOf({ name: 'IS-QUERY-FAILS', kvp: null, errors: [{ source: 'Get-VMIntegrationService', message: 'Access denied' }] });
        const [record] = buildExportRecords([source], collectedAt);
        expect(record.verdict).toBe('scan-error');
        expect(record.bpa).toBeNull();
        const [cells] = parseCsv(sdkCsv(csvColumns(english), csvItems([record], [source], english))).slice(1);
        expect(cells[exportFields.indexOf('bpa')]).toBe('Not read');
        expect(cells[exportFields.indexOf('kvpStatus')]).toBe('Not read');
    });
});

describe('The CSV file as the SDK writes it', () => {
    function csvOf(texts: typeof english, names: string[]): { sources: ExportSource[]; rows: string[][]; text: string } {
        const sources = names.map((name, i) => sourceOf({ id: `id-${i}`, name }, 'hv01.corp.example', standalone, texts));
        const records = buildExportRecords(sources, collectedAt);
        const text = sdkCsv(csvColumns(texts), csvItems(records, sources, texts));
        return { sources, rows: parseCsv(text), text };
    }

    it('starts with the UTF-8 byte-order mark and a localized header row', () => {
        const en = csvOf(english, ['SQL01']);
        expect(en.text.startsWith(utf8Bom + '"Host or cluster","Node","VM","VM Id"')).toBeTrue();
        const es = csvOf(spanish, ['SQL01']);
        const header = es.rows[0].map(h => h.replace(utf8Bom, ''));
        expect(header).toEqual(exportFields.map(f => exportHeaders(spanish)[f]));
        expect(es.rows[1][exportFields.indexOf('verdict')]).toBe(spanish.Finding.Verdict.pass);
        expect(es.rows[1][exportFields.indexOf('bpa')]).toBe(spanish.Grid.no);
    });

    it('reads back one row per VM with every column, hostile names as the very text (formulas behind an apostrophe)', () => {
        const { rows, sources } = csvOf(english, hostileNames);
        expect(rows.length).toBe(1 + hostileNames.length);
        rows.forEach(r => expect(r.length).toBe(exportFields.length));
        const names = rows.slice(1).map(r => r[exportFields.indexOf('vmName')]);
        expect(names).toEqual(hostileNames.map(n => /^[=+\-@]/.test(n) ? `'${n}` : n));
        const messages = rows.slice(1).map(r => r[exportFields.indexOf('message')]);
        expect(messages).toEqual(sources.map(s => s.message));
        expect(rows[1][exportFields.indexOf('verdict')]).toBe('Pass');
        expect(rows[1][exportFields.indexOf('failoverIps')]).toBe('10.20.0.15');
        expect(rows[1][exportFields.indexOf('excluded')]).toBe('');
        expect(rows[1][exportFields.indexOf('collectedAt')]).toBe('2026-11-20T08:00:00Z');
    });

    it('guards formulas behind whitespace and format characters and in full-width forms (the project\'s one CSV encoder)', () => {
        const sneaky = [' =1+1', '\n=1+1', '\u00A0+1', '\u200B-2', '＝1+1', '＋1', '－2', '＠SUM(A1)', '\'quoted'];
        const { rows } = csvOf(english, sneaky);
        const names = rows.slice(1).map(r => r[exportFields.indexOf('vmName')]);
        expect(names).toEqual(sneaky.map(n => `'${n}`));
    });

    it('joins several failover addresses in one cell', () => {
        const source = sourceOf({
            name: 'MULTI', adapters: [
                { id: 'Microsoft:VM\\NIC1', name: 'A', legacy: false, failover: 4096, ipv4: '10.20.0.15', ipv6: null },
                { id: 'Microsoft:VM\\NIC2', name: 'B', legacy: false, failover: 4096, ipv4: '10.30.0.7', ipv6: 'fd00::7' }
            ]
        });
        const records = buildExportRecords([source], collectedAt);
        expect(records[0].failoverIps.length).toBeGreaterThan(1);
        const [, cells] = parseCsv(sdkCsv(csvColumns(english), csvItems(records, [source], english)));
        expect(cells[exportFields.indexOf('failoverIps')]).toBe(records[0].failoverIps.join(', '));
    });
});

describe('The JSON file', () => {
    it('keeps hostile text as text and typed values (what JSON.stringify of the items gives)', () => {
        const sources = hostileNames.map((name, i) => sourceOf({ id: `id-${i}`, name }));
        const records = buildExportRecords(sources, collectedAt);
        const read = JSON.parse(JSON.stringify(records)) as typeof records;
        expect(read.map(r => r.vmName)).toEqual(hostileNames);
        expect(read[0].verdict).toBe('pass');
        expect(read[0].bpa).toBeFalse();
        expect(read[0].failoverIps).toEqual(['10.20.0.15']);
        expect(Object.keys(read[0])).toEqual([...exportFields]);
    });
});
