# Many admins, one host (issue #18, items 1-5): changes of one VM run one at a time under the VM's
# lock, restore records are merged per adapter, written only once the change is known to be
# possible and removed when it fails, Restore acts only on the path the admin confirmed, and every
# record field is checked before anything changes. The second admin's script runs from inside a
# simulated cmdlet the first one calls ($global:HvSimOnCall), as it would between the first one's
# steps on a real host.

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    # The scripts as the build assembles them (with their helpers), from the current sources.
    $scripts = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js')
    if ($LASTEXITCODE -ne 0) { throw "The scripts could not be assembled: $scripts" }
    $isoHeld = '11111111-2222-4333-8444-000000000001'
    $adminIso = 'D:\ISO\sql2014-sp3.iso'
    $replicaId = '6f1d0c3e-5b7a-4c2d-9e8f-0a1b2c3d4e01'
    $nic = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E01\3E0F6A51-8B2C-4D7E-9F10-2A3B4C5D6E71'
    $otherNic = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E01\3E0F6A51-8B2C-4D7E-9F10-2A3B4C5D6E72'
    $failoverFixture = Join-Path $PSScriptRoot 'fixtures/failover-tcpip-host.json'

    function Enter-Host([string]$scenarioPath) {
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $scenarioPath
        Import-Module Hyper-V -Force
    }
    function Invoke-Script([string]$name, [hashtable]$parameters) {
        (& (Join-Path $scripts "$name.ps1") @parameters) | ConvertFrom-Json
    }
    # Runs $action once, the first time the script calls $cmdlet (then the hook is gone).
    function Set-OnFirstCall([string]$cmdlet, [scriptblock]$action) {
        $global:HvSimOnCallAction = $action
        $global:HvSimOnCallCmdlet = $cmdlet
        $global:HvSimOnCall = {
            param($called)
            if ($called -ne $global:HvSimOnCallCmdlet) { return }
            $global:HvSimOnCall = $null
            & $global:HvSimOnCallAction
        }
    }
    function Get-Media { @(Get-VMDvdDrive -VMName 'ISO-HELD' | ForEach-Object { $_.Path }) }
    function Get-SetupDiskRecord { Join-Path (Get-VM -Id $isoHeld).ConfigurationLocation "hvtools-setup-disk-restore.$isoHeld.json" }
    function Get-FailoverRecord { Join-Path (Get-VM -Id $replicaId).ConfigurationLocation "hvtools-failover-tcpip-restore.$replicaId.json" }
    function Get-Settings([string]$adapterId) {
        Get-VMNetworkAdapter -VMName 'DC-REPLICA' | Where-Object { $_.Id -eq $adapterId } | Get-VMNetworkAdapterFailoverConfiguration |
            Select-Object IPv4Address, IPv4SubnetMask, IPv4DefaultGateway, IPv4PreferredDNSServer, IPv4AlternateDNSServer, IPv6Address,
            IPv6SubnetPrefixLength, IPv6DefaultGateway, IPv6PreferredDNSServer, IPv6AlternateDNSServer | ConvertTo-Json -Compress
    }
}

