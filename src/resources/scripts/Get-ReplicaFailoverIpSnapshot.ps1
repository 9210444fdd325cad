<#

.SYNOPSIS
Reads the facts the Replica failover IP rule needs from this Hyper-V host.

.DESCRIPTION
Returns one JSON snapshot (format replica-failover-ip-snapshot/2) of the host and of every VM on
it: state, replication, the Key-Value Pair Exchange component (matched by GUID) with its primary
and secondary status, integration services version, network adapters with their failover IP
settings, DVD drives and the guest OS name. Get-VM lists no VMs, and no error, to a caller who is
neither a local Administrator nor in Hyper-V Administrators: such a caller gets the host error
AccessDenied instead of an empty host. Hyper-V cmdlets are called once for all VMs; only the failover settings are read one
adapter at a time, because their output does not name the adapter. A query that fails for one VM
is recorded on that VM and the others still come back. With vmId, only that VM is read (the
re-check after a remediation). Windows PowerShell 5.1 compatible.

.ROLE
Readers

#>
param(
    [string]$vmId
)

$ErrorActionPreference = 'Stop'
$onlyVm = [guid]::Empty
if ($vmId -and -not [guid]::TryParse($vmId, [ref]$onlyVm)) {
    throw "'$vmId' is not a VM Id: a GUID is expected."
}
$format = 'replica-failover-ip-snapshot/2'
$kvpComponentGuid = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'

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

