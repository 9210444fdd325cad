<#

.SYNOPSIS
Sets or clears the failover TCP/IP settings of one network adapter of a VM (Hyper-V Replica).

.DESCRIPTION
Sets the IPv4 and/or IPv6 failover settings (Set-VMNetworkAdapterFailoverConfiguration) that a
Replica VM's synthetic adapter takes after a failover, or clears them. The VM is given by Id and
the adapter by its Id (Microsoft:<VM GUID>\<adapter GUID>), which must belong to that VM. Every
value is checked before anything changes: address syntax, a contiguous subnet mask, a prefix
length of 0-128, an address with its mask or prefix. A family given sets exactly the given values
(an empty gateway or DNS server is emptied); a family cleared is emptied; a family neither given
nor cleared stays as it is. The settings the adapter had before the tool first changed it are kept
in a restore record beside the VM's configuration (ConfigurationLocation: on a cluster, its shared
storage), so Restore-FailoverTcpIpConfiguration puts them back. A VM that is not on this host gives
vm-not-found, an adapter Id that is not one of the VM's adapters adapter-not-found, a legacy
adapter (never injected) legacy-adapter; nothing changes then. A VM that is not a Primary, Replica
or Extended Replica VM (the cmdlet has no failover settings for it) stops the script before any
record is kept. The cmdlet is sent only a change: a family that loses a value is cleared in a call
of its own, then set (an empty value never clears). Changes of one VM run one at a time: while another change of the VM holds its lock (more than 5 seconds), nothing changes and
the status is busy, naming that change (inProgress). The record is merged per adapter under that
lock and written atomically; when the change fails midway, the previous settings are put back,
the adapter's new entry is removed, and the script stops with the error. Returns one JSON object:
status, changed, adapter (its name), before and after (the settings, named as the cmdlet names
them).

.PARAMETER vmId
The Id of the VM (a GUID, as Get-VM reports it). A value that is not a GUID fails parameter binding
and nothing changes.

.PARAMETER adapterId
The Id of the network adapter, as Get-VMNetworkAdapter reports it: Microsoft:<VM GUID>\<adapter GUID>,
where the VM GUID is vmId. Any other shape stops the script before anything changes.

.PARAMETER ipv4Address
The IPv4 address to use after a failover (dotted quad). Given: the IPv4 settings become exactly the
IPv4 values given here.

.PARAMETER ipv4SubnetMask
The IPv4 subnet mask (contiguous, e.g. 255.255.255.0). Required with ipv4Address.

.PARAMETER ipv4DefaultGateway
The IPv4 default gateway; empty for none.

.PARAMETER ipv4PreferredDns
The preferred IPv4 DNS server; empty for none.

.PARAMETER ipv4AlternateDns
The alternate IPv4 DNS server; empty for none.

.PARAMETER ipv6Address
The IPv6 address to use after a failover (any RFC 4291 form). Given: the IPv6 settings become
exactly the IPv6 values given here.

.PARAMETER ipv6PrefixLength
The IPv6 subnet prefix length, 0-128. Required with ipv6Address; -1 (the default) means not given.

.PARAMETER ipv6DefaultGateway
The IPv6 default gateway; empty for none.

.PARAMETER ipv6PreferredDns
The preferred IPv6 DNS server; empty for none.

.PARAMETER ipv6AlternateDns
The alternate IPv6 DNS server; empty for none.

.PARAMETER clearIpv4
$true: clear the IPv4 failover settings (not together with ipv4Address).

.PARAMETER clearIpv6
$true: clear the IPv6 failover settings (not together with ipv6Address).

.EXAMPLE
Set-FailoverTcpIpConfiguration -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f -adapterId 'Microsoft:6D1BC3E3-2F5A-4B8E-9C1D-0A2B3C4D5E6F\1B2C3D4E-5F60-4718-293A-4B5C6D7E8F90' -ipv4Address 10.30.0.15 -ipv4SubnetMask 255.255.255.0 -ipv4DefaultGateway 10.30.0.1
Sets the IPv4 failover settings of that adapter, keeping the previous ones for Restore.

.EXAMPLE
Set-FailoverTcpIpConfiguration -vmId 6d1bc3e3-2f5a-4b8e-9c1d-0a2b3c4d5e6f -adapterId 'Microsoft:6D1BC3E3-2F5A-4B8E-9C1D-0A2B3C4D5E6F\1B2C3D4E-5F60-4718-293A-4B5C6D7E8F90' -clearIpv4 $true -clearIpv6 $true
Clears both families.

.ROLE
Administrators

#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][guid]$vmId,
    [Parameter(Mandatory = $true)][string]$adapterId,
    [string]$ipv4Address = '',
    [string]$ipv4SubnetMask = '',
    [string]$ipv4DefaultGateway = '',
    [string]$ipv4PreferredDns = '',
    [string]$ipv4AlternateDns = '',
    [string]$ipv6Address = '',
    [int]$ipv6PrefixLength = -1,
    [string]$ipv6DefaultGateway = '',
    [string]$ipv6PreferredDns = '',
    [string]$ipv6AlternateDns = '',
    [bool]$clearIpv4 = $false,
    [bool]$clearIpv6 = $false
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

