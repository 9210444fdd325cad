/**
 * Under role-based access (WAC's JEA endpoint) the SDK calls the module's command by name; a
 * command the user's role can't see does not exist in that session, so PowerShell answers with a
 * CommandNotFoundException for that very command. That, and not the wording of a message, is how
 * a refusal by role is recognised: the error record's type, and the command it names being the
 * command that was sent (a script that itself calls a missing cmdlet, e.g. Get-VM on a host
 * without the Hyper-V module, is not a refusal).
 */

/** A PowerShell error record as the gateway sends it (core/data/net.js parseErrorResponse reads these). */
export interface PowerShellErrorRecord {
    errorType?: string;
    message?: string;
}

/** The command's PowerShell errors, when the gateway answered without a result. */
export class PowerShellErrors extends Error {
    constructor(public readonly records: PowerShellErrorRecord[]) {
        super(records.map(r => r.errorType ? `${r.errorType}: ${r.message || ''}` : r.message || '').join('\n'));
        this.name = 'PowerShellErrors';
    }
}

/** The command was not found in the user's session: the role doesn't allow it. */
export class RoleRefusal extends Error {
    constructor(public readonly command: string, message: string) {
        super(message);
        this.name = 'RoleRefusal';
    }
}

function recordsIn(value: unknown): PowerShellErrorRecord[] {
    if (!value || typeof value !== 'object') {
        return [];
    }
    const holder = value as { errors?: unknown; error?: unknown };
    const records: PowerShellErrorRecord[] = [];
    if (Array.isArray(holder.errors)) {
        records.push(...holder.errors.filter((e): e is PowerShellErrorRecord => !!e && typeof e === 'object'));
    }
    if (holder.error && typeof holder.error === 'object' && typeof (holder.error as PowerShellErrorRecord).errorType === 'string') {
        records.push(holder.error as PowerShellErrorRecord);
    }
    return records;
}

/**
 * The PowerShell error records wherever the SDK surfaces them: a response's properties
 * (`errors`), an ajax error's response body (`xhr.response.errors` / `error`), or PowerShellErrors.
 */
export function errorRecords(value: unknown): PowerShellErrorRecord[] {
    if (value instanceof PowerShellErrors) {
        return value.records;
    }
    const xhr = value && typeof value === 'object' ? (value as { xhr?: { response?: unknown } }).xhr : undefined;
    return [...recordsIn(value), ...recordsIn(xhr && xhr.response)];
}

/** Whether the records say `command` is not found in the session (a JEA role that can't see it). */
export function isRoleRefusal(records: PowerShellErrorRecord[], command: string): boolean {
    const name = command.toLowerCase();
    return records.some(record => (record.errorType || '').toLowerCase() === 'commandnotfoundexception'
        && typeof record.message === 'string'
        // The record names the command, possibly module-qualified: 'Module\Verb-Noun' or 'Verb-Noun'.
        && new RegExp(`['\\\\]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`).test(record.message.toLowerCase()));
}

/** A RoleRefusal when `error` is the refusal of `command`, else `error` unchanged. */
export function classifyCommandError(error: unknown, command: string): unknown {
    const records = errorRecords(error);
    const refused = isRoleRefusal(records, command);
    return refused ? new RoleRefusal(command, records.map(r => r.message).join('\n')) : error;
}
