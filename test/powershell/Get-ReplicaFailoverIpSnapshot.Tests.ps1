# The data-gathering script on the simulated Hyper-V host: the snapshot it prints, how many Hyper-V
# calls it makes, and what it does with per-VM faults and hosts without the Hyper-V module.

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    # The script as the build assembles it (with its helpers), from the current sources.
    $assembled = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js')
    if ($LASTEXITCODE -ne 0) { throw "The scripts could not be assembled: $assembled" }
    $script:ScriptPath = Join-Path $assembled 'Get-ReplicaFailoverIpSnapshot.ps1'
    $script:Scenarios = Join-Path $root 'test/scenarios'
    $script:Generator = Join-Path $root 'test/scenarios/New-LargeHostScenario.ps1'

    # Runs the script on the host the scenario describes; returns the raw text, the decoded
    # snapshot and the simulator's log of Hyper-V calls.
    function Invoke-Scan([string]$scenarioPath) {
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $scenarioPath
        $text = & $script:ScriptPath
        $calls = @()
        if (Get-Command Get-HvSimCallLog -ErrorAction SilentlyContinue) { $calls = @(Get-HvSimCallLog) }
        [pscustomobject]@{ Text = $text; Snapshot = ($text | ConvertFrom-Json); Calls = $calls }
    }

    function Get-Scenario([string]$path) { Get-Content -Raw -LiteralPath $path | ConvertFrom-Json }
}

Describe 'The snapshot of a primary host' {
    BeforeAll {
        $scenarioPath = Join-Path $Scenarios 'primary-host.json'
        $scenario = Get-Scenario $scenarioPath
        $scan = Invoke-Scan $scenarioPath
        $snapshot = $scan.Snapshot
        $sql = $snapshot.vms | Where-Object name -eq 'SQL01'
        $app = $snapshot.vms | Where-Object name -eq 'APP07'
    }

    It 'is one line of JSON in format replica-failover-ip-snapshot/3' {
        @($scan.Text).Count | Should -Be 1
        $snapshot.format | Should -Be 'replica-failover-ip-snapshot/3'
        # ConvertFrom-Json turns dates into DateTime: check the text as written.
        $scan.Text | Should -Match '"collectedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"'
        $snapshot.error | Should -BeNullOrEmpty
    }

    It 'describes the host' {
        $snapshot.host.name | Should -Be 'HV01'
        $snapshot.host.osVersion | Should -Be '10.0.17763'
        $snapshot.host.culture | Should -Be 'en-US'
        $snapshot.host.cluster | Should -BeNullOrEmpty
    }

    It 'lists every VM of the host once, by lower-case Id' {
        @($snapshot.vms).Count | Should -Be @($scenario.vms).Count
        @($snapshot.vms.id) | Should -Be @($scenario.vms | ForEach-Object { ([guid]$_.Id).ToString() })
    }

    It 'writes enums as their integers and versions as text' {
        $sql.state | Should -Be 2
        $sql.replication.mode | Should -Be 1
        $sql.replication.state | Should -Be 4
        $sql.replication.health | Should -Be 1
        $sql.isVersion | Should -BeOfType [string]
        $sql.isVersion | Should -Be '10.0.17763.1'
        ($snapshot.vms | Where-Object name -eq 'FILE02').state | Should -Be 3
    }

    It 'reports the KVP component by number and name' {
        $sql.kvp.enabled | Should -BeTrue
        $sql.kvp.status | Should -Be 2
        $sql.kvp.statusName | Should -Be 'Ok'
        $app.kvp.status | Should -Be 12
        $app.kvp.statusName | Should -Be 'NoContact'
        $app.kvp.text | Should -Be 'No Contact'
    }

    It 'reports failover IP settings of synthetic adapters of replicated VMs' {
        $sql.adapters[0].legacy | Should -BeFalse
        $sql.adapters[0].failover | Should -Be 4096
        $sql.adapters[0].ipv4 | Should -Be '10.20.0.15'
        ($snapshot.vms | Where-Object name -eq 'WEB03').adapters[0].failover | Should -Be 0
        ($snapshot.vms | Where-Object name -eq 'BUILD01').adapters[0].failover | Should -BeNullOrEmpty
    }

    It 'reads the guest OS name from the KVP intrinsic items, only where KVP answers' {
        $sql.guestOs | Should -Be 'Windows Server 2019 Datacenter'
        $app.guestOs | Should -BeNullOrEmpty
    }

    It 'reports DVD drives' {
        $sql.dvdDrives.Count | Should -Be 1
        $sql.dvdDrives[0].controllerType | Should -Be 'SCSI'
    }

    It 'never serializes whole objects (no TestVirtualMachine, no aliases)' {
        $scan.Text | Should -Not -Match 'TestVirtualMachine'
        $scan.Text | Should -Not -MatchExactly '"Mode"|"Health"|"VMId"|"ReplicationMode"'
    }
}

