const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A VM Id is a GUID: remediation scripts act on VMs by Id only, never by (host-supplied) name. */
export function isVmId(value: string): boolean {
    return typeof value === 'string' && guidPattern.test(value);
}

export function assertVmId(value: string): string {
    if (!isVmId(value)) {
        throw new Error(`'${value}' is not a VM Id (GUID).`);
    }
    return value.toLowerCase();
}
