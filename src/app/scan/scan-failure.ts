import { HostScanError } from '../snapshot/snapshot';

/** Why a scan produced no findings, as the page explains it (node-down: a cluster node not scanned because it is down). */
export type ScanFailureKind = 'no-hyperv' | 'access-denied' | 'query-failed' | 'gateway' | 'invalid-output' | 'node-down';

export interface ScanFailure {
    kind: ScanFailureKind;
    /** The underlying message (gateway, PowerShell or parser), shown as plain text. */
    detail: string;
}

export function failureFromHostError(error: HostScanError): ScanFailure {
    const kinds: Record<HostScanError['code'], ScanFailureKind> = {
        HyperVModuleMissing: 'no-hyperv',
        AccessDenied: 'access-denied',
        QueryFailed: 'query-failed'
    };
    return { kind: kinds[error.code], detail: error.message };
}

/**
 * An error from the gateway request or from parsing the output. The gateway answers a script that
 * throws, its own faults, a node that does not answer and refused credentials with an HTTP error
 * status; message is the SDK's reading of that error (Net.getErrorMessage: the host's or the
 * gateway's own text), kept as the detail.
 */
export function failureFromError(error: unknown, message: string, isInvalidOutput: boolean): ScanFailure {
    if (isInvalidOutput) {
        return { kind: 'invalid-output', detail: message };
    }
    const status = (error as { status?: number } | null)?.status;
    if (status === 401 || status === 403 || /access (is )?denied|unauthorized/i.test(message)) {
        return { kind: 'access-denied', detail: message };
    }
    return { kind: 'gateway', detail: message };
}