Describe 'Setup disk: two admins on one VM' {
    BeforeEach {
        Enter-Host (Join-Path $root 'test/scenarios/remediation-2012r2.json')
        $iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
    }
    AfterEach { $global:HvSimOnCall = $null }

    It "(1) B's Restore while A's Insert changes the drive waits, then says busy naming Insert; A's ISO can still be put back" {
        Set-OnFirstCall 'Set-VMDvdDrive' { $global:SecondAdmin = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; expectedPath = '' } }
        $first = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; replaceMedia = $true }
        $first.status | Should -Be 'inserted'
        $global:SecondAdmin.status | Should -Be 'busy'
        $global:SecondAdmin.changed | Should -BeFalse
        $global:SecondAdmin.inProgress | Should -Be 'Mount-IntegrationServicesSetupDisk'
        Get-Media | Should -Be @($iso)
        (Get-Content -Raw -LiteralPath (Get-SetupDiskRecord) | ConvertFrom-Json).previousPath | Should -Be $adminIso

        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; expectedPath = $adminIso }
        $restore.status | Should -Be 'restored'
        Get-Media | Should -Be @($adminIso)
        Test-Path -LiteralPath ((Get-SetupDiskRecord) -replace 'restore\..*$', "change.$isoHeld.lock") | Should -BeFalse
    }

    It "(1) B's Insert while A's Restore puts the ISO back says busy; the record A read is not taken by B" {
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; replaceMedia = $true }).status | Should -Be 'inserted'
        Set-OnFirstCall 'Set-VMDvdDrive' { $global:SecondAdmin = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; replaceMedia = $true } }
        (Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; expectedPath = $adminIso }).status | Should -Be 'restored'
        $global:SecondAdmin.status | Should -Be 'busy'
        $global:SecondAdmin.inProgress | Should -Be 'Dismount-IntegrationServicesSetupDisk'
        Get-Media | Should -Be @($adminIso)
        Test-Path -LiteralPath (Get-SetupDiskRecord) | Should -BeFalse
    }

    It 'a lock held by another change makes a change busy and stays; one left by a change that could not end (10 minutes) is taken over' {
        $lockFile = Join-Path (Get-VM -Id $isoHeld).ConfigurationLocation "hvtools-change.$isoHeld.lock"
        New-Item -ItemType Directory -Path (Split-Path -Parent $lockFile) -Force | Out-Null
        '{"change":"Enable-KvpExchangeService","since":"2026-01-01T00:00:00Z","token":"other"}' | Set-Content -LiteralPath $lockFile
        $busy = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; replaceMedia = $true }
        $busy.status | Should -Be 'busy'
        $busy.inProgress | Should -Be 'Enable-KvpExchangeService'
        Get-Media | Should -Be @($adminIso)
        Test-Path -LiteralPath $lockFile | Should -BeTrue
        (Get-Item -LiteralPath $lockFile).LastWriteTimeUtc = [DateTime]::UtcNow.AddMinutes(-11)
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; replaceMedia = $true }).status | Should -Be 'inserted'
        @(Get-ChildItem -LiteralPath (Split-Path -Parent $lockFile) -Filter "hvtools-change.$isoHeld.*") | Should -BeNullOrEmpty
    }

    It '(3) a failed Insert keeps no record: a later Insert and Restore never put back an ISO the admin removed' {
        Set-OnFirstCall 'Set-VMDvdDrive' { throw 'The virtual machine is locked by another operation.' }
        { Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; replaceMedia = $true } } | Should -Throw '*locked by another operation*'
        Get-Media | Should -Be @($adminIso)
        Test-Path -LiteralPath (Get-SetupDiskRecord) | Should -BeFalse
        # The admin removes the ISO by hand, then inserts the setup disk into the empty drive and restores.
        Get-VMDvdDrive -VMName 'ISO-HELD' | Set-VMDvdDrive -Path $null
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld }).status | Should -Be 'inserted'
        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; expectedPath = '' }
        $restore.status | Should -Be 'ejected'
        Get-Media | Should -BeNullOrEmpty
    }

    It '(4) Restore acts only on the path the admin confirmed: a record that names another ISO now gives record-changed' {
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; replaceMedia = $true }).status | Should -Be 'inserted'
        Set-Content -LiteralPath 'D:\ISO\other.iso' -Value 'another ISO'
        $file = Get-SetupDiskRecord
        $record = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
        $record.previousPath = 'D:\ISO\other.iso'
        $record | ConvertTo-Json | Set-Content -LiteralPath $file
        Reset-HvSimCallLog
        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; expectedPath = $adminIso }
        $restore.status | Should -Be 'record-changed'
        $restore.changed | Should -BeFalse
        $restore.before | Should -Be $adminIso
        $restore.after | Should -Be 'D:\ISO\other.iso'
        Get-Media | Should -Be @($iso)
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMDvdDrive') | Should -BeNullOrEmpty
        Test-Path -LiteralPath $file | Should -BeTrue
        # A record gone since the scan (another admin restored): nothing is ejected on its behalf.
        Remove-Item -LiteralPath $file
        (Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; expectedPath = $adminIso }).status | Should -Be 'record-changed'
        Get-Media | Should -Be @($iso)
    }

    It '(4) a record field of the wrong kind (<Field> = <Text>) stops Restore naming it; the setup disk and the record stay' -ForEach @(
        @{ Field = 'controller'; Text = 'null'; Value = $null }
        @{ Field = 'controller'; Text = '1.5'; Value = 1.5 }
        @{ Field = 'location'; Text = '"0"'; Value = '0' }
        @{ Field = 'controllerType'; Text = 'IDE + newline'; Value = "IDE`n" }
        @{ Field = 'previousPath'; Text = 'a path + newline'; Value = "D:\ISO\sql2014-sp3.iso`n" }
        @{ Field = 'vmId'; Text = 'another VM'; Value = '11111111-2222-4333-8444-000000000002' }
    ) {
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; replaceMedia = $true }).status | Should -Be 'inserted'
        $file = Get-SetupDiskRecord
        $record = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
        $record.$Field = $Value
        $record | ConvertTo-Json | Set-Content -LiteralPath $file
        Reset-HvSimCallLog
        { Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $isoHeld; expectedPath = $adminIso } } |
            Should -Throw "The restore record *hvtools-setup-disk-restore.$isoHeld.json has * as $Field, *. Nothing was changed."
        Get-Media | Should -Be @($iso)
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMDvdDrive') | Should -BeNullOrEmpty
        Test-Path -LiteralPath $file | Should -BeTrue
    }
}

