/** A VM Id: a GUID, in any case (Hyper-V writes them lower case, PowerShell's [guid] prints them so; admins may paste upper case). */
const vmIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value is a VM Id (a GUID): the one pattern the snapshot parser, the exclusions and
 * remediation check Ids with. Remediation scripts act on VMs by Id only, never by (host-supplied) name.
 */
export function isVmId(value: string): boolean {
    return typeof value === 'string' && vmIdPattern.test(value);
}

export function assertVmId(value: string): string {
    if (!isVmId(value)) {
        throw new Error(`'${value}' is not a VM Id (GUID).`);
    }
    return value.toLowerCase();
}