function New-Snapshot($hostFacts, $vmRecords, $hostError) {
    [ordered]@{
        format      = $format
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
    $results = New-Object System.Collections.ArrayList
    if ($vms.Count -eq 0) { return ,$results }
    $batchErrors = $null
    try {
        foreach ($item in @(& $command -VM $vms -ErrorAction SilentlyContinue -ErrorVariable batchErrors)) { [void]$results.Add($item) }
    }
    catch {
        $batchErrors = @($_)
    }
    if (-not $batchErrors -or @($batchErrors).Count -eq 0) { return ,$results }

    $answered = @{}
    foreach ($item in $results) { $answered[[string]$item.VMId] = $true }
    foreach ($vm in $vms) {
        $id = [string]$vm.Id
        if ($answered.ContainsKey($id)) { continue }
        try {
            foreach ($item in @(& $command -VM $vm -ErrorAction Stop)) { [void]$results.Add($item) }
        }
        catch {
            [void]$records[$id].errors.Add([ordered]@{ source = $command; message = Get-ErrorText $_ })
        }
    }
    return ,$results
}

function Get-HostFacts {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction SilentlyContinue
    $facts = [ordered]@{
        name      = [string]$env:COMPUTERNAME
        osVersion = $(if ($os) { ConvertTo-NullableText $os.Version } else { $null })
        culture   = [string][System.Globalization.CultureInfo]::CurrentUICulture.Name
        cluster   = $null
        setupDisk = $null
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
        isState    = ConvertTo-NullableText $vm.IntegrationServicesState
        guestOs    = $null
        replication = $null
        kvp        = $null
        setupDiskRestore = $null
        adapters   = New-Object System.Collections.ArrayList
        dvdDrives  = New-Object System.Collections.ArrayList
        errors     = New-Object System.Collections.ArrayList
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
        $secondary = $component.SecondaryOperationalStatus
        $record.kvp = [ordered]@{
            enabled         = [bool]$component.Enabled
            status          = ConvertTo-NullableNumber $status
            statusName      = ConvertTo-NullableText $status
            text            = ConvertTo-NullableText $component.PrimaryStatusDescription
            secondaryStatus     = ConvertTo-NullableNumber $secondary
            secondaryStatusName = ConvertTo-NullableText $secondary
            secondaryText       = ConvertTo-NullableText $component.SecondaryStatusDescription
        }
    }
}

function Add-NetworkAdapters([object[]]$vms, [hashtable]$records, [object[]]$replicated) {
    $replicatedIds = @{}
    foreach ($vm in $replicated) { $replicatedIds[[string]$vm.Id] = $true }
    foreach ($adapter in (Get-ForEachVm 'Get-VMNetworkAdapter' $vms $records)) {
        $id = [string]$adapter.VMId
        $record = $records[$id]
        if (-not $record) { continue }
        $entry = [ordered]@{ id = [string]$adapter.Id; name = [string]$adapter.Name; legacy = [bool]$adapter.IsLegacy; failover = $null; ipv4 = $null; ipv6 = $null }
        # Failover settings matter for replicated VMs' synthetic adapters only (legacy ones are never injected).
        if ($replicatedIds.ContainsKey($id) -and -not $adapter.IsLegacy) {
            try {
                $settings = @($adapter | Get-VMNetworkAdapterFailoverConfiguration -ErrorAction Stop)
                if ($settings.Count -gt 0) {
                    $entry.failover = [int]$settings[0].ProtocolIFType
                    $entry.ipv4 = ConvertTo-NullableText $settings[0].IPv4Address
                    $entry.ipv6 = ConvertTo-NullableText $settings[0].IPv6Address
                }
            }
            catch {
                [void]$record.errors.Add([ordered]@{ source = 'Get-VMNetworkAdapterFailoverConfiguration'; message = Get-ErrorText $_ })
            }
        }
        [void]$record.adapters.Add($entry)
    }
}

function Add-DvdDrives([object[]]$vms, [hashtable]$records) {
    foreach ($drive in (Get-ForEachVm 'Get-VMDvdDrive' $vms $records)) {
        $record = $records[[string]$drive.VMId]
        if (-not $record) { continue }
        [void]$record.dvdDrives.Add([ordered]@{
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
        foreach ($item in @($component.GuestIntrinsicExchangeItems)) {
            if (-not $item) { continue }
            try {
                $xml = [xml]$item
                $name = $xml.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Name']/VALUE")
                if ($name -and $name.InnerText -eq 'OSName') {
                    $record.guestOs = [string]$xml.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Data']/VALUE").InnerText
                }
            }
            catch {
                continue
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
        $folder = [string]$vm.ConfigurationLocation
        if (-not $folder) { $folder = [string]$vm.Path }
        if (-not $folder) { continue }
        $id = [string]$vm.Id
        $file = Join-Path $folder "hvtools-setup-disk-restore.$id.json"
        try {
            if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { continue }
            $entry = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
            $records[$id].setupDiskRestore = [ordered]@{
                drive        = '{0} {1}:{2}' -f $entry.controllerType, $entry.controller, $entry.location
                previousPath = ConvertTo-NullableText $entry.previousPath
            }
        }
        catch {
            continue
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
    if ($vmId) {
        $vms = @(Get-VM -Id $onlyVm -ErrorAction SilentlyContinue -ErrorVariable vmErrors)
    }
    else {
        $vms = @(Get-VM -ErrorAction SilentlyContinue -ErrorVariable vmErrors)
    }
}
catch {
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
$ordered = New-Object System.Collections.ArrayList
foreach ($vm in $vms) {
    $record = New-VmRecord $vm
    $records[$record.id] = $record
    [void]$ordered.Add($record)
}
# A VM that Get-VM itself could not read: keep it, with its error, when the error names it.
foreach ($vmError in @($vmErrors)) {
    $target = $vmError.TargetObject
    if ($null -eq $target -or -not $target.PSObject.Properties['Id']) { continue }
    $record = $records[[string]$target.Id]
    if (-not $record) {
        $record = [ordered]@{
            id = [string]$target.Id; name = [string]$target.Name; state = 0; generation = $null; version = $null; isVersion = $null
            isState = $null; guestOs = $null; replication = $null; kvp = $null; setupDiskRestore = $null
            adapters = New-Object System.Collections.ArrayList; dvdDrives = New-Object System.Collections.ArrayList; errors = New-Object System.Collections.ArrayList
        }
        $records[$record.id] = $record
        [void]$ordered.Add($record)
    }
    [void]$record.errors.Add([ordered]@{ source = 'Get-VM'; message = Get-ErrorText $vmError })
}

$replicated = Add-Replication $vms $records
Add-KvpComponent $vms $records
Add-NetworkAdapters $vms $records $replicated
Add-DvdDrives $vms $records
Add-GuestOsNames $records
Add-SetupDiskRestoreRecords $vms $records

Write-Snapshot (New-Snapshot $hostFacts $ordered $null)
