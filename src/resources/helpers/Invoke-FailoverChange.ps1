# Changes an adapter's failover settings from $before to $wanted (Set-FailoverSettings). When a
# call fails midway (the family cleared, its values refused), puts $before back and stops the
# script with the cmdlet's error, saying so.
function Invoke-FailoverChange($adapter, $before, $wanted) {
    try {
        Set-FailoverSettings $adapter $before $wanted
    }
    catch {
        $failure = $_.Exception.Message
        try {
            Set-FailoverSettings $adapter (ConvertTo-Settings ($adapter | Get-VMNetworkAdapterFailoverConfiguration)) $before
        }
        catch {
            throw "The failover settings could not be changed: $failure Putting the previous settings back failed too: $($_.Exception.Message)"
        }
        throw "The failover settings could not be changed: $failure The previous settings were put back."
    }
}
