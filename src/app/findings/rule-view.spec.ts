import { failoverTcpipSettingsRule } from '../rules/failover-tcpip-settings';
import { RuleId } from '../rules/finding';
import { integrationServicesRule } from '../rules/integration-services';
import { ruleRegistry } from '../rules/registry';
import { mergeNodeOutcomes } from '../scan/node-outcomes';
import { outcomeFromSnapshot } from '../scan/scan-outcome';
import { KvpStatus, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { SnapshotAdapter, SnapshotVm } from '../snapshot/snapshot';
import { kvpWith, snapshotOf, vmFacts } from '../snapshot/snapshot-builder.spec-helper';
import { filterRows, toRow } from './finding-row';
import { bpaLine, compareBpa, filterByBpa, ruleInfo, ruleOptions, rowsByRule, ruleVerdicts } from './rule-view';
import { toolStrings, useRealStrings } from './strings.spec-helper';

const replica: SnapshotVm['replication'] = { mode: ReplicationMode.Replica, state: 4, health: 1, primary: 'hv03.corp.example', replica: 'hv01.corp.example' };
const unset: SnapshotAdapter = { id: 'Microsoft:R\\NIC', name: 'NIC', legacy: false, failover: 0, ipv4: null, ipv6: null };

/** A primary the tool fails and the BPA ignores; a Replica both list; a Replica the BPA lists under the failover TCP/IP settings rule only; an unread VM. */
function merged() {
    return mergeNodeOutcomes([{
        node: 'hv01.corp.example',
        outcome: outcomeFromSnapshot(snapshotOf([
            vmFacts({ id: 'p', name: 'PRIMARY', kvp: kvpWith(KvpStatus.NoContact) }),
            vmFacts({ id: 'r', name: 'REPLICA', replication: replica, kvp: null }),
            vmFacts({ id: 'n', name: 'NO-IP', replication: replica, adapters: [unset], state: VmState.Off, kvp: kvpWith(null) }),
            vmFacts({ id: 'e', name: 'UNREAD', errors: [{ source: 'Get-VMIntegrationService', message: 'in use' }] })
        ]))
    }]);
}

describe('Rows under both rules', () => {
    beforeEach(() => useRealStrings());

    it('gives one row per VM under each rule, with the rule\'s verdict and the BPA column', () => {
        const rows = rowsByRule(merged(), toolStrings, ruleRegistry);
        expect(rows[integrationServicesRule.id].map(r => [r.vmName, r.verdict, r.bpa])).toEqual([
            ['PRIMARY', 'fail', 'No'], ['REPLICA', 'fail', 'Yes'], ['NO-IP', 'unknown', 'No'], ['UNREAD', 'scan-error', '']
        ]);
        expect(rows[failoverTcpipSettingsRule.id].map(r => [r.vmName, r.verdict, r.bpa])).toEqual([
            ['PRIMARY', 'not-applicable', 'No'], ['REPLICA', 'pass', 'No'], ['NO-IP', 'warn', 'Yes'], ['UNREAD', 'not-applicable', 'No']
        ]);
        expect(rows[failoverTcpipSettingsRule.id][2].message).toContain('No network adapter of this Replica VM has a failover IP address');
        // Each row knows the VM's findings under every rule; remediation takes the integration services rule's.
        const companionRow = rows[failoverTcpipSettingsRule.id][1];
        expect(companionRow.byRule[integrationServicesRule.id]?.verdict).toBe('fail');
        expect(companionRow.byRule[integrationServicesRule.id]).toBe(rows[integrationServicesRule.id][1].finding);
    });

    it('labels the rule switch with each rule\'s fail and warning counts among the rows in scope', () => {
        const rows = rowsByRule(merged(), toolStrings, ruleRegistry);
        expect(ruleOptions(rows, false, toolStrings, ruleRegistry)).toEqual([
            { rule: integrationServicesRule.id, label: 'Integration services (Fail: 2, Warning: 0)' },
            { rule: failoverTcpipSettingsRule.id, label: 'Failover TCP/IP settings (Fail: 0, Warning: 1)' }
        ]);
    });

    it('filters by the BPA flag: listed, not listed, and differs (a note explains it)', () => {
        const rows = rowsByRule(merged(), toolStrings, ruleRegistry);
        const names = (filter: Parameters<typeof filterByBpa>[1], rule: RuleId = integrationServicesRule.id) =>
            filterByBpa(rows[rule], filter).map(r => r.vmName);
        expect(names(null)).toEqual(['PRIMARY', 'REPLICA', 'NO-IP', 'UNREAD']);
        expect(names('listed')).toEqual(['REPLICA']);
        expect(names('not-listed')).toEqual(['PRIMARY', 'NO-IP']);
        expect(names('differs')).toEqual(['PRIMARY', 'NO-IP']);
        expect(names('listed', failoverTcpipSettingsRule.id)).toEqual(['NO-IP']);
        expect(names('differs', failoverTcpipSettingsRule.id)).toEqual([]);
        // It composes with the other filters.
        expect(filterByBpa(filterRows(rows[integrationServicesRule.id], { text: '', verdict: 'fail', showAll: true }), 'differs').map(r => r.vmName))
            .toEqual(['PRIMARY']);
    });

    it('sorts the BPA column listed first, then not listed, then not read', () => {
        const rows = rowsByRule(merged(), toolStrings, ruleRegistry)[integrationServicesRule.id];
        expect([...rows].reverse().sort(compareBpa).map(r => r.bpa)).toEqual(['Yes', 'No', 'No', '']);
    });

    it('says what the BPA answers for the VM, and why it differs', () => {
        const rows = rowsByRule(merged(), toolStrings, ruleRegistry)[integrationServicesRule.id];
        expect(bpaLine(rows[0].finding, toolStrings)).toEqual({
            answer: 'doesn\'t list this VM',
            note: 'Server Manager\'s BPA checks Replica VMs only, so it doesn\'t list this primary VM. '
                + 'This tool checks primaries too, because they become Replicas after a reverse replication.'
        });
        expect(bpaLine(rows[1].finding, toolStrings)).toEqual({ answer: 'lists this VM', note: '' });
        expect(bpaLine(rows[3].finding, toolStrings).answer).toBe('can\'t tell, because this VM couldn\'t be read');
    });

    it('names each rule, with its own texts, and lists the VM\'s verdict under both', () => {
        expect(ruleInfo(toolStrings, failoverTcpipSettingsRule).title)
            .toBe('Configure the failover TCP/IP settings that you want the Replica VM to use in the event of a failover');
        expect(ruleInfo(toolStrings, failoverTcpipSettingsRule).severity).toBe('Warning');
        expect(ruleInfo(toolStrings, integrationServicesRule).severity).toBe('Error');
        const row = rowsByRule(merged(), toolStrings, ruleRegistry)[failoverTcpipSettingsRule.id][2];
        expect(ruleVerdicts(row, toolStrings, ruleRegistry).map(l => [l.name, l.verdictLabel])).toEqual([
            ['Integration services', 'Unknown'], ['Failover TCP/IP settings', 'Warning']
        ]);
        // A row built from one finding knows its own rule only.
        expect(ruleVerdicts(toRow(row.finding, toolStrings), toolStrings, ruleRegistry).map(l => l.rule)).toEqual([failoverTcpipSettingsRule.id]);
    });
});
