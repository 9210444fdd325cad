import { failoverTcpipSettingsRule } from '../rules/failover-tcpip-settings';
import { integrationServicesRule } from '../rules/integration-services';
import { ReplicationMode } from '../snapshot/hyperv-enums';
import { snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { failureFromError } from './scan-failure';
import { outcomeFromResults } from './scan-outcome';

const integration = integrationServicesRule.id;
const settings = failoverTcpipSettingsRule.id;

describe('outcomeFromResults', () => {
    it('judges the one snapshot the script printed', () => {
        const outcome = outcomeFromResults([JSON.stringify(snapshotOf([vmFacts()]))]);
        expect(outcome.vms?.[0].byRule[integration].verdict).toBe('pass');
        expect(outcome.failure).toBeUndefined();
    });

    it('judges the snapshot under every rule of the registry: each VM\'s findings by rule', () => {
        const replica = vmFacts({
            id: '4d5e6f70-8192-4a3b-9c4d-5e6f70819203', name: 'REPLICA',
            replication: { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv01', replica: 'hv02' },
            adapters: [{ id: 'Microsoft:R\\NIC', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null, failoverTcpIp: null }]
        });
        const outcome = outcomeFromResults([JSON.stringify(snapshotOf([vmFacts(), replica]))]);
        expect(outcome.vms?.map(v => Object.keys(v.byRule))).toEqual([[integration, settings], [integration, settings]]);
        expect(outcome.vms?.map(v => [v.byRule[integration].rule, v.byRule[integration].verdict])).toEqual([[integration, 'pass'], [integration, 'pass']]);
        expect(outcome.vms?.map(v => [v.byRule[settings].rule, v.byRule[settings].verdict, v.byRule[settings].bpa]))
            .toEqual([[settings, 'not-applicable', false], [settings, 'warn', true]]);
        // One parse: every rule judged the same VM objects.
        expect(outcome.vms?.[1].byRule[settings].vm).toBe(outcome.vms?.[1].byRule[integration].vm);
    });

    it('turns a host without the Hyper-V module into a no-hyperv failure', () => {
        const snapshot = snapshotOf([], { error: { code: 'HyperVModuleMissing', message: 'The Hyper-V PowerShell module isn\'t installed on FS01.' } });
        expect(outcomeFromResults([JSON.stringify(snapshot)]).failure).toEqual({
            kind: 'no-hyperv', detail: 'The Hyper-V PowerShell module isn\'t installed on FS01.' });
    });

    it('maps access denied and query failures', () => {
        expect(outcomeFromResults([JSON.stringify(snapshotOf([], { error: { code: 'AccessDenied', message: 'x' } }))]).failure?.kind).toBe('access-denied');
        expect(outcomeFromResults([JSON.stringify(snapshotOf([], { error: { code: 'QueryFailed', message: 'x' } }))]).failure?.kind).toBe('query-failed');
    });

    it('lets a programming error surface instead of calling it invalid output', () => {
        const snapshot = JSON.stringify(snapshotOf([vmFacts()]));
        spyOn(Date, 'parse').and.throwError(new TypeError('x is not a function'));
        expect(() => outcomeFromResults([snapshot])).toThrowError(TypeError);
    });

    it('reports an enum value outside the Hyper-V enum as invalid output naming the field and value, never as a verdict', () => {
        const snapshot = JSON.parse(JSON.stringify(snapshotOf([vmFacts()])));
        snapshot.vms[0].replication.mode = 5;
        expect(outcomeFromResults([JSON.stringify(snapshot)]).failure)
            .toEqual({ kind: 'invalid-output', detail: 'vms[0].replication.mode: expected a VMReplicationMode value, got 5' });
    });

    it('reports malformed output as invalid, naming the problem', () => {
        expect(outcomeFromResults([]).failure).toEqual({ kind: 'invalid-output', detail: 'expected one JSON text from the scan, got 0 item(s)' });
        expect(outcomeFromResults(undefined).failure?.kind).toBe('invalid-output');
        expect(outcomeFromResults(['{}', '{}']).failure?.kind).toBe('invalid-output');
        expect(outcomeFromResults(['{"format": 1}']).failure).toEqual({
            kind: 'invalid-output', detail: 'format: expected "replica-failover-ip-snapshot/3", got 1' });
        expect(outcomeFromResults(['not json']).failure?.detail).toContain('not JSON');
    });
});

describe('failureFromError', () => {
    const ajax = (status: number, response: unknown) => Object.assign(new Error(`ajax error ${status}`), { status, xhr: { status, response } });

    it('recognises a refused request by its status', () => {
        expect(failureFromError({ status: 403 }, 'Forbidden').kind).toBe('access-denied');
        expect(failureFromError(ajax(401, null), 'x').kind).toBe('access-denied');
        expect(failureFromError({ status: 502 }, 'Bad gateway')).toEqual({ kind: 'gateway', detail: 'Bad gateway' });
    });

    it('recognises it by the gateway\'s error code or the PowerShell error type, whatever the wording', () => {
        expect(failureFromError(ajax(400, { error: { code: 'AccessDenied', message: 'Acceso denegado.' } }), 'Acceso denegado.').kind).toBe('access-denied');
        expect(failureFromError(ajax(500, { errors: [{ errorType: 'UnauthorizedAccessException', message: 'No.' }] }), 'No.').kind)
            .toBe('access-denied');
    });

    it('does not read the message: a VM named "Access is denied" does not make a gateway fault an access error', () => {
        expect(failureFromError(ajax(500, { error: { code: 'InternalServerError', message: 'Access is denied' } }), 'Access is denied').kind)
            .toBe('gateway');
        expect(failureFromError(new Error('unauthorized'), 'unauthorized').kind).toBe('gateway');
        expect(failureFromError(null, 'Access is denied.').kind).toBe('gateway');
    });
});
