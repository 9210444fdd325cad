# Set-FailoverTcpIpConfiguration and Restore-FailoverTcpIpConfiguration on the simulated host
# (fixtures/failover-tcpip-host.json), which keeps its state for the session: set IPv4, set IPv6,
# clear, restore to the exact previous values, a hostile adapter name, unknown and foreign Ids,
# and nothing changed when a check fails. The next snapshot sees every change.

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    # The scripts as the build assembles them (with their helpers), from the current sources.
    $scripts = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js')
    if ($LASTEXITCODE -ne 0) { throw "The scripts could not be assembled: $scripts" }
    $scenario = Join-Path $PSScriptRoot 'fixtures/failover-tcpip-host.json'
    $replicaId = '6f1d0c3e-5b7a-4c2d-9e8f-0a1b2c3d4e01'
    $legacyVmId = '6f1d0c3e-5b7a-4c2d-9e8f-0a1b2c3d4e02'
    $primaryId = '6f1d0c3e-5b7a-4c2d-9e8f-0a1b2c3d4e03'
    $nic = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E01\3E0F6A51-8B2C-4D7E-9F10-2A3B4C5D6E71'
    $hostileNic = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E01\3E0F6A51-8B2C-4D7E-9F10-2A3B4C5D6E72'
    $legacyNic = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E02\3E0F6A51-8B2C-4D7E-9F10-2A3B4C5D6E73'
    $primaryNic = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E03\3E0F6A51-8B2C-4D7E-9F10-2A3B4C5D6E74'

    function Invoke-Script([string]$name, [hashtable]$parameters) {
        (& (Join-Path $scripts "$name.ps1") @parameters) | ConvertFrom-Json
    }
    # The adapter's settings as the simulated cmdlet reports them, as one comparable text.
    function Get-Settings([string]$vmName, [string]$adapterId) {
        $adapter = Get-VMNetworkAdapter -VMName $vmName | Where-Object { $_.Id -eq $adapterId }
        $adapter | Get-VMNetworkAdapterFailoverConfiguration | Select-Object IPv4Address, IPv4SubnetMask, IPv4DefaultGateway, IPv4PreferredDNSServer,
            IPv4AlternateDNSServer, IPv6Address, IPv6SubnetPrefixLength, IPv6DefaultGateway, IPv6PreferredDNSServer, IPv6AlternateDNSServer,
            @{ n = 'ProtocolIFType'; e = { [int]$_.ProtocolIFType } } | ConvertTo-Json -Compress
    }
    function Get-SnapshotVm([string]$vmId) {
        ((& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $vmId) | ConvertFrom-Json).vms[0]
    }
    function Get-RecordFile([string]$vmId) {
        Join-Path (Get-VM -Id $vmId).ConfigurationLocation "hvtools-failover-tcpip-restore.$vmId.json"
    }
}

