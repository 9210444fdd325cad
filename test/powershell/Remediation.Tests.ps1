# The remediation scripts on the simulated host, which keeps its state for the session: the setup
# disk (insert, keep and restore another ISO, no DVD drive, 2016+ hosts), enabling KVP, idempotence,
# and the VM Id checks.

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    # The scripts as the build assembles them (with their helpers), from the current sources.
    $scripts = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js')
    if ($LASTEXITCODE -ne 0) { throw "The scripts could not be assembled: $scripts" }
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

        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = 'D:\ISO\sql2014-sp3.iso' }
        $restore.status | Should -Be 'restored'
        $restore.after | Should -Be 'D:\ISO\sql2014-sp3.iso'
        Get-Media 'ISO-HELD' | Should -Be @('D:\ISO\sql2014-sp3.iso')
        (Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = '' }).status | Should -Be 'nothing-to-restore'
        Get-Media 'ISO-HELD' | Should -Be @('D:\ISO\sql2014-sp3.iso')
        (((& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $id) | ConvertFrom-Json).vms[0].setupDiskRestore) | Should -BeNullOrEmpty
    }

    It 'a restore record that lacks a field: Restore stops naming the file and changes nothing; the scan records it on the VM' {
        $id = Get-Vm1 'ISO-HELD'
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id; replaceMedia = $true }).status | Should -Be 'inserted'
        $vm = Get-VM -Id $id
        $record = Join-Path $vm.ConfigurationLocation "hvtools-setup-disk-restore.$id.json"
        # Edited by hand: the previous media's path is gone (strict mode would refuse reading it).
        '{ "vmId": "' + $id + '", "controllerType": "IDE", "controller": 1, "location": 0 }' | Set-Content -LiteralPath $record
        { Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = 'D:\ISO\sql2014-sp3.iso' } } | Should -Throw "The restore record *hvtools-setup-disk-restore.$id.json lacks previousPath. Nothing was changed."
        Get-Media 'ISO-HELD' | Should -Be @($iso)
        Test-Path -LiteralPath $record | Should -BeTrue
        $snapshot = (& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $id) | ConvertFrom-Json
        $snapshot.vms[0].setupDiskRestore | Should -BeNullOrEmpty
        $snapshot.vms[0].errors[0].source | Should -Be 'setupDiskRestore'
        $snapshot.vms[0].errors[0].message | Should -BeLike "The restore record *hvtools-setup-disk-restore.$id.json can't be read: it lacks previousPath."
        '' | Set-Content -LiteralPath $record
        { Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = 'D:\ISO\sql2014-sp3.iso' } } | Should -Throw "The restore record *hvtools-setup-disk-restore.$id.json is empty. Nothing was changed."
        ((& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $id) | ConvertFrom-Json).vms[0].errors[0].message | Should -BeLike "*can't be read: it is empty."
        'not JSON' | Set-Content -LiteralPath $record
        { Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = 'D:\ISO\sql2014-sp3.iso' } } | Should -Throw "The restore record *can't be read: *Nothing was changed."
        Get-Media 'ISO-HELD' | Should -Be @($iso)
    }

    It 'prefers an empty drive to one holding media' {
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = (Get-Vm1 'TWO-DRIVES') }).drive | Should -Be 'IDE 1:1'
        Get-Media 'TWO-DRIVES' | Should -Be @('D:\ISO\tools.iso', $iso)
    }

    It 'does not touch a drive the admin changed since' {
        $id = Get-Vm1 'ISO-HELD'
        Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id; replaceMedia = $true } | Out-Null
        Get-VMDvdDrive -VMName 'ISO-HELD' | Set-VMDvdDrive -Path 'D:\ISO\other.iso'
        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = 'D:\ISO\sql2014-sp3.iso' }
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

    It 'refuses a malformed Id before touching anything: the [guid] parameter names it' {
        $notAGuid = "*Cannot process argument transformation on parameter 'vmId'. Cannot convert value*to type ""System.Guid""*"
        { & (Join-Path $scripts 'Mount-IntegrationServicesSetupDisk.ps1') -vmId 'ISO-HELD' } | Should -Throw $notAGuid
        { & (Join-Path $scripts 'Mount-IntegrationServicesSetupDisk.ps1') -vmId '11111111-2222-4333-8444-000000000001; Stop-Computer' } | Should -Throw $notAGuid
        { & (Join-Path $scripts 'Dismount-IntegrationServicesSetupDisk.ps1') -vmId '$(Stop-Computer)' } | Should -Throw $notAGuid
        @(Get-HvSimCallLog).Count | Should -Be 0
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

    It 'refuses a malformed Id: the [guid] parameter names it' {
        { & (Join-Path $scripts 'Enable-KvpExchangeService.ps1') -vmId 'KVP-OFF' } |
            Should -Throw "*Cannot process argument transformation on parameter 'vmId'. Cannot convert value ""KVP-OFF"" to type ""System.Guid""*"
        @(Get-HvSimCallLog).Count | Should -Be 0
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

Describe 'The simulated host binds as strictly as the real cmdlets' {
    BeforeEach { Enter-Host 'remediation-2012r2.json' }

    It 'refuses -VM $null instead of answering for every VM' {
        { Get-VMDvdDrive -VM $null } | Should -Throw "*Cannot bind argument to parameter 'VM' because it is null*"
        { Get-VMIntegrationService -VM $null } | Should -Throw "*Cannot bind argument to parameter 'VM'*"
        { Get-VMNetworkAdapter -VM $null } | Should -Throw "*Cannot bind argument to parameter 'VM'*"
        { Get-VMReplication -VM $null } | Should -Throw "*Cannot bind argument to parameter 'VM'*"
        @(@() | Get-VMDvdDrive).Count | Should -Be 0
    }

    It 'writes "unable to find" for an unknown Id, with the Id as its target' {
        $unknown = [guid]'11111111-2222-4333-8444-999999999999'
        $found = @(Get-VM -Id $unknown -ErrorAction SilentlyContinue -ErrorVariable lookupErrors)
        $found.Count | Should -Be 0
        @($lookupErrors).Count | Should -Be 1
        $lookupErrors[0].Exception.Message | Should -Be 'Hyper-V was unable to find a virtual machine with id "11111111-2222-4333-8444-999999999999".'
        [string]$lookupErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $lookupErrors[0].TargetObject | Should -Be $unknown
        $lookupErrors[0].TargetObject | Should -BeOfType [guid]
    }

    It 'refuses an ISO that does not exist on the host, and takes one that does' {
        { Get-VMDvdDrive -VMName 'EMPTY-DVD' | Set-VMDvdDrive -Path 'D:\ISO\missing.iso' -ErrorAction Stop } | Should -Throw "*cannot find the file*"
        Get-Media 'EMPTY-DVD' | Should -BeNullOrEmpty
        Get-VMDvdDrive -VMName 'EMPTY-DVD' | Set-VMDvdDrive -Path 'D:\ISO\other.iso'
        Get-Media 'EMPTY-DVD' | Should -Be @('D:\ISO\other.iso')
    }
}

Describe 'A VM that is no longer on the host (deleted or migrated since the scan)' {
    BeforeEach {
        Enter-Host 'remediation-2012r2.json'
        $gone = '11111111-2222-4333-8444-999999999999'
        $mediaBefore = @(Get-VMDvdDrive -VMName * | ForEach-Object { "$($_.VMName)=$($_.Path)" })
    }

    It '<name> says vm-not-found and changes no other VM' -TestCases @(
        @{ name = 'Mount-IntegrationServicesSetupDisk'; parameters = @{ replaceMedia = $true } }
        @{ name = 'Dismount-IntegrationServicesSetupDisk'; parameters = @{ expectedPath = '' } }
        @{ name = 'Enable-KvpExchangeService'; parameters = @{} }
    ) {
        $result = Invoke-Script $name (@{ vmId = $gone } + $parameters)
        $result.status | Should -Be 'vm-not-found'
        $result.changed | Should -BeFalse
        @(Get-HvSimCallLog | Where-Object { $_.Cmdlet -in 'Set-VMDvdDrive', 'Enable-VMIntegrationService' }).Count | Should -Be 0
        @(Get-VMDvdDrive -VMName * | ForEach-Object { "$($_.VMName)=$($_.Path)" }) | Should -Be $mediaBefore
        @(Get-VMIntegrationService -VMName * | Where-Object { -not $_.Enabled } | ForEach-Object VMName) | Should -Contain 'KVP-OFF'
    }

    It 'the re-check of that VM returns no VM and no host error' {
        $snapshot = (& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $gone) | ConvertFrom-Json
        @($snapshot.vms).Count | Should -Be 0
        $snapshot.error | Should -BeNullOrEmpty
    }
}

Describe 'Clustered VMs: the restore record travels with the VM' {
    BeforeAll {
        $env:HVSIM_SHARED_STORAGE = Join-Path $TestDrive 'cluster-shared-storage'
        # Live migration: the VM (with the media in its drives) leaves node 1 and is registered on node 2.
        function Move-ToNode2([string[]]$names) {
            $moving = @($names | ForEach-Object { Export-HvSimVm -Id (Get-VM -Name $_).Id })
            Enter-Host 'cluster2012-node2.json'
            foreach ($vm in $moving) { Import-HvSimVm $vm }
        }
    }
    AfterAll {
        Remove-Item Env:\HVSIM_SHARED_STORAGE -ErrorAction SilentlyContinue
    }
    BeforeEach {
        Get-ChildItem -LiteralPath $env:HVSIM_SHARED_STORAGE -ErrorAction SilentlyContinue | Remove-Item -Recurse -Force
        Enter-Host 'cluster2012-node1.json'
        $iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
    }

    It 'inserts the node-local setup disk into a clustered VM with -AllowUnverifiedPaths (the cluster refuses it otherwise)' {
        { Get-VMDvdDrive -VMName 'CLU-EMPTY-DVD' | Set-VMDvdDrive -Path $iso -ErrorAction Stop } | Should -Throw "*AllowUnverifiedPaths*"
        $result = Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = (Get-Vm1 'CLU-EMPTY-DVD') }
        $result.status | Should -Be 'inserted'
        Get-Media 'CLU-EMPTY-DVD' | Should -Be @($iso)
    }

    It 'keeps the record beside the VM configuration on shared storage, and Restore works on the node the VM moved to' {
        $id = Get-Vm1 'CLU-APP'
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id; replaceMedia = $true }).status | Should -Be 'inserted'
        Test-Path -LiteralPath "C:\ClusterStorage\Volume1\CLU-APP\hvtools-setup-disk-restore.$id.json" | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $env:HVSIM_SHARED_STORAGE "Volume1/CLU-APP/hvtools-setup-disk-restore.$id.json") | Should -BeTrue

        Move-ToNode2 'CLU-APP'
        $env:COMPUTERNAME | Should -Be 'HV12-N2'
        $snapshot = (& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $id) | ConvertFrom-Json
        $snapshot.vms[0].setupDiskRestore.previousPath | Should -Be 'C:\ClusterStorage\Volume1\ISO\app-tools.iso'

        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = 'C:\ClusterStorage\Volume1\ISO\app-tools.iso' }
        $restore.status | Should -Be 'restored'
        Get-Media 'CLU-APP' | Should -Be @('C:\ClusterStorage\Volume1\ISO\app-tools.iso')
        Test-Path -LiteralPath "C:\ClusterStorage\Volume1\CLU-APP\hvtools-setup-disk-restore.$id.json" | Should -BeFalse
    }

    It 'does not mount an ISO that stayed on the old node: the setup disk stays and so does the record' {
        $id = Get-Vm1 'CLU-LOCAL-ISO'
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id; replaceMedia = $true }).status | Should -Be 'inserted'
        Move-ToNode2 'CLU-LOCAL-ISO'
        $restore = Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = 'D:\ISO\node1-only.iso' }
        $restore.status | Should -Be 'previous-media-missing'
        $restore.changed | Should -BeFalse
        Get-Media 'CLU-LOCAL-ISO' | Should -Be @($iso)
        @(Get-HvSimCallLog | Where-Object Cmdlet -eq 'Set-VMDvdDrive').Count | Should -Be 0
        (((& (Join-Path $scripts 'Get-ReplicaFailoverIpSnapshot.ps1') -vmId $id) | ConvertFrom-Json).vms[0].setupDiskRestore.previousPath) | Should -Be 'D:\ISO\node1-only.iso'
    }

    It 'mounts only an existing .iso path, whatever the record says' {
        $id = Get-Vm1 'CLU-APP'
        (Invoke-Script 'Mount-IntegrationServicesSetupDisk' @{ vmId = $id; replaceMedia = $true }).status | Should -Be 'inserted'
        $record = "C:\ClusterStorage\Volume1\CLU-APP\hvtools-setup-disk-restore.$id.json"
        Set-Content -LiteralPath 'C:\ClusterStorage\Volume1\ISO\tool.exe' -Value 'x'
        foreach ($path in @('C:\ClusterStorage\Volume1\ISO\tool.exe', 'ISO\app-tools.iso')) {
            $text = (Get-Content -Raw -LiteralPath $record | ConvertFrom-Json)
            $text.previousPath = $path
            ConvertTo-Json -InputObject $text | Set-Content -LiteralPath $record
            (Invoke-Script 'Dismount-IntegrationServicesSetupDisk' @{ vmId = $id; expectedPath = $path }).status | Should -Be 'previous-media-missing'
            Get-Media 'CLU-APP' | Should -Be @($iso)
        }
    }
}
