<#

.SYNOPSIS
Puts back the failover TCP/IP settings a network adapter had before the tool changed them.

.DESCRIPTION
Reads the restore record Set-FailoverTcpIpConfiguration keeps beside the VM's configuration
(ConfigurationLocation: on a cluster, its shared storage) and gives the adapter exactly the
settings it names (each family that differs cleared, then given its kept values), then removes the adapter's
entry from the record (the file when no entry is left). The VM is given by Id and the adapter by
its Id (Microsoft:<VM GUID>\<adapter GUID>), which must belong to that VM. No record for the
adapter gives nothing-to-restore; a VM that is not on this host vm-not-found; an adapter the VM no
longer has adapter-not-found (the record stays); an adapter that already holds the kept settings
already-set (the entry goes). A record whose values are not valid settings
(or that the cmdlet would refuse: a family's values without its address, an address without its
mask or prefix length) stops the script before anything changes. Returns one JSON object: status, changed, adapter (its
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

$ipv4Fields = @('IPv4Address', 'IPv4SubnetMask', 'IPv4DefaultGateway', 'IPv4PreferredDNSServer', 'IPv4AlternateDNSServer')
$ipv6Fields = @('IPv6Address', 'IPv6SubnetPrefixLength', 'IPv6DefaultGateway', 'IPv6PreferredDNSServer', 'IPv6AlternateDNSServer')

function Write-Result([string]$status, [bool]$changed, $adapterName, $before, $after) {
    ConvertTo-Json -Compress -Depth 4 -InputObject ([ordered]@{ status = $status; changed = $changed; adapter = $adapterName; before = $before; after = $after })
}

function Test-Ipv4Text([string]$text) {
    return $text -match '^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$'
}

function Test-Ipv6Text([string]$text) {
    if ($text -notlike '*:*' -or $text -like '*%*' -or $text -like '*[[]*') { return $false }
    $address = $text -as [ipaddress]
    return $null -ne $address -and [string]$address.AddressFamily -eq 'InterNetworkV6'
}

function Test-SubnetMask([string]$text) {
    if (-not (Test-Ipv4Text $text)) { return $false }
    $seenPartial = $false
    foreach ($octet in @($text -split '\.' | ForEach-Object { [int]$_ })) {
        if ($seenPartial -and $octet -ne 0) { return $false }
        if (@(255, 254, 252, 248, 240, 224, 192, 128, 0) -notcontains $octet) { return $false }
        if ($octet -ne 255) { $seenPartial = $true }
    }
    return $true
}

function Get-VmById([guid]$id) {
    $lookupErrors = $null
    $found = @(Get-VM -Id $id -ErrorAction SilentlyContinue -ErrorVariable lookupErrors)
    if ($found.Count -gt 0) { return $found[0] }
    foreach ($lookupError in @($lookupErrors)) {
        if ([string]$lookupError.CategoryInfo.Category -notin @('ObjectNotFound', 'InvalidArgument')) { throw $lookupError }
    }
    return $null
}

function ConvertTo-Settings($setting) {
    $settings = [ordered]@{}
    foreach ($field in @($ipv4Fields) + @($ipv6Fields)) {
        $value = $null
        if ($setting -and $setting.PSObject.Properties[$field]) { $value = $setting.$field }
        if ($null -eq $value -or [string]$value -eq '') { $settings[$field] = $null } else { $settings[$field] = [string]$value }
    }
    return $settings
}

function Test-SameSettings($a, $b) {
    foreach ($field in @($ipv4Fields) + @($ipv6Fields)) {
        if ([string]$a[$field] -ne [string]$b[$field]) { return $false }
    }
    return $true
}

$adapterPattern = '^Microsoft:([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\\[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$'
if ($adapterId -notmatch $adapterPattern) {
    throw 'Parameter adapterId: is not a network adapter Id (Microsoft:<VM GUID>\<adapter GUID>). Nothing was changed.'
}
$adapterVmId = [guid]$Matches[1]

$vm = Get-VmById $vmId
if (-not $vm) {
    Write-Result 'vm-not-found' $false $null $null $null
    return
}
$stateFolder = [string]$vm.ConfigurationLocation
if (-not $stateFolder) { $stateFolder = [string]$vm.Path }
$stateFile = Join-Path $stateFolder ($failoverRestoreRecordFileNameFormat -f $vmId)
if ($adapterVmId -ne $vmId -or -not (Test-Path -LiteralPath $stateFile -PathType Leaf)) {
    # An adapter of another VM has no entry in this VM's record.
    Write-Result 'nothing-to-restore' $false $null $null $null
    return
}
$record = $null
try {
    $record = Get-Content -Raw -LiteralPath $stateFile | ConvertFrom-Json
}
catch {
    throw "The restore record $stateFile can't be read: $($_.Exception.Message) Nothing was changed."
}
if ($null -eq $record -or -not $record.PSObject.Properties['adapters']) { throw "The restore record $stateFile lacks adapters. Nothing was changed." }
$entries = @($record.adapters | Where-Object { $null -ne $_ })
$entry = @($entries | Where-Object { $_.PSObject.Properties['adapterId'] -and [string]$_.adapterId -eq $adapterId }) | Microsoft.PowerShell.Utility\Select-Object -First 1
if (-not $entry) {
    Write-Result 'nothing-to-restore' $false $null $null $null
    return
}
if (-not $entry.PSObject.Properties['settings'] -or $null -eq $entry.settings) { throw "The restore record $stateFile lacks the settings of adapter $adapterId. Nothing was changed." }
$kept = ConvertTo-Settings $entry.settings

# The record is a file anyone with access to the VM's folder could edit: its values must be settings.
foreach ($field in @('IPv4Address', 'IPv4DefaultGateway', 'IPv4PreferredDNSServer', 'IPv4AlternateDNSServer')) {
    if ($kept[$field] -and -not (Test-Ipv4Text $kept[$field])) { throw "The restore record $stateFile has '$($kept[$field])' as $field, not an IPv4 address. Nothing was changed." }
}
if ($kept.IPv4SubnetMask -and -not (Test-SubnetMask $kept.IPv4SubnetMask)) { throw "The restore record $stateFile has '$($kept.IPv4SubnetMask)' as IPv4SubnetMask, not a subnet mask. Nothing was changed." }
foreach ($field in @('IPv6Address', 'IPv6DefaultGateway', 'IPv6PreferredDNSServer', 'IPv6AlternateDNSServer')) {
    if ($kept[$field] -and -not (Test-Ipv6Text $kept[$field])) { throw "The restore record $stateFile has '$($kept[$field])' as $field, not an IPv6 address. Nothing was changed." }
}
if ($kept.IPv6SubnetPrefixLength -and ($kept.IPv6SubnetPrefixLength -notmatch '^\d{1,3}$' -or [int]$kept.IPv6SubnetPrefixLength -gt 128)) {
    throw "The restore record $stateFile has '$($kept.IPv6SubnetPrefixLength)' as IPv6SubnetPrefixLength, not a prefix length. Nothing was changed."
}

# The cmdlet refuses a family's values without its address, and an address without its mask or
# prefix length: such a record would fail half-way.
foreach ($fields in @(, $ipv4Fields) + @(, $ipv6Fields)) {
    if (-not $kept[$fields[0]] -and @($fields[1..4] | Where-Object { $kept[$_] }).Count -gt 0) {
        throw "The restore record $stateFile has $(@($fields[1..4] | Where-Object { $kept[$_] })[0]) without $($fields[0]). Nothing was changed."
    }
    if ($kept[$fields[0]] -and -not $kept[$fields[1]]) { throw "The restore record $stateFile has $($fields[0]) without $($fields[1]). Nothing was changed." }
}

$adapter = @(Get-VMNetworkAdapter -VM $vm | Where-Object { [string]$_.Id -eq $adapterId }) | Microsoft.PowerShell.Utility\Select-Object -First 1
if (-not $adapter) {
    # The record stays: the adapter may come back (an admin can read the record).
    Write-Result 'adapter-not-found' $false $null $null $null
    return
}
$adapterName = [string]$adapter.Name
$before = ConvertTo-Settings ($adapter | Get-VMNetworkAdapterFailoverConfiguration)
$changed = $false
if (-not (Test-SameSettings $before $kept)) {
    # Only a family that differs is sent: cleared when it holds values (an empty value never clears,
    # and a clear goes in its own call), then given its kept values.
    $clearArguments = @{}
    $setArguments = @{}
    foreach ($family in @(@{ Name = 'IPv4'; Fields = $ipv4Fields }, @{ Name = 'IPv6'; Fields = $ipv6Fields })) {
        if (@($family.Fields | Where-Object { [string]$before[$_] -ne [string]$kept[$_] }).Count -eq 0) { continue }
        if (@($family.Fields | Where-Object { $before[$_] }).Count -gt 0) { $clearArguments["ClearFailover$($family.Name)Settings"] = $true }
        foreach ($field in $family.Fields) { if ($kept[$field]) { $setArguments[$field] = $kept[$field] } }
    }
    if ($setArguments.ContainsKey('IPv6SubnetPrefixLength')) { $setArguments.IPv6SubnetPrefixLength = [int]$setArguments.IPv6SubnetPrefixLength }
    if ($clearArguments.Count -gt 0) { $adapter | Set-VMNetworkAdapterFailoverConfiguration @clearArguments }
    if ($setArguments.Count -gt 0) { $adapter | Set-VMNetworkAdapterFailoverConfiguration @setArguments }
    $changed = $true
}

$left = @($entries | Where-Object { -not ($_.PSObject.Properties['adapterId'] -and [string]$_.adapterId -eq $adapterId) })
if ($left.Count -eq 0) {
    Remove-Item -LiteralPath $stateFile -Force
}
else {
    ConvertTo-Json -Depth 5 -InputObject ([ordered]@{ vmId = $vmId.ToString(); adapters = $left }) | Set-Content -LiteralPath $stateFile -Encoding UTF8
}
$after = ConvertTo-Settings ($adapter | Get-VMNetworkAdapterFailoverConfiguration)
if (-not $changed) {
    # The adapter already holds the kept settings (set back by hand): the record is done with.
    Write-Result 'already-set' $false $adapterName $before $after
    return
}
Write-Result 'failover-restored' $true $adapterName $before $after
