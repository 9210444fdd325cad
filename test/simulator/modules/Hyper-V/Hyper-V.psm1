# Simulated Hyper-V PowerShell module. It answers the Hyper-V cmdlets the product's scripts use
# from a scenario file (format hyperv-host-scenario/1, see test/scenarios/README.md), with enum
# values that behave like the real ones, the per-VM faults the scenario names, and a log of every
# call so tests can count round trips. Loaded by test/simulator/Enter-SimulatedHost.ps1.

enum VMState {
    Other = 1; Running = 2; Off = 3; Stopping = 4; Saved = 6; Paused = 9; Starting = 10; Reset = 11
    Saving = 32773; Pausing = 32776; Resuming = 32777; FastSaved = 32779; FastSaving = 32780
    RunningCritical = 32781; OffCritical = 32782; StoppingCritical = 32783; SavedCritical = 32784
    PausedCritical = 32785; StartingCritical = 32786; ResetCritical = 32787; SavingCritical = 32788
    PausingCritical = 32789; ResumingCritical = 32790; FastSavedCritical = 32791; FastSavingCritical = 32792
}
enum VMReplicationMode { None = 0; Primary = 1; Replica = 2; TestReplica = 3; ExtendedReplica = 4 }
enum VMReplicationState {
    Disabled = 0; ReadyForInitialReplication = 1; InitialReplicationInProgress = 2; WaitingForInitialReplication = 3
    Replicating = 4; PreparedForFailover = 5; FailedOverWaitingCompletion = 6; FailedOver = 7; Suspended = 8
    Error = 9; WaitingForStartResynchronize = 10; Resynchronizing = 11; ResynchronizeSuspended = 12
    RecoveryInProgress = 13; FailbackInProgress = 14; FailbackComplete = 15; WaitingForUpdateCompletion = 16
    UpdateError = 17; WaitingForRepurposeCompletion = 18; PreparedForSyncReplication = 19
    PreparedForGroupReverseReplication = 20; FiredrillInProgress = 21
}
enum VMReplicationHealthState { NotApplicable = 0; Normal = 1; Warning = 2; Critical = 3 }
enum VMReplicationRelationshipType { Simple = 0; Extended = 1 }
enum VMIntegrationComponentOperationalStatus {
    Ok = 2; Degraded = 3; Error = 6; NonRecoverableError = 7; NoContact = 12; LostCommunication = 13
    ProtocolMismatch = 32775; ApplicationCritical = 32782; CommunicationTimedOut = 32783
    CommunicationFailed = 32784; Disabled = 32896
}
enum ControllerType { IDE = 0; SCSI = 1 }

$script:HostFacts = $null
$script:Vms = @()
$script:Calls = New-Object System.Collections.Generic.List[object]

function Import-HvSimScenario {
    $path = $env:HVSIM_SCENARIO
    if (-not $path) { throw 'HVSIM_SCENARIO is not set: load the simulator with Enter-SimulatedHost.ps1.' }
    $scenario = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json
    if ($scenario.format -ne 'hyperv-host-scenario/1') { throw "Unknown scenario format '$($scenario.format)' in $path." }
    $script:HostFacts = $scenario.host
    $script:Vms = @($scenario.vms)
}

function Add-HvSimCall([string]$cmdlet, [int]$objects) {
    $script:Calls.Add([pscustomobject]@{ Cmdlet = $cmdlet; Objects = $objects })
}

function Get-HvSimCallLog { $script:Calls.ToArray() }
function Reset-HvSimCallLog { $script:Calls.Clear() }

function ConvertTo-HvSimEnum([type]$type, $name) {
    if ($null -eq $name) { return $null }
    [Enum]::Parse($type, [string]$name)
}

