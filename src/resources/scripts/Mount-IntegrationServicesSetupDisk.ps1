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

.ROLE
Administrators

#>
param(
    [Parameter(Mandatory = $true)][string]$vmId,
    [bool]$replaceMedia = $false
)

$ErrorActionPreference = 'Stop'
$id = [guid]::Empty
try { $id = [guid]$vmId }   # a cast, not TryParse: [ref] is not allowed in constrained language
catch { throw "'$vmId' is not a VM Id: a GUID is expected." }

function Write-Result([string]$status, [bool]$changed, $drive, $before, $after) {
    $driveText = $null
    if ($drive) { $driveText = '{0} {1}:{2}' -f $drive.ControllerType, $drive.ControllerNumber, $drive.ControllerLocation }
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
    $stateFile = Join-Path $stateFolder "hvtools-setup-disk-restore.$id.json"
    New-Item -ItemType Directory -Path $stateFolder -Force | Out-Null
    $record = [ordered]@{
        vmId = $id.ToString(); controllerType = [string]$drive.ControllerType; controller = [int]$drive.ControllerNumber
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
