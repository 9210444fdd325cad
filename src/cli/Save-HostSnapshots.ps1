<#
.SYNOPSIS
Collects replica failover IP snapshots from many Hyper-V hosts with PowerShell remoting, one file per host.

.DESCRIPTION
Runs Get-ReplicaFailoverIpSnapshot.ps1 on every host at once (Invoke-Command -ComputerName ...
-FilePath ...) and saves each host's snapshot as <host>.json in OutputFolder. Hosts that don't
answer are listed on the error stream and in <OutputFolder>/unreachable.txt. Then judge the fleet:
    npm run --silent check -- --snapshot <OutputFolder>

.EXAMPLE
./src/cli/Save-HostSnapshots.ps1 -ComputerName hv01, hv02, hv03 -OutputFolder snapshots
#>
param(
    [Parameter(Mandatory = $true)][string[]]$ComputerName,
    [string]$OutputFolder = 'snapshots',
    [System.Management.Automation.PSCredential]$Credential,
    [int]$ThrottleLimit = 32
)

$ErrorActionPreference = 'Stop'
$scriptPath = Join-Path $PSScriptRoot '../resources/scripts/Get-ReplicaFailoverIpSnapshot.ps1'
New-Item -ItemType Directory -Path $OutputFolder -Force | Out-Null

$remoting = @{ ComputerName = $ComputerName; FilePath = $scriptPath; ThrottleLimit = $ThrottleLimit; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'failures' }
if ($Credential) { $remoting.Credential = $Credential }
$failures = $null
$answered = @{}
foreach ($output in @(Invoke-Command @remoting)) {
    $name = [string]$output.PSComputerName
    Set-Content -LiteralPath (Join-Path $OutputFolder "$name.json") -Value ([string]$output) -Encoding UTF8
    $answered[$name] = $true
}
$unreachable = @($ComputerName | Where-Object { -not $answered.ContainsKey($_) })
foreach ($failure in @($failures)) {
    Write-Error -Message "$($failure.TargetObject): $($failure.Exception.Message)" -ErrorAction Continue
}
if ($unreachable.Count -gt 0) {
    Set-Content -LiteralPath (Join-Path $OutputFolder 'unreachable.txt') -Value $unreachable -Encoding UTF8
}
[pscustomobject]@{ Saved = $answered.Count; Unreachable = $unreachable }