function New-HvSimVmObject($vm) {
    $id = [guid]$vm.Id
    [pscustomobject]@{
        PSTypeName                 = 'Microsoft.HyperV.PowerShell.VirtualMachine'
        Name                       = $vm.Name
        VMName                     = $vm.Name
        Id                         = $id
        VMId                       = $id
        State                      = ConvertTo-HvSimEnum ([VMState]) $vm.State
        Generation                 = [int]$vm.Generation
        Version                    = [string]$vm.Version
        IntegrationServicesVersion = $(if ($vm.IntegrationServicesVersion) { [version]$vm.IntegrationServicesVersion } else { $null })
        IntegrationServicesState   = [string]$vm.IntegrationServicesState
        ReplicationMode            = [VMReplicationMode]$(if ($vm.Replication) { $vm.Replication.ReplicationMode } else { 'None' })
        ReplicationState           = [VMReplicationState]$(if ($vm.Replication) { $vm.Replication.ReplicationState } else { 'Disabled' })
        ReplicationHealth          = [VMReplicationHealthState]$(if ($vm.Replication) { $vm.Replication.ReplicationHealth } else { 'NotApplicable' })
        ComputerName               = $script:HostFacts.ComputerName
    }
}

# The scenario VMs that the -VM / -VMName / -Name arguments select (all when none is given).
function Select-HvSimVm($VM, [string[]]$VMName) {
    if ($VM) {
        $ids = @($VM | ForEach-Object { [string]$_.Id })
        return @($script:Vms | Where-Object { $ids -contains ([string]([guid]$_.Id)) })
    }
    if ($VMName) {
        return @($script:Vms | Where-Object { $n = $_.Name; @($VMName | Where-Object { $n -like $_ }).Count -gt 0 })
    }
    return $script:Vms
}

# Writes the scenario's fault for this cmdlet and VM as a non-terminating error; $true when it did.
# Like a compiled cmdlet, it honours the caller's $ErrorActionPreference: a script-module function
# does not see it, so a caller's 'Stop' would otherwise let a real host's terminating error pass.
function Write-HvSimFault($cmdlet, $vm, $caller) {
    if ($vm.PSObject.Properties['Faults'] -and $vm.Faults -and $vm.Faults.PSObject.Properties[$cmdlet]) {
        $exception = New-Object System.InvalidOperationException ([string]$vm.Faults.$cmdlet)
        $record = New-Object System.Management.Automation.ErrorRecord ($exception, "$cmdlet,Simulated", 'InvalidOperation', (New-HvSimVmObject $vm))
        $callerPreference = $caller.SessionState.PSVariable.GetValue('ErrorActionPreference')
        if (-not $caller.MyInvocation.BoundParameters.ContainsKey('ErrorAction') -and [string]$callerPreference -eq 'Stop') {
            $caller.ThrowTerminatingError($record)
        }
        $caller.WriteError($record)
        return $true
    }
    return $false
}

# The scenario VMs a batched cmdlet call answers for: logs the call (one, whatever the VM count),
# writes the scenario's fault for each VM that has one, and returns the others.
function Get-HvSimAnswers([string]$cmdlet, $VM, [string[]]$VMName, $caller) {
    $selected = Select-HvSimVm $VM $VMName
    Add-HvSimCall $cmdlet 1
    foreach ($entry in $selected) {
        if (-not (Write-HvSimFault $cmdlet $entry $caller)) { $entry }
    }
}

function Get-VMHost {
    [CmdletBinding()] param()
    Add-HvSimCall 'Get-VMHost' 1
    [pscustomobject]@{ ComputerName = $script:HostFacts.ComputerName; Name = $script:HostFacts.ComputerName }
}

function Get-VM {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [guid]$Id)
    $selected = if ($Id) { @($script:Vms | Where-Object { [guid]$_.Id -eq $Id }) } else { Select-HvSimVm $null $Name }
    Add-HvSimCall 'Get-VM' 1
    foreach ($vm in $selected) {
        if (-not (Write-HvSimFault 'Get-VM' $vm $PSCmdlet)) { New-HvSimVmObject $vm }
    }
}

