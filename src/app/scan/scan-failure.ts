import { HostScanError, HostScanErrorCode } from '../snapshot/snapshot';

/**
 * Why a scan produced no findings, as the page explains it (node-down: a cluster node not scanned
 * because it is down; defect: the tool itself failed on the host's answer, a bug to report).
 */
export type ScanFailureKind = 'no-hyperv' | 'access-denied' | 'query-failed' | 'gateway' | 'invalid-output' | 'node-down' | 'defect';

export interface ScanFailure {
    kind: ScanFailureKind;
    /** The underlying message (gateway, PowerShell or parser), shown as plain text. */
    detail: string;
}

const hostErrorKinds: Record<HostScanErrorCode, ScanFailureKind> = {
    HyperVModuleMissing: 'no-hyperv',
    AccessDenied: 'access-denied',
    QueryFailed: 'query-failed'
};

export function failureFromHostError(error: HostScanError): ScanFailure {
    return { kind: hostErrorKinds[error.code], detail: error.message };
}

/** HTTP statuses of a refused request: 401 (credentials refused after the SDK's renewal) and 403. */
const accessStatuses = new Set([401, 403]);

/** PowerShell error types that mean the account may not do it (as the gateway sends them: `errorType`). */
const accessErrorTypes = new Set(['unauthorizedaccessexception', 'securityexception']);

/** Gateway error codes (the body's `error.code`) of a refused request. */
const accessErrorCodes = new Set(['accessdenied', 'forbidden', 'unauthorized']);

function field(value: unknown, key: string): unknown {
    return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key)
        ? (value as Record<string, unknown>)[key] : undefined;
}

function lower(value: unknown): string {
    return typeof value === 'string' ? value.toLowerCase() : '';
}

/**
 * Whether a failed request was refused for lack of access, read from its structure, never from the
 * wording of a message (messages are localized and host-supplied): the HTTP status (the SDK's
 * AjaxError `status`, or its `xhr.status`), a PowerShell error record's `errorType` in the response
 * body (`errors[]` or `error`), or the gateway's `error.code`.
 */
export function isAccessError(error: unknown): boolean {
    const xhr = field(error, 'xhr');
    const status = field(error, 'status') ?? field(xhr, 'status');
    if (typeof status === 'number' && accessStatuses.has(status)) {
        return true;
    }
    const body = field(xhr, 'response');
    const errors = field(body, 'errors');
    const records = [...(Array.isArray(errors) ? errors : []), field(body, 'error'), field(error, 'error')];
    return records.some(record => accessErrorTypes.has(lower(field(record, 'errorType'))) || accessErrorCodes.has(lower(field(record, 'code'))));
}

/**
 * An error from the gateway request. The gateway answers a script that throws, its own faults, a
 * node that does not answer and refused credentials with an HTTP error status; message is the SDK's
 * reading of that error (Net.getErrorMessage: the host's or the gateway's own text), kept as the detail.
 */
export function failureFromError(error: unknown, message: string): ScanFailure {
    return { kind: isAccessError(error) ? 'access-denied' : 'gateway', detail: message };
}

/** The tool failed on an answer (a bug, not the host's or the gateway's fault): reported as such, never as "couldn't reach". */
export function defectFailure(error: unknown): ScanFailure {
    return { kind: 'defect', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
