<#
.SYNOPSIS
Makes this PowerShell session look like the Hyper-V host a scenario file describes.

.DESCRIPTION
Sets the computer name and culture, puts the simulated Hyper-V module on PSModulePath (only when
the scenario's host has the module), answers Get-CimInstance for the classes the product's scripts
read and Get-ItemProperty for the host's Windows version key, and logs every Hyper-V cmdlet call
and CIM query (Get-HvSimCallLog, Reset-HvSimCallLog). Run it once per session, before the
product's scripts:
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
# Every Hyper-V cmdlet call (logged by the module) and CIM query (logged below) of this host, in order.
$global:HvSimCalls = New-Object System.Collections.Generic.List[object]
function global:Get-HvSimCallLog { $global:HvSimCalls.ToArray() }
function global:Reset-HvSimCallLog { $global:HvSimCalls.Clear() }

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
    $global:HvSimCalls.Add([pscustomobject]@{ Cmdlet = "Get-CimInstance $ClassName"; Objects = 1 })
    if ($ClassName -eq 'Win32_OperatingSystem') {
        return [pscustomobject]@{ Version = $global:HvSimHostFacts.OSVersion; Caption = 'Microsoft Windows Server'; CSName = $global:HvSimHostFacts.ComputerName }
    }
    # The Hyper-V classes and the cluster live with the scenario's state, inside the simulated module
    # (there only when the host has it): the query runs in that module's scope.
    $hvSimModule = Get-Module -Name Hyper-V
    if (-not $hvSimModule -and $global:HvSimHostFacts.HyperVModule) { $hvSimModule = Import-Module -Name Hyper-V -PassThru }
    if ($hvSimModule) {
        # The module returns a failure as an ErrorRecord object; it becomes this command's error.
        foreach ($hvSimItem in @(& $hvSimModule { param($n, $c) Get-HvSimCimInstance -Namespace $n -ClassName $c } $Namespace $ClassName)) {
            if ($hvSimItem -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.WriteError($hvSimItem) } else { $hvSimItem }
        }
        return
    }
    $exception = New-Object System.InvalidOperationException ('Invalid namespace')
    $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord ($exception, 'HRESULT 0x8004100e', 'MetadataError', $Namespace)))
}

# The host's Windows version key, as the registry has it (no registry on this machine): Windows
# Server 2016 and later add CurrentMajorVersionNumber / CurrentMinorVersionNumber; CurrentVersion
# stays 6.3 for compatibility. Other paths go to the real cmdlet.
function global:Get-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1)][string[]]$Name)
    $hvSimKey = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
    if ($hvSimKey -and $hvSimKey -match '^(HKLM:|Registry::HKEY_LOCAL_MACHINE)\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\?$') {
        $hvSimVersion = [version]$global:HvSimHostFacts.OSVersion
        $hvSimValues = [ordered]@{ CurrentVersion = '6.3'; CurrentBuildNumber = [string]$hvSimVersion.Build; CurrentBuild = [string]$hvSimVersion.Build; ProductName = 'Windows Server' }
        if ($hvSimVersion.Major -ge 10) {
            $hvSimValues.CurrentMajorVersionNumber = [int]$hvSimVersion.Major
            $hvSimValues.CurrentMinorVersionNumber = [int]$hvSimVersion.Minor
        }
        return [pscustomobject]$hvSimValues
    }
    Microsoft.PowerShell.Management\Get-ItemProperty @PSBoundParameters
}
