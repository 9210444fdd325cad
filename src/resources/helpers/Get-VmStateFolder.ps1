# Where the tool keeps a VM's restore records and change lock: beside its configuration
# (ConfigurationLocation; on a cluster its shared storage, so they travel with the VM), else its Path.
function Get-VmStateFolder($vm) {
    $folder = [string]$vm.ConfigurationLocation
    if (-not $folder) { $folder = [string]$vm.Path }
    return $folder
}
