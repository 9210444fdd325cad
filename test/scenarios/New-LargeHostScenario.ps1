<#
.SYNOPSIS
Writes a scenario of one host with many VMs (a repeating mix of every verdict), for scale tests.

.EXAMPLE
./test/scenarios/New-LargeHostScenario.ps1 -VmCount 300 -Path /tmp/large.json
#>
param([Parameter(Mandatory = $true)][int]$VmCount, [Parameter(Mandatory = $true)][string]$Path, [string]$ComputerName = 'HV-LARGE')

$kvpGuid = '2A34B1C2-FD73-4043-8A5B-DD2159BC743F'
$heartbeatGuid = '84EAAE65-2F2E-45F5-9BB5-0E857DC8EB47'
# name suffix, VM state, replication mode (null: none), KVP status, expected verdict, expected verdict
# under the failover TCP/IP rule. Every VM has a failover IP address and KVP enabled on the host, so
# the BPA lists none of them under either rule (it examines only the Replica VMs, and finds nothing).
$kinds = @(
    @('ok', 'Running', 'Primary', 'Ok', 'pass', 'not-applicable'),
    @('nocontact', 'Running', 'Primary', 'NoContact', 'fail', 'not-applicable'),
    @('lost', 'Running', 'Primary', 'LostCommunication', 'warn', 'not-applicable'),
    @('replica', 'Off', 'Replica', $null, 'unknown', 'pass'),
    @('standalone', 'Running', $null, 'Ok', 'not-applicable', 'not-applicable')
)
$vms = New-Object System.Collections.ArrayList
$expect = [ordered]@{}
$expectFailoverTcpip = [ordered]@{}
$expectBpa = [ordered]@{}
for ($i = 0; $i -lt $VmCount; $i++) {
    $kind = $kinds[$i % $kinds.Count]
    $id = [guid]::NewGuid()
    $upper = $id.ToString().ToUpperInvariant()
    $name = 'VM{0:D5}-{1}' -f $i, $kind[0]
    $replication = $null
    if ($kind[2]) {
        $replication = [ordered]@{ ReplicationMode = $kind[2]; ReplicationState = 'Replicating'; ReplicationHealth = 'Normal'
            ReplicationRelationshipType = 'Simple'; PrimaryServerName = 'hv01.corp.example'; ReplicaServerName = 'hv02.corp.example' }
    }
    $status = $kind[3]
    [void]$vms.Add([ordered]@{
        Name = $name; Id = $id.ToString(); State = $kind[1]; Generation = 2; Version = '9.0'
        IntegrationServicesVersion = '10.0.17763.1'; IntegrationServicesState = 'Up to date'
        GuestOSName = $(if ($status -eq 'Ok') { 'Windows Server 2019 Datacenter' } else { $null })
        Replication = $replication
        IntegrationServices = @(
            [ordered]@{ Name = 'Heartbeat'; Id = "Microsoft:$upper\$heartbeatGuid"; Enabled = $true; PrimaryOperationalStatus = $status; PrimaryStatusDescription = $status
                SecondaryOperationalStatus = $null; SecondaryStatusDescription = $null },
            [ordered]@{ Name = 'Key-Value Pair Exchange'; Id = "Microsoft:$upper\$kvpGuid"; Enabled = $true; PrimaryOperationalStatus = $status; PrimaryStatusDescription = $status
                SecondaryOperationalStatus = $null; SecondaryStatusDescription = $null }
        )
        NetworkAdapters = @([ordered]@{ Name = 'Network Adapter'; Id = "Microsoft:$upper\$([guid]::NewGuid().ToString().ToUpperInvariant())"; IsLegacy = $false
            MacAddress = '00155D000000'; SwitchName = 'External'
            Failover = [ordered]@{ IPv4Address = "10.40.$([int]($i / 250) % 250).$($i % 250 + 2)"; IPv4SubnetMask = '255.255.0.0'; IPv4DefaultGateway = '10.40.0.1'
                IPv4PreferredDNSServer = $null; IPv4AlternateDNSServer = $null; IPv6Address = $null; IPv6SubnetPrefixLength = $null; IPv6DefaultGateway = $null
                IPv6PreferredDNSServer = $null; IPv6AlternateDNSServer = $null; ProtocolIFType = 4096 } })
        DvdDrives = @([ordered]@{ ControllerType = 'SCSI'; ControllerNumber = 0; ControllerLocation = 1; Path = $null })
    })
    $expect[$name] = $kind[4]
    $expectFailoverTcpip[$name] = $kind[5]
    $expectBpa[$name] = $false
}
$scenario = [ordered]@{
    format = 'hyperv-host-scenario/1'
    host = [ordered]@{ ComputerName = $ComputerName; OSVersion = '10.0.17763'; HyperVModule = $true; Culture = 'en-US'; ClusterName = $null; ClusterNodes = @(); ReplicaBroker = $null }
    vms = $vms
    expect = $expect
    expectBpa = $expectBpa
    expectFailoverTcpip = $expectFailoverTcpip
    expectFailoverTcpipBpa = $expectBpa
}
ConvertTo-Json -InputObject $scenario -Depth 10 -Compress | Set-Content -LiteralPath $Path -Encoding utf8