function Get-VMReplication {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][object[]]$VM)
    begin { $collected = @() }
    process { if ($VM) { $collected += $VM } }
    end {
        foreach ($entry in @(Get-HvSimAnswers 'Get-VMReplication' $collected $VMName $PSCmdlet)) {
            $r = $entry.Replication
            if (-not $r -or $r.ReplicationMode -eq 'None') {
                if ($collected -or $VMName) {
                    $exception = New-Object System.InvalidOperationException ("Replication is not enabled for virtual machine '$($entry.Name)'.")
                    $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord ($exception, 'ReplicationNotEnabled', 'ObjectNotFound', $entry.Name)))
                }
                continue
            }
            $vmObject = New-HvSimVmObject $entry
            $mode = ConvertTo-HvSimEnum ([VMReplicationMode]) $r.ReplicationMode
            $state = ConvertTo-HvSimEnum ([VMReplicationState]) $r.ReplicationState
            $health = ConvertTo-HvSimEnum ([VMReplicationHealthState]) $r.ReplicationHealth
            [pscustomobject]@{
                VMName                      = $entry.Name
                VMId                        = [guid]$entry.Id
                ReplicationMode             = $mode
                ReplicationState            = $state
                ReplicationHealth           = $health
                ReplicationRelationshipType = ConvertTo-HvSimEnum ([VMReplicationRelationshipType]) $r.ReplicationRelationshipType
                PrimaryServerName           = $r.PrimaryServerName
                ReplicaServerName           = $r.ReplicaServerName
                CurrentReplicaServerName    = $r.ReplicaServerName
                Mode                        = $mode
                State                       = $state
                Health                      = $health
                TestVirtualMachine          = $vmObject
            }
        }
    }
}

function Get-VMIntegrationService {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][object[]]$VM, [string[]]$Name)
    begin { $collected = @() }
    process { if ($VM) { $collected += $VM } }
    end {
        foreach ($entry in @(Get-HvSimAnswers 'Get-VMIntegrationService' $collected $VMName $PSCmdlet)) {
            foreach ($component in @($entry.IntegrationServices)) {
                if ($null -eq $component) { continue }
                if ($Name -and $Name -notcontains $component.Name) { continue }
                [pscustomobject]@{
                    PSTypeName                  = 'Microsoft.HyperV.PowerShell.VMIntegrationComponent'
                    VMName                      = $entry.Name
                    VMId                        = [guid]$entry.Id
                    Name                        = $component.Name
                    Id                          = $component.Id
                    Enabled                     = [bool]$component.Enabled
                    PrimaryOperationalStatus    = ConvertTo-HvSimEnum ([VMIntegrationComponentOperationalStatus]) $component.PrimaryOperationalStatus
                    PrimaryStatusDescription    = $component.PrimaryStatusDescription
                    SecondaryOperationalStatus  = ConvertTo-HvSimEnum ([VMIntegrationComponentOperationalStatus]) $component.SecondaryOperationalStatus
                    SecondaryStatusDescription  = $component.SecondaryStatusDescription
                }
            }
        }
    }
}

function Get-VMNetworkAdapter {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][object[]]$VM, [switch]$All)
    begin { $collected = @() }
    process { if ($VM) { $collected += $VM } }
    end {
        foreach ($entry in @(Get-HvSimAnswers 'Get-VMNetworkAdapter' $collected $VMName $PSCmdlet)) {
            foreach ($adapter in @($entry.NetworkAdapters)) {
                if ($null -eq $adapter) { continue }
                [pscustomobject]@{
                    PSTypeName = 'Microsoft.HyperV.PowerShell.VMNetworkAdapter'
                    VMName     = $entry.Name
                    VMId       = [guid]$entry.Id
                    Name       = $adapter.Name
                    Id         = $adapter.Id
                    IsLegacy   = [bool]$adapter.IsLegacy
                    MacAddress = $adapter.MacAddress
                    SwitchName = $adapter.SwitchName
                }
            }
        }
    }
}