Describe 'A localized host' {
    It 'finds the KVP component by GUID whatever its localized name' {
        $snapshot = (Invoke-Scan (Join-Path $Scenarios 'localized-host.json')).Snapshot
        $snapshot.host.culture | Should -Be 'es-ES'
        foreach ($vm in $snapshot.vms) { $vm.kvp | Should -Not -BeNullOrEmpty -Because $vm.name }
        ($snapshot.vms | Where-Object name -eq 'APP-ES').kvp.text | Should -Be 'Sin contacto'
        ($snapshot.vms | Where-Object name -eq 'SQL-ES').isState | Should -Be 'Actualizado'
    }
}

Describe 'A VM without a KVP component' {
    It 'has kvp null' {
        $snapshot = (Invoke-Scan (Join-Path $Scenarios 'replication-modes.json')).Snapshot
        ($snapshot.vms | Where-Object name -eq 'PRI-NO-KVP').kvp | Should -BeNullOrEmpty
        ($snapshot.vms | Where-Object name -eq 'PRI-KVP-OFF-HOST').kvp.enabled | Should -BeFalse
    }
}

Describe 'Round trips' {
    BeforeAll {
        $smallPath = Join-Path $TestDrive 'small.json'
        $largePath = Join-Path $TestDrive 'large.json'
        & $Generator -VmCount 10 -Path $smallPath
        & $Generator -VmCount 200 -Path $largePath
        $small = Invoke-Scan $smallPath
        $large = Invoke-Scan $largePath
        # Every Hyper-V cmdlet call and every CIM query the simulated host saw, none left out.
        function Get-CallCounts($calls) {
            $counts = @{}
            foreach ($call in $calls) { $counts[$call.Cmdlet] = 1 + [int]$counts[$call.Cmdlet] }
            $counts
        }
    }

    It 'call each Hyper-V cmdlet and run each CIM query once, whatever the number of VMs' {
        $smallCounts = Get-CallCounts $small.Calls
        $largeCounts = Get-CallCounts $large.Calls
        $largeCounts.Keys | Sort-Object | Should -Be ($smallCounts.Keys | Sort-Object)
        foreach ($cmdlet in $largeCounts.Keys) { $largeCounts[$cmdlet] | Should -Be 1 -Because $cmdlet }
        # Get-VM, Get-VMReplication, Get-VMIntegrationService, Get-VMNetworkAdapter, Get-VMDvdDrive,
        # MSCluster_Cluster, Msvm_FailoverNetworkAdapterSettingData, Msvm_EthernetPortFailoverSettingDataComponent, Msvm_KvpExchangeComponent.
        @($large.Calls).Count | Should -BeLessOrEqual 9
        @($large.Snapshot.vms).Count | Should -Be 200
    }

    It 'read the failover settings of every adapter in one CIM query, not per adapter' {
        @($large.Calls | Where-Object Cmdlet -eq 'Get-CimInstance Msvm_FailoverNetworkAdapterSettingData').Count | Should -Be 1
        $scenario = Get-Scenario $largePath
        foreach ($vm in $large.Snapshot.vms) {
            $source = $scenario.vms | Where-Object Id -eq $vm.id
            if ($vm.replication) {
                $vm.adapters[0].failover | Should -Be 4096 -Because $vm.name
                $vm.adapters[0].ipv4 | Should -Be $source.NetworkAdapters[0].Failover.IPv4Address -Because $vm.name
            }
            else {
                $vm.adapters[0].failover | Should -BeNullOrEmpty -Because $vm.name
            }
        }
    }
}

