# An IPv6 address in any RFC 4291 form, without a zone (%) or brackets.
function Test-Ipv6Text([string]$text) {
    if ($text -notlike '*:*' -or $text -like '*%*' -or $text -like '*[[]*' -or $text -match '\s') { return $false }
    $address = $text -as [ipaddress]
    return $null -ne $address -and [string]$address.AddressFamily -eq 'InterNetworkV6'
}
