<#

.SYNOPSIS
Reads the facts the failover IP rule needs from this Hyper-V host.

.DESCRIPTION
Returns one snapshot of the host and of every VM on it.

.ROLE
Readers

#>
@{ format = 'replica-failover-ip-snapshot/1' } | Microsoft.PowerShell.Utility\ConvertTo-Json -Compress