Describe 'Failover settings from Msvm_FailoverNetworkAdapterSettingData' {
    BeforeAll {
        # SQL01 of the primary host with two more synthetic adapters: one with IPv4 and IPv6 failover
        # addresses, one without failover settings (no instance on the host).
        $scenario = Get-Scenario (Join-Path $Scenarios 'primary-host.json')
        $sqlSource = $scenario.vms | Where-Object Name -eq 'SQL01'
        $upper = ([string]$sqlSource.Id).ToUpperInvariant()
        $dual = [pscustomobject]@{ Name = 'Dual stack'; Id = "Microsoft:$upper\6B1C8E0A-5D2F-4C3B-9A8E-7F6D5C4B3A21"; IsLegacy = $false
            MacAddress = '00155D0102FF'; SwitchName = 'External'
            Failover = [pscustomobject]@{ IPv4Address = '10.20.9.9'; IPv4SubnetMask = '255.255.255.0'; IPv4DefaultGateway = '10.20.9.1'
                IPv4PreferredDNSServer = $null; IPv4AlternateDNSServer = $null; IPv6Address = 'fd00:20::9'; IPv6SubnetPrefixLength = 64
                IPv6DefaultGateway = $null; IPv6PreferredDNSServer = $null; IPv6AlternateDNSServer = $null; ProtocolIFType = 4098 } }
        $unset = [pscustomobject]@{ Name = 'No failover'; Id = "Microsoft:$upper\0D3E2F1A-4B5C-4D6E-8F70-8192A3B4C5D6"; IsLegacy = $false
            MacAddress = '00155D0102FE'; SwitchName = 'External' }
        $sqlSource.NetworkAdapters = @($sqlSource.NetworkAdapters) + @($dual, $unset)
        $path = Join-Path $TestDrive 'multi-adapter.json'
        ConvertTo-Json -InputObject $scenario -Depth 12 | Set-Content -LiteralPath $path
        $scan = Invoke-Scan $path
        $sql = $scan.Snapshot.vms | Where-Object name -eq 'SQL01'
    }

    It 'the simulated host names each instance Microsoft:FailoverNetworkSetting, the VM GUID and an object GUID, and ties it to its adapter only by Msvm_EthernetPortFailoverSettingDataComponent' {
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $path
        $ids = @(Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_FailoverNetworkAdapterSettingData | ForEach-Object InstanceID)
        $ids | Where-Object { $_ -notmatch '^Microsoft:FailoverNetworkSetting\\[0-9A-F-]{36}\\[0-9A-F-]{36}$' } | Should -BeNullOrEmpty
        # The object GUID is not the adapter's: mapping by the InstanceID would miss every adapter here.
        $ids | Should -Not -Contain "Microsoft:FailoverNetworkSetting\$upper\6B1C8E0A-5D2F-4C3B-9A8E-7F6D5C4B3A21"
        $links = @(Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_EthernetPortFailoverSettingDataComponent)
        $links.Count | Should -Be $ids.Count
        $dualLink = $links | Where-Object { $_.GroupComponent.InstanceID -eq $dual.Id }
        $ids | Should -Contain $dualLink.PartComponent.InstanceID
    }

    It 'match each instance to its VM and adapter through the association, in one query, and say so' {
        @($sql.adapters.name) | Should -Be @('Network Adapter', 'Dual stack', 'No failover')
        $sql.adapters[0].failover | Should -Be 4096
        $sql.adapters[0].ipv4 | Should -Be '10.20.0.15'
        $sql.adapters[1].failover | Should -Be 4098
        $sql.adapters[1].ipv4 | Should -Be '10.20.9.9'
        $sql.adapters[1].ipv6 | Should -Be 'fd00:20::9'
        $scan.Snapshot.host.failoverMapping | Should -Be 'association'
        @($scan.Calls | Where-Object Cmdlet -eq 'Get-CimInstance Msvm_EthernetPortFailoverSettingDataComponent').Count | Should -Be 1
    }

    It 'split the rest of the settings by family from the same instance: mask, prefix, gateways, DNS servers in order' {
        $sql.adapters[0].failoverTcpIp.ipv4Mask | Should -Be '255.255.255.0'
        $sql.adapters[0].failoverTcpIp.ipv4Gateway | Should -Be '10.20.0.1'
        @($sql.adapters[0].failoverTcpIp.ipv4Dns) | Should -Be @('10.20.0.10')
        $sql.adapters[0].failoverTcpIp.ipv6Prefix | Should -BeNullOrEmpty
        @($sql.adapters[0].failoverTcpIp.ipv6Dns).Count | Should -Be 0
        $sql.adapters[1].failoverTcpIp.ipv4Gateway | Should -Be '10.20.9.1'
        $sql.adapters[1].failoverTcpIp.ipv6Prefix | Should -Be 64
        $sql.adapters[1].failoverTcpIp.ipv6Gateway | Should -BeNullOrEmpty
        $sql.failoverRestore | Should -BeNullOrEmpty
    }

    It 'report an adapter without an instance as having no failover address (0)' {
        $sql.adapters[2].failover | Should -Be 0
        $sql.adapters[2].ipv4 | Should -BeNullOrEmpty
        $sql.adapters[2].failoverTcpIp | Should -BeNullOrEmpty
        @($sql.errors).Count | Should -Be 0
    }

    It 'when the whole query fails, mark every VM that needed the settings and keep the other facts' {
        $failing = Get-Scenario (Join-Path $Scenarios 'primary-host.json')
        foreach ($vm in $failing.vms) {
            $vm | Add-Member -NotePropertyName Faults -NotePropertyValue ([pscustomobject]@{ Msvm_FailoverNetworkAdapterSettingData = 'Invalid class' }) -Force
        }
        $failingPath = Join-Path $TestDrive 'failover-query-fails.json'
        ConvertTo-Json -InputObject $failing -Depth 12 | Set-Content -LiteralPath $failingPath
        $snapshot = (Invoke-Scan $failingPath).Snapshot
        $snapshot.error | Should -BeNullOrEmpty
        foreach ($vm in $snapshot.vms) {
            $needed = $vm.replication -and @($vm.adapters | Where-Object { -not $_.legacy }).Count -gt 0
            if ($needed) {
                @($vm.errors.source) | Should -Be @('Msvm_FailoverNetworkAdapterSettingData') -Because $vm.name
                $vm.errors[0].message | Should -Be 'Invalid class'
                $vm.kvp | Should -Not -BeNullOrEmpty -Because $vm.name
            }
            else {
                @($vm.errors).Count | Should -Be 0 -Because $vm.name
            }
        }
        @($snapshot.vms | Where-Object { $_.errors }).Count | Should -BeGreaterThan 0
    }
}

