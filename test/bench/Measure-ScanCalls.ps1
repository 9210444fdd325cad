<#
.SYNOPSIS
Counts the Hyper-V cmdlet calls of one scan of a 10-VM and a 1,000-VM simulated host, and the
snapshot's size per VM; prints one JSON object.
#>
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$script = Join-Path $root 'src/resources/scripts/Get-ReplicaFailoverIpSnapshot.ps1'
$perAdapter = 'Get-VMNetworkAdapterFailoverConfiguration'
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
        batchedCalls = @($calls | Where-Object { $_.Cmdlet -ne $perAdapter }).Count
        perAdapterCalls = @($calls | Where-Object { $_.Cmdlet -eq $perAdapter }).Count
        bytes = [System.Text.Encoding]::UTF8.GetByteCount($text)
        scanSeconds = [math]::Round($seconds, 2)
    }
    Remove-Item -LiteralPath $scenario
}
$result.cmdletCallsGrowth = $result.vms1000.batchedCalls - $result.vms10.batchedCalls
$result.bytesPerVm = [math]::Round($result.vms1000.bytes / 1000, 1)
ConvertTo-Json -InputObject $result -Compress
