<#

.SYNOPSIS
Reads the facts the Replica failover IP rule needs from this Hyper-V host.

.DESCRIPTION
Returns one JSON snapshot (format replica-failover-ip-snapshot/3) of the host and of every VM on
it: state, replication, the Key-Value Pair Exchange component (matched by GUID) with its primary
and secondary status, integration services version, network adapters with their failover IP
settings (addresses, subnet mask or prefix length, gateways, DNS servers), DVD drives, the guest
OS name and the restore records the tool's changes keep beside each VM's configuration. Get-VM lists no VMs, and no error, to a caller who is
neither a local Administrator nor in Hyper-V Administrators: such a caller gets the host error
AccessDenied instead of an empty host. Hyper-V cmdlets are called once for all VMs, and the
failover settings of every adapter come from one CIM query (Msvm_FailoverNetworkAdapterSettingData).
A query that fails for one VM is recorded on that VM and the others still come back. With vmId,
only that VM is read (the re-check after a remediation). Windows PowerShell 5.1 compatible, and
runs in constrained language (JEA).

.PARAMETER vmId
Optional. The Id of the one VM to read (a GUID, as Get-VM reports it). Without it, every VM on the
host is read. A value that is not a GUID fails parameter binding ("Cannot process argument
transformation on parameter 'vmId'. Cannot convert value ... to type System.Guid") and nothing is
read.

.EXAMPLE
Get-ReplicaFailoverIpSnapshot
The snapshot of every VM on this host, as one line of JSON.

.EXAMPLE
Get-ReplicaFailoverIpSnapshot -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f
The snapshot of that VM only: the re-check after a remediation.

.ROLE
Readers

#>
[CmdletBinding()]
param(
    [guid]$vmId = [guid]::Empty
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

#region Host contract: copies of src/app/host-contract.ts (each script is sent alone); test/contract/host-contract.test.js fails when they drift
$snapshotFormat = 'replica-failover-ip-snapshot/3'
$kvpComponentGuid = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'
$restoreRecordFileNameFormat = 'hvtools-setup-disk-restore.{0}.json'
$driveTextFormat = '{0} {1}:{2}'
$failoverRestoreRecordFileNameFormat = 'hvtools-failover-tcpip-restore.{0}.json'
#endregion

# Helpers: Get-VmStateFolder, Test-Ipv4Text

# A property of a host object that a Hyper-V module version, a registry key or a file may lack:
# $null then (strict mode refuses reading a property that isn't there).
function Get-OptionalProperty($object, [string]$name) {
    if ($null -eq $object) { return $null }
    $property = $object.PSObject.Properties[$name]
    if ($null -eq $property) { return $null }
    return $property.Value
}

function ConvertTo-NullableText($value) {
    if ($null -eq $value) { return $null }
    return [string]$value
}

function ConvertTo-NullableNumber($value) {
    if ($null -eq $value) { return $null }
    return [int]$value
}

function Get-ErrorText($errorRecord) {
    if ($errorRecord.Exception -and $errorRecord.Exception.Message) { return [string]$errorRecord.Exception.Message }
    return [string]$errorRecord
}

# Records a query that failed for this VM. (Lists are plain arrays: constrained language has no ArrayList.)
function Add-VmError($record, [string]$source, [string]$message) {
    $record.errors = @($record.errors) + @([ordered]@{ source = $source; message = $message })
}

function New-Snapshot($hostFacts, $vmRecords, $hostError) {
    [ordered]@{
        format      = $snapshotFormat
        collectedAt = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [System.Globalization.CultureInfo]::InvariantCulture)
        host        = $hostFacts
        error       = $hostError
        vms         = @($vmRecords)
    }
}

function Write-Snapshot($snapshot) {
    ConvertTo-Json -InputObject $snapshot -Depth 8 -Compress
}

# Calls a Hyper-V cmdlet once for all the given VMs. When that call reports errors, the VMs that
# got no answer are asked again one at a time, so that each error lands on the VM it belongs to.
function Get-ForEachVm([string]$command, [object[]]$vms, [hashtable]$records) {
    $results = @()
    if ($vms.Count -eq 0) { return ,$results }
    $batchErrors = $null
    try {
        $results = @(& $command -VM $vms -ErrorAction SilentlyContinue -ErrorVariable batchErrors)
    }
    catch {
        # A batch that stopped is handled as one that reported errors: each VM is asked alone below.
        $batchErrors = @($_)
    }
    if (-not $batchErrors -or @($batchErrors).Count -eq 0) { return ,$results }

    $answered = @{}
    foreach ($item in $results) { $answered[[string]$item.VMId] = $true }
    foreach ($vm in $vms) {
        $id = [string]$vm.Id
        if ($answered.ContainsKey($id)) { continue }
        try {
            $results += @(& $command -VM $vm -ErrorAction Stop)
        }
        catch {
            Add-VmError $records[$id] $command (Get-ErrorText $_)
        }
    }
    return ,$results
}

# The Windows version as Win32_OperatingSystem.Version writes it (6.3.9600, 10.0.17763), read from
# the registry: one CIM query less per scan. CurrentMajorVersionNumber exists from Windows Server
# 2016 on; before it CurrentVersion is the version (6.3).
function Get-OsVersion {
    # SilentlyContinue: without the key the version is unknown (null), which the snapshot allows.
    $key = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -ErrorAction SilentlyContinue
    $build = Get-OptionalProperty $key 'CurrentBuildNumber'
    if (-not $build) { return $null }
    $major = Get-OptionalProperty $key 'CurrentMajorVersionNumber'
    if ($null -ne $major) {
        return '{0}.{1}.{2}' -f $major, (Get-OptionalProperty $key 'CurrentMinorVersionNumber'), $build
    }
    $version = Get-OptionalProperty $key 'CurrentVersion'
    if ($version) { return '{0}.{1}' -f $version, $build }
    return $null
}

function Get-HostFacts {
    $facts = [ordered]@{
        name      = [string]$env:COMPUTERNAME
        osVersion = Get-OsVersion
        culture   = [string][System.Globalization.CultureInfo]::CurrentUICulture.Name
        cluster   = $null
        setupDisk = $null
        # How failover settings were tied to adapters (Add-FailoverSettings); null when none were read.
        failoverMapping = $null
    }
    # Hosts before Windows Server 2016 carry the integration services setup disk.
    if ($env:windir) {
        $iso = Join-Path (Join-Path $env:windir 'System32') 'vmguest.iso'
        if (Test-Path -LiteralPath $iso) { $facts.setupDisk = $iso }
    }
    $cluster = @(Get-CimInstance -Namespace root/MSCluster -ClassName MSCluster_Cluster -ErrorAction SilentlyContinue)
    if ($cluster.Count -gt 0 -and $cluster[0]) {
        $nodes = @(Get-CimInstance -Namespace root/MSCluster -ClassName MSCluster_Node -ErrorAction SilentlyContinue | ForEach-Object { [string]$_.Name })
        $broker = @(Get-CimInstance -Namespace root/MSCluster -ClassName MSCluster_Resource -Filter "Type = 'Virtual Machine Replication Broker'" -ErrorAction SilentlyContinue |
            Where-Object { $_.Type -eq 'Virtual Machine Replication Broker' })
        $facts.cluster = [ordered]@{
            name          = [string]$cluster[0].Name
            nodes         = $nodes
            replicaBroker = $(if ($broker.Count -gt 0) { ConvertTo-NullableText $broker[0].OwnerGroup } else { $null })
        }
    }
    return $facts
}

function New-VmRecord($vm) {
    [ordered]@{
        id         = [string]$vm.Id
        name       = [string]$vm.Name
        state      = [int]$vm.State
        generation = ConvertTo-NullableNumber $vm.Generation
        version    = ConvertTo-NullableText $vm.Version
        isVersion  = $(if ($vm.IntegrationServicesVersion) { $vm.IntegrationServicesVersion.ToString() } else { $null })
        isState    = ConvertTo-NullableText (Get-OptionalProperty $vm 'IntegrationServicesState')
        guestOs    = $null
        replication = $null
        kvp        = $null
        setupDiskRestore = $null
        failoverRestore = $null
        adapters   = @()
        dvdDrives  = @()
        errors     = @()
    }
}

function Add-Replication([object[]]$vms, [hashtable]$records) {
    $replicated = @($vms | Where-Object { [int]$_.ReplicationMode -ne 0 })
    foreach ($replication in (Get-ForEachVm 'Get-VMReplication' $replicated $records)) {
        $record = $records[[string]$replication.VMId]
        if (-not $record) { continue }
        $record.replication = [ordered]@{
            mode         = [int]$replication.ReplicationMode
            state        = [int]$replication.ReplicationState
            health       = [int]$replication.ReplicationHealth
            primary      = ConvertTo-NullableText $replication.PrimaryServerName
            replica      = ConvertTo-NullableText $replication.ReplicaServerName
        }
    }
    return $replicated
}

function Add-KvpComponent([object[]]$vms, [hashtable]$records) {
    foreach ($component in (Get-ForEachVm 'Get-VMIntegrationService' $vms $records)) {
        $record = $records[[string]$component.VMId]
        if (-not $record -or -not ([string]$component.Id).ToUpperInvariant().EndsWith($kvpComponentGuid)) { continue }
        $status = $component.PrimaryOperationalStatus
        # The secondary status: module 2.0 (Windows Server 2016 and later); 1.1 is not described here.
        $secondary = Get-OptionalProperty $component 'SecondaryOperationalStatus'
        $record.kvp = [ordered]@{
            enabled         = [bool]$component.Enabled
            status          = ConvertTo-NullableNumber $status
            statusName      = ConvertTo-NullableText $status
            text            = ConvertTo-NullableText $component.PrimaryStatusDescription
            secondaryStatus     = ConvertTo-NullableNumber $secondary
            secondaryStatusName = ConvertTo-NullableText $secondary
            secondaryText       = ConvertTo-NullableText (Get-OptionalProperty $component 'SecondaryStatusDescription')
        }
    }
}

function Add-NetworkAdapters([object[]]$vms, [hashtable]$records, [object[]]$replicated) {
    $replicatedIds = @{}
    foreach ($vm in $replicated) { $replicatedIds[[string]$vm.Id] = $true }
    # Adapters whose failover settings matter, by "<VM GUID>\<adapter GUID>" (lower case).
    $wanted = @{}
    foreach ($adapter in (Get-ForEachVm 'Get-VMNetworkAdapter' $vms $records)) {
        $id = [string]$adapter.VMId
        $record = $records[$id]
        if (-not $record) { continue }
        $entry = [ordered]@{ id = [string]$adapter.Id; name = [string]$adapter.Name; legacy = [bool]$adapter.IsLegacy; failover = $null; ipv4 = $null; ipv6 = $null; failoverTcpIp = $null }
        # Failover settings matter for replicated VMs' synthetic adapters only (legacy ones are never injected).
        if ($replicatedIds.ContainsKey($id) -and -not $adapter.IsLegacy) {
            $adapterGuid = ([string]$adapter.Id -split '\\')[-1]
            $wanted[($id + '\' + $adapterGuid).ToLowerInvariant()] = @{ record = $record; entry = $entry }
        }
        $record.adapters = @($record.adapters) + @($entry)
    }
    if ($wanted.Count -eq 0) { return $null }
    return Add-FailoverSettings $wanted
}

# Which adapter each failover instance belongs to, in one CIM query of the association the Hyper-V
# module itself follows, Msvm_EthernetPortFailoverSettingDataComponent: GroupComponent is the
# adapter's port setting data, whose InstanceID is the adapter's Id (Microsoft:<VM GUID>\<adapter
# GUID>); PartComponent is the failover instance. Failover InstanceID (lower case) -> "<VM GUID>\<adapter
# GUID>" (lower case); empty when the association can't be read.
function Get-FailoverAdapterMap {
    $map = @{}
    $links = @()
    try {
        $links = @(Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_EthernetPortFailoverSettingDataComponent -ErrorAction SilentlyContinue)
    }
    catch {
        # Not an error of any VM: the instances it leaves unmapped are mapped by their InstanceID, and
        # the snapshot says so (host.failoverMapping).
        $links = @()
    }
    foreach ($link in $links) {
        $adapterId = [string](Get-OptionalProperty (Get-OptionalProperty $link 'GroupComponent') 'InstanceID')
        $instanceId = [string](Get-OptionalProperty (Get-OptionalProperty $link 'PartComponent') 'InstanceID')
        if ($instanceId -and $adapterId -match '^Microsoft:([0-9A-Fa-f-]{36})\\([0-9A-Fa-f-]{36})$') {
            $map[$instanceId.ToLowerInvariant()] = ($Matches[1] + '\' + $Matches[2]).ToLowerInvariant()
        }
    }
    return $map
}

# The failover settings of every adapter in one CIM query, as the BPA reads them, each tied to its
# adapter by the association (Get-FailoverAdapterMap). Where the association gave no row for an
# instance, its InstanceID (Microsoft:FailoverNetworkSetting\<VM GUID>\<object GUID>) is read as if the
# object GUID were the adapter's own: nothing published says so (docs/snapshot-format.md). Returns
# how the instances were mapped: association, instanceIdGuess (at least one by the InstanceID), or
# $null when no instance came back. An adapter without an instance has none configured (0). When
# the query fails, the VMs whose adapters got no instance carry the error, the rest stay.
function Add-FailoverSettings([hashtable]$wanted) {
    $settings = @()
    $queryErrors = $null
    try {
        $settings = @(Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_FailoverNetworkAdapterSettingData -ErrorAction SilentlyContinue -ErrorVariable queryErrors)
    }
    catch {
        # Recorded below on the VMs whose adapters got no instance.
        $queryErrors = @($_)
    }
    $mapping = $null
    $adapterMap = @{}
    if ($settings.Count -gt 0) {
        $mapping = 'association'
        $adapterMap = Get-FailoverAdapterMap
    }
    $found = @{}
    foreach ($setting in $settings) {
        $key = $adapterMap[([string]$setting.InstanceID).ToLowerInvariant()]
        if (-not $key) {
            $mapping = 'instanceIdGuess'
            $parts = @([string]$setting.InstanceID -split '\\')
            if ($parts.Count -ne 3 -or $parts[0] -ne 'Microsoft:FailoverNetworkSetting') { continue }
            $key = ($parts[1] + '\' + $parts[2]).ToLowerInvariant()
        }
        $target = $wanted[$key]
        if (-not $target) { continue }
        $found[$key] = $true
        $addresses = @($setting.IPAddresses | Where-Object { $_ })
        $target.entry.failover = $(if ($null -ne $setting.ProtocolIFType) { [int]$setting.ProtocolIFType } else { 0 })
        # IPAddresses holds the IPv4 and IPv6 addresses together: the snapshot keeps the first of each.
        $ipv4 = @($addresses | Where-Object { [string]$_ -match '^\d{1,3}(\.\d{1,3}){3}$' })
        $ipv6 = @($addresses | Where-Object { [string]$_ -like '*:*' })
        if ($ipv4.Count -gt 0) { $target.entry.ipv4 = [string]$ipv4[0] }
        if ($ipv6.Count -gt 0) { $target.entry.ipv6 = [string]$ipv6[0] }
        $target.entry.failoverTcpIp = ConvertTo-FailoverTcpIp $setting
    }
    $failed = @($queryErrors | Where-Object { $_ })
    $marked = @{}
    foreach ($key in @($wanted.Keys)) {
        if ($found.ContainsKey($key)) { continue }
        $target = $wanted[$key]
        if ($failed.Count -eq 0) {
            $target.entry.failover = 0
            continue
        }
        $vmKey = ($key -split '\\')[0]
        if ($marked.ContainsKey($vmKey)) { continue }
        $marked[$vmKey] = $true
        Add-VmError $target.record 'Msvm_FailoverNetworkAdapterSettingData' (Get-ErrorText $failed[0])
    }
    return $mapping
}

# The rest of an instance's settings, for the tool's form. Subnets, DefaultGateways and DNSServers
# hold both families together, like IPAddresses: IPv4 entries are dotted quads, IPv6 ones hold a
# colon, an IPv6 prefix length is a number (written "64" or "/64": a real host must confirm which).
# The DNS servers keep their order: preferred first, then alternate.
function ConvertTo-FailoverTcpIp($setting) {
    $subnets = @(Get-OptionalProperty $setting 'Subnets' | Where-Object { $_ })
    $gateways = @(Get-OptionalProperty $setting 'DefaultGateways' | Where-Object { $_ })
    $dns = @(Get-OptionalProperty $setting 'DNSServers' | Where-Object { $_ })
    $masks = @($subnets | Where-Object { Test-Ipv4Text $_ })
    $prefixes = @($subnets | Where-Object { [string]$_ -match '^/?\d{1,3}$' })
    $gateways4 = @($gateways | Where-Object { Test-Ipv4Text $_ })
    $gateways6 = @($gateways | Where-Object { [string]$_ -like '*:*' })
    [ordered]@{
        ipv4Mask    = $(if ($masks.Count -gt 0) { [string]$masks[0] } else { $null })
        ipv4Gateway = $(if ($gateways4.Count -gt 0) { [string]$gateways4[0] } else { $null })
        ipv4Dns     = @($dns | Where-Object { Test-Ipv4Text $_ } | Microsoft.PowerShell.Utility\Select-Object -First 2 | ForEach-Object { [string]$_ })
        ipv6Prefix  = $(if ($prefixes.Count -gt 0) { [int]([string]$prefixes[0] -replace '^/', '') } else { $null })
        ipv6Gateway = $(if ($gateways6.Count -gt 0) { [string]$gateways6[0] } else { $null })
        ipv6Dns     = @($dns | Where-Object { [string]$_ -like '*:*' } | Microsoft.PowerShell.Utility\Select-Object -First 2 | ForEach-Object { [string]$_ })
    }
}

function Add-DvdDrives([object[]]$vms, [hashtable]$records) {
    foreach ($drive in (Get-ForEachVm 'Get-VMDvdDrive' $vms $records)) {
        $record = $records[[string]$drive.VMId]
        if (-not $record) { continue }
        $record.dvdDrives = @($record.dvdDrives) + @([ordered]@{
            controllerType = [string]$drive.ControllerType
            controller     = [int]$drive.ControllerNumber
            location       = [int]$drive.ControllerLocation
            path           = ConvertTo-NullableText $drive.Path
        })
    }
}

# The guest OS name is a KVP intrinsic item: present only while the guest's KVP component answers.
function Add-GuestOsNames([hashtable]$records) {
    $components = @(Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_KvpExchangeComponent -ErrorAction SilentlyContinue)
    foreach ($component in $components) {
        $record = $records[([string]$component.SystemName).ToLowerInvariant()]
        if (-not $record) { continue }
        foreach ($item in @(Get-OptionalProperty $component 'GuestIntrinsicExchangeItems')) {
            if (-not $item) { continue }
            $xml = $null
            try {
                $xml = [xml]$item
            }
            catch {
                # Deliberately ignored: the items are written by the guest, and one that isn't XML
                # carries no OS name. The name is context only (no verdict depends on it).
                continue
            }
            $name = $xml.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Name']/VALUE")
            $data = $xml.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Data']/VALUE")
            if ($name -and $data -and $name.InnerText -eq 'OSName') {
                $record.guestOs = [string]$data.InnerText
            }
        }
    }
}

# Media that Mount-IntegrationServicesSetupDisk replaced and can put back: a record kept beside
# each VM's configuration (on a cluster's shared storage, so whichever node owns the VM reads it).
# Only VMs with a DVD drive can have one: the others cost no file access.
function Add-SetupDiskRestoreRecords([object[]]$vms, [hashtable]$records) {
    foreach ($vm in $vms) {
        if ($records[[string]$vm.Id].dvdDrives.Count -eq 0) { continue }
        $folder = Get-VmStateFolder $vm
        if (-not $folder) { continue }
        $id = [string]$vm.Id
        $file = Join-Path $folder ($restoreRecordFileNameFormat -f $id)
        try {
            if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { continue }
            $entry = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
            if ($null -eq $entry) { throw 'it is empty.' }
            $missing = @('controllerType', 'controller', 'location', 'previousPath' | Where-Object { -not $entry.PSObject.Properties[$_] })
            if ($missing.Count -gt 0) { throw "it lacks $($missing -join ', ')." }
            $records[$id].setupDiskRestore = [ordered]@{
                drive        = $driveTextFormat -f $entry.controllerType, $entry.controller, $entry.location
                previousPath = ConvertTo-NullableText $entry.previousPath
            }
        }
        catch {
            # Restore is then not offered for this VM; the record stays for an admin to look at. The
            # source names no cmdlet the rule judges, so the verdict doesn't change.
            Add-VmError $records[$id] 'setupDiskRestore' "The restore record $file can't be read: $(Get-ErrorText $_)"
        }
    }
}

# Failover TCP/IP settings that Set-FailoverTcpIpConfiguration replaced and can put back: a record
# beside the VM's configuration, as for the setup disk. Only replicated VMs with a synthetic adapter
# can have one (the form is offered for those): the others cost no file access.
function Add-FailoverRestoreRecords([object[]]$replicated, [hashtable]$records) {
    foreach ($vm in $replicated) {
        $id = [string]$vm.Id
        if (@($records[$id].adapters | Where-Object { -not $_.legacy }).Count -eq 0) { continue }
        $folder = Get-VmStateFolder $vm
        if (-not $folder) { continue }
        $file = Join-Path $folder ($failoverRestoreRecordFileNameFormat -f $id)
        try {
            if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { continue }
            $entry = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
            if ($null -eq $entry -or -not $entry.PSObject.Properties['adapters']) { throw 'it lacks adapters.' }
            $kept = @(foreach ($adapter in @($entry.adapters)) {
                if ($null -eq $adapter -or -not $adapter.PSObject.Properties['adapterId'] -or -not $adapter.PSObject.Properties['settings']) { throw 'an adapter lacks adapterId or settings.' }
                [ordered]@{
                    adapterId = [string]$adapter.adapterId
                    ipv4      = ConvertTo-NullableText (Get-OptionalProperty $adapter.settings 'IPv4Address')
                    ipv6      = ConvertTo-NullableText (Get-OptionalProperty $adapter.settings 'IPv6Address')
                }
            })
            if ($kept.Count -gt 0) { $records[$id].failoverRestore = $kept }
        }
        catch {
            # Restore is then not offered; the record stays for an admin to look at (no verdict changes).
            Add-VmError $records[$id] 'failoverRestore' "The restore record $file can't be read: $(Get-ErrorText $_)"
        }
    }
}

# The caller's group SIDs, from the Windows identity the script runs as.
function Get-CallerGroupSid {
    @([System.Security.Principal.WindowsIdentity]::GetCurrent().Groups | ForEach-Object { [string]$_.Value })
}

# $false when the caller is neither a local Administrator (S-1-5-32-544) nor in Hyper-V
# Administrators (S-1-5-32-578): Get-VM then lists no VMs and reports no error. $null when the
# identity can't be read (e.g. a language mode that forbids the type).
function Test-CallerMaySeeVms {
    try {
        $sids = @(Get-CallerGroupSid)
    }
    catch {
        # Not an error to report: constrained language (JEA) refuses the identity type. The caller
        # then can't tell, and an empty host is reported as empty (docs/powershell.md).
        return $null
    }
    return ($sids -contains 'S-1-5-32-544') -or ($sids -contains 'S-1-5-32-578')
}

$hostFacts = Get-HostFacts

if (-not (Get-Module -ListAvailable -Name Hyper-V)) {
    $hostError = [ordered]@{ code = 'HyperVModuleMissing'; message = "The Hyper-V PowerShell module isn't installed on $($hostFacts.name)." }
    Write-Snapshot (New-Snapshot $hostFacts @() $hostError)
    return
}

try {
    Import-Module -Name Hyper-V -ErrorAction Stop
    $vmErrors = $null
    if ($vmId -ne [guid]::Empty) {
        $vms = @(Get-VM -Id $vmId -ErrorAction SilentlyContinue -ErrorVariable vmErrors)
    }
    else {
        $vms = @(Get-VM -ErrorAction SilentlyContinue -ErrorVariable vmErrors)
    }
}
catch {
    # Recorded: the snapshot carries the host error instead of VMs.
    $code = 'QueryFailed'
    if ($_.Exception -is [System.UnauthorizedAccessException] -or $_.CategoryInfo.Category -eq 'PermissionDenied') { $code = 'AccessDenied' }
    Write-Snapshot (New-Snapshot $hostFacts @() ([ordered]@{ code = $code; message = Get-ErrorText $_ }))
    return
}

if ($vms.Count -eq 0 -and @($vmErrors).Count -eq 0 -and (Test-CallerMaySeeVms) -eq $false) {
    $message = "Hyper-V lists no VMs to this account on $($hostFacts.name): it is neither a member of the local Administrators group (S-1-5-32-544) nor of Hyper-V Administrators (S-1-5-32-578)."
    Write-Snapshot (New-Snapshot $hostFacts @() ([ordered]@{ code = 'AccessDenied'; message = $message }))
    return
}

$records = @{}
$ordered = @(foreach ($vm in $vms) {
    $record = New-VmRecord $vm
    $records[$record.id] = $record
    $record
})
# A VM that Get-VM itself could not read: keep it, with its error, when the error names it.
foreach ($vmError in @($vmErrors)) {
    $target = $vmError.TargetObject
    if ($null -eq $target -or -not $target.PSObject.Properties['Id']) { continue }
    $record = $records[[string]$target.Id]
    if (-not $record) {
        $record = [ordered]@{
            id = [string]$target.Id; name = [string](Get-OptionalProperty $target 'Name'); state = 0; generation = $null; version = $null; isVersion = $null
            isState = $null; guestOs = $null; replication = $null; kvp = $null; setupDiskRestore = $null; failoverRestore = $null
            adapters = @(); dvdDrives = @(); errors = @()
        }
        $records[$record.id] = $record
        $ordered += @($record)
    }
    Add-VmError $record 'Get-VM' (Get-ErrorText $vmError)
}

$replicated = Add-Replication $vms $records
Add-KvpComponent $vms $records
$hostFacts.failoverMapping = Add-NetworkAdapters $vms $records $replicated
Add-DvdDrives $vms $records
Add-GuestOsNames $records
Add-SetupDiskRestoreRecords $vms $records
Add-FailoverRestoreRecords $replicated $records

Write-Snapshot (New-Snapshot $hostFacts $ordered $null)
