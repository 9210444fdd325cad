/** Integer values of the Hyper-V PowerShell enums the snapshot carries (docs: domain facts). */

/** VMState: every value of the real enum (Hyper-V module 2.0). */
export enum VmState {
    Other = 1, Running = 2, Off = 3, Stopping = 4, Saved = 6, Paused = 9, Starting = 10, Reset = 11,
    Saving = 32773, Pausing = 32776, Resuming = 32777, FastSaved = 32779, FastSaving = 32780,
    ForceShutdown = 32781, ForceReboot = 32782, Hibernated = 32783, ComponentServicing = 32784,
    RunningCritical = 32785, OffCritical = 32786, StoppingCritical = 32787, SavedCritical = 32788, PausedCritical = 32789,
    StartingCritical = 32790, ResetCritical = 32791, SavingCritical = 32792, PausingCritical = 32793,
    ResumingCritical = 32794, FastSavedCritical = 32795, FastSavingCritical = 32796
}

/**
 * The state a *Critical state is a variant of (RunningCritical: running, but the VM's storage is
 * not reachable); any other state is its own base. The rule judges a VM by its base state.
 */
export function baseVmState(state: number): number {
    const critical: Partial<Record<number, VmState>> = {
        [VmState.RunningCritical]: VmState.Running, [VmState.OffCritical]: VmState.Off, [VmState.StoppingCritical]: VmState.Stopping,
        [VmState.SavedCritical]: VmState.Saved, [VmState.PausedCritical]: VmState.Paused, [VmState.StartingCritical]: VmState.Starting,
        [VmState.ResetCritical]: VmState.Reset, [VmState.SavingCritical]: VmState.Saving, [VmState.PausingCritical]: VmState.Pausing,
        [VmState.ResumingCritical]: VmState.Resuming, [VmState.FastSavedCritical]: VmState.FastSaved,
        [VmState.FastSavingCritical]: VmState.FastSaving
    };
    return critical[state] ?? state;
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

/** ProtocolIFType of a failover configuration (the module's WmiProtocolIFType; Both is its IPv4v6). */
export enum FailoverProtocol { None = 0, Other = 1, IPv4 = 4096, IPv6 = 4097, Both = 4098 }

/** A numeric enum object as TypeScript emits it: member names to values, and values back to names. */
export type NumericEnum = Readonly<Record<string, string | number>>;

/** The member names of a numeric enum (not its reverse mapping's numeric keys). */
export type MemberName<E extends NumericEnum> = Extract<{ [K in keyof E]: E[K] extends number ? K : never }[keyof E], string>;

/**
 * Whether `name` is a member of the enum: an own property whose value is a number. Host-supplied
 * text such as "constructor" or "__proto__" is not a member (no prototype lookup).
 */
export function isMemberName<E extends NumericEnum>(enumObject: E, name: string): name is MemberName<E> {
    return Object.prototype.hasOwnProperty.call(enumObject, name) && typeof enumObject[name] === 'number';
}

/** The member name of an enum value, typed as the enum's names; null for null or a value the enum does not know. */
export function memberName<E extends NumericEnum>(enumObject: E, value: number | null): MemberName<E> | null {
    if (value === null) {
        return null;
    }
    const name = Object.prototype.hasOwnProperty.call(enumObject, value) ? enumObject[value] : undefined;
    return typeof name === 'string' && isMemberName(enumObject, name) ? name : null;
}
