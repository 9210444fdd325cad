<#

.SYNOPSIS
Puts back the failover TCP/IP settings a network adapter had before the tool changed them.

.DESCRIPTION
Reads the restore record Set-FailoverTcpIpConfiguration keeps beside the VM's configuration
(ConfigurationLocation: on a cluster, its shared storage) and gives the adapter exactly the
settings it names (a family that loses a value cleared in a call of its own, then given its kept
values; an unchanged family not sent), then removes the adapter's
entry from the record (the file when no entry is left). The VM is given by Id and the adapter by
its Id (Microsoft:<VM GUID>\<adapter GUID>), which must belong to that VM. No record for the
adapter gives nothing-to-restore; a VM that is not on this host vm-not-found; an adapter the VM no
longer has adapter-not-found (the record stays); an adapter that already holds the kept settings
already-set (the entry goes). A record whose values are not valid settings (an address, mask or
prefix length of the wrong form, an address without its mask or prefix length, a value without
its address) stops the script before anything changes. Changes of one VM run one at a time: while
another change of the VM holds its lock (more than 5 seconds), nothing changes and the status is
busy, naming that change (inProgress); the other adapters' entries are kept as they are. When a
change fails midway, the previous settings are put back and the script stops with the error. Returns one JSON object: status, changed, adapter (its
name), before and after (the settings, named as the cmdlet names them).

.PARAMETER vmId
The Id of the VM (a GUID, as Get-VM reports it). A value that is not a GUID fails parameter binding
and nothing changes.

.PARAMETER adapterId
The Id of the network adapter, as Get-VMNetworkAdapter reports it: Microsoft:<VM GUID>\<adapter GUID>,
where the VM GUID is vmId. Any other shape stops the script before anything changes.

.EXAMPLE
Restore-FailoverTcpIpConfiguration -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f -adapterId 'Microsoft:6D1BC3E3-2F5A-4B8E-9C1D-0A2B3C4D5E6F\1B2C3D4E-5F60-4718-293A-4B5C6D7E8F90'
Puts back the failover settings that adapter had before Set-FailoverTcpIpConfiguration changed them.

.ROLE
Administrators

#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][guid]$vmId,
    [Parameter(Mandatory = $true)][string]$adapterId
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

#region Host contract: copies of src/app/host-contract.ts (each script is sent alone); test/contract/host-contract.test.js fails when they drift
$failoverRestoreRecordFileNameFormat = 'hvtools-failover-tcpip-restore.{0}.json'
#endregion

# Helpers: ConvertTo-Settings, Enter-VmChangeLock, Exit-VmChangeLock, Get-FailoverSettingNames, Get-VmById, Get-VmStateFolder, Invoke-FailoverChange, Read-RestoreRecord, Test-Ipv4Text, Test-Ipv6Text, Test-SameSettings, Test-SubnetMask, Write-RestoreRecord, Write-Result

# The kept settings of one adapter, every value checked before anything changes: the record is a
# file anyone with access to the VM's folder could edit. Stops the script naming the file and field.
function Get-KeptSettings($entry, [string]$file) {
    if (-not $entry.PSObject.Properties['settings'] -or $null -eq $entry.settings) { throw "The restore record $file lacks the settings of adapter $adapterId. Nothing was changed." }
    $kept = ConvertTo-Settings $entry.settings
    foreach ($field in Get-FailoverSettingNames) {
        $property = $entry.settings.PSObject.Properties[$field]
        if ($property -and $null -ne $property.Value -and -not ($property.Value -is [string] -or ($field -eq 'IPv6SubnetPrefixLength' -and ($property.Value -is [int] -or $property.Value -is [long])))) {
            throw "The restore record $file has '$($property.Value)' as $field, not a text. Nothing was changed."
        }
    }
    foreach ($field in @('IPv4Address', 'IPv4DefaultGateway', 'IPv4PreferredDNSServer', 'IPv4AlternateDNSServer')) {
        if ($kept[$field] -and -not (Test-Ipv4Text $kept[$field])) { throw "The restore record $file has '$($kept[$field])' as $field, not an IPv4 address. Nothing was changed." }
    }
    if ($kept.IPv4SubnetMask -and -not (Test-SubnetMask $kept.IPv4SubnetMask)) { throw "The restore record $file has '$($kept.IPv4SubnetMask)' as IPv4SubnetMask, not a subnet mask. Nothing was changed." }
    foreach ($field in @('IPv6Address', 'IPv6DefaultGateway', 'IPv6PreferredDNSServer', 'IPv6AlternateDNSServer')) {
        if ($kept[$field] -and -not (Test-Ipv6Text $kept[$field])) { throw "The restore record $file has '$($kept[$field])' as $field, not an IPv6 address. Nothing was changed." }
    }
    if ($kept.IPv6SubnetPrefixLength -and ($kept.IPv6SubnetPrefixLength -notmatch '\A\d{1,3}\z' -or [int]$kept.IPv6SubnetPrefixLength -gt 128)) {
        throw "The restore record $file has '$($kept.IPv6SubnetPrefixLength)' as IPv6SubnetPrefixLength, not a prefix length. Nothing was changed."
    }
    # Complete pairs: an address with its mask or prefix length, and nothing of a family without its address.
    foreach ($pair in @(@{ Family = 'IPv4'; Address = 'IPv4Address'; Subnet = 'IPv4SubnetMask' }, @{ Family = 'IPv6'; Address = 'IPv6Address'; Subnet = 'IPv6SubnetPrefixLength' })) {
        if ($kept[$pair.Address] -and -not $kept[$pair.Subnet]) { throw "The restore record $file has $($pair.Address) without $($pair.Subnet). Nothing was changed." }
        $orphans = @(Get-FailoverSettingNames $pair.Family | Where-Object { $_ -ne $pair.Address -and $kept[$_] })
        if (-not $kept[$pair.Address] -and $orphans.Count -gt 0) { throw "The restore record $file has $($orphans[0]) without $($pair.Address). Nothing was changed." }
    }
    return $kept
}