Describe 'Failover settings where the association cannot be read' {
    BeforeAll {
        # The primary host, whose association query fails as a whole (host.CimFaults) or for one VM (its Faults).
        function New-Variant([string]$name, [string]$instanceGuid, [bool]$hostFault, [string]$vmFault) {
            $variant = Get-Scenario (Join-Path $Scenarios 'primary-host.json')
            if ($instanceGuid) { $variant.host | Add-Member -NotePropertyName FailoverInstanceGuid -NotePropertyValue $instanceGuid -Force }
            if ($hostFault) {
                $variant.host | Add-Member -NotePropertyName CimFaults -NotePropertyValue ([pscustomobject]@{ Msvm_EthernetPortFailoverSettingDataComponent = 'Invalid class' }) -Force
            }
            if ($vmFault) {
                $vm = $variant.vms | Where-Object Name -eq $vmFault
                $vm | Add-Member -NotePropertyName Faults -NotePropertyValue ([pscustomobject]@{ Msvm_EthernetPortFailoverSettingDataComponent = 'Generic failure' }) -Force
            }
            $variantPath = Join-Path $TestDrive "$name.json"
            ConvertTo-Json -InputObject $variant -Depth 12 | Set-Content -LiteralPath $variantPath
            (Invoke-Scan $variantPath).Snapshot
        }
        $reference = (Invoke-Scan (Join-Path $Scenarios 'primary-host.json')).Snapshot
        function Get-FailoverFacts($snapshot) { ConvertTo-Json -Compress -Depth 6 -InputObject @($snapshot.vms | ForEach-Object { , @($_.name, @($_.adapters | ForEach-Object { $_.failover, $_.ipv4, $_.ipv6 })) }) }
    }

    It 'map the instances by their InstanceID (the object GUID taken as the adapter''s) and say so: right where the guess holds' {
        $snapshot = New-Variant 'guess-holds' 'adapter' $true $null
        $snapshot.host.failoverMapping | Should -Be 'instanceIdGuess'
        Get-FailoverFacts $snapshot | Should -Be (Get-FailoverFacts $reference)
        @($snapshot.vms | Where-Object { $_.errors }).Count | Should -Be 0
    }

    It 'where the guess is wrong every failover address reads as not set, and the snapshot says the guess was used' {
        $snapshot = New-Variant 'guess-wrong' $null $true $null
        $snapshot.host.failoverMapping | Should -Be 'instanceIdGuess'
        $sql = $snapshot.vms | Where-Object name -eq 'SQL01'
        ($reference.vms | Where-Object name -eq 'SQL01').adapters[0].failover | Should -Be 4096
        $sql.adapters[0].failover | Should -Be 0
    }

    It 'map by the association what it gives and by the InstanceID only the rest (one VM''s rows missing)' {
        $snapshot = New-Variant 'one-vm-missing' 'adapter' $false 'SQL01'
        $snapshot.host.failoverMapping | Should -Be 'instanceIdGuess'
        Get-FailoverFacts $snapshot | Should -Be (Get-FailoverFacts $reference)
        $reference.host.failoverMapping | Should -Be 'association'
    }

    It 'a host with no failover instance runs no association query and names no mapping' {
        $scan = Invoke-Scan (Join-Path $Scenarios 'no-hyperv-module.json')
        $scan.Snapshot.host.failoverMapping | Should -BeNullOrEmpty
        $hostWithout = Get-Scenario (Join-Path $Scenarios 'primary-host.json')
        foreach ($vm in $hostWithout.vms) { foreach ($adapter in @($vm.NetworkAdapters)) { if ($adapter) { $adapter.PSObject.Properties.Remove('Failover') } } }
        $withoutPath = Join-Path $TestDrive 'no-failover.json'
        ConvertTo-Json -InputObject $hostWithout -Depth 12 | Set-Content -LiteralPath $withoutPath
        $scan = Invoke-Scan $withoutPath
        $scan.Snapshot.host.failoverMapping | Should -BeNullOrEmpty
        @($scan.Calls | Where-Object Cmdlet -eq 'Get-CimInstance Msvm_EthernetPortFailoverSettingDataComponent').Count | Should -Be 0
    }
}

