# A contiguous IPv4 subnet mask: ones, then zeros.
function Test-SubnetMask([string]$text) {
    if (-not (Test-Ipv4Text $text)) { return $false }
    $seenPartial = $false
    foreach ($octet in @($text -split '\.' | ForEach-Object { [int]$_ })) {
        if ($seenPartial -and $octet -ne 0) { return $false }
        if (@(255, 254, 252, 248, 240, 224, 192, 128, 0) -notcontains $octet) { return $false }
        if ($octet -ne 255) { $seenPartial = $true }
    }
    return $true
}
