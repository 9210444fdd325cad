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

$hvSimHostRoot = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsim-" + [guid]::NewGuid().ToString('N'))
# Drives of the simulated host: C: and every drive an ISO path of the scenario names are folders
# under the host's root, so the scripts' Windows paths (D:\ISO\x.iso) work on this machine. The ISO
# files that exist there: host.IsoFiles, plus every ISO a DVD drive holds (a real host could not
# have inserted a missing file). On a cluster node C:\ClusterStorage is the cluster's shared storage:
# the folder $env:HVSIM_SHARED_STORAGE when set (every node simulated with it sees the same files),
# else a folder of this session.
$hvSimIsoFiles = @($hvSimScenario.host.PSObject.Properties['IsoFiles'] | ForEach-Object { $_.Value }) +
    @($hvSimScenario.vms | ForEach-Object { @($_.DvdDrives) } | Where-Object { $_ -and $_.Path } | ForEach-Object { $_.Path }) |
    Where-Object { $_ -match '^[A-Za-z]:\\' }
# The drives of a host simulated earlier in this session go: another host has its own.
foreach ($hvSimLetter in @($global:HvSimDrives)) {
    if ($hvSimLetter) { Remove-PSDrive -Name $hvSimLetter -Scope Global -Force -ErrorAction SilentlyContinue }
}
$global:HvSimDrives = @(@('C') + @($hvSimIsoFiles | ForEach-Object { $_.Substring(0, 1).ToUpperInvariant() }) | Select-Object -Unique)
foreach ($hvSimLetter in $global:HvSimDrives) {
    $hvSimDriveRoot = Join-Path $hvSimHostRoot ('drive-' + $hvSimLetter)
    New-Item -ItemType Directory -Path $hvSimDriveRoot -Force | Out-Null
    Remove-PSDrive -Name $hvSimLetter -Scope Global -Force -ErrorAction SilentlyContinue
    New-PSDrive -Name $hvSimLetter -PSProvider FileSystem -Root $hvSimDriveRoot -Scope Global | Out-Null
}
if ($hvSimScenario.host.ClusterName) {
    $hvSimShared = $env:HVSIM_SHARED_STORAGE
    if (-not $hvSimShared) { $hvSimShared = Join-Path $hvSimHostRoot 'shared-storage' }
    New-Item -ItemType Directory -Path $hvSimShared -Force | Out-Null
    New-Item -ItemType SymbolicLink -Path (Join-Path (Join-Path $hvSimHostRoot 'drive-C') 'ClusterStorage') -Target $hvSimShared | Out-Null
}
# A Windows directory and ProgramData of this simulated host, on its C: drive (the same paths on
# every simulated node, as on real ones): hosts before Windows Server 2016 carry the integration
# services setup disk in System32.
$env:windir = 'C:\Windows'
$env:ProgramData = 'C:\ProgramData'
New-Item -ItemType Directory -Path (Join-Path $env:windir 'System32'), $env:ProgramData -Force | Out-Null
if (([version]$hvSimScenario.host.OSVersion).Major -lt 10) {
    Set-Content -LiteralPath (Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso') -Value 'simulated integration services setup disk'
}

foreach ($hvSimIso in $hvSimIsoFiles) {
    New-Item -ItemType Directory -Path (Split-Path -Parent $hvSimIso) -Force | Out-Null
    if (-not (Test-Path -LiteralPath $hvSimIso)) { Set-Content -LiteralPath $hvSimIso -Value 'simulated ISO' }
}

# The caller's Windows identity: the scripts read their group SIDs with Get-CallerGroupSid
# ([System.Security.Principal.WindowsIdentity]::GetCurrent().Groups); an alias, which PowerShell
# resolves before functions, makes it answer from the scenario's host.Caller (both true when absent).
function global:Get-HvSimCallerGroupSid {
    $caller = $global:HvSimHostFacts.PSObject.Properties['Caller']
    $admin = -not $caller -or $null -eq $caller.Value -or [bool]$caller.Value.IsAdministrator
    $hyperVAdmin = -not $caller -or $null -eq $caller.Value -or [bool]$caller.Value.IsHyperVAdministrator
    'S-1-1-0'
    'S-1-5-32-545'
    if ($admin) { 'S-1-5-32-544' }
    if ($hyperVAdmin) { 'S-1-5-32-578' }
}
Set-Alias -Name Get-CallerGroupSid -Value Get-HvSimCallerGroupSid -Scope Global

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

# Live migration between simulated nodes (tests only): the VM's scenario entry leaves this host with
# Export-HvSimVm and joins another with Import-HvSimVm, inside the simulated module's scope.
function global:Export-HvSimVm([guid]$Id) {
    $hvSimModule = Get-Module -Name Hyper-V
    if (-not $hvSimModule) { $hvSimModule = Import-Module -Name Hyper-V -PassThru }
    & $hvSimModule { param($i) Export-HvSimVm -Id $i } $Id
}
function global:Import-HvSimVm($Vm) {
    $hvSimModule = Get-Module -Name Hyper-V
    if (-not $hvSimModule) { $hvSimModule = Import-Module -Name Hyper-V -PassThru }
    & $hvSimModule { param($v) Import-HvSimVm $v } $Vm
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
