<#
.SYNOPSIS
Counts the Hyper-V cmdlet calls and CIM queries of one scan of a 10-VM and a 1,000-VM simulated
host, and the snapshot's size per VM; prints one JSON object.

.DESCRIPTION
Every entry of the simulated host's log counts (Get-HvSimCallLog: each Hyper-V cmdlet call and each
Get-CimInstance query), none left out.
#>
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
# The script as the build assembles it (with its helpers), from the current sources.
$assembled = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js')
if ($LASTEXITCODE -ne 0) { throw "The scripts could not be assembled: $assembled" }
$script = Join-Path $assembled 'Get-ReplicaFailoverIpSnapshot.ps1'
$result = [ordered]@{}
foreach ($count in 10, 1000) {
    $scenario = Join-Path ([System.IO.Path]::GetTempPath()) "bench-host-$count.json"
    & (Join-Path $root 'test/scenarios/New-LargeHostScenario.ps1') -VmCount $count -Path $scenario
    . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $scenario
    $started = Get-Date
    $text = & $script
    $seconds = ((Get-Date) - $started).TotalSeconds
    $calls = @(Get-HvSimCallLog)
    $result["vms$count"] = [ordered]@{
        cmdletCalls = @($calls | Where-Object { $_.Cmdlet -notlike 'Get-CimInstance *' }).Count
        cimQueries = @($calls | Where-Object { $_.Cmdlet -like 'Get-CimInstance *' }).Count
        queries = $calls.Count
        calls = @($calls | ForEach-Object { $_.Cmdlet })
        bytes = [System.Text.Encoding]::UTF8.GetByteCount($text)
        scanSeconds = [math]::Round($seconds, 2)
    }
    Remove-Item -LiteralPath $scenario
}
$result.cmdletCallsGrowth = $result.vms1000.cmdletCalls - $result.vms10.cmdletCalls
$result.queriesGrowth = $result.vms1000.queries - $result.vms10.queries
$result.queriesPerScan = $result.vms1000.queries
$result.bytesPerVm = [math]::Round($result.vms1000.bytes / 1000, 1)
ConvertTo-Json -InputObject $result -Compress
