# Simulated Hyper-V PowerShell module. It answers the Hyper-V cmdlets the product's scripts use
# from a scenario file (format hyperv-host-scenario/1, see test/scenarios/README.md), with enum
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

function Add-HvSimCall([string]$cmdlet, [int]$objects) {
    $script:Calls.Add([pscustomobject]@{ Cmdlet = $cmdlet; Objects = $objects })
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

# The failover TCP/IP settings of network adapters (Get-/Set-VMNetworkAdapterFailoverConfiguration).
# The scenario adapter's Failover object holds them (FORMAT.md); Set changes it in memory, so the
# next snapshot and the CIM query's simulation (Msvm_FailoverNetworkAdapterSettingData) see it.
$script:FailoverFields = @('IPv4Address', 'IPv4SubnetMask', 'IPv4DefaultGateway', 'IPv4PreferredDNSServer', 'IPv4AlternateDNSServer',
    'IPv6Address', 'IPv6SubnetPrefixLength', 'IPv6DefaultGateway', 'IPv6PreferredDNSServer', 'IPv6AlternateDNSServer')

# Writes a non-terminating error, or a terminating one when the caller's preference is Stop (as a compiled cmdlet).
function Write-HvSimError($caller, [System.Exception]$exception, [string]$errorId, [string]$category, $target) {
    $record = New-Object System.Management.Automation.ErrorRecord ($exception, $errorId, $category, $target)
    $callerPreference = $caller.SessionState.PSVariable.GetValue('ErrorActionPreference')
    if (-not $caller.MyInvocation.BoundParameters.ContainsKey('ErrorAction') -and [string]$callerPreference -eq 'Stop') {
        $caller.ThrowTerminatingError($record)
    }
    $caller.WriteError($record)
}

# The (VM, adapter) pairs of the scenario a Get-/Set-VMNetworkAdapterFailoverConfiguration call names.
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
            if ($null -eq $adapter) { continue }
            if ($VMNetworkAdapterName -and $adapter.Name -notlike $VMNetworkAdapterName) { continue }
            $pairs += , @($vm, $adapter)
        }
    }
    return $pairs
}

function New-HvSimFailoverSettingObject($adapter) {
    $f = $(if ($adapter.PSObject.Properties['Failover']) { $adapter.Failover } else { $null })
    $values = @{}
    foreach ($field in $script:FailoverFields) {
        $value = $(if ($f -and $f.PSObject.Properties[$field]) { $f.$field } else { $null })
        $values[$field] = $(if ($null -eq $value -or "$value" -eq '') { $null } else { [string]$value })
    }
    $type = $(if ($f -and $f.PSObject.Properties['ProtocolIFType'] -and $null -ne $f.ProtocolIFType) { [WmiProtocolIFType][int]$f.ProtocolIFType } else { [WmiProtocolIFType]::None })
    [pscustomobject]@{
        PSTypeName             = 'Microsoft.HyperV.PowerShell.VMNetworkAdapterFailoverSetting'
        IPv4Address            = $values.IPv4Address
        IPv4SubnetMask         = $values.IPv4SubnetMask
        IPv4DefaultGateway     = $values.IPv4DefaultGateway
        IPv4PreferredDNSServer = $values.IPv4PreferredDNSServer
        IPv4AlternateDNSServer = $values.IPv4AlternateDNSServer
        IPv6Address            = $values.IPv6Address
        IPv6SubnetPrefixLength = $values.IPv6SubnetPrefixLength
        IPv6DefaultGateway     = $values.IPv6DefaultGateway
        IPv6PreferredDNSServer = $values.IPv6PreferredDNSServer
        IPv6AlternateDNSServer = $values.IPv6AlternateDNSServer
        ProtocolIFType         = $type
    }
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
            # Like the real cmdlet, the output names neither the VM nor the adapter.
            New-HvSimFailoverSettingObject $pair[1]
        }
    }
}

