import { HostScanError, SnapshotHost, SnapshotVm } from '../snapshot/snapshot';

/** Identifies the seed rule (integration services for the failover IP) in findings and in the command-line check's output. */
export const ruleId = 'hyperv-replica-failover-ip-integration-services';

/** Identifies the companion rule: a Replica VM should have failover TCP/IP settings (BPA, Warning). */
export const failoverTcpipRuleId = 'hyperv-replica-failover-tcpip-settings';

export type RuleId = typeof ruleId | typeof failoverTcpipRuleId;

/** Every rule the tool judges, the seed rule first. */
export const ruleIds: readonly RuleId[] = [ruleId, failoverTcpipRuleId];

export function isRuleId(value: string): value is RuleId {
    return (ruleIds as readonly string[]).includes(value);
}

export type Verdict = 'fail' | 'warn' | 'pass' | 'unknown' | 'not-applicable' | 'scan-error';

/** Every verdict, worst first: the order of the grid's counts and filters. */
export const verdicts: readonly Verdict[] = ['fail', 'warn', 'scan-error', 'unknown', 'pass', 'not-applicable'];

/** Why a VM got its verdict; the value is the key of the reason's text in the strings. */
export enum Reason {
    NotReplicated = 'notReplicated',
    TestReplica = 'testReplica',
    ScanError = 'scanError',
    KvpMissing = 'kvpMissing',
    KvpDisabled = 'kvpDisabled',
    KvpNotAnswering = 'kvpNotAnswering',
    KvpDoubtful = 'kvpDoubtful',
    KvpOutOfDate = 'kvpOutOfDate',
    LegacyAdaptersOnly = 'legacyAdaptersOnly',
    KvpAnswers = 'kvpAnswers',
    ReplicaOff = 'replicaOff',
    NotRunning = 'notRunning',
    NoKvpStatus = 'noKvpStatus',
    // The companion rule (failover TCP/IP settings).
    NotReplica = 'notReplica',
    NoAdapters = 'noAdapters',
    NoSyntheticAdapter = 'noSyntheticAdapter',
    NoFailoverIp = 'noFailoverIp',
    FailoverIpSet = 'failoverIpSet'
}

export interface Finding {
    rule: RuleId;
    vm: SnapshotVm;
    verdict: Verdict;
    reason: Reason;
    /** Replication mode Primary, Replica or ExtendedReplica (TestReplica copies do not count). */
    takesPart: boolean;
    /** Failover addresses configured on synthetic adapters. */
    failoverAddresses: string[];
    /** Whether any synthetic adapter has a failover IP configured; null when that was not read. */
    failoverConfigured: boolean | null;
    /**
     * Whether Server Manager's BPA lists this VM under the same rule (its own, narrower conditions:
     * see bpa.ts); null when the tool could not read the VM.
     */
    bpa: boolean | null;
}

export interface HostFindings {
    rule: RuleId;
    host: SnapshotHost;
    collectedAt: string;
    /** The host could not be scanned: no findings. */
    hostError: HostScanError | null;
    findings: Finding[];
    counts: Record<Verdict, number>;
}
