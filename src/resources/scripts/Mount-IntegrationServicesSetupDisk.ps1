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
state. Returns one JSON object: status, changed, drive, before, after.

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

function Write-Result([string]$status, [bool]$changed, $drive, $before, $after) {
    $driveText = $null
    if ($drive) { $driveText = $driveTextFormat -f $drive.ControllerType, $drive.ControllerNumber, $drive.ControllerLocation }
    ConvertTo-Json -Compress -InputObject ([ordered]@{ status = $status; changed = $changed; drive = $driveText; before = $before; after = $after })
}

$os = Get-CimInstance -ClassName Win32_OperatingSystem
if (([version]$os.Version).Major -ge 10) {
    # Windows Server 2016 and later deliver integration services through Windows Update.
    Write-Result 'not-available-on-this-host' $false $null $null $null
    return
}
$iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
if (-not (Test-Path -LiteralPath $iso)) {
    Write-Result 'setup-disk-missing' $false $null $null $null
    return
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

$vm = Get-VmById $vmId
if (-not $vm) {
    Write-Result 'vm-not-found' $false $null $null $null
    return
}
$drives = @(Get-VMDvdDrive -VM $vm)
if ($drives.Count -eq 0) {
    Write-Result 'no-dvd-drive' $false $null $null $null
    return
}
$inserted = @($drives | Where-Object { $_.Path -and $_.Path -eq $iso })
if ($inserted.Count -gt 0) {
    Write-Result 'already-inserted' $false $inserted[0] $iso $iso
    return
}
$drive = @($drives | Where-Object { -not $_.Path }) + @($drives) | Microsoft.PowerShell.Utility\Select-Object -First 1
$previous = $drive.Path
if ($previous -and -not $replaceMedia) {
    Write-Result 'needs-confirmation' $false $drive $previous $previous
    return
}

if ($previous) {
    # Keep the admin's media so it can be put back, also after a reload or a live migration: the
    # record travels with the VM's configuration.
    $stateFolder = [string]$vm.ConfigurationLocation
    if (-not $stateFolder) { $stateFolder = [string]$vm.Path }
    $stateFile = Join-Path $stateFolder ($restoreRecordFileNameFormat -f $vmId)
    New-Item -ItemType Directory -Path $stateFolder -Force | Out-Null
    $record = [ordered]@{
        vmId = $vmId.ToString(); controllerType = [string]$drive.ControllerType; controller = [int]$drive.ControllerNumber
        location = [int]$drive.ControllerLocation; previousPath = [string]$previous
    }
    ConvertTo-Json -InputObject $record | Set-Content -LiteralPath $stateFile -Encoding UTF8
}

if ($vm.IsClustered) {
    # The setup disk is on each node, not on shared storage: the cluster can't verify it for every node.
    $drive | Set-VMDvdDrive -Path $iso -AllowUnverifiedPaths
}
else {
    $drive | Set-VMDvdDrive -Path $iso
}
Write-Result 'inserted' $true $drive $previous $iso
