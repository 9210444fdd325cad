import { KvpStatus, ReplicationMode, ReplicationState, VmState } from '../snapshot/hyperv-enums';
import { SnapshotAdapter, SnapshotVm } from '../snapshot/snapshot';
import { kvpWith, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { bpaNote } from './bpa';
import { evaluateVm } from './evaluate';
import { failoverTcpipSettingsRule } from './failover-tcpip-settings';
import { BpaNote } from './finding';
import { integrationServicesRule } from './integration-services';
import { RuleDefinition } from './rule-definition';

const integration = integrationServicesRule;
const settings = failoverTcpipSettingsRule;

function replicated(mode: ReplicationMode, state: number = ReplicationState.Replicating): SnapshotVm['replication'] {
    return { mode, state, health: 1, primary: 'hv01.corp.example', replica: 'hv02.corp.example' };
}

const unset: SnapshotAdapter = { id: 'Microsoft:VM\\NIC', name: 'Network Adapter', legacy: false, failover: 0, ipv4: null, ipv6: null };
const legacy: SnapshotAdapter = { id: 'Microsoft:VM\\LEGACY', name: 'Legacy Network Adapter', legacy: true, failover: null, ipv4: null, ipv6: null };
const replica = replicated(ReplicationMode.Replica);

interface Case {
    row: string;
    rule: RuleDefinition;
    vm: Partial<SnapshotVm>;
    bpa: boolean | null;
    note: BpaNote | null;
}

// The BPA's own conditions, and the note that explains each difference from the tool's verdict.
const cases: Case[] = [
    { row: 'Replica, failover IP, KVP missing', rule: integration, vm: { replication: replica, kvp: null }, bpa: true, note: null },
    { row: 'Replica, failover IP, KVP disabled on the host, VM off', rule: integration,
        vm: { replication: replica, kvp: kvpWith(null, false), state: VmState.Off }, bpa: true, note: null },
    { row: 'Replica, failover IP, guest not answering', rule: integration, vm: { replication: replica, kvp: kvpWith(KvpStatus.NoContact) },
        bpa: false, note: BpaNote.GuestNotExamined },
    { row: 'Replica, failover IP, guest out of date', rule: integration,
        vm: { replication: replica, kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.ProtocolMismatch) },
        bpa: false, note: BpaNote.GuestNotExamined },
    { row: 'Replica, failover IP, KVP answers', rule: integration, vm: { replication: replica }, bpa: false, note: null },
    { row: 'Replica, off, KVP on: the tool can\'t tell', rule: integration, vm: { replication: replica, state: VmState.Off, kvp: kvpWith(null) },
        bpa: false, note: BpaNote.GuestUnknown },
    { row: 'Replica with legacy adapters only (no failover IP possible)', rule: integration,
        vm: { replication: replica, kvp: kvpWith(KvpStatus.Ok), adapters: [legacy] }, bpa: false, note: BpaNote.NoFailoverIp },
    { row: 'Replica, KVP missing, no failover IP', rule: integration, vm: { replication: replica, kvp: null, adapters: [unset] },
        bpa: false, note: BpaNote.NoFailoverIp },
    { row: 'primary, KVP missing', rule: integration, vm: { kvp: null }, bpa: false, note: BpaNote.PrimaryNotExamined },
    { row: 'extended Replica, KVP disabled', rule: integration, vm: { replication: replicated(ReplicationMode.ExtendedReplica), kvp: kvpWith(null, false) },
        bpa: false, note: BpaNote.ExtendedNotExamined },
    { row: 'Replica with replication disabled, KVP missing', rule: integration,
        vm: { replication: replicated(ReplicationMode.Replica, ReplicationState.Disabled), kvp: null }, bpa: false, note: BpaNote.ReplicationDisabled },
    { row: 'not replicated', rule: integration, vm: { replication: null, kvp: null }, bpa: false, note: null },
    { row: 'Replica that could not be read', rule: integration,
        vm: { replication: replica, kvp: null, errors: [{ source: 'Get-VMIntegrationService', message: 'x' }] }, bpa: null, note: null },

    { row: 'failover TCP/IP: Replica without a failover IP', rule: settings, vm: { replication: replica, adapters: [unset] }, bpa: true, note: null },
    { row: 'failover TCP/IP: Replica with legacy adapters only', rule: settings, vm: { replication: replica, adapters: [legacy] }, bpa: true, note: null },
    { row: 'failover TCP/IP: Replica without adapters', rule: settings, vm: { replication: replica, adapters: [] }, bpa: true, note: BpaNote.NoAdapters },
    { row: 'failover TCP/IP: Replica with a failover IP', rule: settings, vm: { replication: replica }, bpa: false, note: null },
    { row: 'failover TCP/IP: extended Replica without a failover IP', rule: settings,
        vm: { replication: replicated(ReplicationMode.ExtendedReplica), adapters: [unset] }, bpa: false, note: BpaNote.ExtendedNotExamined },
    { row: 'failover TCP/IP: primary', rule: settings, vm: { adapters: [unset] }, bpa: false, note: null },
    { row: 'failover TCP/IP: Replica whose adapters could not be read', rule: settings,
        vm: { replication: replica, errors: [{ source: 'Msvm_FailoverNetworkAdapterSettingData', message: 'x' }] }, bpa: null, note: null }
];

describe('The BPA flag and its notes', () => {
    for (const c of cases) {
        it(`${c.row}: bpa ${c.bpa}${c.note ? `, ${c.note}` : ''}`, () => {
            const finding = evaluateVm(vmFacts(c.vm), c.rule);
            expect(finding.bpa).toBe(c.bpa);
            expect(bpaNote(finding, c.rule)).toBe(c.note);
            expect(finding.bpaNote).toBe(c.note);
        });
    }
});
