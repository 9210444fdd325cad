import { HostScanError, SnapshotHost, SnapshotVm } from '../snapshot/snapshot';

/** Identifies the rule in findings and in the command-line check's output. */
export const ruleId = 'hyperv-replica-failover-ip-integration-services';

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
    NoKvpStatus = 'noKvpStatus'
}

export interface Finding {
    vm: SnapshotVm;
    verdict: Verdict;
    reason: Reason;
    /** Replication mode Primary, Replica or ExtendedReplica (TestReplica copies do not count). */
    takesPart: boolean;
    /** Failover addresses configured on synthetic adapters. */
    failoverAddresses: string[];
    /** Whether any synthetic adapter has a failover IP configured; null when that was not read. */
    failoverConfigured: boolean | null;
}

export interface HostFindings {
    host: SnapshotHost;
    collectedAt: string;
    /** The host could not be scanned: no findings. */
    hostError: HostScanError | null;
    findings: Finding[];
    counts: Record<Verdict, number>;
}
