# Whether two tables of failover settings (ConvertTo-Settings) hold the same values.
function Test-SameSettings($a, $b) {
    foreach ($field in Get-FailoverSettingNames) {
        if ([string]$a[$field] -ne [string]$b[$field]) { return $false }
    }
    return $true
}
