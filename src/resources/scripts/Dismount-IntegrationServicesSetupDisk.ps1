<#

.SYNOPSIS
Ejects the integration services setup disk from a VM and puts back the media it replaced.

.DESCRIPTION
Reads the record Mount-IntegrationServicesSetupDisk kept beside the configuration of the VM given
by Id (on a cluster, on its shared storage: it works on whichever node owns the VM now). If the
recorded drive still holds vmguest.iso, puts the previous media back (or leaves the drive empty
when there was none) and removes the record. The previous media must be an existing .iso file:
otherwise nothing changes (status previous-media-missing) and the record stays. If the admin
changed the drive since, it is left as it is. A VM that is not on this host gives status
vm-not-found. Running it twice leaves the same state. Returns one JSON object: status, changed,
drive, before, after. A record that can't be read, or lacks a field, stops the script with an
error naming the file; nothing changes.

.PARAMETER vmId
The Id of the VM (a GUID, as Get-VM reports it). A value that is not a GUID fails parameter binding
("Cannot process argument transformation on parameter 'vmId'. Cannot convert value ... to type
System.Guid") and nothing changes.

.EXAMPLE
Dismount-IntegrationServicesSetupDisk -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f
Puts back the ISO the setup disk replaced in that VM's drive, or ejects the setup disk.

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
$restoreRecordFileNameFormat = 'hvtools-setup-disk-restore.{0}.json'
$driveTextFormat = '{0} {1}:{2}'
#endregion

function Write-Result([string]$status, [bool]$changed, $driveText, $before, $after) {
    ConvertTo-Json -Compress -InputObject ([ordered]@{ status = $status; changed = $changed; drive = $driveText; before = $before; after = $after })
}

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

$iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
$vm = Get-VmById $vmId
if (-not $vm) {
    Write-Result 'vm-not-found' $false $null $null $null
    return
}
$stateFolder = [string]$vm.ConfigurationLocation
if (-not $stateFolder) { $stateFolder = [string]$vm.Path }
$stateFile = Join-Path $stateFolder ($restoreRecordFileNameFormat -f $vmId)
$record = $null
if (Test-Path -LiteralPath $stateFile -PathType Leaf) {
    try {
        $record = Get-Content -Raw -LiteralPath $stateFile | ConvertFrom-Json
    }
    catch {
        throw "The restore record $stateFile can't be read: $($_.Exception.Message) Nothing was changed."
    }
    if ($null -eq $record) { throw "The restore record $stateFile is empty. Nothing was changed." }
    $missing = @('controllerType', 'controller', 'location', 'previousPath' | Where-Object { -not $record.PSObject.Properties[$_] })
    if ($missing.Count -gt 0) { throw "The restore record $stateFile lacks $($missing -join ', '). Nothing was changed." }
}
$drives = @(Get-VMDvdDrive -VM $vm)

if (-not $record) {
    # No media to put back: just eject the setup disk if it is in a drive.
    $inserted = @($drives | Where-Object { $_.Path -and $_.Path -eq $iso })
    if ($inserted.Count -eq 0) {
        Write-Result 'nothing-to-restore' $false $null $null $null
        return
    }
    $inserted[0] | Set-VMDvdDrive -Path $null
    Write-Result 'ejected' $true ($driveTextFormat -f $inserted[0].ControllerType, $inserted[0].ControllerNumber, $inserted[0].ControllerLocation) $iso $null
    return
}

$driveText = $driveTextFormat -f $record.controllerType, $record.controller, $record.location
$drive = @($drives | Where-Object { [int]$_.ControllerNumber -eq [int]$record.controller -and [int]$_.ControllerLocation -eq [int]$record.location }) |
    Microsoft.PowerShell.Utility\Select-Object -First 1
$status = 'media-changed'
$changed = $false
$current = $null
if ($drive) { $current = $drive.Path }
$previousPath = [string]$record.previousPath
if ($drive -and $current -eq $iso -and $previousPath) {
    # Mount only what the record names as an ISO file that exists here (the record is a file anyone
    # with access to the VM's folder could edit, and a node-local ISO may be missing after a migration).
    if ($previousPath -notlike '*.iso' -or $previousPath -notmatch '^([A-Za-z]:\\|\\\\)' -or -not (Test-Path -LiteralPath $previousPath -PathType Leaf)) {
        Write-Result 'previous-media-missing' $false $driveText $current $current
        return
    }
}
if ($drive -and $current -eq $iso) {
    if (-not $previousPath) {
        $drive | Set-VMDvdDrive -Path $null
    }
    elseif ($vm.IsClustered) {
        $drive | Set-VMDvdDrive -Path $previousPath -AllowUnverifiedPaths
    }
    else {
        $drive | Set-VMDvdDrive -Path $previousPath
    }
    $status = 'restored'
    $changed = $true
}
Remove-Item -LiteralPath $stateFile -Force
$after = $current
if ($changed) { $after = [string]$record.previousPath }
Write-Result $status $changed $driveText $current $after
