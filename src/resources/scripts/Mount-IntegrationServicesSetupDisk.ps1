<#

.SYNOPSIS
Inserts the integration services setup disk into a VM's DVD drive (hosts before Windows Server 2016).

.DESCRIPTION
Puts %WINDIR%\System32\vmguest.iso into a DVD drive of the VM given by Id. An empty drive is used
first. If every drive holds other media, nothing changes unless replaceMedia is set; then the
previous media's path is kept in a record beside the VM's configuration (ConfigurationLocation:
on a cluster, its shared storage), so Dismount-IntegrationServicesSetupDisk can put it back on
whichever node owns the VM then. A clustered VM gets the node-local setup disk with
-AllowUnverifiedPaths. A VM that is not on this host (deleted or migrated since the scan) gives
status vm-not-found and nothing changes. Never adds hardware. Running it twice leaves the same
state. Changes of one VM run one at a time: while another change of the VM holds its lock (more
than 5 seconds), nothing changes and the status is busy, naming that change (inProgress). The
record is written only once the change is known to be needed, and removed if the drive can't be
changed. Returns one JSON object: status, changed, drive, before, after (and inProgress).

.PARAMETER vmId
The Id of the VM (a GUID, as Get-VM reports it). A value that is not a GUID fails parameter binding
("Cannot process argument transformation on parameter 'vmId'. Cannot convert value ... to type
System.Guid") and nothing changes.

.PARAMETER replaceMedia
$true: put the setup disk in place of other media (after the admin confirmed it), keeping that
media's path in the restore record. $false (default): if every drive holds other media, change
nothing and return status needs-confirmation, naming the media.

.EXAMPLE
Mount-IntegrationServicesSetupDisk -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f
Inserts the setup disk into an empty DVD drive of that VM, or returns needs-confirmation.

.EXAMPLE
Mount-IntegrationServicesSetupDisk -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f -replaceMedia $true
Inserts it in place of the ISO in the drive, which Dismount-IntegrationServicesSetupDisk puts back.

.ROLE
Administrators

#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][guid]$vmId,
    [bool]$replaceMedia = $false
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

#region Host contract: copies of src/app/host-contract.ts (each script is sent alone); test/contract/host-contract.test.js fails when they drift
$restoreRecordFileNameFormat = 'hvtools-setup-disk-restore.{0}.json'
$driveTextFormat = '{0} {1}:{2}'
#endregion

# Helpers: Enter-VmChangeLock, Exit-VmChangeLock, Get-VmById, Get-VmStateFolder, Write-RestoreRecord, Write-Result

$os = Get-CimInstance -ClassName Win32_OperatingSystem
if (([version]$os.Version).Major -ge 10) {
    # Windows Server 2016 and later deliver integration services through Windows Update.
    Write-Result 'not-available-on-this-host' $false $null $null
    return
}
$iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
if (-not (Test-Path -LiteralPath $iso)) {
    Write-Result 'setup-disk-missing' $false $null $null
    return
}

$vm = Get-VmById $vmId
if (-not $vm) {
    Write-Result 'vm-not-found' $false $null $null
    return
}
$stateFolder = Get-VmStateFolder $vm
$stateFile = Join-Path $stateFolder ($restoreRecordFileNameFormat -f $vmId)
# One change of this VM at a time: the drive is read, the record written and the drive changed
# under the VM's lock (another admin's Restore can't take the record in between).
$lock = Enter-VmChangeLock $stateFolder $vmId 'Mount-IntegrationServicesSetupDisk'
if ($lock.Busy) {
    Write-Result 'busy' $false $null $null @{ inProgress = $lock.Change }
    return
}
try {
    $drives = @(Get-VMDvdDrive -VM $vm)
    if ($drives.Count -eq 0) {
        Write-Result 'no-dvd-drive' $false $null $null
        return
    }
    $inserted = @($drives | Where-Object { $_.Path -and $_.Path -eq $iso })
    if ($inserted.Count -gt 0) {
        Write-Result 'already-inserted' $false $iso $iso @{ drive = ($driveTextFormat -f $inserted[0].ControllerType, $inserted[0].ControllerNumber, $inserted[0].ControllerLocation) }
        return
    }
    $drive = @($drives | Where-Object { -not $_.Path }) + @($drives) | Microsoft.PowerShell.Utility\Select-Object -First 1
    $driveText = $driveTextFormat -f $drive.ControllerType, $drive.ControllerNumber, $drive.ControllerLocation
    $previous = $drive.Path
    if ($previous -and -not $replaceMedia) {
        Write-Result 'needs-confirmation' $false $previous $previous @{ drive = $driveText }
        return
    }

    if ($previous) {
        # Keep the admin's media so it can be put back, also after a reload or a live migration: the
        # record travels with the VM's configuration.
        Write-RestoreRecord $stateFile ([ordered]@{
            vmId = $vmId.ToString(); controllerType = [string]$drive.ControllerType; controller = [int]$drive.ControllerNumber
            location = [int]$drive.ControllerLocation; previousPath = [string]$previous
        })
    }
    try {
        if ($vm.IsClustered) {
            # The setup disk is on each node, not on shared storage: the cluster can't verify it for every node.
            $drive | Set-VMDvdDrive -Path $iso -AllowUnverifiedPaths
        }
        else {
            $drive | Set-VMDvdDrive -Path $iso
        }
    }
    catch {
        # The drive still holds the admin's media: a record kept now would later put back media the
        # admin may have removed by then.
        if ($previous) { Remove-Item -LiteralPath $stateFile -Force -ErrorAction SilentlyContinue }
        throw
    }
    Write-Result 'inserted' $true $previous $iso @{ drive = $driveText }
}
finally {
    Exit-VmChangeLock $lock
}