$adapterPattern = '\AMicrosoft:([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\\[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z'
if ($adapterId -notmatch $adapterPattern) {
    throw 'Parameter adapterId: is not a network adapter Id (Microsoft:<VM GUID>\<adapter GUID>). Nothing was changed.'
}
$adapterVmId = [guid]$Matches[1]

$vm = Get-VmById $vmId
if (-not $vm) {
    Write-Result 'vm-not-found' $false $null $null
    return
}
if ($adapterVmId -ne $vmId) {
    # An adapter of another VM has no entry in this VM's record.
    Write-Result 'nothing-to-restore' $false $null $null
    return
}
$stateFolder = Get-VmStateFolder $vm
$stateFile = Join-Path $stateFolder ($failoverRestoreRecordFileNameFormat -f $vmId)
# One change of this VM at a time: the record is read, the adapter changed and the adapter's entry
# removed under the VM's lock (another adapter's entry written meanwhile is not lost).
$lock = Enter-VmChangeLock $stateFolder $vmId 'Restore-FailoverTcpIpConfiguration'
if ($lock.Busy) {
    Write-Result 'busy' $false $null $null @{ inProgress = $lock.Change }
    return
}
try {
    $record = Read-RestoreRecord $stateFile
    if (-not $record) {
        Write-Result 'nothing-to-restore' $false $null $null
        return
    }
    if (-not $record.PSObject.Properties['adapters']) { throw "The restore record $stateFile lacks adapters. Nothing was changed." }
    $entries = @($record.adapters | Where-Object { $null -ne $_ })
    $entry = @($entries | Where-Object { $_.PSObject.Properties['adapterId'] -and [string]$_.adapterId -eq $adapterId }) | Microsoft.PowerShell.Utility\Select-Object -First 1
    if (-not $entry) {
        Write-Result 'nothing-to-restore' $false $null $null
        return
    }
    $kept = Get-KeptSettings $entry $stateFile

    $adapter = @(Get-VMNetworkAdapter -VM $vm | Where-Object { [string]$_.Id -eq $adapterId }) | Microsoft.PowerShell.Utility\Select-Object -First 1
    if (-not $adapter) {
        # The record stays: the adapter may come back (an admin can read the record).
        Write-Result 'adapter-not-found' $false $null $null
        return
    }
    $adapterName = [string]$adapter.Name
    $before = ConvertTo-Settings ($adapter | Get-VMNetworkAdapterFailoverConfiguration)
    $changed = -not (Test-SameSettings $before $kept)
    if ($changed) { Invoke-FailoverChange $adapter $before $kept }

    $left = @($entries | Where-Object { -not ($_.PSObject.Properties['adapterId'] -and [string]$_.adapterId -eq $adapterId) })
    if ($left.Count -eq 0) {
        Remove-Item -LiteralPath $stateFile -Force
    }
    else {
        Write-RestoreRecord $stateFile ([ordered]@{ vmId = $vmId.ToString(); adapters = $left })
    }
    $after = ConvertTo-Settings ($adapter | Get-VMNetworkAdapterFailoverConfiguration)
    if (-not $changed) {
        # The adapter already holds the kept settings (set back by hand): the record is done with.
        Write-Result 'already-set' $false $before $after @{ adapter = $adapterName }
        return
    }
    Write-Result 'failover-restored' $true $before $after @{ adapter = $adapterName }
}
finally {
    Exit-VmChangeLock $lock
}
