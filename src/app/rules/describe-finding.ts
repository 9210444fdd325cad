import { fillTemplate } from '../common/text';
import { isMemberName, KvpStatus, memberName, ReplicationMode, VmState } from '../snapshot/hyperv-enums';
import { BpaNote, Finding, Reason } from './finding';

/**
 * The texts a finding's message is made of, under any rule: the `Finding` section of the strings
 * (resjson), so the tool and the command-line check say the same thing. `{name}` marks a value filled in here.
 */
export interface FindingTexts {
    Reason: Record<Reason, string>;
    Failover: {
        configuredAtRisk: string;
        notConfiguredAtRisk: string;
        configured: string;
        notConfigured: string;
    };
    /** By VMIntegrationComponentOperationalStatus member name. */
    KvpStatus: Record<keyof typeof KvpStatus, string>;
    /** By VMState member name. */
    VmState: Record<keyof typeof VmState, string>;
    /** By VMReplicationMode member name. */
    Mode: Record<keyof typeof ReplicationMode, string>;
    /** Why Server Manager's BPA answers differently, by note. */
    Bpa: Record<BpaNote, string>;
}

const atRiskReasons = new Set<Reason>([
    Reason.KvpMissing, Reason.KvpDisabled, Reason.KvpNotAnswering, Reason.KvpDoubtful, Reason.LegacyAdaptersOnly
]);

/**
 * Our label for a KVP status, else the host's own text, else the name or number. The name comes from
 * the host: only a real member name of the enum is looked up in the strings (never "constructor").
 */
function statusLabel(name: string | null, status: number | null, hostText: string | null, texts: FindingTexts): string {
    const member = name !== null ? (isMemberName(KvpStatus, name) ? name : null) : memberName(KvpStatus, status);
    const fallback = name ?? (status === null ? null : String(status));
    return (member && texts.KvpStatus[member]) || hostText || fallback || '';
}

/** The secondary KVP status (the detail) as the admin reads it; '' when the host reports none. */
export function kvpSecondaryText(finding: Finding, texts: FindingTexts): string {
    const kvp = finding.vm.kvp;
    if (!kvp || (kvp.secondaryStatus === null && !kvp.secondaryText) || kvp.secondaryStatus === KvpStatus.Ok) {
        return '';
    }
    return statusLabel(kvp.secondaryStatusName, kvp.secondaryStatus, kvp.secondaryText, texts);
}

/** The KVP status as the admin reads it: our label for the primary status (else the host's own text), and the detail. */
export function kvpStatusText(finding: Finding, texts: FindingTexts): string {
    const kvp = finding.vm.kvp;
    if (!kvp) {
        return '';
    }
    const primary = statusLabel(kvp.statusName, kvp.status, kvp.text, texts);
    const secondary = kvpSecondaryText(finding, texts);
    return secondary ? (primary ? `${primary}, ${secondary}` : secondary) : primary;
}

function failoverText(finding: Finding, texts: FindingTexts): string {
    if (finding.failoverConfigured === null) {
        return '';
    }
    const addresses = finding.failoverAddresses.join(', ');
    if (atRiskReasons.has(finding.reason)) {
        return fillTemplate(finding.failoverConfigured ? texts.Failover.configuredAtRisk : texts.Failover.notConfiguredAtRisk, { addresses });
    }
    if (finding.reason === Reason.KvpAnswers) {
        return fillTemplate(finding.failoverConfigured ? texts.Failover.configured : texts.Failover.notConfigured, { addresses });
    }
    return '';
}

/** Why the VM got its verdict and what to do, in one or two sentences. */
export function describeFinding(finding: Finding, texts: FindingTexts): string {
    const vm = finding.vm;
    const stateName = memberName(VmState, vm.state);
    const modeName = vm.replication ? memberName(ReplicationMode, vm.replication.mode) : null;
    const firstError = vm.errors[0];
    const values: Record<string, string> = {
        kvp: kvpStatusText(finding, texts),
        failover: failoverText(finding, texts),
        addresses: finding.failoverAddresses.join(', '),
        state: stateName ? texts.VmState[stateName] : String(vm.state),
        mode: modeName ? texts.Mode[modeName] : vm.replication ? String(vm.replication.mode) : '',
        primary: vm.replication?.primary || '?',
        sources: [...new Set(vm.errors.map(e => e.source))].join(', '),
        message: firstError ? firstError.message : ''
    };
    return fillTemplate(texts.Reason[finding.reason], values).replace(/\s+/g, ' ').trim();
}

/** Why the BPA's answer differs from the verdict, in one sentence; '' when they agree. */
export function describeBpaNote(finding: Finding, texts: FindingTexts): string {
    return finding.bpaNote ? texts.Bpa[finding.bpaNote] : '';
}