Describe 'The host OS version' {
    It 'is read as Win32_OperatingSystem.Version writes it, before and after Windows Server 2016' {
        (Invoke-Scan (Join-Path $Scenarios 'host-2012r2.json')).Snapshot.host.osVersion | Should -Be '6.3.9600'
        (Invoke-Scan (Join-Path $Scenarios 'localized-host.json')).Snapshot.host.osVersion | Should -Be '10.0.20348'
    }
}

Describe 'Faults on one VM' {
    BeforeAll {
        $snapshot = (Invoke-Scan (Join-Path $Scenarios 'faults.json')).Snapshot
        function Get-Vm([string]$name) { $snapshot.vms | Where-Object name -eq $name }
    }

    It 'are recorded on that VM, with the cmdlet and its message' {
        $vm = Get-Vm 'IS-QUERY-FAILS'
        @($vm.errors).Count | Should -Be 1
        $vm.errors[0].source | Should -Be 'Get-VMIntegrationService'
        $vm.errors[0].message | Should -Be 'The operation cannot be performed while the object is in use.'
        $vm.kvp | Should -BeNullOrEmpty
        (Get-Vm 'REPLICATION-QUERY-FAILS').errors[0].source | Should -Be 'Get-VMReplication'
        (Get-Vm 'FAILOVER-QUERY-FAILS').errors[0].source | Should -Be 'Msvm_FailoverNetworkAdapterSettingData'
        (Get-Vm 'FAILOVER-QUERY-FAILS').errors[0].message | Should -Be 'Failed to get the failover configuration.'
        (Get-Vm 'ADAPTER-QUERY-FAILS').errors[0].source | Should -Be 'Get-VMNetworkAdapter'
        (Get-Vm 'DVD-QUERY-FAILS').errors[0].source | Should -Be 'Get-VMDvdDrive'
    }

    It 'leave the other VMs complete' {
        $healthy = Get-Vm 'HEALTHY'
        @($healthy.errors).Count | Should -Be 0
        $healthy.kvp.status | Should -Be 2
        $healthy.adapters.Count | Should -Be 1
        (Get-Vm 'DVD-QUERY-FAILS').kvp.status | Should -Be 2
        @($snapshot.vms).Count | Should -Be 8
    }
}

