# Simulated Hyper-V PowerShell module. It answers the Hyper-V cmdlets the product's scripts use
# from a scenario file (format hyperv-host-scenario/1, see test/scenarios/FORMAT.md), with enum
# values that behave like the real ones, the per-VM faults the scenario names, and a log of every
# call so tests can count round trips. Loaded by test/simulator/Enter-SimulatedHost.ps1.

enum VMState {
    Other = 1; Running = 2; Off = 3; Stopping = 4; Saved = 6; Paused = 9; Starting = 10; Reset = 11
    Saving = 32773; Pausing = 32776; Resuming = 32777; FastSaved = 32779; FastSaving = 32780
    ForceShutdown = 32781; ForceReboot = 32782; Hibernated = 32783; ComponentServicing = 32784
    RunningCritical = 32785; OffCritical = 32786; StoppingCritical = 32787; SavedCritical = 32788
    PausedCritical = 32789; StartingCritical = 32790; ResetCritical = 32791; SavingCritical = 32792
    PausingCritical = 32793; ResumingCritical = 32794; FastSavedCritical = 32795; FastSavingCritical = 32796
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
enum ControllerType { IDE = 0; SCSI = 1; PMEM = 2 }
enum WmiProtocolIFType { None = 0; Other = 1; IPv4 = 4096; IPv6 = 4097; IPv4v6 = 4098 }

$script:HostFacts = $null
$script:Vms = @()
# The session's log of Hyper-V cmdlet calls and CIM queries, shared with Enter-SimulatedHost.ps1
# (which logs the CIM queries and offers Get-HvSimCallLog / Reset-HvSimCallLog to tests).
$script:Calls = $global:HvSimCalls
if ($null -eq $script:Calls) { $script:Calls = New-Object System.Collections.Generic.List[object] }

function Import-HvSimScenario {
    $path = $env:HVSIM_SCENARIO
    if (-not $path) { throw 'HVSIM_SCENARIO is not set: load the simulator with Enter-SimulatedHost.ps1.' }
    $scenario = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json
    if ($scenario.format -ne 'hyperv-host-scenario/1') { throw "Unknown scenario format '$($scenario.format)' in $path." }
    $script:HostFacts = $scenario.host
    $script:Vms = @($scenario.vms)
}

# Parameters: for a call that changes the host, the settings it was given (name -> value), so tests
# can tell what a script sent.
function Add-HvSimCall([string]$cmdlet, [int]$objects, [hashtable]$parameters = $null) {
    $script:Calls.Add([pscustomobject]@{ Cmdlet = $cmdlet; Objects = $objects; Parameters = $parameters })
    # Tests only: a script block in $global:HvSimOnCall runs at every cmdlet call, given the cmdlet's
    # name, before the cmdlet acts: another admin's script run between this script's steps, or a
    # cmdlet that fails (the block throws).
    if ($global:HvSimOnCall) { & $global:HvSimOnCall $cmdlet }
}

function ConvertTo-HvSimEnum([type]$type, $name) {
    if ($null -eq $name) { return $null }
    [Enum]::Parse($type, [string]$name)
}

function New-HvSimVmObject($vm) {
    $id = [guid]$vm.Id
    [pscustomobject]@{
        PSTypeName                 = 'Microsoft.HyperV.PowerShell.VirtualMachine'
        Name                       = $vm.Name
        Id                         = $id
        State                      = ConvertTo-HvSimEnum ([VMState]) $vm.State
        Generation                 = [int]$vm.Generation
        Version                    = [string]$vm.Version
        IntegrationServicesVersion = $(if ($vm.IntegrationServicesVersion) { [version]$vm.IntegrationServicesVersion } else { $null })
        IntegrationServicesState   = [string]$vm.IntegrationServicesState
        ReplicationMode            = [VMReplicationMode]$(if ($vm.Replication) { $vm.Replication.ReplicationMode } else { 'None' })
        ReplicationState           = [VMReplicationState]$(if ($vm.Replication) { $vm.Replication.ReplicationState } else { 'Disabled' })
        ReplicationHealth          = [VMReplicationHealthState]$(if ($vm.Replication) { $vm.Replication.ReplicationHealth } else { 'NotApplicable' })
        ComputerName               = $script:HostFacts.ComputerName
        Path                       = Get-HvSimVmPath $vm
        ConfigurationLocation      = Get-HvSimVmPath $vm
        IsClustered                = [bool]($vm.PSObject.Properties['IsClustered'] -and $vm.IsClustered)
    }
}

# The VM's configuration folder: the scenario's Path, else Hyper-V's default folder.
function Get-HvSimVmPath($vm) {
    if ($vm.PSObject.Properties['Path'] -and $vm.Path) { return [string]$vm.Path }
    return 'C:\ProgramData\Microsoft\Windows\Hyper-V'
}

# Whether the caller may see VMs: a local Administrator or a member of Hyper-V Administrators
# (host.Caller in the scenario; both true when absent). Others get no VMs and no error from Get-VM.
function Test-HvSimCallerSeesVms {
    $caller = $script:HostFacts.PSObject.Properties['Caller']
    if (-not $caller -or $null -eq $caller.Value) { return $true }
    return [bool]$caller.Value.IsAdministrator -or [bool]$caller.Value.IsHyperVAdministrator
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
    # Bound by VM objects: only those VMs (none when the pipeline brought none), never every VM.
    $selected = if ($caller.ParameterSetName -eq 'VMObject') { $(if ($VM) { Select-HvSimVm $VM $null } else { @() }) } else { Select-HvSimVm $null $VMName }
    Add-HvSimCall $cmdlet 1
    foreach ($entry in $selected) {
        if (-not (Write-HvSimFault $cmdlet $entry $caller)) { $entry }
    }
}

function Get-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    param([Parameter(ParameterSetName = 'Name', Position = 0)][Alias('VMName')][string[]]$Name,
        [Parameter(ParameterSetName = 'Id', Position = 0)][Nullable[guid]]$Id)
    $selected = if ($Id) { @($script:Vms | Where-Object { [guid]$_.Id -eq $Id }) } else { Select-HvSimVm $null $Name }
    Add-HvSimCall 'Get-VM' 1
    # A caller who is neither a local Administrator nor in Hyper-V Administrators sees no VMs, and no error.
    if (-not (Test-HvSimCallerSeesVms)) { return }
    if ($Id -and $selected.Count -eq 0) {
        # As the real cmdlet: the error's target is the Id that was asked for, not a VM object.
        $exception = New-Object System.ArgumentException ("Hyper-V was unable to find a virtual machine with id `"$Id`".")
        $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord ($exception, 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM', 'ObjectNotFound', $Id)))
        return
    }
    foreach ($vm in $selected) {
        if (-not (Write-HvSimFault 'Get-VM' $vm $PSCmdlet)) { New-HvSimVmObject $vm }
    }
}

function Get-VMReplication {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param([Parameter(ParameterSetName = 'VMName', Position = 0)][Alias('Name')][string[]]$VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VirtualMachine')][object[]]$VM)
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
                PSTypeName                  = 'Microsoft.HyperV.PowerShell.VMReplication'
                VMName                      = $entry.Name
                VMId                        = [guid]$entry.Id
                ReplicationMode             = $mode
                ReplicationState            = $state
                ReplicationHealth           = $health
                ReplicationRelationshipType = ConvertTo-HvSimEnum ([VMReplicationRelationshipType]) $r.ReplicationRelationshipType
                PrimaryServerName           = $r.PrimaryServerName
                ReplicaServerName           = $r.ReplicaServerName
                CurrentReplicaServerName    = $r.ReplicaServerName
                TestVirtualMachine          = $vmObject
            }
        }
    }
}

function Get-VMIntegrationService {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param([Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)][string[]]$VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VirtualMachine')][object[]]$VM, [Parameter(Position = 1)][string[]]$Name)
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
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param([Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)][string[]]$VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VirtualMachine')][object[]]$VM, [Parameter(ParameterSetName = 'All', Mandatory = $true)][switch]$All)
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

function Get-VMDvdDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param([Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)][string[]]$VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VirtualMachine')][object[]]$VM)
    begin { $collected = @() }
    process { if ($VM) { $collected += $VM } }
    end {
        foreach ($entry in @(Get-HvSimAnswers 'Get-VMDvdDrive' $collected $VMName $PSCmdlet)) {
            foreach ($drive in @($entry.DvdDrives)) {
                if ($null -eq $drive) { continue }
                New-HvSimDvdDriveObject $entry $drive
            }
        }
    }
}

function New-HvSimDvdDriveObject($vm, $drive) {
    [pscustomobject]@{
        PSTypeName         = 'Microsoft.HyperV.PowerShell.DvdDrive'
        VMName             = $vm.Name
        VMId               = [guid]$vm.Id
        ControllerType     = ConvertTo-HvSimEnum ([ControllerType]) $drive.ControllerType
        ControllerNumber   = [int]$drive.ControllerNumber
        ControllerLocation = [int]$drive.ControllerLocation
        Path               = $drive.Path
    }
}

function Find-HvSimVm($vmId) {
    $script:Vms | Where-Object { [guid]$_.Id -eq [guid]$vmId } | Select-Object -First 1
}

# Changes the scenario's VM in memory: later calls of this session see the new media.
function Set-VMDvdDrive {
    [CmdletBinding(DefaultParameterSetName = 'Object')]
    param(
        [Parameter(ParameterSetName = 'Object', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [PSTypeName('Microsoft.HyperV.PowerShell.DvdDrive')][object[]]$VMDvdDrive,
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)][string]$VMName,
        [Parameter(ParameterSetName = 'VMName', Position = 1)][Nullable[int]]$ControllerNumber,
        [Parameter(ParameterSetName = 'VMName', Position = 2)][Nullable[int]]$ControllerLocation,
        [Parameter(Position = 3)][AllowNull()][AllowEmptyString()][string]$Path, [switch]$AllowUnverifiedPaths, [switch]$Passthru
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
            if ($Path) {
                # As a real host: the ISO must exist there, and a clustered VM takes a path the cluster
                # can't verify on every node (such as %WINDIR%\System32\vmguest.iso) only with -AllowUnverifiedPaths.
                if (-not (Test-HvSimFileExists $Path)) {
                    $exception = New-Object System.IO.FileNotFoundException ("Failed to add device 'Virtual CD/DVD Disk'. The system cannot find the file specified: '$Path'.")
                    $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord ($exception, 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.SetVMDvdDrive', 'ObjectNotFound', $Path)))
                    continue
                }
                if ($vm.PSObject.Properties['IsClustered'] -and $vm.IsClustered -and -not $AllowUnverifiedPaths -and -not (Test-HvSimSharedPath $Path)) {
                    $exception = New-Object System.InvalidOperationException ("Virtual machine '$($vm.Name)' is clustered, and '$Path' can't be verified as accessible from every node of the cluster. Use -AllowUnverifiedPaths to use it anyway.")
                    $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord ($exception, 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMDvdDrive', 'InvalidArgument', $Path)))
                    continue
                }
            }
            $drive.Path = $(if ($Path) { $Path } else { $null })
            if ($Passthru) { New-HvSimDvdDriveObject $vm $drive }
        }
    }
}

function Enable-VMIntegrationService {
    [CmdletBinding(DefaultParameterSetName = 'VMIntegrationService')]
    param([Parameter(ParameterSetName = 'VMIntegrationService', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [PSTypeName('Microsoft.HyperV.PowerShell.VMIntegrationComponent')][object[]]$VMIntegrationService, [switch]$Passthru)
    process {
        foreach ($service in @($VMIntegrationService)) {
            if ($null -eq $service) { continue }
            Add-HvSimCall 'Enable-VMIntegrationService' 1
            $vm = Find-HvSimVm $service.VMId
            if (Write-HvSimFault 'Enable-VMIntegrationService' $vm $PSCmdlet) { continue }
            $component = @($vm.IntegrationServices) | Where-Object { $_.Id -eq $service.Id } | Select-Object -First 1
            if ($component) { $component.Enabled = $true }
            if ($Passthru) {
                $updated = $service.PSObject.Copy()
                $updated.Enabled = $true
                $updated
            }
        }
    }
}

# The failover TCP/IP settings of network adapters (Get-/Set-VMNetworkAdapterFailoverConfiguration),
# as module 2.0 handles them (the facts and their sources: test/reference/real-behaviour.md; held to
# them by test/powershell/Simulator.Behaviour.Tests.ps1). The scenario adapter's Failover object holds
# what the host stores (FORMAT.md); Set changes it in memory, so the next snapshot and the CIM
# queries' simulation see it. A synthetic adapter has a failover instance (no Failover object: nothing
# set); a legacy adapter has none.
$script:FailoverFields = @('IPv4Address', 'IPv4SubnetMask', 'IPv4DefaultGateway', 'IPv4PreferredDNSServer', 'IPv4AlternateDNSServer',
    'IPv6Address', 'IPv6SubnetPrefixLength', 'IPv6DefaultGateway', 'IPv6PreferredDNSServer', 'IPv6AlternateDNSServer')
$script:SetFailoverCommand = 'Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapterFailoverConfiguration'

# Writes a non-terminating error, or a terminating one when the caller's preference is Stop (as a compiled cmdlet).
function Write-HvSimError($caller, [System.Exception]$exception, [string]$errorId, [string]$category, $target) {
    $record = New-Object System.Management.Automation.ErrorRecord ($exception, $errorId, $category, $target)
    $callerPreference = $caller.SessionState.PSVariable.GetValue('ErrorActionPreference')
    if (-not $caller.MyInvocation.BoundParameters.ContainsKey('ErrorAction') -and [string]$callerPreference -eq 'Stop') {
        $caller.ThrowTerminatingError($record)
    }
    $caller.WriteError($record)
}

# Whether the module reads the VM's failover settings at all: only in replication mode Primary,
# Replica or ExtendedReplica (a TestReplica or a VM without replication has none for it).
function Test-HvSimFailoverMode($vm) {
    $replication = $vm.PSObject.Properties['Replication']
    if (-not $replication -or $null -eq $replication.Value) { return $false }
    return @('Primary', 'Replica', 'ExtendedReplica') -contains [string]$replication.Value.ReplicationMode
}

# Whether replication is enabled for the VM (its state is not Disabled).
function Test-HvSimReplicationEnabled($vm) {
    $replication = $vm.PSObject.Properties['Replication']
    if (-not $replication -or $null -eq $replication.Value) { return $false }
    return [string]$replication.Value.ReplicationMode -ne 'None' -and [string]$replication.Value.ReplicationState -ne 'Disabled'
}

# The (VM, adapter) pairs of the scenario a Get-/Set-VMNetworkAdapterFailoverConfiguration call names.
# By -VMName or -VM only synthetic adapters come (a legacy one is skipped, no error); an adapter
# object comes as it is.
function Select-HvSimFailoverAdapter($caller, $VMNetworkAdapter, $VM, $VMName, [string]$VMNetworkAdapterName) {
    $pairs = @()
    if ($caller.ParameterSetName -eq 'ResourceObject') {
        foreach ($a in @($VMNetworkAdapter)) {
            if ($null -eq $a) { continue }
            $vm = Find-HvSimVm $a.VMId
            $adapter = $(if ($vm) { @($vm.NetworkAdapters) | Where-Object { $_ -and [string]$_.Id -eq [string]$a.Id } | Select-Object -First 1 })
            if (-not $adapter) {
                Write-HvSimError $caller (New-Object System.ArgumentException "The network adapter '$($a.Name)' was not found.") 'InvalidParameter' 'ObjectNotFound' $a
                continue
            }
            $pairs += , @($vm, $adapter)
        }
        return $pairs
    }
    $vms = @(Select-HvSimVm $(if ($caller.ParameterSetName -eq 'VMObject') { $VM } else { $null }) $(if ($caller.ParameterSetName -eq 'VMName') { [string[]]$VMName } else { $null }))
    if ($vms.Count -eq 0) {
        $asked = $(if ($caller.ParameterSetName -eq 'VMName') { $VMName -join ', ' } else { @($VM | ForEach-Object { $_.Name }) -join ', ' })
        Write-HvSimError $caller (New-Object System.ArgumentException "Hyper-V was unable to find a virtual machine with name `"$asked`".") 'InvalidParameter' 'InvalidArgument' $asked
        return $pairs
    }
    foreach ($vm in $vms) {
        foreach ($adapter in @($vm.NetworkAdapters)) {
            if ($null -eq $adapter -or $adapter.IsLegacy) { continue }
            if ($VMNetworkAdapterName -and $adapter.Name -notlike $VMNetworkAdapterName) { continue }
            $pairs += , @($vm, $adapter)
        }
    }
    return $pairs
}

# An address of the family, as the module checks it: IPAddress.TryParse and the family (so "10.1"
# passes as 10.0.0.1, as on a real host).
function Test-HvSimAddress([string]$text, [string]$family) {
    $address = $null
    if ([string]::IsNullOrWhiteSpace($text) -or -not [System.Net.IPAddress]::TryParse($text, [ref]$address)) { return $false }
    return [string]$address.AddressFamily -eq $(if ($family -eq 'IPv4') { 'InterNetwork' } else { 'InterNetworkV6' })
}

# A contiguous IPv4 subnet mask (ones, then zeros), or an IPv6 prefix length 0-128, as the module checks them.
function Test-HvSimSubnet([string]$text, [string]$family) {
    if ([string]::IsNullOrWhiteSpace($text)) { return $false }
    if ($family -eq 'IPv6') {
        $length = 0
        return [int]::TryParse($text, [ref]$length) -and $length -ge 0 -and $length -le 128
    }
    if (-not (Test-HvSimAddress $text 'IPv4')) { return $false }
    [uint32]$bits = 0
    foreach ($byte in ([System.Net.IPAddress]::Parse($text)).GetAddressBytes()) { $bits = ($bits -shl 8) -bor $byte }
    while ($bits -band [uint32]2147483648) { $bits = [uint32](($bits -shl 1) -band [uint32]4294967295) }
    return $bits -eq 0
}

# What the host stores for the adapter, as the module reads it back: the ten values (text, $null
# when unset) of the families its ProtocolIFType names, ProtocolIFType and DHCPEnabled.
function Get-HvSimFailoverValues($adapter) {
    $f = $(if ($adapter.PSObject.Properties['Failover']) { $adapter.Failover } else { $null })
    $values = [ordered]@{}
    foreach ($field in $script:FailoverFields) {
        $value = $(if ($f -and $f.PSObject.Properties[$field]) { $f.$field } else { $null })
        $values[$field] = $(if ($null -eq $value -or "$value" -eq '') { $null } else { [string]$value })
    }
    $type = $(if ($f -and $f.PSObject.Properties['ProtocolIFType'] -and $null -ne $f.ProtocolIFType) { [int]$f.ProtocolIFType }
        elseif ($values.IPv4Address -and $values.IPv6Address) { 4098 } elseif ($values.IPv4Address) { 4096 } elseif ($values.IPv6Address) { 4097 } else { 0 })
    foreach ($field in $script:FailoverFields) {
        if (($field.StartsWith('IPv4') -and @(4096, 4098) -notcontains $type) -or ($field.StartsWith('IPv6') -and @(4097, 4098) -notcontains $type)) { $values[$field] = $null }
    }
    $values.ProtocolIFType = $type
    $values.DHCPEnabled = $(if ($f -and $f.PSObject.Properties['DHCPEnabled']) { [bool]$f.DHCPEnabled } else { @(4096, 4098) -notcontains $type })
    return $values
}

function New-HvSimFailoverSettingObject($values) {
    $properties = [ordered]@{ PSTypeName = 'Microsoft.HyperV.PowerShell.VMNetworkAdapterFailoverSetting' }
    foreach ($field in $script:FailoverFields) { $properties[$field] = $values[$field] }
    $properties.ProtocolIFType = [WmiProtocolIFType][int]$values.ProtocolIFType
    [pscustomobject]$properties
}

# Stores the settings as the module's Put writes them to Msvm_FailoverNetworkAdapterSettingData:
# only the families with an address, empty values left out; the stored values are then what a
# later Get reads back from those arrays.
function Save-HvSimFailover($adapter, $setting) {
    $families = @(@('IPv4', 'IPv6') | Where-Object { $setting["${_}Address"] })
    $stored = [ordered]@{}
    foreach ($field in $script:FailoverFields) { $stored[$field] = $null }
    foreach ($family in $families) {
        foreach ($field in @($script:FailoverFields | Where-Object { $_.StartsWith($family) })) {
            if ($setting[$field]) { $stored[$field] = [string]$setting[$field] }
        }
        # The DNS servers are one list: an alternate without a preferred one reads back as the preferred.
        if (-not $stored["${family}PreferredDNSServer"] -and $stored["${family}AlternateDNSServer"]) {
            $stored["${family}PreferredDNSServer"] = $stored["${family}AlternateDNSServer"]
            $stored["${family}AlternateDNSServer"] = $null
        }
    }
    $stored.ProtocolIFType = $(if ($families.Count -eq 2) { 4098 } elseif ($families -contains 'IPv4') { 4096 } elseif ($families -contains 'IPv6') { 4097 } else { 0 })
    $stored.DHCPEnabled = $families -notcontains 'IPv4'
    $adapter | Add-Member -NotePropertyName Failover -NotePropertyValue ([pscustomobject]$stored) -Force
}

# Applies one family's values to the setting as the module does ($null, or the error's message):
# a clear empties the family; an address given replaces the address; with an address (given or
# stored) a subnet must be there and the other values given replace theirs; without one, any value
# given is refused. An empty value is not given: it never clears.
function Set-HvSimFailoverFamily([System.Collections.IDictionary]$setting, [string]$family, [bool]$clear, [hashtable]$given) {
    $fields = @($script:FailoverFields | Where-Object { $_.StartsWith($family) })
    $address = $fields[0]
    $subnet = $fields[1]
    if ($clear) { foreach ($field in $fields) { $setting[$field] = '' } }
    elseif ($given.ContainsKey($address)) { $setting[$address] = $given[$address] }
    if ($setting[$address]) {
        foreach ($field in $fields[1..4]) { if ($given.ContainsKey($field)) { $setting[$field] = $given[$field] } }
        if (-not $setting[$subnet]) { return "'$subnet' is not provided." }
        return $null
    }
    foreach ($field in $fields[1..4]) {
        if ($given.ContainsKey($field)) { return "The parameter '$field' requires an IP address. Specify an IP address and run the command again." }
    }
    return $null
}

function Get-VMNetworkAdapterFailoverConfiguration {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][string[]]$VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VirtualMachine')][object[]]$VM,
        [Parameter(ParameterSetName = 'ResourceObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VMNetworkAdapter')][object[]]$VMNetworkAdapter,
        [Parameter(ParameterSetName = 'VMObject')][Parameter(ParameterSetName = 'VMName')][string]$VMNetworkAdapterName
    )
    process {
        foreach ($pair in @(Select-HvSimFailoverAdapter $PSCmdlet $VMNetworkAdapter $VM $VMName $VMNetworkAdapterName)) {
            Add-HvSimCall 'Get-VMNetworkAdapterFailoverConfiguration' 1
            if (Write-HvSimFault 'Get-VMNetworkAdapterFailoverConfiguration' $pair[0] $PSCmdlet) { continue }
            # Nothing, and no error, outside Primary/Replica/ExtendedReplica and for an adapter without an instance.
            if ($pair[1].IsLegacy -or -not (Test-HvSimFailoverMode $pair[0])) { continue }
            # Like the real cmdlet, the output names neither the VM nor the adapter.
            New-HvSimFailoverSettingObject (Get-HvSimFailoverValues $pair[1])
        }
    }
}

