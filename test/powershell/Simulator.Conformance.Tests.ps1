# The simulated Hyper-V module against the real module's public surface
# (test/reference/hyperv-module-2.0.json; test/reference/README.md says where it comes from):
# every cmdlet it exports is a real cmdlet with the real parameters, types, mandatory flags, sets,
# positions and pipeline input; every object it returns is of the real output class with real
# property names and types; every enum it declares has the real members and values. No exclusions.
# The last block proves that the comparison catches each kind of difference. What the cmdlets do
# is held to the real module by Simulator.Behaviour.Tests.ps1.

BeforeDiscovery {
    $root = Join-Path $PSScriptRoot '../..'
    Import-Module (Join-Path $PSScriptRoot 'SimulatorConformance.psm1') -Force
    . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath (Join-Path $root 'test/scenarios/primary-host.json')
    $module = Import-Module Hyper-V -PassThru -Force
    $cmdlets = @($module.ExportedCommands.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
    $moduleAst = [System.Management.Automation.Language.Parser]::ParseFile($module.Path, [ref]$null, [ref]$null)
    $enums = @($moduleAst.FindAll({ param($n) $n -is [System.Management.Automation.Language.TypeDefinitionAst] -and $n.IsEnum }, $true) |
        ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    Import-Module (Join-Path $PSScriptRoot 'SimulatorConformance.psm1') -Force
    $script:Reference = Read-HvReference (Join-Path $root 'test/reference/hyperv-module-2.0.json')

    # What every simulated cmdlet returns on every scenario of the project, by cmdlet.
    # Set-VMDvdDrive, Enable-VMIntegrationService and Set-VMNetworkAdapterFailoverConfiguration return
    # objects with -Passthru; they are called so that nothing changes (an empty drive emptied again, an
    # enabled component enabled again, an empty IPv6 family cleared again).
    $script:Outputs = @{}
    function Add-Output([string]$cmdlet, $objects) {
        if (-not $script:Outputs.ContainsKey($cmdlet)) { $script:Outputs[$cmdlet] = New-Object System.Collections.Generic.List[object] }
        foreach ($o in @($objects)) { if ($null -ne $o) { $script:Outputs[$cmdlet].Add($o) } }
    }
    $scenarioFiles = @(Get-ChildItem -Path (Join-Path $root 'test/scenarios') -Filter '*.json')
    foreach ($file in $scenarioFiles) {
        $scenario = Get-Content -Raw -LiteralPath $file.FullName | ConvertFrom-Json
        if (-not $scenario.host.HyperVModule) { continue }
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $file.FullName
        Import-Module Hyper-V -Force
        $vms = @(Get-VM -ErrorAction SilentlyContinue)
        Add-Output 'Get-VM' $vms
        if ($vms.Count -eq 0) { continue }
        Add-Output 'Get-VMReplication' (Get-VMReplication -VM $vms -ErrorAction SilentlyContinue)
        $components = @(Get-VMIntegrationService -VM $vms -ErrorAction SilentlyContinue)
        Add-Output 'Get-VMIntegrationService' $components
        $adapters = @(Get-VMNetworkAdapter -VM $vms -ErrorAction SilentlyContinue)
        Add-Output 'Get-VMNetworkAdapter' $adapters
        $drives = @(Get-VMDvdDrive -VM $vms -ErrorAction SilentlyContinue)
        Add-Output 'Get-VMDvdDrive' $drives
        $emptyDrives = @($drives | Where-Object { -not $_.Path })
        if ($emptyDrives.Count -gt 0) { Add-Output 'Set-VMDvdDrive' ($emptyDrives[0] | Set-VMDvdDrive -Path $null -Passthru) }
        # Set-VMNetworkAdapterFailoverConfiguration clearing an IPv6 family that is empty changes nothing
        # and passes the settings through (the real cmdlet refuses a call with no setting at all).
        $synthetic = @($adapters | Where-Object { -not $_.IsLegacy })
        if ($synthetic.Count -gt 0) {
            Add-Output 'Get-VMNetworkAdapterFailoverConfiguration' ($synthetic | Get-VMNetworkAdapterFailoverConfiguration -ErrorAction SilentlyContinue)
            $withoutIpv6 = @($synthetic | Where-Object { $s = @($_ | Get-VMNetworkAdapterFailoverConfiguration -ErrorAction SilentlyContinue); $s.Count -eq 1 -and -not $s[0].IPv6Address })
            if ($withoutIpv6.Count -gt 0) {
                Add-Output 'Set-VMNetworkAdapterFailoverConfiguration' ($withoutIpv6[0] | Set-VMNetworkAdapterFailoverConfiguration -ClearFailoverIPv6Settings -Passthru -ErrorAction SilentlyContinue)
            }
        }
        $enabled = @($components | Where-Object Enabled)
        if ($enabled.Count -gt 0) { Add-Output 'Enable-VMIntegrationService' ($enabled[0] | Enable-VMIntegrationService -Passthru) }
    }
    # Back to a scenario of the project for the cmdlet and enum checks below.
    . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath (Join-Path $root 'test/scenarios/primary-host.json')
    $script:Module = Import-Module Hyper-V -PassThru -Force
}

Describe 'Simulated cmdlet <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = $Module.ExportedCommands[$Name]
        $real = $Reference.cmdlets[$Name]
    }

    It 'is a cmdlet of the real module' {
        $real | Should -Not -BeNullOrEmpty -Because "$Name is exported by the simulated Hyper-V module"
    }

    It 'has only real parameters, typed as the real ones, mandatory where they are, in the real sets, positions and pipeline input' {
        Compare-HvCmdletParameters -Command $command -Reference $real | Should -BeNullOrEmpty
    }

    It 'returns objects of the real output class, whose properties exist on it with compatible types' {
        $objects = $Outputs[$Name]
        $objects | Should -Not -BeNullOrEmpty -Because 'every simulated cmdlet is exercised on the scenarios'
        $problems = foreach ($object in $objects) { Compare-HvObject $object $Reference -OutputType $real.outputType -Where $Name }
        $problems | Sort-Object -Unique | Should -BeNullOrEmpty
    }
}

