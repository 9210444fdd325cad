# The one line of JSON a change script returns: status, whether the host changed, the script's own
# fields (drive, adapter, inProgress, ...), and the state before and after.
function Write-Result([string]$status, [bool]$changed, $before, $after, [hashtable]$fields) {
    $result = [ordered]@{ status = $status; changed = $changed }
    if ($fields) {
        foreach ($key in @($fields.Keys | Microsoft.PowerShell.Utility\Sort-Object)) { $result[$key] = $fields[$key] }
    }
    $result.before = $before
    $result.after = $after
    ConvertTo-Json -Compress -Depth 4 -InputObject $result
}