#region Host contract: copies of src/app/host-contract.ts (each script is sent alone); test/contract/host-contract.test.js fails when they drift
$failoverRestoreRecordFileNameFormat = 'hvtools-failover-tcpip-restore.{0}.json'
#endregion

# Helpers: ConvertTo-Settings, Enter-VmChangeLock, Exit-VmChangeLock, Get-FailoverSettingNames, Get-VmById, Get-VmStateFolder, Invoke-FailoverChange, Read-RestoreRecord, Test-Ipv4Text, Test-Ipv6Text, Test-SameSettings, Test-SubnetMask, Write-RestoreRecord, Write-Result

# Stops the script, before anything changed, naming the parameter and its problem.
function Stop-Invalid([string]$name, [string]$problem) {
    throw "Parameter ${name}: $problem Nothing was changed."
}

# What the adapter's settings become, checked; $null for a family neither given nor cleared.
function Get-RequestedFamily([string]$family, [bool]$clear, [hashtable]$given) {
    $lower = $family.ToLowerInvariant()
    $address = $given["${lower}Address"]
    $others = @($given.Keys | Where-Object { $_ -ne "${lower}Address" -and $_.StartsWith($lower) -and $given[$_] })
    if ($clear -and $address) { Stop-Invalid "${lower}Address" "is given together with clear$($family -replace 'IP', 'Ip'), which clears it." }
    if ($clear) { return @{} }
    if (-not $address) {
        if ($others.Count -gt 0) { Stop-Invalid ($others | Sort-Object | Microsoft.PowerShell.Utility\Select-Object -First 1) "is given without ${lower}Address." }
        return $null
    }
    return $given
}

$ipv4Given = @{ ipv4Address = $ipv4Address.Trim(); ipv4SubnetMask = $ipv4SubnetMask.Trim(); ipv4DefaultGateway = $ipv4DefaultGateway.Trim()
    ipv4PreferredDns = $ipv4PreferredDns.Trim(); ipv4AlternateDns = $ipv4AlternateDns.Trim() }
$ipv6Given = @{ ipv6Address = $ipv6Address.Trim(); ipv6DefaultGateway = $ipv6DefaultGateway.Trim()
    ipv6PreferredDns = $ipv6PreferredDns.Trim(); ipv6AlternateDns = $ipv6AlternateDns.Trim() }
if ($ipv6PrefixLength -ne -1) { $ipv6Given.ipv6PrefixLength = [string]$ipv6PrefixLength }

# The adapter Id's shape, and that it names this VM.
$adapterPattern = '\AMicrosoft:([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\\[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z'
if ($adapterId -notmatch $adapterPattern) {
    Stop-Invalid 'adapterId' 'is not a network adapter Id (Microsoft:<VM GUID>\<adapter GUID>).'
}
$adapterVmId = [guid]$Matches[1]

$ipv4 = Get-RequestedFamily 'IPv4' $clearIpv4 $ipv4Given
$ipv6 = Get-RequestedFamily 'IPv6' $clearIpv6 $ipv6Given
if ($null -eq $ipv4 -and $null -eq $ipv6) {
    Stop-Invalid 'ipv4Address' 'and ipv6Address are both empty and nothing is to be cleared: there is nothing to set.'
}
if ($ipv4 -and $ipv4.Count -gt 0) {
    foreach ($name in @('ipv4Address', 'ipv4DefaultGateway', 'ipv4PreferredDns', 'ipv4AlternateDns')) {
        if ($ipv4[$name] -and -not (Test-Ipv4Text $ipv4[$name])) { Stop-Invalid $name "'$($ipv4[$name])' is not an IPv4 address." }
    }
    if (-not $ipv4.ipv4SubnetMask) { Stop-Invalid 'ipv4SubnetMask' 'is required with ipv4Address.' }
    if (-not (Test-SubnetMask $ipv4.ipv4SubnetMask)) { Stop-Invalid 'ipv4SubnetMask' "'$($ipv4.ipv4SubnetMask)' is not a subnet mask (contiguous ones, then zeros)." }
}
if ($ipv6 -and $ipv6.Count -gt 0) {
    foreach ($name in @('ipv6Address', 'ipv6DefaultGateway', 'ipv6PreferredDns', 'ipv6AlternateDns')) {
        if ($ipv6[$name] -and -not (Test-Ipv6Text $ipv6[$name])) { Stop-Invalid $name "'$($ipv6[$name])' is not an IPv6 address." }
    }
    if (-not $ipv6.ContainsKey('ipv6PrefixLength')) { Stop-Invalid 'ipv6PrefixLength' 'is required with ipv6Address.' }
    if ($ipv6PrefixLength -lt 0 -or $ipv6PrefixLength -gt 128) { Stop-Invalid 'ipv6PrefixLength' "$ipv6PrefixLength is not a prefix length (0-128)." }
}

