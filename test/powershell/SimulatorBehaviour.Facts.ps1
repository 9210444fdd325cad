# The real Hyper-V module's behaviour (test/reference/real-behaviour.md) as checks on a simulated
# host: each fact has a name, its source, and a check that returns the differences it finds as
# sentences (none when the module under test behaves as the real one). FailsBefore: the simulator
# as it was before issue 19 (test/powershell/fixtures/simulator-before-19/) broke the fact.
# Dot-sourced by Simulator.Behaviour.Tests.ps1, which sets $BehaviourModule to the module file to
# check before running a check.

$BehaviourRoot = Join-Path $PSScriptRoot '../..'
$BehaviourScenario = Join-Path $PSScriptRoot 'fixtures/failover-behaviour-host.json'
$SetCommand = 'Microsoft.HyperV.PowerShell.Commands.SetVMNetworkAdapterFailoverConfiguration'

# Loads the behaviour host (changed by $Change, given the scenario object) with the module under test.
function Enter-BehaviourHost([scriptblock]$Change) {
    $scenario = Get-Content -Raw -LiteralPath $BehaviourScenario | ConvertFrom-Json
    if ($Change) { & $Change $scenario }
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('hvsim-behaviour-' + [guid]::NewGuid().ToString('N') + '.json')
    ConvertTo-Json -InputObject $scenario -Depth 12 | Set-Content -LiteralPath $path
    . (Join-Path $BehaviourRoot 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $path
    Remove-Module Hyper-V -ErrorAction SilentlyContinue
    Import-Module $BehaviourModule -Force -Global
    Remove-Item -LiteralPath $path
}

# Runs the command with errors as data: the objects it returns and the errors it writes.
function Invoke-Captured([scriptblock]$Command) {
    $ErrorActionPreference = 'Continue'
    $all = @(try { & $Command 2>&1 } catch { $_ })
    [pscustomobject]@{
        Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    }
}

function Get-Adapter([string]$vm, [string]$name) { Get-VMNetworkAdapter -VMName $vm | Where-Object Name -eq $name }

function Get-Failover([string]$vm, [string]$name) { Get-Adapter $vm $name | Get-VMNetworkAdapterFailoverConfiguration }

# The differences between the one error a call wrote and the real one (id, category, message).
function Compare-Error($result, [string]$id, [string]$category, [string]$message, [string]$what) {
    if ($result.Errors.Count -ne 1) { return "${what}: $($result.Errors.Count) errors, the real cmdlet writes one" }
    $record = $result.Errors[0]
    # A script function's error id ends with the function's name: the real id is what comes before it.
    if (-not ([string]$record.FullyQualifiedErrorId).StartsWith("$id,$SetCommand")) { "${what}: error id $($record.FullyQualifiedErrorId), the real one is $id,$SetCommand" }
    if ([string]$record.CategoryInfo.Category -ne $category) { "${what}: category $($record.CategoryInfo.Category), the real one is $category" }
    if ($record.Exception.Message -ne $message) { "${what}: message '$($record.Exception.Message)', the real one is '$message'" }
}

function Compare-Value($actual, $expected, [string]$what) {
    if ("$actual" -cne "$expected" -or ($null -eq $actual) -ne ($null -eq $expected)) { "${what}: '$actual', the real module gives '$expected'" }
}

$Decompile = 'decompile: nforgeio/neonSDK HyperVWmiDriver'
$BehaviourFacts = @(
    @{ Name = 'Set: an empty string is not given and never clears'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ConfigureIPv4Settings"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $result = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -IPv4DefaultGateway '' -IPv4PreferredDNSServer '10.20.0.20' }
            if ($result.Errors) { "the call wrote: $($result.Errors[0])" }
            $after = Get-Failover 'REPLICA-VM' 'Net A'
            Compare-Value $after.IPv4DefaultGateway '10.20.0.1' 'gateway after an empty one was passed'
            Compare-Value $after.IPv4PreferredDNSServer '10.20.0.20' 'preferred DNS server given'
        } }
    @{ Name = 'Set: the values given are merged with the stored ones'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ConfigureIPv4Settings"; FailsBefore = $false
        Check = {
            Enter-BehaviourHost
            Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -IPv4DefaultGateway '10.20.0.254'
            $after = Get-Failover 'REPLICA-VM' 'Net A'
            Compare-Value $after.IPv4Address '10.20.0.50' 'address'
            Compare-Value $after.IPv4SubnetMask '255.255.255.0' 'mask'
            Compare-Value $after.IPv4PreferredDNSServer '10.20.0.10' 'preferred DNS server'
            Compare-Value $after.IPv4DefaultGateway '10.20.0.254' 'gateway'
        } }
    @{ Name = 'Set: a non-contiguous IPv4 mask is refused (InvalidFormat) and nothing changes'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ValidateParameters, VMNetworkAdapterFailoverSetting.IsValidSubnetMask"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $result = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -IPv4SubnetMask '255.0.255.0' }
            Compare-Error $result 'InvalidParameter' 'InvalidArgument' 'The parameter "IPv4SubnetMask" is not in the correct format.' 'mask 255.0.255.0'
            Compare-Value (Get-Failover 'REPLICA-VM' 'Net A').IPv4SubnetMask '255.255.255.0' 'mask after the refusal'
        } }
    @{ Name = 'Set: a clear with values of the same family is refused (ConflictingParameters); with the other family''s values it is not'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ValidateParameters"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $conflict = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -ClearFailoverIPv4Settings -IPv4Address '10.20.0.60' }
            Compare-Error $conflict 'InvalidParameter' 'InvalidArgument' 'Conflicting parameters have been supplied to the cmdlet.' 'clear IPv4 with an IPv4 address'
            Compare-Value (Get-Failover 'REPLICA-VM' 'Net A').IPv4Address '10.20.0.50' 'address after the refusal'
            $prefix = Invoke-Captured { Get-Adapter 'PRIMARY-VM' 'Net' | Set-VMNetworkAdapterFailoverConfiguration -ClearFailoverIPv6Settings -IPv6SubnetPrefixLength 48 }
            Compare-Error $prefix 'InvalidParameter' 'InvalidArgument' 'Conflicting parameters have been supplied to the cmdlet.' 'clear IPv6 with a prefix length'
            $other = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -ClearFailoverIPv6Settings -IPv4DefaultGateway '10.20.0.254' }
            if ($other.Errors) { "clear IPv6 with an IPv4 gateway: the real cmdlet takes it, the simulator wrote: $($other.Errors[0])" }
        } }
    @{ Name = 'Set: no settings at all is refused (NoSettingsChanged), empty strings included'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ValidateParameters"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $message = "Insufficient input to perform a valid operation. Please specify parameters for 'Set-VMNetworkAdapterFailoverConfiguration' accordingly."
            Compare-Error (Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration }) 'OperationFailed' 'InvalidOperation' $message 'no parameter'
            Compare-Error (Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -IPv4Address '' -IPv6DefaultGateway '' }) 'OperationFailed' 'InvalidOperation' $message 'only empty strings'
            Compare-Value (Get-Failover 'REPLICA-VM' 'Net A').IPv4Address '10.20.0.50' 'address after the refusals'
        } }
    @{ Name = 'Set: a VM whose replication is not enabled is refused (VMReplication_NotEnabled)'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ProcessOneOperand"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $result = Invoke-Captured { Get-Adapter 'PLAIN-VM' 'Net' | Set-VMNetworkAdapterFailoverConfiguration -IPv4DefaultGateway '10.40.0.1' }
            Compare-Error $result 'InvalidState' 'InvalidOperation' "Replication is not enabled for virtual machine with name 'PLAIN-VM'." 'VM without replication'
        } }
    @{ Name = 'Set: by -VMName legacy adapters are skipped with no error, the synthetic ones set'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.EnumerateOperands"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $result = Invoke-Captured { Set-VMNetworkAdapterFailoverConfiguration -VMName 'EXTENDED-VM' -IPv4PreferredDNSServer '10.30.0.53' }
            if ($result.Errors) { "by -VMName on a VM with a legacy adapter: the real cmdlet skips it, the simulator wrote: $($result.Errors[0])" }
            Compare-Value (Get-Failover 'EXTENDED-VM' 'Net').IPv4PreferredDNSServer '10.30.0.53' 'the synthetic adapter''s preferred DNS server'
        } }
    @{ Name = 'Set: an adapter without a failover instance (a legacy one given as an object) is refused (NotSupportedAdapter)'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ProcessOneOperand, VMNetworkAdapter.FailoverSetting"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $result = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Legacy' | Set-VMNetworkAdapterFailoverConfiguration -IPv4Address '10.20.0.70' -IPv4SubnetMask '255.255.255.0' }
            Compare-Error $result 'InvalidOperation' 'InvalidOperation' 'The selected TCP/IP settings for failover are not valid for legacy type of virtual network adapters.' 'legacy adapter'
        } }
    @{ Name = 'Set: an address without a mask is refused when none is stored (ParameterNotProvided), taken when one is'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ConfigureIPv4Settings"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $result = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net B' | Set-VMNetworkAdapterFailoverConfiguration -IPv4Address '10.20.1.5' }
            Compare-Error $result 'InvalidParameter' 'InvalidArgument' "'IPv4SubnetMask' is not provided." 'IPv4 address alone, no mask stored'
            Compare-Value (Get-Failover 'REPLICA-VM' 'Net B').IPv4Address $null 'address after the refusal'
            $v6 = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net B' | Set-VMNetworkAdapterFailoverConfiguration -IPv6Address 'fd00:1::5' }
            Compare-Error $v6 'InvalidParameter' 'InvalidArgument' "'IPv6SubnetPrefixLength' is not provided." 'IPv6 address alone, no prefix length stored'
            $stored = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -IPv4Address '10.20.0.60' }
            if ($stored.Errors) { "IPv4 address alone with a mask stored: the real cmdlet takes it, the simulator wrote: $($stored.Errors[0])" }
            Compare-Value (Get-Failover 'REPLICA-VM' 'Net A').IPv4SubnetMask '255.255.255.0' 'the stored mask'
        } }
    @{ Name = 'Set: a mask, prefix length, gateway or DNS server without an address is refused (IPSettingsSpecifiedWithoutAddress)'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ConfigureIPv4Settings, ConfigureIPv6Settings"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            foreach ($case in @(@{ IPv4SubnetMask = '255.255.255.0' }, @{ IPv4DefaultGateway = '10.20.1.1' }, @{ IPv4AlternateDNSServer = '10.20.1.53' }, @{ IPv6SubnetPrefixLength = 64 }, @{ IPv6PreferredDNSServer = 'fd00:1::53' })) {
                $name = @($case.Keys)[0]
                $result = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net B' | Set-VMNetworkAdapterFailoverConfiguration @case }
                Compare-Error $result 'InvalidParameter' 'InvalidArgument' "The parameter '$name' requires an IP address. Specify an IP address and run the command again." "$name alone"
            }
        } }
    @{ Name = 'Set: the gateway''s subnet and the VM''s power state are not checked'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration"; FailsBefore = $false
        Check = {
            Enter-BehaviourHost
            $result = Invoke-Captured { Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -IPv4DefaultGateway '192.168.99.1' }
            if ($result.Errors) { "a gateway outside the subnet on an Off Replica: the real cmdlet takes it, the simulator wrote: $($result.Errors[0])" }
            Compare-Value (Get-Failover 'REPLICA-VM' 'Net A').IPv4DefaultGateway '192.168.99.1' 'gateway'
        } }
    @{ Name = 'Set: -Passthru gives a cleared value as an empty string, a later Get as $null with ProtocolIFType None'; Source = "$Decompile SetVMNetworkAdapterFailoverConfiguration.ConfigureIPv4Settings, VMNetworkAdapterFailoverSetting.SetPropertiesInWmiObject"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $passed = Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -ClearFailoverIPv4Settings -Passthru
            Compare-Value $passed.IPv4Address '' '-Passthru IPv4Address after a clear'
            Compare-Value $passed.IPv6Address $null '-Passthru IPv6Address never set'
            $after = Get-Failover 'REPLICA-VM' 'Net A'
            Compare-Value $after.IPv4Address $null 'Get IPv4Address after a clear'
            Compare-Value ([string]$after.ProtocolIFType) 'None' 'Get ProtocolIFType after a clear'
        } }
    @{ Name = 'Get: nothing, and no error, outside Primary, Replica and ExtendedReplica'; Source = "$Decompile VMNetworkAdapter.FailoverSetting, GetVMNetworkAdapterFailoverConfiguration.ProcessOneOperand"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            foreach ($vm in 'TEST-VM', 'PLAIN-VM') {
                $result = Invoke-Captured { Get-Adapter $vm 'Net' | Get-VMNetworkAdapterFailoverConfiguration }
                if ($result.Output.Count -ne 0 -or $result.Errors.Count -ne 0) { "${vm}: $($result.Output.Count) settings and $($result.Errors.Count) errors, the real cmdlet returns nothing" }
            }
            foreach ($pair in @(@('REPLICA-VM', 'Net A'), @('PRIMARY-VM', 'Net'), @('EXTENDED-VM', 'Net'))) {
                if (@(Get-Failover $pair[0] $pair[1]).Count -ne 1) { "$($pair[0]): no settings, the real cmdlet returns them" }
            }
        } }
    @{ Name = 'Get: by -VMName only the synthetic adapters'; Source = "$Decompile GetVMNetworkAdapterFailoverConfiguration.EnumerateOperands"; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $count = @(Get-VMNetworkAdapterFailoverConfiguration -VMName 'EXTENDED-VM').Count
            if ($count -ne 1) { "EXTENDED-VM (one synthetic, one legacy adapter): $count settings, the real cmdlet returns 1" }
        } }
    @{ Name = 'Get: the ten values are strings, unset ones $null'; Source = "$Decompile VMNetworkAdapterFailoverSetting"; FailsBefore = $false
        Check = {
            Enter-BehaviourHost
            $settings = Get-Failover 'PRIMARY-VM' 'Net'
            if ($settings.IPv6SubnetPrefixLength -isnot [string]) { "IPv6SubnetPrefixLength is $($settings.IPv6SubnetPrefixLength.GetType().Name), the real one a string" }
            Compare-Value $settings.IPv6SubnetPrefixLength '64' 'IPv6SubnetPrefixLength'
            Compare-Value $settings.IPv4Address $null 'IPv4Address never set'
        } }
    @{ Name = 'CIM: Msvm_EthernetPortFailoverSettingDataComponent ties each failover instance to its adapter (GroupComponent InstanceID = adapter Id, PartComponent = the instance)'; Source = 'wmi: MicrosoftDocs/win32 HyperV_v2; decompile: Associations.EthernetPortToFailoverNetwork'; FailsBefore = $true
        Check = {
            Enter-BehaviourHost
            $instances = @(Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_FailoverNetworkAdapterSettingData)
            $links = @(Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_EthernetPortFailoverSettingDataComponent)
            if ($links.Count -ne $instances.Count -or $links.Count -eq 0) { "$($links.Count) association instances for $($instances.Count) failover instances" }
            $adapterIds = @(Get-VMNetworkAdapter -VMName * | ForEach-Object { [string]$_.Id })
            foreach ($link in $links) {
                if ($adapterIds -notcontains [string]$link.GroupComponent.InstanceID) { "GroupComponent $($link.GroupComponent.InstanceID) is no adapter's Id" }
                if (@($instances.InstanceID) -notcontains [string]$link.PartComponent.InstanceID) { "PartComponent $($link.PartComponent.InstanceID) is no failover instance" }
            }
            $netA = [string](Get-Adapter 'REPLICA-VM' 'Net A').Id
            $instance = $instances | Where-Object InstanceID -eq (@($links | Where-Object { $_.GroupComponent.InstanceID -eq $netA })[0].PartComponent.InstanceID)
            Compare-Value (@($instance.IPAddresses) -join ',') '10.20.0.50' 'IPAddresses of the instance the association gives for REPLICA-VM Net A'
        } }
    @{ Name = 'CIM: only the families with an address are written; a cleared instance has empty arrays and ProtocolIFType 0'; Source = "$Decompile VMNetworkAdapterFailoverSetting.SetPropertiesInWmiObject"; FailsBefore = $false
        Check = {
            Enter-BehaviourHost
            Get-Adapter 'PRIMARY-VM' 'Net' | Set-VMNetworkAdapterFailoverConfiguration -IPv4Address '10.20.5.5' -IPv4SubnetMask '255.255.255.0'
            Get-Adapter 'REPLICA-VM' 'Net A' | Set-VMNetworkAdapterFailoverConfiguration -ClearFailoverIPv4Settings
            $primary = [string](Get-VM -Name 'PRIMARY-VM').Id
            $replica = [string](Get-VM -Name 'REPLICA-VM').Id
            $instances = @(Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_FailoverNetworkAdapterSettingData)
            $both = $instances | Where-Object { $_.InstanceID -like "*\$($primary.ToUpperInvariant())\*" }
            Compare-Value $both.ProtocolIFType 4098 'ProtocolIFType with both families'
            Compare-Value (@($both.Subnets) -join ',') '255.255.255.0,64' 'Subnets with both families'
            $cleared = $instances | Where-Object { $_.InstanceID -like "*\$($replica.ToUpperInvariant())\*" }
            Compare-Value $cleared.ProtocolIFType 0 'ProtocolIFType after a clear'
            Compare-Value (@($cleared.IPAddresses) + @($cleared.Subnets) + @($cleared.DefaultGateways) + @($cleared.DNSServers) -join ',') '' 'arrays after a clear'
        } }
    @{ Name = 'Get-VM: no VMs and no error for a caller in neither Administrators nor Hyper-V Administrators'; Source = 'domain: the project brief''s domain facts'; FailsBefore = $false
        Check = {
            Enter-BehaviourHost { param($s) $s.host | Add-Member -NotePropertyName Caller -NotePropertyValue ([pscustomobject]@{ IsAdministrator = $false; IsHyperVAdministrator = $false }) }
            $result = Invoke-Captured { Get-VM }
            if ($result.Output.Count -ne 0 -or $result.Errors.Count -ne 0) { "$($result.Output.Count) VMs and $($result.Errors.Count) errors, the real cmdlet gives none" }
        } }
)