function Get-VMNetworkAdapterFailoverConfiguration {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline = $true)][object[]]$VMNetworkAdapter, [string]$VMName)
    process {
        foreach ($adapter in @($VMNetworkAdapter)) {
            if ($null -eq $adapter) { continue }
            Add-HvSimCall 'Get-VMNetworkAdapterFailoverConfiguration' 1
            $vm = $script:Vms | Where-Object { [guid]$_.Id -eq [guid]$adapter.VMId } | Select-Object -First 1
            if (-not $vm) { continue }
            if (Write-HvSimFault 'Get-VMNetworkAdapterFailoverConfiguration' $vm $PSCmdlet) { continue }
            $source = @($vm.NetworkAdapters) | Where-Object { $_.Id -eq $adapter.Id } | Select-Object -First 1
            $f = if ($source -and $source.PSObject.Properties['Failover']) { $source.Failover } else { $null }
            # The real output names neither the VM nor the adapter.
            [pscustomobject]@{
                IPv4Address            = $(if ($f) { $f.IPv4Address } else { $null })
                IPv4SubnetMask         = $(if ($f) { $f.IPv4SubnetMask } else { $null })
                IPv4DefaultGateway     = $(if ($f) { $f.IPv4DefaultGateway } else { $null })
                IPv4PreferredDNSServer = $(if ($f) { $f.IPv4PreferredDNSServer } else { $null })
                IPv4AlternateDNSServer = $(if ($f) { $f.IPv4AlternateDNSServer } else { $null })
                IPv6Address            = $(if ($f) { $f.IPv6Address } else { $null })
                IPv6SubnetPrefixLength = $(if ($f) { $f.IPv6SubnetPrefixLength } else { $null })
                IPv6DefaultGateway     = $(if ($f) { $f.IPv6DefaultGateway } else { $null })
                IPv6PreferredDNSServer = $(if ($f) { $f.IPv6PreferredDNSServer } else { $null })
                IPv6AlternateDNSServer = $(if ($f) { $f.IPv6AlternateDNSServer } else { $null })
                ProtocolIFType         = $(if ($f) { [int]$f.ProtocolIFType } else { 0 })
            }
        }
    }
}

function Get-VMDvdDrive {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][object[]]$VM)
    begin { $collected = @() }
    process { if ($VM) { $collected += $VM } }
    end {
        foreach ($entry in @(Get-HvSimAnswers 'Get-VMDvdDrive' $collected $VMName $PSCmdlet)) {
            foreach ($drive in @($entry.DvdDrives)) {
                if ($null -eq $drive) { continue }
                [pscustomobject]@{
                    PSTypeName         = 'Microsoft.HyperV.PowerShell.DvdDrive'
                    VMName             = $entry.Name
                    VMId               = [guid]$entry.Id
                    ControllerType     = ConvertTo-HvSimEnum ([ControllerType]) $drive.ControllerType
                    ControllerNumber   = [int]$drive.ControllerNumber
                    ControllerLocation = [int]$drive.ControllerLocation
                    Path               = $drive.Path
                }
            }
        }
    }
}

function Find-HvSimVm($vmId) {
    $script:Vms | Where-Object { [guid]$_.Id -eq [guid]$vmId } | Select-Object -First 1
}

