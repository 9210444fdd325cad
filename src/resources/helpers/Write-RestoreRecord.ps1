# Writes a restore record atomically: the complete JSON into a temporary file beside it, then
# renamed over it, so no reader ever finds half a record. Only under the VM's change lock
# (Enter-VmChangeLock), so one temporary name is enough.
function Write-RestoreRecord([string]$file, $record) {
    $temporary = "$file.tmp"
    ConvertTo-Json -Depth 6 -InputObject $record | Set-Content -LiteralPath $temporary -Encoding UTF8
    Move-Item -LiteralPath $temporary -Destination $file -Force
}