Describe 'Set-FailoverTcpIpConfiguration' {
    BeforeEach {
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $scenario
        Import-Module Hyper-V -Force
    }

    It 'sets IPv4: the adapter holds exactly the values given, the snapshot shows them, the previous ones are kept' {
        $result = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{
            vmId = $replicaId; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.0.0'; ipv4DefaultGateway = '10.30.0.1'
            ipv4PreferredDns = '10.30.0.10'
        }
        $result.status | Should -Be 'failover-set'
        $result.changed | Should -BeTrue
        $result.adapter | Should -Be 'Network Adapter'
        $result.before.IPv4Address | Should -Be '10.20.0.50'
        $result.before.IPv4AlternateDNSServer | Should -Be '10.20.0.11'
        $result.after.IPv4Address | Should -Be '10.30.0.15'
        # The alternate DNS server was not given: it is emptied, not left from before.
        $result.after.IPv4AlternateDNSServer | Should -BeNullOrEmpty
        $adapter = Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $nic } | Get-VMNetworkAdapterFailoverConfiguration
        $adapter.IPv4SubnetMask | Should -Be '255.255.0.0'
        $adapter.ProtocolIFType | Should -Be 'IPv4'

        $vm = Get-SnapshotVm $replicaId
        $entry = $vm.adapters | Where-Object { $_.id -eq $nic }
        $entry.ipv4 | Should -Be '10.30.0.15'
        $entry.failover | Should -Be 4096
        $entry.failoverTcpIp.ipv4Mask | Should -Be '255.255.0.0'
        $entry.failoverTcpIp.ipv4Gateway | Should -Be '10.30.0.1'
        @($entry.failoverTcpIp.ipv4Dns) | Should -Be @('10.30.0.10')
        $vm.failoverRestore[0].adapterId | Should -Be $nic
        $vm.failoverRestore[0].ipv4 | Should -Be '10.20.0.50'
    }

    It 'sets IPv6 beside IPv4, which stays as it was' {
        $result = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{
            vmId = $replicaId; adapterId = $nic; ipv6Address = 'fd00:30::15'; ipv6PrefixLength = 64; ipv6DefaultGateway = 'fd00:30::1'
            ipv6PreferredDns = 'fd00:30::10'; ipv6AlternateDns = '2001:db8::53'
        }
        $result.status | Should -Be 'failover-set'
        $settings = Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $nic } | Get-VMNetworkAdapterFailoverConfiguration
        $settings.IPv6Address | Should -Be 'fd00:30::15'
        $settings.IPv6SubnetPrefixLength | Should -Be '64'
        $settings.IPv4Address | Should -Be '10.20.0.50'
        $settings.ProtocolIFType | Should -Be 'IPv4v6'
        $entry = (Get-SnapshotVm $replicaId).adapters | Where-Object { $_.id -eq $nic }
        $entry.failover | Should -Be 4098
        $entry.ipv6 | Should -Be 'fd00:30::15'
        $entry.failoverTcpIp.ipv6Prefix | Should -Be 64
        $entry.failoverTcpIp.ipv6Gateway | Should -Be 'fd00:30::1'
        @($entry.failoverTcpIp.ipv6Dns) | Should -Be @('fd00:30::10', '2001:db8::53')
        @($entry.failoverTcpIp.ipv4Dns) | Should -Be @('10.20.0.10', '10.20.0.11')
    }

    It 'clears both families; setting the same values again changes nothing' {
        $result = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $primaryId; adapterId = $primaryNic; clearIpv4 = $true; clearIpv6 = $true }
        $result.status | Should -Be 'failover-cleared'
        $result.before.IPv6Address | Should -Be 'fd00:20::50'
        $result.after.IPv6Address | Should -BeNullOrEmpty
        $entry = (Get-SnapshotVm $primaryId).adapters[0]
        $entry.failover | Should -Be 0
        $entry.ipv6 | Should -BeNullOrEmpty

        $again = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $primaryId; adapterId = $primaryNic; clearIpv4 = $true; clearIpv6 = $true }
        $again.status | Should -Be 'already-set'
        $again.changed | Should -BeFalse
    }

    It 'restore puts the exact previous values back after two changes, removes the record, and a second restore has nothing to do' {
        $original = Get-Settings 'DC-REPLICA' $nic
        (Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }).status |
            Should -Be 'failover-set'
        (Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; clearIpv4 = $true }).status | Should -Be 'failover-cleared'
        Get-Settings 'DC-REPLICA' $nic | Should -Not -Be $original

        $restore = Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic }
        $restore.status | Should -Be 'failover-restored'
        $restore.changed | Should -BeTrue
        $restore.after.IPv4Address | Should -Be '10.20.0.50'
        Get-Settings 'DC-REPLICA' $nic | Should -Be $original
        Test-Path -LiteralPath (Get-RecordFile $replicaId) | Should -BeFalse
        (Get-SnapshotVm $replicaId).failoverRestore | Should -BeNullOrEmpty

        (Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic }).status | Should -Be 'nothing-to-restore'
        Get-Settings 'DC-REPLICA' $nic | Should -Be $original
    }

    It 'restore of an adapter that already holds the kept settings: already-set, nothing changed, the record goes' {
        $original = Get-Settings 'DC-REPLICA' $nic
        Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; clearIpv4 = $true } | Out-Null
        # Put back by hand, outside the tool.
        Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $nic } | Set-VMNetworkAdapterFailoverConfiguration -IPv4Address '10.20.0.50' -IPv4SubnetMask '255.255.255.0' `
            -IPv4DefaultGateway '10.20.0.1' -IPv4PreferredDNSServer '10.20.0.10' -IPv4AlternateDNSServer '10.20.0.11'
        Reset-HvSimCallLog
        $result = Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic }
        $result.status | Should -Be 'already-set'
        $result.changed | Should -BeFalse
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMNetworkAdapterFailoverConfiguration') | Should -BeNullOrEmpty
        Get-Settings 'DC-REPLICA' $nic | Should -Be $original
        Test-Path -LiteralPath (Get-RecordFile $replicaId) | Should -BeFalse
    }

    It 'restores one adapter and keeps the record of the other' {
        $primaryOriginal = Get-Settings 'DC-REPLICA' $hostileNic
        Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' } | Out-Null
        Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $hostileNic; ipv4Address = '10.30.0.16'; ipv4SubnetMask = '255.255.255.0' } | Out-Null
        @((Get-SnapshotVm $replicaId).failoverRestore).Count | Should -Be 2
        (Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $hostileNic }).status | Should -Be 'failover-restored'
        Get-Settings 'DC-REPLICA' $hostileNic | Should -Be $primaryOriginal
        $kept = @((Get-SnapshotVm $replicaId).failoverRestore)
        $kept.Count | Should -Be 1
        $kept[0].adapterId | Should -Be $nic
    }

    It 'a hostile adapter name is data: the settings are set on that adapter, the name comes back as text, nothing else runs' {
        $name = (Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $hostileNic }).Name
        $name | Should -BeLike "*`$(Stop-Computer*"
        Mock Stop-Computer { throw 'Stop-Computer ran' }
        $result = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $hostileNic; ipv4Address = '10.20.0.60'; ipv4SubnetMask = '255.255.255.0' }
        $result.status | Should -Be 'failover-set'
        $result.adapter | Should -Be $name
        Should -Invoke Stop-Computer -Times 0
        (Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $hostileNic } | Get-VMNetworkAdapterFailoverConfiguration).IPv4Address | Should -Be '10.20.0.60'
        (Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $nic } | Get-VMNetworkAdapterFailoverConfiguration).IPv4Address | Should -Be '10.20.0.50'
        (Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $hostileNic }).adapter | Should -Be $name
    }

    It 'an unknown VM Id gives vm-not-found and changes nothing' {
        $before = Get-Settings 'DC-REPLICA' $nic
        $result = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = '00000000-1111-4222-8333-444444444444'; adapterId = 'Microsoft:00000000-1111-4222-8333-444444444444\3E0F6A51-8B2C-4D7E-9F10-2A3B4C5D6E71'; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }
        $result.status | Should -Be 'vm-not-found'
        $result.changed | Should -BeFalse
        (Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = '00000000-1111-4222-8333-444444444444'; adapterId = $nic }).status | Should -Be 'vm-not-found'
        Get-Settings 'DC-REPLICA' $nic | Should -Be $before
    }

    It 'an unknown adapter Id, or one of another VM, gives adapter-not-found and changes nothing' {
        $before = Get-Settings 'SQL-PRIMARY' $primaryNic
        $unknown = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E01\00000000-0000-4000-8000-000000000000'; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }
        $unknown.status | Should -Be 'adapter-not-found'
        # The primary's adapter asked through the Replica VM: never acted on.
        $foreign = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $primaryNic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }
        $foreign.status | Should -Be 'adapter-not-found'
        $foreign.changed | Should -BeFalse
        Get-Settings 'SQL-PRIMARY' $primaryNic | Should -Be $before
        (Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $primaryNic }).status | Should -Be 'nothing-to-restore'
        Test-Path -LiteralPath (Get-RecordFile $replicaId) | Should -BeFalse
    }

    It 'a legacy adapter gives legacy-adapter and changes nothing' {
        $result = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $legacyVmId; adapterId = $legacyNic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }
        $result.status | Should -Be 'legacy-adapter'
        $result.changed | Should -BeFalse
        (Get-SnapshotVm $legacyVmId).adapters[0].failover | Should -BeNullOrEmpty
    }

    It 'refuses <What> naming the parameter, before anything changes' -ForEach @(
        @{ What = 'an adapter Id of another shape'; Parameters = @{ adapterId = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E01'; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }; Message = 'Parameter adapterId: is not a network adapter Id*' }
        @{ What = 'an adapter Id with script text'; Parameters = @{ adapterId = "$nic'; Stop-Computer; '"; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }; Message = 'Parameter adapterId:*' }
        @{ What = 'an IPv4 address out of range'; Parameters = @{ ipv4Address = '10.30.0.256'; ipv4SubnetMask = '255.255.255.0' }; Message = "Parameter ipv4Address: '10.30.0.256' is not an IPv4 address.*" }
        @{ What = 'a non-contiguous mask'; Parameters = @{ ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.0.255.0' }; Message = "Parameter ipv4SubnetMask: '255.0.255.0' is not a subnet mask*" }
        @{ What = 'an address without its mask'; Parameters = @{ ipv4Address = '10.30.0.15' }; Message = 'Parameter ipv4SubnetMask: is required with ipv4Address.*' }
        @{ What = 'a gateway without an address'; Parameters = @{ ipv4DefaultGateway = '10.30.0.1' }; Message = 'Parameter ipv4DefaultGateway: is given without ipv4Address.*' }
        @{ What = 'an IPv6 address that is not one'; Parameters = @{ ipv6Address = 'fd00::30::15'; ipv6PrefixLength = 64 }; Message = "Parameter ipv6Address: 'fd00::30::15' is not an IPv6 address.*" }
        @{ What = 'a prefix length over 128'; Parameters = @{ ipv6Address = 'fd00:30::15'; ipv6PrefixLength = 129 }; Message = 'Parameter ipv6PrefixLength: 129 is not a prefix length (0-128).*' }
        @{ What = 'an address and a clear of the same family'; Parameters = @{ ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0'; clearIpv4 = $true }; Message = 'Parameter ipv4Address: is given together with clearIpv4*' }
        @{ What = 'nothing to set'; Parameters = @{}; Message = '*there is nothing to set. Nothing was changed.' }
    ) {
        $before = Get-Settings 'DC-REPLICA' $nic
        Reset-HvSimCallLog
        $arguments = @{ vmId = $replicaId; adapterId = $nic }
        foreach ($key in $Parameters.Keys) { $arguments[$key] = $Parameters[$key] }
        { Invoke-Script 'Set-FailoverTcpIpConfiguration' $arguments } | Should -Throw $Message
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMNetworkAdapterFailoverConfiguration') | Should -BeNullOrEmpty
        Get-Settings 'DC-REPLICA' $nic | Should -Be $before
        Test-Path -LiteralPath (Get-RecordFile $replicaId) | Should -BeFalse
    }

    It 'a VM Id that is not a GUID fails binding and changes nothing' {
        { Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = "x'; Stop-Computer"; adapterId = $nic; clearIpv4 = $true } } | Should -Throw '*vmId*'
        (Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $nic } | Get-VMNetworkAdapterFailoverConfiguration).IPv4Address | Should -Be '10.20.0.50'
    }

    It 'a restore record edited to hold what is not an address: Restore stops naming it and changes nothing' {
        Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; clearIpv4 = $true } | Out-Null
        $file = Get-RecordFile $replicaId
        $record = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
        $record.adapters[0].settings.IPv4Address = '10.20.0.50; Stop-Computer'
        $record | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $file
        { Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic } } |
            Should -Throw "The restore record *has '10.20.0.50; Stop-Computer' as IPv4Address, not an IPv4 address. Nothing was changed."
        (Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $nic } | Get-VMNetworkAdapterFailoverConfiguration).IPv4Address | Should -BeNullOrEmpty
        Test-Path -LiteralPath $file | Should -BeTrue
    }
}

