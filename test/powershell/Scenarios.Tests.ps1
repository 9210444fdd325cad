# Every scenario the simulated host can load (test/scenarios/, the public examples among them, and what
# New-LargeHostScenario.ps1 writes) describes a host that could exist: VM configuration versions the
# host's Windows Server release supports, and enum values that are members of the real enums
# (test/reference/hyperv-module-2.0.json).

BeforeDiscovery {
    $root = Join-Path $PSScriptRoot '../..'
    $scenarios = @(Get-ChildItem -Path (Join-Path $root 'test/scenarios') -Filter '*.json' |
        ForEach-Object { @{ Name = "$($_.Directory.Name)/$($_.Name)"; Path = $_.FullName } })
    $scenarios += @{ Name = 'New-LargeHostScenario.ps1'; Path = $null }
}

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    $reference = Get-Content -Raw -LiteralPath (Join-Path $root 'test/reference/hyperv-module-2.0.json') | ConvertFrom-Json

    # Windows Server release (OS version up to the build) -> the VM configuration versions it runs.
    # 2012 R2 runs 5.0 only; later releases add theirs up to the highest listed.
    $configurationVersions = @('5.0', '6.2', '7.0', '7.1', '8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0', '11.0', '12.0')
    $highestVersion = @{
        '6.3.9600'   = '5.0'    # Windows Server 2012 R2
        '10.0.14393' = '8.0'    # Windows Server 2016
        '10.0.17763' = '9.0'    # Windows Server 2019
        '10.0.20348' = '10.0'   # Windows Server 2022
        '10.0.26100' = '12.0'   # Windows Server 2025
    }

    # The problems of one scenario's VM configuration versions.
    function Get-VersionProblems($scenario) {
        $os = [string]$scenario.host.OSVersion
        $release = ($os -split '\.')[0..2] -join '.'
        if (-not $highestVersion.ContainsKey($release)) { return "host OSVersion $os is not a Windows Server release with Hyper-V this test knows" }
        foreach ($vm in @($scenario.vms)) {
            $version = [string]$vm.Version
            if ($configurationVersions -notcontains $version) { "$($vm.Name): Version $version is not a VM configuration version"; continue }
            if ([version]$version -gt [version]$highestVersion[$release]) { "$($vm.Name): Version $version, but a $os host runs at most $($highestVersion[$release])" }
        }
    }

    # The problems of one scenario's enum member names (case as the real enums spell them).
    function Get-EnumProblems($scenario) {
        function Test-Member([string]$enum, $value, [string]$where) {
            if ($null -eq $value) { return }
            $members = $reference.enums.$enum.PSObject.Properties
            if ($value -is [string]) {
                if (@($members | Where-Object { $_.Name -ceq $value }).Count -eq 0) { "${where}: '$value' is not a member of $enum" }
            }
            elseif (@($members | Where-Object { $_.Value -eq $value }).Count -eq 0) { "${where}: $value is not a value of $enum" }
        }
        foreach ($vm in @($scenario.vms)) {
            Test-Member 'VMState' $vm.State "$($vm.Name).State"
            if ($vm.Replication) {
                Test-Member 'VMReplicationMode' $vm.Replication.ReplicationMode "$($vm.Name).ReplicationMode"
                Test-Member 'VMReplicationState' $vm.Replication.ReplicationState "$($vm.Name).ReplicationState"
                Test-Member 'VMReplicationHealthState' $vm.Replication.ReplicationHealth "$($vm.Name).ReplicationHealth"
                Test-Member 'VMReplicationRelationshipType' $vm.Replication.ReplicationRelationshipType "$($vm.Name).ReplicationRelationshipType"
            }
            foreach ($component in @($vm.IntegrationServices | Where-Object { $_ })) {
                Test-Member 'VMIntegrationComponentOperationalStatus' $component.PrimaryOperationalStatus "$($vm.Name).$($component.Name).PrimaryOperationalStatus"
                Test-Member 'VMIntegrationComponentOperationalStatus' $component.SecondaryOperationalStatus "$($vm.Name).$($component.Name).SecondaryOperationalStatus"
            }
            foreach ($drive in @($vm.DvdDrives | Where-Object { $_ })) { Test-Member 'ControllerType' $drive.ControllerType "$($vm.Name).DvdDrives.ControllerType" }
            foreach ($adapter in @($vm.NetworkAdapters | Where-Object { $_ })) {
                if ($adapter.PSObject.Properties['Failover'] -and $adapter.Failover) {
                    Test-Member 'WmiProtocolIFType' $adapter.Failover.ProtocolIFType "$($vm.Name).$($adapter.Name).Failover.ProtocolIFType"
                }
            }
        }
    }
}

Describe 'Scenario <Name>' -ForEach $scenarios {
    BeforeAll {
        if (-not $Path) {
            $Path = Join-Path $TestDrive 'large.json'
            & (Join-Path $root 'test/scenarios/New-LargeHostScenario.ps1') -VmCount 12 -Path $Path
        }
        $scenario = Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json
    }

    It 'gives every VM a configuration version its host OS supports' {
        Get-VersionProblems $scenario | Should -BeNullOrEmpty
    }

    It 'names enum values by real member names' {
        Get-EnumProblems $scenario | Should -BeNullOrEmpty
    }
}

Describe 'The scenario checks' {
    It 'catch a version the host cannot run, an unknown host release and a made-up enum member' {
        $bad = [pscustomobject]@{
            host = [pscustomobject]@{ OSVersion = '6.3.9600' }
            vms  = @([pscustomobject]@{ Name = 'OLD'; Version = '9.0'; State = 'RunningCritical'; Replication = $null },
                [pscustomobject]@{ Name = 'ODD'; Version = '9.0'; State = 'running'; Replication = [pscustomobject]@{ ReplicationMode = 'Recovery' }
                    DvdDrives = @([pscustomobject]@{ ControllerType = 'NVMe' }) })
        }
        Get-VersionProblems $bad | Should -Contain 'OLD: Version 9.0, but a 6.3.9600 host runs at most 5.0'
        Get-VersionProblems ([pscustomobject]@{ host = [pscustomobject]@{ OSVersion = '10.0.19045' }; vms = @() }) | Should -Match 'not a Windows Server release'
        $enumProblems = @(Get-EnumProblems $bad)
        $enumProblems | Should -Contain "ODD.State: 'running' is not a member of VMState"
        $enumProblems | Should -Contain "ODD.ReplicationMode: 'Recovery' is not a member of VMReplicationMode"
        $enumProblems | Should -Contain "ODD.DvdDrives.ControllerType: 'NVMe' is not a member of ControllerType"
        $enumProblems | Should -Not -Contain "OLD.State: 'RunningCritical' is not a member of VMState"
    }
}
