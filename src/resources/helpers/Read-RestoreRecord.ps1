# A restore record (JSON beside the VM's configuration), or $null when there is none. A record
# whose rename did not finish (Write-RestoreRecord: Windows PowerShell's Move-Item -Force deletes
# the old file, then renames) is taken from its complete temporary file. Stops the script, naming
# the file, when the record can't be read or is empty.
function Read-RestoreRecord([string]$file) {
    $temporary = "$file.tmp"
    if (-not (Test-Path -LiteralPath $file -PathType Leaf) -and (Test-Path -LiteralPath $temporary -PathType Leaf)) {
        try {
            $null = Get-Content -Raw -LiteralPath $temporary | ConvertFrom-Json
            Move-Item -LiteralPath $temporary -Destination $file
        }
        catch {
            # A temporary file that isn't JSON was never renamed: its write did not finish, so no record was kept.
            Remove-Item -LiteralPath $temporary -Force
        }
    }
    if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { return $null }
    $record = $null
    try {
        $record = Get-Content -Raw -LiteralPath $file | ConvertFrom-Json
    }
    catch {
        throw "The restore record $file can't be read: $($_.Exception.Message) Nothing was changed."
    }
    if ($null -eq $record) { throw "The restore record $file is empty. Nothing was changed." }
    return $record
}
