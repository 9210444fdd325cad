/** What a remediation script reports: status, whether it changed the host, and the state before and after. */
export interface RemediationResult {
    status: string;
    changed: boolean;
    drive?: string | null;
    before?: string | boolean | null;
    after?: string | boolean | null;
}

/** Reads the one JSON object a remediation script prints; throws an Error that says what was wrong. */
export function parseRemediationResult(results: unknown): RemediationResult {
    const items = Array.isArray(results) ? results.filter(r => typeof r === 'string') : [];
    if (items.length !== 1) {
        throw new Error(`expected one result from the script, got ${items.length}`);
    }
    let value: unknown;
    try {
        value = JSON.parse(items[0] as string);
    } catch {
        throw new Error('the script result is not JSON');
    }
    const result = value as RemediationResult;
    if (!result || typeof result.status !== 'string' || typeof result.changed !== 'boolean') {
        throw new Error('the script result has no status');
    }
    return result;
}