Describe 'A host without the Hyper-V module' {
    It 'returns a recognisable error and no VMs' {
        $snapshot = (Invoke-Scan (Join-Path $Scenarios 'no-hyperv-module.json')).Snapshot
        $snapshot.error.code | Should -Be 'HyperVModuleMissing'
        $snapshot.error.message | Should -Match 'Hyper-V PowerShell module'
        $snapshot.error.message | Should -Match 'FS01'
        @($snapshot.vms).Count | Should -Be 0
        $snapshot.host.name | Should -Be 'FS01'
    }
}

Describe 'Hostile VM names' {
    It 'come back exactly as the host has them' {
        $scenarioPath = Join-Path $Scenarios 'hostile-names.json'
        $snapshot = (Invoke-Scan $scenarioPath).Snapshot
        @($snapshot.vms.name) | Should -Be @((Get-Scenario $scenarioPath).vms.Name)
    }
}

Describe 'A cluster node' {
    It 'names its cluster, the nodes and the Replica Broker' {
        $snapshot = (Invoke-Scan (Join-Path $Scenarios 'cluster-node1.json')).Snapshot
        $snapshot.host.cluster.name | Should -Be 'HVCLUSTER'
        @($snapshot.host.cluster.nodes) | Should -Be @('NODE1', 'NODE2', 'NODE3', 'NODE4')
        $snapshot.host.cluster.replicaBroker | Should -Be 'HVBROKER'
    }
}

