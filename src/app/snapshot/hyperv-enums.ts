/** Integer values of the Hyper-V PowerShell enums the snapshot carries (docs: domain facts). */

export enum VmState {
    Other = 1, Running = 2, Off = 3, Stopping = 4, Saved = 6, Paused = 9, Starting = 10, Reset = 11,
    Saving = 32773, Pausing = 32776, Resuming = 32777, FastSaved = 32779, FastSaving = 32780
}

export enum ReplicationMode { None = 0, Primary = 1, Replica = 2, TestReplica = 3, ExtendedReplica = 4 }

export enum ReplicationState {
    Disabled = 0, ReadyForInitialReplication = 1, InitialReplicationInProgress = 2, WaitingForInitialReplication = 3,
    Replicating = 4, PreparedForFailover = 5, FailedOverWaitingCompletion = 6, FailedOver = 7, Suspended = 8, Error = 9,
    WaitingForStartResynchronize = 10, Resynchronizing = 11, ResynchronizeSuspended = 12, RecoveryInProgress = 13,
    FailbackInProgress = 14, FailbackComplete = 15, WaitingForUpdateCompletion = 16, UpdateError = 17,
    WaitingForRepurposeCompletion = 18, PreparedForSyncReplication = 19, PreparedForGroupReverseReplication = 20,
    FiredrillInProgress = 21
}

export enum ReplicationHealth { NotApplicable = 0, Normal = 1, Warning = 2, Critical = 3 }

export enum KvpStatus {
    Ok = 2, Degraded = 3, Error = 6, NonRecoverableError = 7, NoContact = 12, LostCommunication = 13,
    ProtocolMismatch = 32775, ApplicationCritical = 32782, CommunicationTimedOut = 32783, CommunicationFailed = 32784,
    Disabled = 32896
}

/** ProtocolIFType of a failover configuration. */
export enum FailoverProtocol { None = 0, IPv4 = 4096, IPv6 = 4097, Both = 4098 }

/** The member name of an enum value, or the number itself for a value the enum does not know. */
export function enumName(enumObject: Record<number, string>, value: number | null): string | null {
    if (value === null) {
        return null;
    }
    return enumObject[value] ?? String(value);
}
