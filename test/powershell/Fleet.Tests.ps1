# Collecting snapshots from many hosts with PowerShell remoting (Invoke-Command, mocked here by
# running the real script on each host's simulated scenario), then judging the fleet with the check.

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    $collector = Join-Path $root 'src/cli/Save-HostSnapshots.ps1'
    $hosts = @{
        'hv01' = Join-Path $root 'test/scenarios/primary-host.json'
        'hv2012' = Join-Path $root 'test/scenarios/host-2012r2.json'
        'fs01' = Join-Path $root 'test/scenarios/no-hyperv-module.json'
        'hvdenied' = Join-Path $root 'test/scenarios/access-denied.json'
    }
    $node = (Get-Command node).Source
    # The collector sends the script as the build assembles it (dist-ps/scripts/), from the current sources.
    $assembled = & $node (Join-Path $root 'gulps/assemble-scripts.js')
    if ($LASTEXITCODE -ne 0) { throw "The scripts could not be assembled: $assembled" }
}

Describe 'Save-HostSnapshots and the fleet check' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'snapshots'
        Mock Invoke-Command {
            # The remote session is not the caller's: the collector's strict mode doesn't reach it
            # (the script sets its own).
            Set-StrictMode -Off
            foreach ($computer in $ComputerName) {
                # A host that doesn't answer returns nothing and remoting reports it on the error
                # stream, as for a real unreachable host: a non-terminating error record whose target
                # is the computer name (CategoryInfo "OpenError: (offline:String)"), with the
                # transport exception and the error id of a broken session. -ErrorAction and
                # -ErrorVariable of the call apply to it (the mock is an advanced function).
                if (-not $hosts.ContainsKey($computer)) {
                    $exception = [System.Management.Automation.Remoting.PSRemotingTransportException]::new(
                        "Connecting to remote server $computer failed with the following error message : WinRM cannot complete the operation. " +
                        'Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall ' +
                        'exception for the WinRM service is enabled and allows access from this computer. For more information, see the about_Remote_Troubleshooting Help topic.')
                    Write-Error -ErrorRecord ([System.Management.Automation.ErrorRecord]::new($exception, 'WinRMOperationTimeout,PSSessionStateBroken', 'OpenError', $computer))
                    continue
                }
                . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath $hosts[$computer]
                $text = & $FilePath
                Add-Member -InputObject $text -NotePropertyName PSComputerName -NotePropertyValue $computer -PassThru
            }
        }
        $summary = & $collector -ComputerName 'hv01', 'hv2012', 'fs01', 'hvdenied', 'offline' -OutputFolder $folder 2>&1 |
            Tee-Object -Variable collectorOutput | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }
        $collectorErrors = @($collectorOutput | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.ToString() })
        $check = & $node (Join-Path $root 'tools/check.js') --snapshot $folder 2>&1
        $checkExit = $LASTEXITCODE
        $fleet = ($check | Where-Object { $_ -is [string] -and $_.StartsWith('{') }) | ConvertFrom-Json
    }

    It 'runs the data-gathering script on every host in one Invoke-Command and saves one file per host' {
        Should -Invoke Invoke-Command -Times 1 -Exactly -Scope Describe
        (Get-ChildItem $folder -Filter '*.json').Name | Sort-Object | Should -Be @('fs01.json', 'hv01.json', 'hv2012.json', 'hvdenied.json')
        $summary.Saved | Should -Be 4
        $summary.Unreachable | Should -Be @('offline')
        Get-Content (Join-Path $folder 'unreachable.txt') | Should -Be @('offline')
    }

    It 'reports the remoting error of the host that did not answer, by name, and still saves the others' {
        $offline = @($collectorErrors | Where-Object { $_ -like 'offline: *' })
        $offline.Count | Should -Be 1
        $offline[0] | Should -BeLike 'offline: Connecting to remote server offline failed with the following error message : WinRM cannot complete the operation.*'
        $summary.Saved | Should -Be 4
    }

    It 'judges every host: one result set per host, an error for the host without the Hyper-V module' {
        @($fleet.hosts).Count | Should -Be 4
        $hv01 = $fleet.hosts | Where-Object host -eq 'HV01'
        ($hv01.results | Where-Object vmName -eq 'APP07').verdict | Should -Be 'fail'
        ($fleet.hosts | Where-Object host -eq 'HV2012').results.Count | Should -Be 3
        ($fleet.hosts | Where-Object host -eq 'FS01').error.code | Should -Be 'HyperVModuleMissing'
    }

    It 'reports a host where the account may not see VMs, naming both groups, instead of an empty host' {
        $denied = @($summary.HostErrors | Where-Object ComputerName -eq 'hvdenied')
        $denied.Count | Should -Be 1
        $denied[0].Code | Should -Be 'AccessDenied'
        $collectorErrors | Where-Object { $_ -like 'hvdenied: AccessDenied:*' } | Should -Match 'Administrators group .*Hyper-V Administrators'
        ($fleet.hosts | Where-Object host -eq 'HV-DENIED').error.code | Should -Be 'AccessDenied'
        ($fleet.hosts | Where-Object host -eq 'HV-DENIED').error.message | Should -Match 'S-1-5-32-544.*S-1-5-32-578'
        @($summary.HostErrors.ComputerName) | Sort-Object | Should -Be @('fs01', 'hvdenied')
    }

    It 'summarizes the fleet in the exit code: 2 when a host could not be judged' {
        $checkExit | Should -Be 2
    }

    It 'reports a file that is not a valid snapshot and still judges the others' {
        Set-Content -LiteralPath (Join-Path $folder 'broken.json') -Value '{"format": "something-else"}'
        Remove-Item -LiteralPath (Join-Path $folder 'fs01.json')
        Remove-Item -LiteralPath (Join-Path $folder 'hvdenied.json')
        $output = & $node (Join-Path $root 'tools/check.js') --snapshot $folder 2>$null
        $exit = $LASTEXITCODE
        $result = $output | ConvertFrom-Json
        ($result.hosts | Where-Object { $_.file -like '*broken.json' }).error.message | Should -Match 'format: expected'
        @($result.hosts | Where-Object results).Count | Should -Be 2
        $exit | Should -Be 2
        Remove-Item -LiteralPath (Join-Path $folder 'broken.json')
        & $node (Join-Path $root 'tools/check.js') --snapshot (Join-Path $folder 'hv01.json') (Join-Path $folder 'hv2012.json') 2>$null | Out-Null
        $LASTEXITCODE | Should -Be 1
    }
}

Describe 'Save-HostSnapshots with a host whose output is not a snapshot' {
    It 'saves it as it came, and names the host on the error stream and in the summary' {
        $folder = Join-Path $TestDrive 'junk'
        Mock Invoke-Command {
            foreach ($computer in $ComputerName) {
                Add-Member -InputObject 'WARNING: not JSON' -NotePropertyName PSComputerName -NotePropertyValue $computer -PassThru
            }
        }
        $summary = & $collector -ComputerName 'hvjunk' -OutputFolder $folder 2>&1 | Tee-Object -Variable output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.ToString() })
        $summary.Saved | Should -Be 1
        Get-Content -Raw -LiteralPath (Join-Path $folder 'hvjunk.json') | Should -Match 'WARNING: not JSON'
        @($summary.HostErrors).Count | Should -Be 1
        $summary.HostErrors[0].Code | Should -Be 'InvalidSnapshot'
        $errors | Should -HaveCount 1
        $errors[0] | Should -BeLike 'hvjunk: InvalidSnapshot: the output is not JSON: *'
    }
}