# Sets or clears the failover settings of the adapters it names, as the real cmdlet: the call's
# values are checked first (no setting at all, a clear with values of its family, text that is not
# an address, a non-contiguous mask: nothing happens); then for each adapter, replication must be
# enabled and the adapter must have a failover instance, and the values are merged with the stored
# ones (Set-HvSimFailoverFamily). Not checked, as on a real host: the gateway's subnet, the VM's state.
function Set-VMNetworkAdapterFailoverConfiguration {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][string]$VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VirtualMachine')][object]$VM,
        [Parameter(ParameterSetName = 'ResourceObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VMNetworkAdapter')][object]$VMNetworkAdapter,
        [Parameter(ParameterSetName = 'VMObject')][Parameter(ParameterSetName = 'VMName')][string]$VMNetworkAdapterName,
        [string]$IPv4Address, [string]$IPv6Address, [string]$IPv4SubnetMask, [ValidateRange(0, 128)][Nullable[int]]$IPv6SubnetPrefixLength,
        [string]$IPv4PreferredDNSServer, [string]$IPv4AlternateDNSServer, [string]$IPv6PreferredDNSServer, [string]$IPv6AlternateDNSServer,
        [string]$IPv4DefaultGateway, [string]$IPv6DefaultGateway,
        [switch]$ClearFailoverIPv4Settings, [switch]$ClearFailoverIPv6Settings, [switch]$Passthru
    )
    process {
        $sent = @{}
        foreach ($name in @($script:FailoverFields) + @('ClearFailoverIPv4Settings', 'ClearFailoverIPv6Settings')) {
            if ($PSBoundParameters.ContainsKey($name)) { $sent[$name] = $PSBoundParameters[$name] }
        }
        Add-HvSimCall 'Set-VMNetworkAdapterFailoverConfiguration' 1 $sent
        # The values given: an empty string is not given.
        $given = @{}
        foreach ($field in $script:FailoverFields) {
            $value = $PSBoundParameters[$field]
            if ($null -ne $value -and "$value" -ne '') { $given[$field] = [string]$value }
        }
        $clear = @{ IPv4 = [bool]$ClearFailoverIPv4Settings; IPv6 = [bool]$ClearFailoverIPv6Settings }
        if (-not $clear.IPv4 -and -not $clear.IPv6 -and $given.Count -eq 0) {
            $message = "Insufficient input to perform a valid operation. Please specify parameters for 'Set-VMNetworkAdapterFailoverConfiguration' accordingly."
            Write-HvSimError $PSCmdlet (New-Object System.InvalidOperationException $message) "OperationFailed,$script:SetFailoverCommand" 'InvalidOperation' $null
            return
        }
        foreach ($family in @('IPv4', 'IPv6')) {
            if ($clear[$family] -and @($given.Keys | Where-Object { $_.StartsWith($family) }).Count -gt 0) {
                Write-HvSimError $PSCmdlet (New-Object System.ArgumentException 'Conflicting parameters have been supplied to the cmdlet.') "InvalidParameter,$script:SetFailoverCommand" 'InvalidArgument' $null
                return
            }
        }
        foreach ($field in @($script:FailoverFields | Where-Object { $given.ContainsKey($_) -and $_ -ne 'IPv6SubnetPrefixLength' })) {
            $family = $field.Substring(0, 4)
            $valid = $(if ($field -eq 'IPv4SubnetMask') { Test-HvSimSubnet $given[$field] 'IPv4' } else { Test-HvSimAddress $given[$field] $family })
            if (-not $valid) {
                Write-HvSimError $PSCmdlet (New-Object System.ArgumentException "The parameter `"$field`" is not in the correct format.") "InvalidParameter,$script:SetFailoverCommand" 'InvalidArgument' $null
                return
            }
        }
        foreach ($pair in @(Select-HvSimFailoverAdapter $PSCmdlet $VMNetworkAdapter $VM $VMName $VMNetworkAdapterName)) {
            $vm = $pair[0]
            $adapter = $pair[1]
            if (Write-HvSimFault 'Set-VMNetworkAdapterFailoverConfiguration' $vm $PSCmdlet) { continue }
            if (-not (Test-HvSimReplicationEnabled $vm)) {
                $message = "Replication is not enabled for virtual machine with name '$($vm.Name)'."
                Write-HvSimError $PSCmdlet (New-Object System.InvalidOperationException $message) "InvalidState,$script:SetFailoverCommand" 'InvalidOperation' (New-HvSimVmObject $vm)
                continue
            }
            if ($adapter.IsLegacy -or -not (Test-HvSimFailoverMode $vm)) {
                $message = 'The selected TCP/IP settings for failover are not valid for legacy type of virtual network adapters.'
                Write-HvSimError $PSCmdlet (New-Object System.InvalidOperationException $message) "InvalidOperation,$script:SetFailoverCommand" 'InvalidOperation' $null
                continue
            }
            $setting = Get-HvSimFailoverValues $adapter
            $problem = $null
            foreach ($family in @('IPv4', 'IPv6')) {
                if (-not $problem) { $problem = Set-HvSimFailoverFamily $setting $family $clear[$family] $given }
            }
            if ($problem) {
                Write-HvSimError $PSCmdlet (New-Object System.ArgumentException $problem) "InvalidParameter,$script:SetFailoverCommand" 'InvalidArgument' $null
                continue
            }
            Save-HvSimFailover $adapter $setting
            if ($Passthru) {
                # The object the cmdlet changed: a cleared value is '' there (a later Get reads $null).
                $setting.ProtocolIFType = $adapter.Failover.ProtocolIFType
                New-HvSimFailoverSettingObject $setting
            }
        }
    }
}

# Whether a file exists on this simulated host (its drives are folders of the host's root, see Enter-SimulatedHost.ps1).
function Test-HvSimFileExists([string]$path) {
    try { return [bool](Test-Path -LiteralPath $path -PathType Leaf -ErrorAction Stop) } catch { return $false }
}

# Paths every node of a cluster reads: Cluster Shared Volumes and shares.
function Test-HvSimSharedPath([string]$path) {
    return $path -like 'C:\ClusterStorage\*' -or $path -like '\\*'
}

# Live migration of a clustered VM: Export-HvSimVm takes the VM (with the media in its drives) off
# this node; Import-HvSimVm registers it on the node the session now simulates. Not exported (the
# module has only real cmdlets): Enter-SimulatedHost.ps1 calls them in this module's scope.
function Export-HvSimVm([guid]$Id) {
    $vm = Find-HvSimVm $Id
    if (-not $vm) { throw "No VM with Id $Id on this simulated host." }
    $script:Vms = @($script:Vms | Where-Object { [guid]$_.Id -ne $Id })
    $vm
}

function Import-HvSimVm($Vm) {
    $script:Vms = @($script:Vms) + @($Vm)
}

# The object GUID of an adapter's failover instance. Which GUID a real host writes there is not
# published: by default the simulated host writes one of its own, derived from the adapter's Id
# (so only the association ties them); host.FailoverInstanceGuid "adapter" writes the adapter's own GUID.
function Get-HvSimFailoverInstanceId($vm, $adapter) {
    $vmGuid = ([string]([guid]$vm.Id)).ToUpperInvariant()
    $mode = $script:HostFacts.PSObject.Properties['FailoverInstanceGuid']
    if ($mode -and [string]$mode.Value -eq 'adapter') {
        $objectGuid = ([string]$adapter.Id -split '\\')[-1].ToUpperInvariant()
    }
    else {
        $md5 = [System.Security.Cryptography.MD5]::Create()
        $objectGuid = ([string](New-Object guid (, $md5.ComputeHash([System.Text.Encoding]::UTF8.GetBytes('failover:' + ([string]$adapter.Id).ToUpperInvariant()))))).ToUpperInvariant()
    }
    'Microsoft:FailoverNetworkSetting\{0}\{1}' -f $vmGuid, $objectGuid
}

# The failover instances of the host for a CIM query of $ClassName: one per synthetic adapter with
# Failover settings ({ InstanceID, Adapter }), then an ErrorRecord per failure. host.CimFaults naming
# the class fails the whole query; a VM whose Faults name it fails the enumeration: the other VMs'
# instances come back, then the error.
function Get-HvSimFailoverInstances([string]$ClassName) {
    $hostFaults = $script:HostFacts.PSObject.Properties['CimFaults']
    if ($hostFaults -and $hostFaults.Value -and $hostFaults.Value.PSObject.Properties[$ClassName]) {
        $exception = New-Object System.InvalidOperationException ([string]$hostFaults.Value.$ClassName)
        return New-Object System.Management.Automation.ErrorRecord ($exception, 'HRESULT 0x80041010', 'MetadataError', $ClassName)
    }
    $failures = @()
    foreach ($vm in $script:Vms) {
        if ($vm.PSObject.Properties['Faults'] -and $vm.Faults -and $vm.Faults.PSObject.Properties[$ClassName]) {
            $failures += [string]$vm.Faults.$ClassName
            continue
        }
        foreach ($adapter in @($vm.NetworkAdapters)) {
            if ($null -eq $adapter -or $adapter.IsLegacy -or -not $adapter.PSObject.Properties['Failover'] -or $null -eq $adapter.Failover) { continue }
            [pscustomobject]@{ InstanceID = Get-HvSimFailoverInstanceId $vm $adapter; Adapter = $adapter }
        }
    }
    foreach ($message in $failures) {
        $exception = New-Object System.InvalidOperationException $message
        New-Object System.Management.Automation.ErrorRecord ($exception, 'HRESULT 0x80041001', 'NotSpecified', $ClassName)
    }
}

# CIM facts the scripts read outside the Hyper-V module. Not exported: the Get-CimInstance of
# Enter-SimulatedHost.ps1 calls it inside this module, logs the query and writes the ErrorRecords
# it returns as errors.
function Get-HvSimCimInstance([string]$Namespace, [string]$ClassName) {
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
        'Msvm_FailoverNetworkAdapterSettingData' {
            # One instance per synthetic adapter whose scenario entry has Failover settings, named as
            # on a real host: Microsoft:FailoverNetworkSetting\<VM GUID>\<object GUID> (Get-HvSimFailoverInstanceId).
            foreach ($item in @(Get-HvSimFailoverInstances $ClassName)) {
                if ($item -is [System.Management.Automation.ErrorRecord]) { $item; continue }
                $f = Get-HvSimFailoverValues $item.Adapter
                [pscustomobject]@{
                    InstanceID      = $item.InstanceID
                    ProtocolIFType  = [uint16]$f.ProtocolIFType
                    DHCPEnabled     = [bool]$f.DHCPEnabled
                    IPAddresses     = [string[]]@(@($f.IPv4Address, $f.IPv6Address) | Where-Object { $_ })
                    Subnets         = [string[]]@(@($f.IPv4SubnetMask, $f.IPv6SubnetPrefixLength) | Where-Object { $_ })
                    DefaultGateways = [string[]]@(@($f.IPv4DefaultGateway, $f.IPv6DefaultGateway) | Where-Object { $_ })
                    DNSServers      = [string[]]@(@($f.IPv4PreferredDNSServer, $f.IPv4AlternateDNSServer, $f.IPv6PreferredDNSServer, $f.IPv6AlternateDNSServer) | Where-Object { $_ })
                }
            }
        }
        'Msvm_EthernetPortFailoverSettingDataComponent' {
            # The association the module follows from an adapter to its failover settings: GroupComponent
            # is the adapter's port setting data (Msvm_SyntheticEthernetPortSettingData, whose InstanceID
            # is the adapter's Id), PartComponent the failover instance. As CIM returns association
            # instances, each end is a reference that carries its keys (InstanceID).
            foreach ($item in @(Get-HvSimFailoverInstances $ClassName)) {
                if ($item -is [System.Management.Automation.ErrorRecord]) { $item; continue }
                [pscustomobject]@{
                    GroupComponent = [pscustomobject]@{ PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#root/virtualization/v2/Msvm_SyntheticEthernetPortSettingData'; InstanceID = [string]$item.Adapter.Id }
                    PartComponent  = [pscustomobject]@{ PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#root/virtualization/v2/Msvm_FailoverNetworkAdapterSettingData'; InstanceID = $item.InstanceID }
                }
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

# Only the real module's cmdlets (test/powershell/Simulator.Conformance.Tests.ps1 holds them to the real surface).
# The cmdlets the product's scripts call, nothing more (a script that calls another fails here until
# the simulator answers it, held to the real surface like the rest).
Export-ModuleMember -Function Get-VM, Get-VMReplication, Get-VMIntegrationService, Get-VMNetworkAdapter,
    Get-VMDvdDrive, Set-VMDvdDrive, Enable-VMIntegrationService, Get-VMNetworkAdapterFailoverConfiguration,
    Set-VMNetworkAdapterFailoverConfiguration