# Whether a text is an address of the family: IPv4 in dotted-quad form (IPAddress.TryParse alone
# would take "10" or "10.1"), IPv6 in any RFC 4291 form.
function Test-HvSimAddress([string]$text, [string]$family) {
    $address = $null
    if (-not [System.Net.IPAddress]::TryParse($text, [ref]$address)) { return $false }
    if ($family -eq 'IPv4') { return $address.AddressFamily -eq 'InterNetwork' -and $text -match '^\d{1,3}(\.\d{1,3}){3}$' }
    return $address.AddressFamily -eq 'InterNetworkV6' -and $text -notmatch '%'
}

# Sets or clears the failover settings of the adapters it names. Refuses, changing nothing, what
# the real cmdlet refuses: text that is not an address of its family, a prefix length outside
# 0-128, a legacy adapter (never injected). Given values replace the adapter's; -ClearFailoverIPv4Settings /
# -ClearFailoverIPv6Settings empty a family first. ProtocolIFType follows the addresses left.
function Set-VMNetworkAdapterFailoverConfiguration {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param(
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][string]$VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VirtualMachine')][object]$VM,
        [Parameter(ParameterSetName = 'ResourceObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][PSTypeName('Microsoft.HyperV.PowerShell.VMNetworkAdapter')][object]$VMNetworkAdapter,
        [Parameter(ParameterSetName = 'VMObject')][Parameter(ParameterSetName = 'VMName')][string]$VMNetworkAdapterName,
        [string]$IPv4Address, [string]$IPv6Address, [string]$IPv4SubnetMask, [Nullable[int]]$IPv6SubnetPrefixLength,
        [string]$IPv4PreferredDNSServer, [string]$IPv4AlternateDNSServer, [string]$IPv6PreferredDNSServer, [string]$IPv6AlternateDNSServer,
        [string]$IPv4DefaultGateway, [string]$IPv6DefaultGateway,
        [switch]$ClearFailoverIPv4Settings, [switch]$ClearFailoverIPv6Settings, [switch]$Passthru
    )
    process {
        $given = @{}
        foreach ($field in $script:FailoverFields) {
            if ($PSBoundParameters.ContainsKey($field)) { $given[$field] = $PSBoundParameters[$field] }
        }
        $invalid = $null
        foreach ($field in @($given.Keys | Sort-Object)) {
            $value = $given[$field]
            if ($field -eq 'IPv6SubnetPrefixLength') {
                if ($null -ne $value -and ($value -lt 0 -or $value -gt 128)) { $invalid = "The value $value of IPv6SubnetPrefixLength is not a prefix length (0-128)." }
                continue
            }
            if ([string]::IsNullOrEmpty($value)) { continue }
            $family = $field.Substring(0, 4)
            if (-not (Test-HvSimAddress $value $family)) { $invalid = "The value '$value' of $field is not a valid $family address." }
        }
        foreach ($pair in @(Select-HvSimFailoverAdapter $PSCmdlet $VMNetworkAdapter $VM $VMName $VMNetworkAdapterName)) {
            $vm = $pair[0]
            $adapter = $pair[1]
            Add-HvSimCall 'Set-VMNetworkAdapterFailoverConfiguration' 1
            if (Write-HvSimFault 'Set-VMNetworkAdapterFailoverConfiguration' $vm $PSCmdlet) { continue }
            if ($invalid) {
                Write-HvSimError $PSCmdlet (New-Object System.ArgumentException $invalid) 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapterFailoverConfiguration' 'InvalidArgument' $adapter.Name
                continue
            }
            if ($adapter.IsLegacy) {
                $message = "Failover TCP/IP settings can't be set on the legacy network adapter '$($adapter.Name)' of virtual machine '$($vm.Name)'."
                Write-HvSimError $PSCmdlet (New-Object System.InvalidOperationException $message) 'InvalidOperation,Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapterFailoverConfiguration' 'InvalidOperation' $adapter.Name
                continue
            }
            if (-not $adapter.PSObject.Properties['Failover'] -or $null -eq $adapter.Failover) {
                $empty = [ordered]@{}
                foreach ($field in $script:FailoverFields) { $empty[$field] = $null }
                $empty.ProtocolIFType = 0
                $adapter | Add-Member -NotePropertyName Failover -NotePropertyValue ([pscustomobject]$empty) -Force
            }
            $f = $adapter.Failover
            foreach ($field in $script:FailoverFields) {
                if (-not $f.PSObject.Properties[$field]) { $f | Add-Member -NotePropertyName $field -NotePropertyValue $null }
            }
            if (-not $f.PSObject.Properties['ProtocolIFType']) { $f | Add-Member -NotePropertyName ProtocolIFType -NotePropertyValue 0 }
            foreach ($family in @('IPv4', 'IPv6')) {
                if (($family -eq 'IPv4' -and $ClearFailoverIPv4Settings) -or ($family -eq 'IPv6' -and $ClearFailoverIPv6Settings)) {
                    foreach ($field in @($script:FailoverFields | Where-Object { $_.StartsWith($family) })) { $f.$field = $null }
                }
            }
            foreach ($field in $given.Keys) {
                $value = $given[$field]
                $f.$field = $(if ($null -eq $value -or "$value" -eq '') { $null } else { $value })
            }
            $f.ProtocolIFType = [int]$(if ($f.IPv4Address -and $f.IPv6Address) { 4098 } elseif ($f.IPv4Address) { 4096 } elseif ($f.IPv6Address) { 4097 } else { 0 })
            if ($Passthru) { New-HvSimFailoverSettingObject $adapter }
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
            # on a real host: Microsoft:FailoverNetworkSetting\<VM GUID>\<object GUID>, where the object
            # GUID is the adapter's own (the part of its Id after the VM GUID). A VM whose Faults name
            # this class makes the enumeration fail: the other VMs' instances come back, then the error.
            $failures = @()
            foreach ($vm in $script:Vms) {
                if ($vm.PSObject.Properties['Faults'] -and $vm.Faults -and $vm.Faults.PSObject.Properties[$ClassName]) {
                    $failures += [string]$vm.Faults.$ClassName
                    continue
                }
                foreach ($adapter in @($vm.NetworkAdapters)) {
                    if ($null -eq $adapter -or $adapter.IsLegacy -or -not $adapter.PSObject.Properties['Failover'] -or $null -eq $adapter.Failover) { continue }
                    $f = $adapter.Failover
                    $objectGuid = ([string]$adapter.Id -split '\\')[-1].ToUpperInvariant()
                    [pscustomobject]@{
                        InstanceID      = 'Microsoft:FailoverNetworkSetting\{0}\{1}' -f ([string]([guid]$vm.Id)).ToUpperInvariant(), $objectGuid
                        ProtocolIFType  = [uint16][int]$f.ProtocolIFType
                        DHCPEnabled     = $false
                        IPAddresses     = [string[]]@(@($f.IPv4Address, $f.IPv6Address) | Where-Object { $_ })
                        Subnets         = [string[]]@(@($f.IPv4SubnetMask, $f.IPv6SubnetPrefixLength) | Where-Object { $null -ne $_ -and "$_" } | ForEach-Object { [string]$_ })
                        DefaultGateways = [string[]]@(@($f.IPv4DefaultGateway, $f.IPv6DefaultGateway) | Where-Object { $_ })
                        DNSServers      = [string[]]@(@($f.IPv4PreferredDNSServer, $f.IPv4AlternateDNSServer, $f.IPv6PreferredDNSServer, $f.IPv6AlternateDNSServer) | Where-Object { $_ })
                    }
                }
            }
            foreach ($message in $failures) {
                $exception = New-Object System.InvalidOperationException $message
                New-Object System.Management.Automation.ErrorRecord ($exception, 'HRESULT 0x80041001', 'NotSpecified', $ClassName)
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
