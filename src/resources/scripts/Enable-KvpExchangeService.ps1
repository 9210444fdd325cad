<#

.SYNOPSIS
Turns on the Key-Value Pair Exchange integration service of a VM on the host.

.DESCRIPTION
Finds the VM's Key-Value Pair Exchange component by its GUID (never by its localized name) and
enables it when it is disabled. A VM that is not on this host (deleted or migrated since the
scan) gives status vm-not-found and nothing changes. Running it twice leaves the same state.
Returns one JSON object: status, changed, before, after (enabled, as booleans).

.ROLE
Administrators

#>
param(
    [Parameter(Mandatory = $true)][string]$vmId
)

$ErrorActionPreference = 'Stop'
$id = [guid]::Empty
try { $id = [guid]$vmId }   # a cast, not TryParse: [ref] is not allowed in constrained language
catch { throw "'$vmId' is not a VM Id: a GUID is expected." }
$kvpComponentGuid = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'

# The VM by Id, or nothing when it is not on this host. Get-VM writes "unable to find" for an Id it
# does not know; any other error (access, the management service) stops the script.
function Get-VmById([guid]$vmId) {
    $lookupErrors = $null
    $found = @(Get-VM -Id $vmId -ErrorAction SilentlyContinue -ErrorVariable lookupErrors)
    if ($found.Count -gt 0) { return $found[0] }
    foreach ($lookupError in @($lookupErrors)) {
        if ([string]$lookupError.CategoryInfo.Category -notin @('ObjectNotFound', 'InvalidArgument')) { throw $lookupError }
    }
    return $null
}

$vm = Get-VmById $id
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