Describe 'Simulated enum <Name>' -ForEach $enums {
    It 'has exactly the real members and values' {
        $type = & $Module ([scriptblock]::Create("[$Name]"))
        Compare-HvEnum -Name $Name -Members (Get-HvEnumMembers $type) -Reference $Reference | Should -BeNullOrEmpty
    }
}

Describe 'The conformance comparison' {
    It 'reads type names sensibly' {
        ConvertTo-HvCanonicalTypeName 'string[]' | Should -Be (ConvertTo-HvSimTypeName ([string[]]))
        ConvertTo-HvCanonicalTypeName 'switch' | Should -Be (ConvertTo-HvSimTypeName ([switch]))
        ConvertTo-HvCanonicalTypeName 'System.Nullable[guid]' | Should -Be (ConvertTo-HvSimTypeName ([Nullable[guid]]))
        ConvertTo-HvCanonicalTypeName 'System.Nullable[guid]' | Should -Not -Be (ConvertTo-HvSimTypeName ([guid]))
        ConvertTo-HvCanonicalTypeName 'CimSession[]' | Should -Be 'Microsoft.Management.Infrastructure.CimSession[]'
        ConvertTo-HvCanonicalTypeName 'System.Collections.Generic.List<Microsoft.HyperV.PowerShell.VMNetworkAdapter>' |
            Should -Be 'System.Collections.Generic.List<Microsoft.HyperV.PowerShell.VMNetworkAdapter>'
        ConvertTo-HvSimTypeName ([object[]]) 'Microsoft.HyperV.PowerShell.VirtualMachine' | Should -Be 'Microsoft.HyperV.PowerShell.VirtualMachine[]'
    }

    It 'catches the kinder parameters of the old simulated Get-VMDvdDrive' {
        function Test-KindDvdDrive {
            [CmdletBinding()]
            param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][object[]]$VM, [int]$ControllerNumber, [switch]$Bogus)
        }
        $problems = Compare-HvCmdletParameters -Command (Get-Command Test-KindDvdDrive) -Reference $Reference.cmdlets['Get-VMDvdDrive'] -Name 'Get-VMDvdDrive'
        $problems | Should -Contain 'Get-VMDvdDrive -Bogus: the real cmdlet has no such parameter'
        $problems | Should -Contain 'Get-VMDvdDrive -VM: typed System.Object[], the real cmdlet has Microsoft.HyperV.PowerShell.VirtualMachine[]'
        $problems | Should -Contain 'Get-VMDvdDrive -ControllerNumber: typed System.Int32, the real cmdlet has System.Nullable<System.Int32>'
        $problems | Should -Contain 'Get-VMDvdDrive -VMName: optional in parameter set __AllParameterSets, mandatory in the real set VMName'
        $problems | Should -Contain 'Get-VMDvdDrive -VM: position  in parameter set __AllParameterSets, the real set VMObject has 0'
    }

    It 'catches a parameter set, position, pipeline input or alias the real cmdlet lacks, and a set without its mandatory parameter' {
        function Test-OddReplication {
            [CmdletBinding(DefaultParameterSetName = 'VMName')]
            param([Parameter(ParameterSetName = 'VMName', Position = 1, ValueFromPipeline = $true)][Alias('VM1')][string[]]$VMName,
                [Parameter(ParameterSetName = 'Extra')][string]$ReplicaServerName,
                [Parameter(ParameterSetName = 'VMObject')][switch]$Dummy)
        }
        $problems = Compare-HvCmdletParameters -Command (Get-Command Test-OddReplication) -Reference $Reference.cmdlets['Get-VMReplication'] -Name 'Get-VMReplication'
        $problems | Should -Contain 'Get-VMReplication -VMName: position 1 in parameter set VMName, the real set VMName has 0'
        $problems | Should -Contain 'Get-VMReplication -VMName: alias VM1, which the real cmdlet doesn''t have'
        $problems | Should -Contain 'Get-VMReplication -ReplicaServerName: accepted in parameter set Extra, where the real cmdlet doesn''t accept it'
        $problems | Should -Contain 'Get-VMReplication: parameter set VMObject works without -VM, which the real set requires'
        $pipelineProblems = Compare-HvCmdletParameters -Command (Get-Command Test-OddReplication) -Reference $Reference.cmdlets['Set-VMReplication'] -Name 'Set-VMReplication'
        $pipelineProblems | Should -Not -BeNullOrEmpty
    }

    It 'catches an object with a property the real class lacks, a wrong type, an impossible null or a wrong PSTypeName' {
        $wrong = [pscustomobject]@{
            PSTypeName        = 'Microsoft.HyperV.PowerShell.VMReplication'
            VMName            = 'SQL01'
            VMId              = '9f1c2a7e-3b5d-4e61-8a0c-1d2e3f405162'
            ReplicationMode   = 1
            ReplicationHealth = $null
            Mode              = 1
        }
        $problems = @(Compare-HvObject $wrong $Reference -OutputType 'Microsoft.HyperV.PowerShell.VMReplication')
        $problems | Should -Contain 'object.VMId: System.String, the real type is System.Guid'
        $problems | Should -Contain 'object.ReplicationMode: System.Int32, the real type is Microsoft.HyperV.PowerShell.VMReplicationMode'
        $problems | Should -Contain 'object.ReplicationHealth: null, but the real type Microsoft.HyperV.PowerShell.VMReplicationHealthState can''t be null'
        $problems | Should -Contain 'object.Mode: the real class VMReplication has no such property'
        Compare-HvObject ([pscustomobject]@{ Name = 'x' }) $Reference | Should -Match 'PSTypeName System.Management.Automation.PSCustomObject is not a class of the real module'
        Compare-HvObject ([pscustomobject]@{ PSTypeName = 'Microsoft.HyperV.PowerShell.DvdDrive'; Path = $null }) $Reference -OutputType 'Microsoft.HyperV.PowerShell.VirtualMachine' |
            Should -Match 'the real cmdlet returns Microsoft.HyperV.PowerShell.VirtualMachine'
    }

    It 'catches the old simulated VMState, whose *Critical values were off by four' {
        $old = [ordered]@{ Other = 1; Running = 2; Off = 3; Stopping = 4; Saved = 6; Paused = 9; Starting = 10; Reset = 11
            Saving = 32773; Pausing = 32776; Resuming = 32777; FastSaved = 32779; FastSaving = 32780
            RunningCritical = 32781; OffCritical = 32782; StoppingCritical = 32783; SavedCritical = 32784
            PausedCritical = 32785; StartingCritical = 32786; ResetCritical = 32787; SavingCritical = 32788
            PausingCritical = 32789; ResumingCritical = 32790; FastSavedCritical = 32791; FastSavingCritical = 32792 }
        $problems = @(Compare-HvEnum -Name 'VMState' -Members $old -Reference $Reference)
        $problems | Should -Contain 'enum VMState: RunningCritical = 32781, the real value is 32785'
        $problems | Should -Contain 'enum VMState: lacks the real member ForceShutdown = 32781'
        Compare-HvEnum -Name 'ControllerType' -Members ([ordered]@{ IDE = 0; SCSI = 1 }) -Reference $Reference | Should -Be 'enum ControllerType: lacks the real member PMEM = 2'
        Compare-HvEnum -Name 'VMFoo' -Members ([ordered]@{ A = 0 }) -Reference $Reference | Should -Be 'enum VMFoo: the real module has no such enum'
        Compare-HvEnum -Name 'ControllerType' -Members ([ordered]@{ IDE = 0; SCSI = 1; PMEM = 2; NVMe = 3 }) -Reference $Reference | Should -Be 'enum ControllerType: NVMe = 3 is not a real member'
    }
}
