# A dotted-quad IPv4 address, each part 0-255, nothing before or after it (\z: a trailing newline
# is not allowed, as $ would allow).
function Test-Ipv4Text([string]$text) {
    return $text -match '\A(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\z'
}
