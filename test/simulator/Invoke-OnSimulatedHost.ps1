<#
.SYNOPSIS
Runs one of the product's scripts on the simulated Hyper-V host that a scenario file describes.

.DESCRIPTION
Loads the scenario (Enter-SimulatedHost.ps1), then runs the script file with the parameters given
as a JSON object, and writes the script's output to stdout. Used by `npm run check -- --scenario`.
#>
param(
    [Parameter(Mandatory = $true)][string]$ScenarioPath,
    [Parameter(Mandatory = $true)][string]$ScriptPath,
    [string]$ParametersJson = '{}'
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Enter-SimulatedHost.ps1') -ScenarioPath $ScenarioPath
$parameters = @{}
($ParametersJson | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $parameters[$_.Name] = $_.Value }
& $ScriptPath @parameters
