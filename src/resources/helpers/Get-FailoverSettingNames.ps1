# The failover TCP/IP settings' names, as Get-/Set-VMNetworkAdapterFailoverConfiguration name them:
# one family's ('IPv4' or 'IPv6'), or both.
function Get-FailoverSettingNames([string]$family = '') {
    $names = @()
    if ($family -ne 'IPv6') { $names += @('IPv4Address', 'IPv4SubnetMask', 'IPv4DefaultGateway', 'IPv4PreferredDNSServer', 'IPv4AlternateDNSServer') }
    if ($family -ne 'IPv4') { $names += @('IPv6Address', 'IPv6SubnetPrefixLength', 'IPv6DefaultGateway', 'IPv6PreferredDNSServer', 'IPv6AlternateDNSServer') }
    return $names
}
