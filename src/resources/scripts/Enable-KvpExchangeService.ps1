<#

.SYNOPSIS
Turns on the Key-Value Pair Exchange integration service of a VM on the host.

.DESCRIPTION
Finds the VM's Key-Value Pair Exchange component by its GUID (never by its localized name) and
enables it when it is disabled. A VM that is not on this host (deleted or migrated since the
scan) gives status vm-not-found and nothing changes. Running it twice leaves the same state.
Changes of one VM run one at a time: while another change of the VM holds its lock (more than 5
seconds), nothing changes and the status is busy, naming that change (inProgress). Returns one
JSON object: status, changed, before, after (enabled, as booleans).

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

# Helpers: Enter-VmChangeLock, Exit-VmChangeLock, Get-VmById, Get-VmStateFolder, Write-Result

$vm = Get-VmById $vmId
if (-not $vm) {
    Write-Result 'vm-not-found' $false $null $null
    return
}
# One change of this VM at a time, as for the tool's other changes.
$lock = Enter-VmChangeLock (Get-VmStateFolder $vm) $vmId 'Enable-KvpExchangeService'
if ($lock.Busy) {
    Write-Result 'busy' $false $null $null @{ inProgress = $lock.Change }
    return
}
try {
    $kvp = @(Get-VMIntegrationService -VM $vm | Where-Object { ([string]$_.Id).ToUpperInvariant().EndsWith($kvpComponentGuid) }) |
        Microsoft.PowerShell.Utility\Select-Object -First 1
    if (-not $kvp) {
        Write-Result 'no-kvp-component' $false $null $null
        return
    }
    if ($kvp.Enabled) {
        Write-Result 'already-enabled' $false $true $true
        return
    }
    $kvp | Enable-VMIntegrationService
    Write-Result 'enabled' $true $false $true
}
finally {
    Exit-VmChangeLock $lock
}
