# The remediation scripts on the simulated host, which keeps its state for the session: the setup
# disk (insert, keep and restore another ISO, no DVD drive, 2016+ hosts), enabling KVP, idempotence,
# and the VM Id checks.

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    $scripts = Join-Path $root 'src/resources/scripts'
    $scenarios = Join-Path $root 'test/scenarios'

    function Enter-Host([string]$scenarioFile) {
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath (Join-Path $scenarios $scenarioFile)
        Import-Module Hyper-V
    }
    function Invoke-Script([string]$name, [hashtable]$parameters) {
        $text = & (Join-Path $scripts "$name.ps1") @parameters
        $text | ConvertFrom-Json
    }
    function Get-Media([string]$vmName) { @(Get-VMDvdDrive -VMName $vmName | ForEach-Object { $_.Path }) }
    function Get-Vm1([string]$name) { (Get-VM -Name $name).Id.ToString() }
}

Describe 'Mount-IntegrationServicesSetupDisk on a Windows Server 2012 R2 host' {
    BeforeEach {
        Enter-Host 'remediation-2012r2.json'
        $iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
    }

    It 'inserts the setup disk into an empty drive, and a second run changes nothing' {
        $id = Get-Vm1 'EMPTY-DVD'
        $first = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id }
        $first.status | Should -Be 'inserted'
        $first.changed | Should -BeTrue
        $first.before | Should -BeNullOrEmpty
        $first.drive | Should -Be 'IDE 1:0'
        Get-Media 'EMPTY-DVD' | Should -Be @($iso)
        $second = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id }
        $second.status | Should -Be 'already-inserted'
        $second.changed | Should -BeFalse
        Get-Media 'EMPTY-DVD' | Should -Be @($iso)
    }

    It 'asks before replacing another ISO and leaves it in place until confirmed' {
        $result = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = (Get-Vm1 'ISO-HELD') }
        $result.status | Should -Be 'needs-confirmation'
        $result.before | Should -Be 'D:\ISO\sql2014-sp3.iso'
        $result.changed | Should -BeFalse
        Get-Media 'ISO-HELD' | Should -Be @('D:\ISO\sql2014-sp3.iso')
    }

    It 'keeps the replaced ISO and puts it back on restore, which is idempotent' {
        $id = Get-Vm1 'ISO-HELD'
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id; replaceMedia = $true }).status | Should -Be 'inserted'
        Get-Media 'ISO-HELD' | Should -Be @($iso)
        $snapshot = (& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $id) | ConvertFrom-Json
        $snapshot.vms[0].setupDiskRestore.previousPath | Should -Be 'D:\ISO\sql2014-sp3.iso'
        $snapshot.vms[0].setupDiskRestore.drive | Should -Be 'IDE 1:0'

        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id }
        $restore.status | Should -Be 'restored'
        $restore.after | Should -Be 'D:\ISO\sql2014-sp3.iso'
        Get-Media 'ISO-HELD' | Should -Be @('D:\ISO\sql2014-sp3.iso')
        (Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id }).status | Should -Be 'nothing-to-restore'
        Get-Media 'ISO-HELD' | Should -Be @('D:\ISO\sql2014-sp3.iso')
        (((& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $id) | ConvertFrom-Json).vms[0].setupDiskRestore) | Should -BeNullOrEmpty
    }

    It 'prefers an empty drive to one holding media' {
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = (Get-Vm1 'TWO-DRIVES') }).drive | Should -Be 'IDE 1:1'
        Get-Media 'TWO-DRIVES' | Should -Be @('D:\ISO\tools.iso', $iso)
    }

    It 'does not touch a drive the admin changed since' {
        $id = Get-Vm1 'ISO-HELD'
        Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id; replaceMedia = $true } | Out-Null
        Get-VMDvdDrive -VMName 'ISO-HELD' | Set-VMDvdDrive -Path 'D:\ISO\other.iso'
        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id }
        $restore.status | Should -Be 'media-changed'
        $restore.changed | Should -BeFalse
        Get-Media 'ISO-HELD' | Should -Be @('D:\ISO\other.iso')
    }

    It 'refuses a VM without a DVD drive and adds no hardware' {
        $result = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = (Get-Vm1 'NO-DVD') }
        $result.status | Should -Be 'no-dvd-drive'
        $result.changed | Should -BeFalse
        @(Get-VMDvdDrive -VMName 'NO-DVD').Count | Should -Be 0
    }

    It 'acts on the VM by Id whatever its name' {
        $name = "<b>'; Stop-Computer #"
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = (Get-Vm1 $name) }).status | Should -Be 'inserted'
        Get-Media $name | Should -Be @($iso)
    }

    It 'refuses a malformed Id before touching anything' {
        { & (Join-Path $scripts 'Mount-IntegrationServicesSetupDisk.ps1') -vmId 'ISO-HELD' } | Should -Throw "*not a VM Id*"
        { & (Join-Path $scripts 'Mount-IntegrationServicesSetupDisk.ps1') -vmId '11111111-2222-4333-8444-000000000001; Stop-Computer' } | Should -Throw "*not a VM Id*"
        { & (Join-Path $scripts 'Dismount-IntegrationServicesSetupDisk.ps1') -vmId '$(Stop-Computer)' } | Should -Throw "*not a VM Id*"
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMDvdDrive').Count | Should -Be 0
    }
}

Describe 'Mount-IntegrationServicesSetupDisk on a Windows Server 2016+ host' {
    It 'refuses: integration services come through Windows Update there' {
        Enter-Host 'primary-host.json'
        $result = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = (Get-Vm1 'APP07') }
        $result.status | Should -Be 'not-available-on-this-host'
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMDvdDrive').Count | Should -Be 0
    }
}

Describe 'Enable-KvpExchangeService' {
    BeforeEach { Enter-Host 'remediation-2012r2.json' }

    It 'turns KVP on for the VM, and a second run changes nothing' {
        $id = Get-Vm1 'KVP-OFF'
        $first = Invoke-Script 'Enable-KvpExchangeService' @{ vmId = $id }
        $first.status | Should -Be 'enabled'
        $first.before | Should -BeFalse
        $first.after | Should -BeTrue
        (((& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $id) | ConvertFrom-Json).vms[0].kvp.enabled) | Should -BeTrue
        (Invoke-Script 'Enable-KvpExchangeService' @{ vmId = $id }).status | Should -Be 'already-enabled'
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Enable-VMIntegrationService').Count | Should -Be 1
    }

    It 'refuses a malformed Id' {
        { & (Join-Path $scripts 'Enable-KvpExchangeService.ps1') -vmId 'KVP-OFF' } | Should -Throw "*not a VM Id*"
    }
}

Describe 'The re-check of one VM' {
    It 'reads only that VM' {
        Enter-Host 'remediation-2012r2.json'
        $snapshot = (& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId (Get-Vm1 'NO-DVD')) | ConvertFrom-Json
        @($snapshot.vms).Count | Should -Be 1
        $snapshot.vms[0].name | Should -Be 'NO-DVD'
        $snapshot.host.setupDisk | Should -Match 'vmguest\.iso$'
    }
}
