# Gives an adapter exactly the failover settings $wanted (a table as ConvertTo-Settings makes it),
# from $current, what it holds now. A family that loses a value is cleared first, then its values
# set; a family that only gains or changes values is set; an unchanged family is not touched. A
# clear and a set are separate calls.
function Set-FailoverSettings($adapter, $current, $wanted) {
    $clearArguments = @{}
    $setArguments = @{}
    foreach ($family in @('IPv4', 'IPv6')) {
        $fields = Get-FailoverSettingNames $family
        $dropped = @($fields | Where-Object { $current[$_] -and -not $wanted[$_] })
        if ($dropped.Count -gt 0) { $clearArguments["ClearFailover${family}Settings"] = $true }
        foreach ($field in $fields) {
            if ($wanted[$field] -and ($wanted[$field] -ne $current[$field] -or $dropped.Count -gt 0)) { $setArguments[$field] = $wanted[$field] }
        }
    }
    if ($setArguments.ContainsKey('IPv6SubnetPrefixLength')) { $setArguments.IPv6SubnetPrefixLength = [int]$setArguments.IPv6SubnetPrefixLength }
    if ($clearArguments.Count -gt 0) { $adapter | Set-VMNetworkAdapterFailoverConfiguration @clearArguments }
    if ($setArguments.Count -gt 0) { $adapter | Set-VMNetworkAdapterFailoverConfiguration @setArguments }
}
