<#

.SYNOPSIS
Ejects the integration services setup disk from a VM and puts back the media it replaced.

.DESCRIPTION
Reads the record Mount-IntegrationServicesSetupDisk kept on the host for the VM given by Id. If the
recorded drive still holds vmguest.iso, puts the previous media back (or leaves the drive empty
when there was none) and removes the record. If the admin changed the drive since, it is left as
it is. Running it twice leaves the same state. Returns one JSON object: status, changed, drive,
before, after.

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

function Write-Result([string]$status, [bool]$changed, $driveText, $before, $after) {
    ConvertTo-Json -Compress -InputObject ([ordered]@{ status = $status; changed = $changed; drive = $driveText; before = $before; after = $after })
}

$iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
$stateFile = Join-Path (Join-Path (Join-Path $env:ProgramData 'hvtools') 'replica-failover-ip') 'setup-disk-restore.json'
$records = @{}
if (Test-Path -LiteralPath $stateFile) {
    (Get-Content -Raw -LiteralPath $stateFile | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $records[$_.Name] = $_.Value }
}
$key = $id.ToString()
$vm = Get-VM -Id $id
$drives = @(Get-VMDvdDrive -VM $vm)
$record = $records[$key]

if (-not $record) {
    # No media to put back: just eject the setup disk if it is in a drive.
    $inserted = @($drives | Where-Object { $_.Path -and $_.Path -eq $iso })
    if ($inserted.Count -eq 0) {
        Write-Result 'nothing-to-restore' $false $null $null $null
        return
    }
    $inserted[0] | Set-VMDvdDrive -Path $null
    Write-Result 'ejected' $true ('{0} {1}:{2}' -f $inserted[0].ControllerType, $inserted[0].ControllerNumber, $inserted[0].ControllerLocation) $iso $null
    return
}

$driveText = '{0} {1}:{2}' -f $record.controllerType, $record.controller, $record.location
$drive = @($drives | Where-Object { [int]$_.ControllerNumber -eq [int]$record.controller -and [int]$_.ControllerLocation -eq [int]$record.location }) |
    Microsoft.PowerShell.Utility\Select-Object -First 1
$status = 'media-changed'
$changed = $false
$current = $null
if ($drive) { $current = $drive.Path }
if ($drive -and $current -eq $iso) {
    $drive | Set-VMDvdDrive -Path $record.previousPath
    $status = 'restored'
    $changed = $true
}
$records.Remove($key)
if ($records.Count -eq 0) {
    Remove-Item -LiteralPath $stateFile -Force
}
else {
    ConvertTo-Json -InputObject $records -Depth 4 | Set-Content -LiteralPath $stateFile -Encoding UTF8
}
$after = $current
if ($changed) { $after = [string]$record.previousPath }
Write-Result $status $changed $driveText $current $after