# Changes the scenario's VM in memory: later calls of this session see the new media.
function Set-VMDvdDrive {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline = $true)][object[]]$VMDvdDrive,
        [string]$VMName, [int]$ControllerNumber = -1, [int]$ControllerLocation = -1,
        [AllowNull()][AllowEmptyString()][string]$Path, [switch]$Passthru
    )
    process {
        $targets = @()
        if ($VMDvdDrive) {
            $targets = @($VMDvdDrive | ForEach-Object { @{ VMId = $_.VMId; Number = $_.ControllerNumber; Location = $_.ControllerLocation } })
        }
        elseif ($VMName) {
            $targets = @($script:Vms | Where-Object Name -eq $VMName | ForEach-Object { @{ VMId = $_.Id; Number = $ControllerNumber; Location = $ControllerLocation } })
        }
        foreach ($target in $targets) {
            Add-HvSimCall 'Set-VMDvdDrive' 1
            $vm = Find-HvSimVm $target.VMId
            if (Write-HvSimFault 'Set-VMDvdDrive' $vm $PSCmdlet) { continue }
            $drive = @($vm.DvdDrives) | Where-Object { $_.ControllerNumber -eq $target.Number -and $_.ControllerLocation -eq $target.Location } | Select-Object -First 1
            if (-not $drive) {
                $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord ((New-Object System.ArgumentException "No DVD drive at $($target.Number):$($target.Location).")), 'DvdDriveNotFound', 'ObjectNotFound', $vm.Name))
                continue
            }
            $drive.Path = $(if ($Path) { $Path } else { $null })
        }
    }
}

function Enable-VMIntegrationService {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline = $true)][object[]]$VMIntegrationService, [string]$VMName, [string[]]$Name, [switch]$Passthru)
    process {
        foreach ($service in @($VMIntegrationService)) {
            if ($null -eq $service) { continue }
            Add-HvSimCall 'Enable-VMIntegrationService' 1
            $vm = Find-HvSimVm $service.VMId
            if (Write-HvSimFault 'Enable-VMIntegrationService' $vm $PSCmdlet) { continue }
            $component = @($vm.IntegrationServices) | Where-Object { $_.Id -eq $service.Id } | Select-Object -First 1
            if ($component) { $component.Enabled = $true }
        }
    }
}

# CIM facts the scripts read outside the Hyper-V module (answered by Get-CimInstance in the harness).
function Get-HvSimCimInstance([string]$Namespace, [string]$ClassName) {
    Add-HvSimCall "Get-CimInstance $ClassName" 1
    switch ($ClassName) {
        'Msvm_KvpExchangeComponent' {
            foreach ($vm in $script:Vms) {
                $items = @()
                if ($vm.GuestOSName) {
                    $escaped = [System.Security.SecurityElement]::Escape([string]$vm.GuestOSName)
                    $items += "<INSTANCE CLASSNAME=`"Msvm_KvpExchangeDataItem`"><PROPERTY NAME=`"Data`" TYPE=`"string`"><VALUE>$escaped</VALUE></PROPERTY><PROPERTY NAME=`"Name`" TYPE=`"string`"><VALUE>OSName</VALUE></PROPERTY><PROPERTY NAME=`"Source`" TYPE=`"uint16`"><VALUE>2</VALUE></PROPERTY></INSTANCE>"
                }
                [pscustomobject]@{ SystemName = ([string]([guid]$vm.Id)).ToUpperInvariant(); GuestIntrinsicExchangeItems = [string[]]$items }
            }
        }
        'MSCluster_Cluster' { if ($script:HostFacts.ClusterName) { [pscustomobject]@{ Name = $script:HostFacts.ClusterName } } }
        'MSCluster_Node' { foreach ($node in @($script:HostFacts.ClusterNodes)) { if ($node) { [pscustomobject]@{ Name = $node } } } }
        'MSCluster_Resource' {
            if ($script:HostFacts.ReplicaBroker) {
                [pscustomobject]@{ Name = 'Virtual Machine Replication Broker'; Type = 'Virtual Machine Replication Broker'; OwnerGroup = $script:HostFacts.ReplicaBroker }
            }
        }
    }
}

Import-HvSimScenario

Export-ModuleMember -Function Get-VMHost, Get-VM, Get-VMReplication, Get-VMIntegrationService, Get-VMNetworkAdapter,
    Get-VMNetworkAdapterFailoverConfiguration, Get-VMDvdDrive, Set-VMDvdDrive, Enable-VMIntegrationService,
    Get-HvSimCallLog, Reset-HvSimCallLog, Get-HvSimCimInstance