Describe 'KVP status as real hosts report it: primary and secondary' {
    BeforeAll {
        $scan = Invoke-Scan (Join-Path $Scenarios 'kvp-secondary-status.json')
        $byName = @{}
        foreach ($vm in $scan.Snapshot.vms) { $byName[$vm.name] = $vm }
    }

    It 'keeps the secondary status as number, name and host text' {
        $outdated = $byName['KVP-OUTDATED'].kvp
        $outdated.status | Should -Be 2
        $outdated.statusName | Should -Be 'Ok'
        $outdated.secondaryStatus | Should -Be 32775
        $outdated.secondaryStatusName | Should -Be 'ProtocolMismatch'
        $outdated.secondaryText | Should -Be 'Protocol Mismatch'
        $byName['KVP-OUTDATED-DEGRADED'].kvp.status | Should -Be 3
        $byName['KVP-OUTDATED-DEGRADED'].kvp.secondaryStatus | Should -Be 32775
    }

    It 'writes null secondary fields when the host reports no detail' {
        $current = $byName['KVP-CURRENT'].kvp
        $current.PSObject.Properties.Name | Should -Contain 'secondaryStatus'
        $current.secondaryStatus | Should -BeNullOrEmpty
        $current.secondaryStatusName | Should -BeNullOrEmpty
        $current.secondaryText | Should -BeNullOrEmpty
    }

    It 'names each adapter by its Id' {
        $adapter = $byName['KVP-CURRENT'].adapters[0]
        $adapter.id | Should -Match '^Microsoft:C1A0E6D2-5B1F-4C3E-9D7A-0B1C2D3E4F01\\[0-9A-F-]{36}$'
        $adapter.name | Should -Be 'Network Adapter'
    }
}

Describe 'A caller who may not see VMs (no false all-clear)' {
    It 'gets the host error AccessDenied naming both groups, not an empty host' {
        $scan = Invoke-Scan (Join-Path $Scenarios 'access-denied.json')
        $scan.Snapshot.error.code | Should -Be 'AccessDenied'
        $scan.Snapshot.error.message | Should -Match 'local Administrators group \(S-1-5-32-544\)'
        $scan.Snapshot.error.message | Should -Match 'Hyper-V Administrators \(S-1-5-32-578\)'
        @($scan.Snapshot.vms).Count | Should -Be 0
        # The simulated Get-VM answered as the real one does: no VMs and no error.
        @($scan.Calls | Where-Object Cmdlet -eq 'Get-VM').Count | Should -Be 1
    }

    It 'is told apart from an empty host that the caller could see' {
        $scenario = Get-Scenario (Join-Path $Scenarios 'access-denied.json')
        $scenario.vms = @()
        $scenario.host.Caller.IsAdministrator = $true
        $path = Join-Path $TestDrive 'empty-host.json'
        ConvertTo-Json -InputObject $scenario -Depth 12 | Set-Content -LiteralPath $path
        $scan = Invoke-Scan $path
        $scan.Snapshot.error | Should -BeNullOrEmpty
        @($scan.Snapshot.vms).Count | Should -Be 0
    }

    It 'lets a member of Hyper-V Administrators alone see every VM' {
        $scan = Invoke-Scan (Join-Path $Scenarios 'hyperv-administrators-only.json')
        $scan.Snapshot.error | Should -BeNullOrEmpty
        @($scan.Snapshot.vms.name) | Should -Be @('HVADMIN-SQL')
    }

    It 'runs the real identity check of the script (the simulator only stands in for the Windows identity)' {
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath (Join-Path $Scenarios 'access-denied.json')
        (Get-Alias Get-CallerGroupSid).Definition | Should -Be 'Get-HvSimCallerGroupSid'
        @(Get-CallerGroupSid) | Should -Not -Contain 'S-1-5-32-544'
        $text = Get-Content -Raw -LiteralPath $script:ScriptPath
        $text | Should -Match ([regex]::Escape('[System.Security.Principal.WindowsIdentity]::GetCurrent().Groups'))
        $text | Should -Match "S-1-5-32-544"
        $text | Should -Match "S-1-5-32-578"
    }
}
