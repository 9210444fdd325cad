# The VM by Id, or nothing when it is not on this host. Get-VM writes "unable to find" for an Id it
# does not know (that error is the answer "not here"); any other error (access, the management
# service) stops the script.
function Get-VmById([guid]$id) {
    $lookupErrors = $null
    $found = @(Get-VM -Id $id -ErrorAction SilentlyContinue -ErrorVariable lookupErrors)
    if ($found.Count -gt 0) { return $found[0] }
    foreach ($lookupError in @($lookupErrors)) {
        if ([string]$lookupError.CategoryInfo.Category -notin @('ObjectNotFound', 'InvalidArgument')) { throw $lookupError }
    }
    return $null
}