Describe 'Failover TCP/IP: two admins on one VM' {
    BeforeEach {
        Enter-Host $failoverFixture
    }
    AfterEach { $global:HvSimOnCall = $null }

    It "(2) B's Set of another adapter while A's Restore changes the first says busy; once A is done, B's entry is kept and restores" {
        $otherOriginal = Get-Settings $otherNic
        (Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }).status | Should -Be 'failover-set'
        $b = @{ vmId = $replicaId; adapterId = $otherNic; ipv4Address = '10.30.0.16'; ipv4SubnetMask = '255.255.255.0' }
        Set-OnFirstCall 'Set-VMNetworkAdapterFailoverConfiguration' { $global:SecondAdmin = Invoke-Script 'Set-FailoverTcpIpConfiguration' $b }
        (Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic }).status | Should -Be 'failover-restored'
        $global:SecondAdmin.status | Should -Be 'busy'
        $global:SecondAdmin.inProgress | Should -Be 'Restore-FailoverTcpIpConfiguration'
        Get-Settings $otherNic | Should -Be $otherOriginal

        (Invoke-Script 'Set-FailoverTcpIpConfiguration' $b).status | Should -Be 'failover-set'
        $restore = Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $otherNic }
        $restore.status | Should -Be 'failover-restored'
        Get-Settings $otherNic | Should -Be $otherOriginal
    }

    It '(2) two adapters set at once: the second says busy; set again, both keep their entries and each restores' {
        $original = Get-Settings $nic
        $otherOriginal = Get-Settings $otherNic
        $b = @{ vmId = $replicaId; adapterId = $otherNic; ipv4Address = '10.30.0.16'; ipv4SubnetMask = '255.255.255.0' }
        Set-OnFirstCall 'Set-VMNetworkAdapterFailoverConfiguration' { $global:SecondAdmin = Invoke-Script 'Set-FailoverTcpIpConfiguration' $b }
        (Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' }).status | Should -Be 'failover-set'
        $global:SecondAdmin.status | Should -Be 'busy'
        (Invoke-Script 'Set-FailoverTcpIpConfiguration' $b).status | Should -Be 'failover-set'
        @((Get-Content -Raw -LiteralPath (Get-FailoverRecord) | ConvertFrom-Json).adapters.adapterId) | Should -Be @($nic, $otherNic)
        (Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic }).status | Should -Be 'failover-restored'
        (Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $otherNic }).status | Should -Be 'failover-restored'
        Get-Settings $nic | Should -Be $original
        Get-Settings $otherNic | Should -Be $otherOriginal
    }

    It '(4) a record value with a trailing newline, or an address without its mask, stops Restore before anything changes (<What>)' -ForEach @(
        @{ What = 'address + newline'; Field = 'IPv4Address'; Value = "10.20.0.50`n"; Message = "*as IPv4Address, not an IPv4 address. Nothing was changed." }
        @{ What = 'no mask'; Field = 'IPv4SubnetMask'; Value = $null; Message = '*has IPv4Address without IPv4SubnetMask. Nothing was changed.' }
        @{ What = 'a gateway without its address'; Field = 'IPv4Address'; Value = $null; Message = '*has IPv4SubnetMask without IPv4Address. Nothing was changed.' }
        @{ What = 'prefix length + newline'; Field = 'IPv6SubnetPrefixLength'; Value = "64`n"; Message = '*as IPv6SubnetPrefixLength, not a prefix length. Nothing was changed.' }
        @{ What = 'a number as address'; Field = 'IPv4Address'; Value = 10; Message = "*has '10' as IPv4Address, not a text. Nothing was changed." }
    ) {
        (Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; clearIpv4 = $true }).status | Should -Be 'failover-cleared'
        $file = Get-FailoverRecord
        $record = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
        $record.adapters[0].settings.$Field = $Value
        $record | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $file
        $before = Get-Settings $nic
        Reset-HvSimCallLog
        { Invoke-Script 'Restore-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic } } | Should -Throw $Message
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMNetworkAdapterFailoverConfiguration') | Should -BeNullOrEmpty
        Get-Settings $nic | Should -Be $before
        Test-Path -LiteralPath $file | Should -BeTrue
    }

    It '(5) a VM whose replication is not enabled is refused before a record is kept; nothing changed' {
        $scenario = Get-Content -Raw -LiteralPath $failoverFixture | ConvertFrom-Json
        ($scenario.vms | Where-Object Name -eq 'DC-REPLICA').Replication = $null
        $path = Join-Path $TestDrive 'not-replicated.json'
        $scenario | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $path
        Enter-Host $path
        $before = Get-Settings $nic
        { Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' } } |
            Should -Throw "VM 'DC-REPLICA' is not a Primary, Replica or Extended Replica VM*Nothing was changed."
        Test-Path -LiteralPath (Get-FailoverRecord) | Should -BeFalse
        Get-Settings $nic | Should -Be $before
    }

    It '(5) a set that fails midway puts the previous settings back and keeps no record' {
        $original = Get-Settings $nic
        $global:FailoverCalls = 0
        $global:HvSimOnCall = {
            param($called)
            # The clear goes through, the set after it is refused (once: putting back must work).
            if ($called -eq 'Set-VMNetworkAdapterFailoverConfiguration' -and ++$global:FailoverCalls -eq 2) { throw 'The operation failed: the address is in use.' }
        }
        # The alternate DNS server is dropped: the family is cleared, then set.
        { Invoke-Script 'Set-FailoverTcpIpConfiguration' @{ vmId = $replicaId; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' } } |
            Should -Throw '*the address is in use.*The previous settings were put back.'
        Get-Settings $nic | Should -Be $original
        Test-Path -LiteralPath (Get-FailoverRecord) | Should -BeFalse
    }
}
