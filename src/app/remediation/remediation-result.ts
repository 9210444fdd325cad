import { isRemediationStatus, RemediationStatus, remediationStatuses } from '../host-contract';

/** What a remediation script reports: status, whether it changed the host, and the state before and after. */
export interface RemediationResult {
    status: RemediationStatus;
    changed: boolean;
    drive?: string | null;
    /** The network adapter's name (the failover TCP/IP scripts). */
    adapter?: string | null;
    /** The change that holds the VM's lock on the host (status busy), e.g. Mount-IntegrationServicesSetupDisk. */
    inProgress?: string | null;
    before?: string | boolean | null;
    after?: string | boolean | null;
}

function field(value: object, key: string): unknown {
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

function optionalText(value: unknown): string | null | undefined {
    return value === undefined || value === null || typeof value === 'string' ? value : undefined;
}

function optionalState(value: unknown): string | boolean | null | undefined {
    return typeof value === 'boolean' ? value : optionalText(value);
}

/** Reads the one JSON object a remediation script prints; throws an Error that says what was wrong. */
export function parseRemediationResult(results: unknown): RemediationResult {
    const items = Array.isArray(results) ? results.filter((r): r is string => typeof r === 'string') : [];
    if (items.length !== 1) {
        throw new Error(`expected one result from the script, got ${items.length}`);
    }
    let value: unknown;
    try {
        value = JSON.parse(items[0]);
    } catch {
        throw new Error('the script result is not JSON');
    }
    if (!value || typeof value !== 'object') {
        throw new Error('the script result has no status');
    }
    const status = field(value, 'status');
    const changed = field(value, 'changed');
    if (typeof status !== 'string' || typeof changed !== 'boolean') {
        throw new Error('the script result has no status');
    }
    if (!isRemediationStatus(status)) {
        throw new Error(`the script returned the status "${status}", which this version doesn't know (it knows ${remediationStatuses.join(', ')})`);
    }
    const result: RemediationResult = { status, changed };
    const drive = optionalText(field(value, 'drive'));
    const adapter = optionalText(field(value, 'adapter'));
    const inProgress = optionalText(field(value, 'inProgress'));
    const before = optionalState(field(value, 'before'));
    const after = optionalState(field(value, 'after'));
    if (drive !== undefined) {
        result.drive = drive;
    }
    if (adapter !== undefined) {
        result.adapter = adapter;
    }
    if (inProgress !== undefined) {
        result.inProgress = inProgress;
    }
    if (before !== undefined) {
        result.before = before;
    }
    if (after !== undefined) {
        result.after = after;
    }
    return result;
}
