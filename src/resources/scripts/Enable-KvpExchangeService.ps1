<#

.SYNOPSIS
Turns on the Key-Value Pair Exchange integration service of a VM on the host.

.DESCRIPTION
Finds the VM's Key-Value Pair Exchange component by its GUID (never by its localized name) and
enables it when it is disabled. A VM that is not on this host (deleted or migrated since the
scan) gives status vm-not-found and nothing changes. Running it twice leaves the same state.
Returns one JSON object: status, changed, before, after (enabled, as booleans).

.PARAMETER vmId
The Id of the VM (a GUID, as Get-VM reports it). A value that is not a GUID fails parameter binding
("Cannot process argument transformation on parameter 'vmId'. Cannot convert value ... to type
System.Guid") and nothing changes.

.EXAMPLE
Enable-KvpExchangeService -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f
Turns on Key-Value Pair Exchange for that VM, or says it was already on.

.ROLE
Administrators

#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][guid]$vmId
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

#region Host contract: copies of src/app/host-contract.ts (each script is sent alone); test/contract/host-contract.test.js fails when they drift
$kvpComponentGuid = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'
#endregion

# The VM by Id, or nothing when it is not on this host. Get-VM writes "unable to find" for an Id it
# does not know (that error is the answer "not here"); any other error (access, the management
# service) stops the script.
function Get-VmById([guid]$id) {
    $lookupErrors = $null
    $found = @(Get-VM -Id $id -ErrorAction SilentlyContinue -ErrorVariable lookupErrors)
    if ($found.Count -gt 0) { return $found[0] }
    foreach ($lookupError in @($lookupErrors)) {
        if ([string]$lookupError.CategoryInfo.Category -notin @('ObjectNotFound', 'InvalidArgument')) { throw $lookupError }
    }
    return $null
}

$vm = Get-VmById $vmId
if (-not $vm) {
    ConvertTo-Json -Compress -InputObject ([ordered]@{ status = 'vm-not-found'; changed = $false; before = $null; after = $null })
    return
}
$kvp = @(Get-VMIntegrationService -VM $vm | Where-Object { ([string]$_.Id).ToUpperInvariant().EndsWith($kvpComponentGuid) }) |
    Microsoft.PowerShell.Utility\Select-Object -First 1
if (-not $kvp) {
    ConvertTo-Json -Compress -InputObject ([ordered]@{ status = 'no-kvp-component'; changed = $false; before = $null; after = $null })
    return
}
if ($kvp.Enabled) {
    ConvertTo-Json -Compress -InputObject ([ordered]@{ status = 'already-enabled'; changed = $false; before = $true; after = $true })
    return
}
$kvp | Enable-VMIntegrationService
ConvertTo-Json -Compress -InputObject ([ordered]@{ status = 'enabled'; changed = $true; before = $false; after = $true })