# How the real cmdlet treats what it is sent (test/reference/real-behaviour.md; the simulated host
# does the same, test/powershell/Simulator.Behaviour.Tests.ps1): an empty value never clears, a
# clear and values of its family can't go in one call, so the scripts send a clear alone, then the
# values; they send nothing when nothing changes, and nothing for an adapter or VM the cmdlet has
# no failover settings for.
Describe 'The scripts send the cmdlet only what the real one takes' {
    BeforeEach {
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $scenario
        Import-Module Hyper-V -Force
        Reset-HvSimCallLog
        function Get-SetCalls { @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMNetworkAdapterFailoverConfiguration' | ForEach-Object { $_.Parameters }) }
    }

    It 'a value left out is cleared by a clear of its own, then the values are set: no call carries an empty value' {
        $result = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.20.0.50'; ipv4SubnetMask = '255.255.255.0'
            ipv4DefaultGateway = '10.20.0.1'; ipv4PreferredDns = '10.20.0.10'; ipv4AlternateDns = '' }
        $result.after.IPv4AlternateDNSServer | Should -BeNullOrEmpty
        $result.after.IPv4PreferredDNSServer | Should -Be '10.20.0.10'
        $calls = Get-SetCalls
        $calls.Count | Should -Be 2
        @($calls[0].Keys) | Should -Be @('ClearFailoverIPv4Settings')
        @($calls[1].Keys | Sort-Object) | Should -Be @('IPv4Address', 'IPv4DefaultGateway', 'IPv4PreferredDNSServer', 'IPv4SubnetMask')
        foreach ($call in $calls) { foreach ($key in $call.Keys) { "$($call[$key])" | Should -Not -BeNullOrEmpty -Because $key } }
    }

    It 'settings equal to the stored ones are not sent' {
        $result = Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.20.0.50'; ipv4SubnetMask = '255.255.255.0'
            ipv4DefaultGateway = '10.20.0.1'; ipv4PreferredDns = '10.20.0.10'; ipv4AlternateDns = '10.20.0.11' }
        $result.status | Should -Be 'already-set'
        Get-SetCalls | Should -BeNullOrEmpty
    }

    It 'restore sends only the family that differs: IPv4, as kept, is not cleared and set again' {
        Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv6Address = 'fd00:30::15'; ipv6PrefixLength = 64 } | Out-Null
        Reset-HvSimCallLog
        $original = '10.20.0.50'
        $result = Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic }
        $result.status | Should -Be 'failover-restored'
        $result.after.IPv6Address | Should -BeNullOrEmpty
        $result.after.IPv4Address | Should -Be $original
        $sent = @(Get-SetCalls | ForEach-Object { $_.Keys })
        $sent | Should -Be @('ClearFailoverIPv6Settings')
    }

    It 'a legacy adapter gets no call (a call by VM name would skip it silently, one by adapter would fail)' {
        (Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $legacyVmId; adapterId = $legacyNic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }).status |
            Should -Be 'legacy-adapter'
        Get-SetCalls | Should -BeNullOrEmpty
    }

    It 'a VM that is not a Primary, Replica or Extended Replica VM is refused by name before any call' {
        $variant = Get-Content -Raw -LiteralPath $scenario | ConvertFrom-Json
        ($variant.vms | Where-Object Name -eq 'DC-REPLICA').Replication = $null
        $variantPath = Join-Path $TestDrive 'not-replicated.json'
        ConvertTo-Json -InputObject $variant -Depth 12 | Set-Content -LiteralPath $variantPath
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $variantPath
        { Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' } } |
            Should -Throw "VM 'DC-REPLICA' is not a Primary, Replica or Extended Replica VM*Nothing was changed."
        Get-SetCalls | Should -BeNullOrEmpty
    }

    It 'a restore record whose family lacks its address, or whose address lacks its mask, stops Restore before it changes anything' -ForEach @(
        @{ Field = 'IPv4Address'; Message = '*has IPv4SubnetMask without IPv4Address. Nothing was changed.' }
        @{ Field = 'IPv4SubnetMask'; Message = '*has IPv4Address without IPv4SubnetMask. Nothing was changed.' }
    ) {
        Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; clearIpv4 = $true } | Out-Null
        $file = Get-RecordFile $replicaId
        $record = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
        $record.adapters[0].settings.$Field = $null
        $record | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $file
        Reset-HvSimCallLog
        { Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic } } | Should -Throw $Message
        Get-SetCalls | Should -BeNullOrEmpty
        Test-Path -LiteralPath $file | Should -BeTrue
    }
}
