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
vm-not-found. Running it twice leaves the same state. It acts only on the media the admin
confirmed (expectedPath). Changes of one VM run one at a time: while another change of the VM
holds its lock (more than 5 seconds), nothing changes and the status is busy, naming that change
(inProgress). Returns one JSON object: status, changed, drive, before, after (and inProgress). A
record that can't be read, lacks a field or holds a value of the wrong kind stops the script with
an error naming the file and the field; nothing changes.

.PARAMETER vmId
The Id of the VM (a GUID, as Get-VM reports it). A value that is not a GUID fails parameter binding
("Cannot process argument transformation on parameter 'vmId'. Cannot convert value ... to type
System.Guid") and nothing changes.

.PARAMETER expectedPath
The media the admin confirmed putting back: the record's previousPath as the tool showed it, or
empty when it showed none (the drive is then left empty). When the record names other media now,
or none, nothing changes and the status is record-changed.

.EXAMPLE
Dismount-IntegrationServicesSetupDisk -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f -expectedPath 'D:\ISO\sql2014-sp3.iso'
Puts back the ISO the setup disk replaced in that VM's drive, or ejects the setup disk.

.ROLE
Administrators

#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][guid]$vmId,
    [Parameter(Mandatory = $true)][AllowEmptyString()][string]$expectedPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

#region Host contract: copies of src/app/host-contract.ts (each script is sent alone); test/contract/host-contract.test.js fails when they drift
$restoreRecordFileNameFormat = 'hvtools-setup-disk-restore.{0}.json'
$driveTextFormat = '{0} {1}:{2}'
#endregion

# Helpers: Enter-VmChangeLock, Exit-VmChangeLock, Get-VmById, Get-VmStateFolder, Read-RestoreRecord, Write-Result

# Stops the script, before anything changed, naming the record's field and its problem.
function Stop-InvalidRecord([string]$file, [string]$field, $value, [string]$problem) {
    throw "The restore record $file has '$value' as $field, $problem. Nothing was changed."
}

# Every field of a setup disk restore record, checked before anything changes: the record is a
# file anyone with access to the VM's folder could edit.
function Test-SetupDiskRecord($record, [string]$file) {
    $missing = @('vmId', 'controllerType', 'controller', 'location', 'previousPath' | Where-Object { -not $record.PSObject.Properties[$_] })
    if ($missing.Count -gt 0) { throw "The restore record $file lacks $($missing -join ', '). Nothing was changed." }
    if (-not ($record.vmId -is [string]) -or $record.vmId -notmatch '\A[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z' -or [guid]$record.vmId -ne $vmId) {
        Stop-InvalidRecord $file 'vmId' $record.vmId "not this VM's Id"
    }
    if (-not ($record.controllerType -is [string]) -or $record.controllerType -notmatch '\A(IDE|SCSI)\z') {
        Stop-InvalidRecord $file 'controllerType' $record.controllerType 'not IDE or SCSI'
    }
    foreach ($field in @('controller', 'location')) {
        $value = $record.$field
        if (-not ($value -is [int] -or $value -is [long]) -or $value -lt 0 -or $value -gt 63) {
            Stop-InvalidRecord $file $field $value 'not a whole number from 0 to 63'
        }
    }
    if (-not ($record.previousPath -is [string]) -or $record.previousPath -notmatch '\A[^\x00-\x1f]+\z') {
        Stop-InvalidRecord $file 'previousPath' $record.previousPath 'not a path'
    }
}

$iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
$vm = Get-VmById $vmId
if (-not $vm) {
    Write-Result 'vm-not-found' $false $null $null
    return
}
$stateFolder = Get-VmStateFolder $vm
$stateFile = Join-Path $stateFolder ($restoreRecordFileNameFormat -f $vmId)
# One change of this VM at a time: the record is read, the drive changed and the record removed
# under the VM's lock (another admin's Insert can't write a record in between).
$lock = Enter-VmChangeLock $stateFolder $vmId 'Dismount-IntegrationServicesSetupDisk'
if ($lock.Busy) {
    Write-Result 'busy' $false $null $null @{ inProgress = $lock.Change }
    return
}
try {
    $record = Read-RestoreRecord $stateFile
    if ($record) { Test-SetupDiskRecord $record $stateFile }
    $recordedPath = ''
    if ($record) { $recordedPath = $record.previousPath }
    if ($recordedPath -ne $expectedPath) {
        # Not what the admin confirmed: the record changed since it was shown (another admin's change,
        # or an edit). Nothing is done on a path the admin did not see.
        Write-Result 'record-changed' $false $expectedPath $recordedPath
        return
    }
    $drives = @(Get-VMDvdDrive -VM $vm)

    if (-not $record) {
        # No media to put back: just eject the setup disk if it is in a drive.
        $inserted = @($drives | Where-Object { $_.Path -and $_.Path -eq $iso })
        if ($inserted.Count -eq 0) {
            Write-Result 'nothing-to-restore' $false $null $null
            return
        }
        $inserted[0] | Set-VMDvdDrive -Path $null
        Write-Result 'ejected' $true $iso $null @{ drive = ($driveTextFormat -f $inserted[0].ControllerType, $inserted[0].ControllerNumber, $inserted[0].ControllerLocation) }
        return
    }

    $driveText = $driveTextFormat -f $record.controllerType, $record.controller, $record.location
    $drive = @($drives | Where-Object { [string]$_.ControllerType -eq $record.controllerType -and [int]$_.ControllerNumber -eq $record.controller -and [int]$_.ControllerLocation -eq $record.location }) |
        Microsoft.PowerShell.Utility\Select-Object -First 1
    $current = $null
    if ($drive) { $current = $drive.Path }
    if (-not $drive -or $current -ne $iso) {
        # The admin changed the drive since: it is left as it is, and the record is done with.
        Remove-Item -LiteralPath $stateFile -Force
        Write-Result 'media-changed' $false $current $current @{ drive = $driveText }
        return
    }
    # Mount only what the record names as an ISO file that exists here (a node-local ISO may be
    # missing after a migration): otherwise the setup disk stays, and so does the record.
    if ($recordedPath -notlike '*.iso' -or $recordedPath -notmatch '\A([A-Za-z]:\\|\\\\)' -or -not (Test-Path -LiteralPath $recordedPath -PathType Leaf)) {
        Write-Result 'previous-media-missing' $false $current $current @{ drive = $driveText }
        return
    }
    if ($vm.IsClustered) {
        $drive | Set-VMDvdDrive -Path $recordedPath -AllowUnverifiedPaths
    }
    else {
        $drive | Set-VMDvdDrive -Path $recordedPath
    }
    Remove-Item -LiteralPath $stateFile -Force
    Write-Result 'restored' $true $current $recordedPath @{ drive = $driveText }
}
finally {
    Exit-VmChangeLock $lock
}
