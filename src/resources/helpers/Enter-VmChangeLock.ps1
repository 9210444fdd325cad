# Takes the VM's change lock, so that changes of one VM run one at a time on the host: a lock file
# beside the VM's configuration (on a cluster its shared storage: every node sees it), created only
# when absent (New-Item without -Force creates the file exclusively; constrained language, which
# JEA runs, allows neither a named mutex nor a FileStream). Waits up to 5 seconds for another
# change to end. Returns @{ Busy = $false; Path; Token } once held (release it with
# Exit-VmChangeLock), or @{ Busy = $true; Change } naming the change that holds it. A lock
# older than 10 minutes was left by a change that could not end (its process was killed): it is
# taken over. docs/powershell.md explains the choice.
function Enter-VmChangeLock([string]$folder, [guid]$vmId, [string]$change) {
    $path = Join-Path $folder ('hvtools-change.{0}.lock' -f $vmId)
    $token = [guid]::NewGuid().ToString()
    $since = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
    $holder = ConvertTo-Json -Compress -InputObject ([ordered]@{ change = $change; since = $since; token = $token })
    $started = [DateTime]::UtcNow
    New-Item -ItemType Directory -Path $folder -Force | Out-Null
    while ($true) {
        try {
            New-Item -ItemType File -Path $path -Value $holder -ErrorAction Stop | Out-Null
            return @{ Busy = $false; Path = $path; Token = $token }
        }
        catch {
            # Another change holds the lock when its file exists (then wait below); anything else stops the script.
            if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { throw }
        }
        $held = Get-Item -LiteralPath $path -ErrorAction SilentlyContinue
        if ($held -and ([DateTime]::UtcNow - $held.LastWriteTimeUtc).TotalMinutes -ge 10) {
            # Taken over by renaming (only one change can rename it); a lock renamed just after it was
            # made again goes back.
            $staleName = "$($held.Name).$token.stale"
            $stale = Join-Path $folder $staleName
            try {
                Rename-Item -LiteralPath $path -NewName $staleName -ErrorAction Stop
            }
            catch {
                # Another change renamed it first: try again.
                continue
            }
            if (([DateTime]::UtcNow - (Get-Item -LiteralPath $stale).LastWriteTimeUtc).TotalMinutes -lt 10) {
                Rename-Item -LiteralPath $stale -NewName $held.Name
            }
            else {
                Remove-Item -LiteralPath $stale -Force
            }
            continue
        }
        if (([DateTime]::UtcNow - $started).TotalMilliseconds -ge 5000) {
            $holding = $null
            try {
                $holding = Get-Content -Raw -LiteralPath $path -ErrorAction Stop | ConvertFrom-Json
            }
            catch {
                # The holder is named only when its file can be read (it may be ending this moment).
                $holding = $null
            }
            $busy = @{ Busy = $true; Change = $null }
            if ($holding -and $holding.PSObject.Properties['change']) { $busy.Change = [string]$holding.change }
            return $busy
        }
        Start-Sleep -Milliseconds 200
    }
}
