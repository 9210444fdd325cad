<#
.SYNOPSIS
Makes this PowerShell session look like the Hyper-V host a scenario file describes.

.DESCRIPTION
Sets the computer name and culture, puts the simulated Hyper-V module on PSModulePath (only when
the scenario's host has the module), and answers Get-CimInstance for the classes the product's
scripts read. Run it once per session, before the product's scripts:
    . ./test/simulator/Enter-SimulatedHost.ps1 -ScenarioPath test/scenarios/primary-host.json
#>
param([Parameter(Mandatory = $true)][string]$ScenarioPath)

# Dot-sourced into the caller: every variable here has the hvSim prefix, so none overwrites the caller's
# (and the caller's error preference is left alone: failures below stop with -ErrorAction Stop or throw).
$hvSimResolved = (Resolve-Path -LiteralPath $ScenarioPath -ErrorAction Stop).Path
$hvSimScenario = Get-Content -Raw -LiteralPath $hvSimResolved -ErrorAction Stop | ConvertFrom-Json -ErrorAction Stop
if ($hvSimScenario.format -ne 'hyperv-host-scenario/1') { throw "Unknown scenario format '$($hvSimScenario.format)' in $hvSimResolved." }

$env:HVSIM_SCENARIO = $hvSimResolved
$env:COMPUTERNAME = $hvSimScenario.host.ComputerName
if ($hvSimScenario.host.Culture) {
    [System.Globalization.CultureInfo]::CurrentCulture = $hvSimScenario.host.Culture
    [System.Globalization.CultureInfo]::CurrentUICulture = $hvSimScenario.host.Culture
}

$hvSimModules = Join-Path $PSScriptRoot 'modules'
$hvSimPaths = @($env:PSModulePath -split [System.IO.Path]::PathSeparator | Where-Object { $_ -and $_ -ne $hvSimModules })
if ($hvSimScenario.host.HyperVModule) { $hvSimPaths = @($hvSimModules) + $hvSimPaths }
$env:PSModulePath = $hvSimPaths -join [System.IO.Path]::PathSeparator
Remove-Module Hyper-V -ErrorAction SilentlyContinue

$global:HvSimHostFacts = $hvSimScenario.host

# A Windows directory and ProgramData of this simulated host, private to the session: hosts before
# Windows Server 2016 carry the integration services setup disk in System32.
$hvSimHostRoot = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsim-" + [guid]::NewGuid().ToString('N'))
$env:windir = Join-Path $hvSimHostRoot 'Windows'
$env:ProgramData = Join-Path $hvSimHostRoot 'ProgramData'
New-Item -ItemType Directory -Path (Join-Path $env:windir 'System32'), $env:ProgramData -Force | Out-Null
if (([version]$hvSimScenario.host.OSVersion).Major -lt 10) {
    Set-Content -LiteralPath (Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso') -Value 'simulated integration services setup disk'
}

function global:Get-CimInstance {
    [CmdletBinding()]
    param([string]$Namespace, [Parameter(Position = 0)][string]$ClassName, [string]$Filter)
    if ($ClassName -eq 'Win32_OperatingSystem') {
        return [pscustomobject]@{ Version = $global:HvSimHostFacts.OSVersion; Caption = 'Microsoft Windows Server'; CSName = $global:HvSimHostFacts.ComputerName }
    }
    if (Get-Command -Name Get-HvSimCimInstance -ErrorAction SilentlyContinue) {
        return Get-HvSimCimInstance -Namespace $Namespace -ClassName $ClassName
    }
    $exception = New-Object System.InvalidOperationException ('Invalid namespace')
    $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord ($exception, 'HRESULT 0x8004100e', 'MetadataError', $Namespace)))
}
