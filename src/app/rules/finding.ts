import { HostScanError, SnapshotHost, SnapshotVm } from '../snapshot/snapshot';

/**
 * A rule's id, as findings, exclusions and the command-line check's output carry it (a rule's
 * RuleDefinition.id; never changed once released, since exclusions are stored by it).
 */
export type RuleId = string;

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
    // The failover TCP/IP settings rule.
    NotReplica = 'notReplica',
    NoAdapters = 'noAdapters',
    NoSyntheticAdapter = 'noSyntheticAdapter',
    NoFailoverIp = 'noFailoverIp',
    FailoverIpSet = 'failoverIpSet'
}

/** Why Server Manager's BPA answers differently from the tool; the value is the key of the sentence in the strings (Finding_Bpa_*). */
export enum BpaNote {
    /** The BPA examines Replica VMs only: not this primary. */
    PrimaryNotExamined = 'primaryNotExamined',
    ExtendedNotExamined = 'extendedNotExamined',
    ReplicationDisabled = 'replicationDisabled',
    /** Integration services rule: the BPA lists only VMs that have a failover IP address. */
    NoFailoverIp = 'noFailoverIp',
    /** Integration services rule: the host offers the component; the BPA does not ask whether the guest answers. */
    GuestNotExamined = 'guestNotExamined',
    /** Integration services rule: the VM is not running; the BPA reports it as fine from the host's setting alone. */
    GuestUnknown = 'guestUnknown',
    /** Failover TCP/IP settings rule: the BPA lists a Replica VM without network adapters, which has nothing to configure. */
    NoAdapters = 'noAdapters'
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
    /** Why the BPA's answer differs from the verdict (the details pane says it, the grid's "Differs" filter lists it); null when it doesn't. */
    bpaNote: BpaNote | null;
}

/** One VM judged under every rule: its finding by rule id, the one structure results are kept in. */
export interface VmFindings {
    vm: SnapshotVm;
    byRule: Record<RuleId, Finding>;
}

/** A host's findings under one rule (the command-line check's unit). */
export interface HostFindings {
    rule: RuleId;
    host: SnapshotHost;
    collectedAt: string;
    /** The host could not be scanned: no findings. */
    hostError: HostScanError | null;
    findings: Finding[];
}
