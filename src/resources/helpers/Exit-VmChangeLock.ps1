# Releases the change lock Enter-VmChangeLock took: removes its file, unless another change took it
# over meanwhile (then the file holds that change's token).
function Exit-VmChangeLock($lock) {
    if ($null -eq $lock -or $lock.Busy) { return }
    $text = $null
    try {
        $text = Get-Content -Raw -LiteralPath $lock.Path -ErrorAction Stop
    }
    catch {
        # Gone: taken over as stale, nothing left to release.
        return
    }
    if ([string]$text -like "*$($lock.Token)*") { Remove-Item -LiteralPath $lock.Path -Force }
}