$vm = Get-VmById $vmId
if (-not $vm) {
    Write-Result 'vm-not-found' $false $null $null
    return
}
if ($adapterVmId -ne $vmId) {
    # An adapter of another VM: never acted on through this VM.
    Write-Result 'adapter-not-found' $false $null $null
    return
}
$stateFolder = Get-VmStateFolder $vm
$stateFile = Join-Path $stateFolder ($failoverRestoreRecordFileNameFormat -f $vmId)
# One change of this VM at a time: the settings are read, the record merged and the adapter changed
# under the VM's lock (two adapters set at once both keep their entries).
$lock = Enter-VmChangeLock $stateFolder $vmId 'Set-FailoverTcpIpConfiguration'
if ($lock.Busy) {
    Write-Result 'busy' $false $null $null @{ inProgress = $lock.Change }
    return
}
try {
    $adapter = @(Get-VMNetworkAdapter -VM $vm | Where-Object { [string]$_.Id -eq $adapterId }) | Microsoft.PowerShell.Utility\Select-Object -First 1
    if (-not $adapter) {
        Write-Result 'adapter-not-found' $false $null $null
        return
    }
    $adapterName = [string]$adapter.Name
    if ($adapter.IsLegacy) {
        Write-Result 'legacy-adapter' $false $null $null @{ adapter = $adapterName }
        return
    }
    # The cmdlet has failover settings only for Primary, Replica and Extended Replica VMs (1, 2, 4):
    # refused before any record is written.
    if (@(1, 2, 4) -notcontains [int]$vm.ReplicationMode) {
        throw "VM '$($vm.Name)' is not a Primary, Replica or Extended Replica VM: it has no failover TCP/IP settings. Nothing was changed."
    }

    $before = ConvertTo-Settings ($adapter | Get-VMNetworkAdapterFailoverConfiguration)
    $wanted = [ordered]@{}
    foreach ($field in $before.Keys) { $wanted[$field] = $before[$field] }
    $names = @{
        IPv4Address = 'ipv4Address'; IPv4SubnetMask = 'ipv4SubnetMask'; IPv4DefaultGateway = 'ipv4DefaultGateway'
        IPv4PreferredDNSServer = 'ipv4PreferredDns'; IPv4AlternateDNSServer = 'ipv4AlternateDns'
        IPv6Address = 'ipv6Address'; IPv6SubnetPrefixLength = 'ipv6PrefixLength'; IPv6DefaultGateway = 'ipv6DefaultGateway'
        IPv6PreferredDNSServer = 'ipv6PreferredDns'; IPv6AlternateDNSServer = 'ipv6AlternateDns'
    }
    foreach ($pair in @(@{ Requested = $ipv4; Family = 'IPv4' }, @{ Requested = $ipv6; Family = 'IPv6' })) {
        if ($null -eq $pair.Requested) { continue }
        foreach ($field in Get-FailoverSettingNames $pair.Family) {
            $value = $null
            if ($pair.Requested.ContainsKey($names[$field]) -and $pair.Requested[$names[$field]]) { $value = [string]$pair.Requested[$names[$field]] }
            $wanted[$field] = $value
        }
    }

    if (Test-SameSettings $before $wanted) {
        Write-Result 'already-set' $false $before $before @{ adapter = $adapterName }
        return
    }

    # Keep what the admin had before the tool first changed this adapter, so Restore can put it back
    # (later changes keep the first entry: Restore returns to the admin's own settings). The other
    # adapters' entries stay as they are.
    $record = Read-RestoreRecord $stateFile
    $kept = @()
    if ($record) {
        if (-not $record.PSObject.Properties['adapters']) { throw "The restore record $stateFile lacks adapters. Nothing was changed." }
        $kept = @($record.adapters | Where-Object { $null -ne $_ })
    }
    $entryAdded = @($kept | Where-Object { $_.PSObject.Properties['adapterId'] -and [string]$_.adapterId -eq $adapterId }).Count -eq 0
    if ($entryAdded) {
        Write-RestoreRecord $stateFile ([ordered]@{ vmId = $vmId.ToString(); adapters = @($kept) + @([ordered]@{ adapterId = $adapterId; adapterName = $adapterName; settings = $before }) })
    }
    try {
        Invoke-FailoverChange $adapter $before $wanted
    }
    catch {
        # The adapter holds its previous settings again: an entry kept for this change goes.
        if ($entryAdded -and $kept.Count -eq 0) { Remove-Item -LiteralPath $stateFile -Force }
        elseif ($entryAdded) { Write-RestoreRecord $stateFile ([ordered]@{ vmId = $vmId.ToString(); adapters = $kept }) }
        throw
    }

    $after = ConvertTo-Settings ($adapter | Get-VMNetworkAdapterFailoverConfiguration)
    $status = 'failover-set'
    if (-not $after.IPv4Address -and -not $after.IPv6Address) { $status = 'failover-cleared' }
    Write-Result $status $true $before $after @{ adapter = $adapterName }
}
finally {
    Exit-VmChangeLock $lock
}
