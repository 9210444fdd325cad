<#
.SYNOPSIS
Runs every Pester test under test/ with the Pester module the project set-up brought from NuGet.
Exits 1 when any test fails or none ran.
#>
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$pester = Get-ChildItem -Path (Join-Path $PSScriptRoot '.tools/nuget/pester') -Filter 'Pester.psd1' -Recurse | Select-Object -First 1
if (-not $pester) {
    Write-Error "Pester is not installed: run 'bash .ci/setup' first."
    exit 1
}
Import-Module $pester.FullName -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = @(Join-Path $PSScriptRoot 'powershell')
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
if ($env:CI) { $configuration.Output.RenderMode = 'Plaintext' }
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = Join-Path $PSScriptRoot 'results/pester.xml'
$result = Invoke-Pester -Configuration $configuration

"pester: $($result.PassedCount) passed, $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount) failed, $($result.SkippedCount) skipped"
if ($result.Result -ne 'Passed' -or $result.PassedCount -eq 0) { exit 1 }
exit 0
