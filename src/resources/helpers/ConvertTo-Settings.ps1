# An adapter's failover settings as an ordered table of texts (null when not set; the cmdlet
# writes an unset value as $null, a cleared one as '').
function ConvertTo-Settings($setting) {
    $settings = [ordered]@{}
    foreach ($field in Get-FailoverSettingNames) {
        $value = $null
        if ($setting -and $setting.PSObject.Properties[$field]) { $value = $setting.$field }
        if ($null -eq $value -or [string]$value -eq '') { $settings[$field] = $null } else { $settings[$field] = [string]$value }
    }
    return $settings
}
