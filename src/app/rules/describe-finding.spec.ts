import { KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { kvpWith, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { describeBpaNote, describeFinding, FindingTexts } from './describe-finding';
import { evaluateVm } from './evaluate';
import { failoverTcpipSettingsRule } from './failover-tcpip-settings';
import { BpaNote, Reason } from './finding';

const nicId = 'Microsoft:VM\\NIC';

const texts: FindingTexts = {
    Reason: {
        [Reason.NotReplicated]: 'not replicated',
        [Reason.TestReplica]: 'test replica',
        [Reason.ScanError]: 'couldn\'t read ({sources}): {message}',
        [Reason.KvpMissing]: 'missing. {failover}',
        [Reason.KvpDisabled]: 'disabled. {failover}',
        [Reason.KvpNotAnswering]: 'not answering ({kvp}). {failover} Install.',
        [Reason.KvpDoubtful]: 'doubtful ({kvp}). {failover}',
        [Reason.KvpOutOfDate]: 'out of date ({kvp}). Update.',
        [Reason.LegacyAdaptersOnly]: 'legacy. {failover}',
        [Reason.KvpAnswers]: 'answers ({kvp}). {failover}',
        [Reason.ReplicaOff]: '{mode} off; check {primary}',
        [Reason.NotRunning]: 'the VM is {state}',
        [Reason.NoKvpStatus]: 'no status ({kvp})',
        [Reason.NotReplica]: 'not a Replica',
        [Reason.NoAdapters]: '{mode} without adapters',
        [Reason.NoSyntheticAdapter]: '{mode} legacy only',
        [Reason.NoFailoverIp]: '{mode} without failover IP',
        [Reason.FailoverIpSet]: 'failover IP {addresses}'
    },
    Failover: { configuredAtRisk: 'would lose {addresses}.', notConfiguredAtRisk: 'none yet.', configured: '{addresses} applies.', notConfigured: 'none set.' },
    KvpStatus: { Ok: 'OK', NoContact: 'no contact', LostCommunication: 'lost communication' } as FindingTexts['KvpStatus'],
    VmState: { Off: 'off', Saved: 'saved' } as FindingTexts['VmState'],
    Mode: { Replica: 'Replica', ExtendedReplica: 'extended Replica' } as FindingTexts['Mode'],
    Bpa: {
        [BpaNote.PrimaryNotExamined]: 'bpa: primary', [BpaNote.ExtendedNotExamined]: 'bpa: extended', [BpaNote.ReplicationDisabled]: 'bpa: disabled',
        [BpaNote.NoFailoverIp]: 'bpa: no failover IP', [BpaNote.GuestNotExamined]: 'bpa: guest',
        [BpaNote.GuestUnknown]: 'bpa: guest unknown', [BpaNote.NoAdapters]: 'bpa: no adapters'
    }
};

describe('describeFinding', () => {
    it('names the KVP status and the failover address at risk', () => {
        expect(describeFinding(evaluateVm(vmFacts({ kvp: kvpWith(KvpStatus.NoContact) })), texts))
            .toBe('not answering (no contact). would lose 10.20.0.15. Install.');
    });

    it('says when no failover IP is configured', () => {
        const vm = vmFacts({ kvp: kvpWith(KvpStatus.NoContact), adapters: [{ id: nicId, name: 'A', legacy: false, failover: 0, ipv4: null, ipv6: null }] });
        expect(describeFinding(evaluateVm(vm), texts)).toBe('not answering (no contact). none yet. Install.');
        expect(describeFinding(evaluateVm({ ...vm, kvp: kvpWith(KvpStatus.Ok) }), texts)).toBe('answers (OK). none set.');
    });

    it('tells a passing VM which address a failover applies', () => {
        expect(describeFinding(evaluateVm(vmFacts()), texts)).toBe('answers (OK). 10.20.0.15 applies.');
    });

    it('falls back to the host\'s status text, then to the status name', () => {
        const hostText = vmFacts({ kvp: {
            enabled: true, status: KvpStatus.CommunicationFailed, statusName: 'CommunicationFailed', text: 'Error de comunicación',
            secondaryStatus: null, secondaryStatusName: null, secondaryText: null } });
        expect(describeFinding(evaluateVm(hostText), texts)).toContain('(Error de comunicación)');
        const bare = vmFacts({ kvp: kvpWith(KvpStatus.Degraded) });
        expect(describeFinding(evaluateVm(bare), texts)).toContain('(Degraded)');
    });

    it('names the secondary status beside the primary one: our label, else the host\'s text', () => {
        const outOfDate = vmFacts({ kvp: kvpWith(KvpStatus.Ok, true, KvpStatus.ProtocolMismatch) });
        expect(describeFinding(evaluateVm(outOfDate), { ...texts, KvpStatus: { ...texts.KvpStatus, ProtocolMismatch: 'protocol mismatch' } }))
            .toBe('out of date (OK, protocol mismatch). Update.');
        const hostText = vmFacts({ kvp: { ...kvpWith(KvpStatus.Ok, true, KvpStatus.CommunicationTimedOut), secondaryText: 'Tiempo agotado' } });
        expect(describeFinding(evaluateVm(hostText), texts)).toContain('(OK, Tiempo agotado)');
        const none = vmFacts({ kvp: { ...kvpWith(KvpStatus.Ok, true, KvpStatus.Ok), secondaryText: 'OK' } });
        expect(describeFinding(evaluateVm(none), texts)).toBe('answers (OK). 10.20.0.15 applies.');
    });

    it('names a *Critical state of a VM that is not running', () => {
        const vm = vmFacts({ state: VmState.OffCritical, kvp: kvpWith(null) });
        const critical = { ...texts, VmState: { OffCritical: 'off (critical)' } as FindingTexts['VmState'] };
        expect(describeFinding(evaluateVm(vm), critical)).toBe('the VM is off (critical)');
    });

    it('points a Replica VM that is off to its primary server', () => {
        const vm = vmFacts({ state: VmState.Off, kvp: kvpWith(null),
            replication: { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv03.corp.example', replica: 'hv01' } });
        expect(describeFinding(evaluateVm(vm), texts)).toBe('Replica off; check hv03.corp.example');
    });

    it('names the state of a VM that is not running', () => {
        expect(describeFinding(evaluateVm(vmFacts({ state: VmState.Saved, kvp: kvpWith(null) })), texts)).toBe('the VM is saved');
    });

    it('never looks a host-supplied status name up through the prototype chain', () => {
        for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
            const vm = vmFacts({ name, kvp: { ...kvpWith(KvpStatus.NoContact), statusName: name, text: null } });
            expect(describeFinding(evaluateVm(vm), texts)).toBe(`not answering (${name}). would lose 10.20.0.15. Install.`);
        }
        const hostText = vmFacts({ kvp: { ...kvpWith(KvpStatus.NoContact), statusName: 'constructor', text: 'Sin contacto' } });
        expect(describeFinding(evaluateVm(hostText), texts)).toContain('(Sin contacto)');
    });

    it('names the failed query and its message', () => {
        const vm = vmFacts({ kvp: null, errors: [{ source: 'Get-VMIntegrationService', message: 'The object is in use.' }] });
        expect(describeFinding(evaluateVm(vm), texts)).toBe('couldn\'t read (Get-VMIntegrationService): The object is in use.');
    });
});

describe('describeFinding under the failover TCP/IP settings rule', () => {
    it('describes the failover TCP/IP settings rule\'s verdicts with the mode and the addresses', () => {
        const replica = { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv01', replica: 'hv02' };
        expect(describeFinding(evaluateVm(vmFacts({ replication: replica }), failoverTcpipSettingsRule), texts)).toBe('failover IP 10.20.0.15');
        const bare = vmFacts({ replication: replica, adapters: [{ id: nicId, name: 'A', legacy: false, failover: 0, ipv4: null, ipv6: null }] });
        expect(describeFinding(evaluateVm(bare, failoverTcpipSettingsRule), texts)).toBe('Replica without failover IP');
    });

    it('explains a difference with the BPA, and says nothing when they agree', () => {
        const primaryNoContact = evaluateVm(vmFacts({ kvp: kvpWith(KvpStatus.NoContact) }));
        expect(describeBpaNote(primaryNoContact, texts)).toBe('bpa: primary');
        expect(describeBpaNote(evaluateVm(vmFacts()), texts)).toBe('');
    });
});
