<#
.SYNOPSIS
Collects replica failover IP snapshots from many Hyper-V hosts with PowerShell remoting, one file per host.

.DESCRIPTION
Runs Get-ReplicaFailoverIpSnapshot.ps1 (as assembled into dist-ps/scripts/ by npm run generate) on every host at once (Invoke-Command -ComputerName ...
-FilePath ...) and saves each host's snapshot as <host>.json in OutputFolder. Hosts that don't
answer are listed on the error stream and in <OutputFolder>/unreachable.txt. A host that answered
but could not be scanned (its snapshot carries a host error: AccessDenied when the account is
neither a local Administrator nor in Hyper-V Administrators there, HyperVModuleMissing, ...) is
saved too, and named on the error stream with its message. Then judge the fleet:
    npm run --silent check -- --snapshot <OutputFolder>

.PARAMETER ComputerName
The Hyper-V hosts (or cluster nodes) to read, as PowerShell remoting names them.

.PARAMETER OutputFolder
Where to save <host>.json per host (created if missing). Default: snapshots.

.PARAMETER Credential
The account for PowerShell remoting; without it, the current one.

.PARAMETER ThrottleLimit
How many hosts Invoke-Command reads at once. Default: 32.

.EXAMPLE
./src/cli/Save-HostSnapshots.ps1 -ComputerName hv01, hv02, hv03 -OutputFolder snapshots
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string[]]$ComputerName,
    [string]$OutputFolder = 'snapshots',
    [System.Management.Automation.PSCredential]$Credential,
    [int]$ThrottleLimit = 32
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
# The script as the build assembles it with its helpers (npm run generate writes dist-ps/scripts/).
$scriptPath = Join-Path $PSScriptRoot '../../dist-ps/scripts/Get-ReplicaFailoverIpSnapshot.ps1'
if (-not (Test-Path -LiteralPath $scriptPath -PathType Leaf)) { throw "$scriptPath is missing: run 'npm run generate' in the project first (it assembles the scripts sent to hosts)." }
New-Item -ItemType Directory -Path $OutputFolder -Force | Out-Null

$remoting = @{ ComputerName = $ComputerName; FilePath = $scriptPath; ThrottleLimit = $ThrottleLimit; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'failures' }
if ($Credential) { $remoting.Credential = $Credential }
$failures = $null
$answered = @{}
$hostErrors = New-Object System.Collections.ArrayList
foreach ($output in @(Invoke-Command @remoting)) {
    $name = [string]$output.PSComputerName
    Set-Content -LiteralPath (Join-Path $OutputFolder "$name.json") -Value ([string]$output) -Encoding UTF8
    $answered[$name] = $true
    $snapshot = $null
    try {
        $snapshot = [string]$output | ConvertFrom-Json -ErrorAction Stop
    }
    catch {
        # Saved as it came; the check reports the file as not a valid snapshot. Named here too.
        [void]$hostErrors.Add([pscustomobject]@{ ComputerName = $name; Code = 'InvalidSnapshot'; Message = $_.Exception.Message })
        Write-Error -Message "${name}: InvalidSnapshot: the output is not JSON: $($_.Exception.Message)" -ErrorAction Continue
        continue
    }
    if ($snapshot -and $snapshot.PSObject.Properties['error'] -and $snapshot.error) {
        $fields = $snapshot.error.PSObject.Properties
        $code = $(if ($fields['code']) { [string]$fields['code'].Value } else { '' })
        $message = $(if ($fields['message']) { [string]$fields['message'].Value } else { '' })
        [void]$hostErrors.Add([pscustomobject]@{ ComputerName = $name; Code = $code; Message = $message })
        Write-Error -Message "${name}: ${code}: $message" -ErrorAction Continue
    }
}
$unreachable = @($ComputerName | Where-Object { -not $answered.ContainsKey($_) })
foreach ($failure in @($failures)) {
    Write-Error -Message "$($failure.TargetObject): $($failure.Exception.Message)" -ErrorAction Continue
}
if ($unreachable.Count -gt 0) {
    Set-Content -LiteralPath (Join-Path $OutputFolder 'unreachable.txt') -Value $unreachable -Encoding UTF8
}
[pscustomobject]@{ Saved = $answered.Count; Unreachable = $unreachable; HostErrors = $hostErrors.ToArray() }
