<#

.SYNOPSIS
Inserts the integration services setup disk into a VM's DVD drive (hosts before Windows Server 2016).

.DESCRIPTION
Puts %WINDIR%\System32\vmguest.iso into a DVD drive of the VM given by Id. An empty drive is used
first. If every drive holds other media, nothing changes unless replaceMedia is set; then the
previous media's path is kept on the host (ProgramData) so Dismount-IntegrationServicesSetupDisk
can put it back. Never adds hardware. Running it twice leaves the same state. Returns one JSON
object: status, changed, drive, before, after.

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

$vm = Get-VM -Id $id
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
    # Keep the admin's media so it can be put back, also after the page is reloaded.
    $stateFolder = Join-Path (Join-Path $env:ProgramData 'hvtools') 'replica-failover-ip'
    $stateFile = Join-Path $stateFolder 'setup-disk-restore.json'
    New-Item -ItemType Directory -Path $stateFolder -Force | Out-Null
    $records = @{}
    if (Test-Path -LiteralPath $stateFile) {
        (Get-Content -Raw -LiteralPath $stateFile | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $records[$_.Name] = $_.Value }
    }
    $records[$id.ToString()] = [ordered]@{
        controllerType = [string]$drive.ControllerType; controller = [int]$drive.ControllerNumber
        location = [int]$drive.ControllerLocation; previousPath = [string]$previous
    }
    ConvertTo-Json -InputObject $records -Depth 4 | Set-Content -LiteralPath $stateFile -Encoding UTF8
}

$drive | Set-VMDvdDrive -Path $iso
Write-Result 'inserted' $true $drive $previous $iso
