# The PowerShell module the build packs (dist-ps/, into the extension package): what a JEA endpoint
# runs under role-based access. Every script is a command of the same name with its .ROLE, the
# module manifest carries the project's identity and version, and the commands work on a host.

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    $package = Get-Content -Raw -LiteralPath (Join-Path $root 'package.json') | ConvertFrom-Json
    $manifest = Get-Content -Raw -LiteralPath (Join-Path $root 'manifest.json') | ConvertFrom-Json
    $name = $manifest.powerShellModuleName
    $psd1 = Join-Path $root "dist-ps/powershell-module/$name/$name.psd1"
    if (-not (Test-Path -LiteralPath $psd1)) {
        throw "No packed module at $psd1 (manifest.json powerShellModuleName '$name'): run 'npm run generate' first."
    }
    $scripts = @(Get-ChildItem -LiteralPath (Join-Path $root 'src/resources/scripts') -Filter '*.ps1')
    # The SDK's own scripts (inventory), which the SDK runs with the extension's module name.
    $sdkScripts = @(Get-ChildItem -LiteralPath (Join-Path $root 'node_modules/@microsoft/windows-admin-center-sdk/core/resources/scripts') -Filter '*.ps1' -Recurse)
    function Get-ScriptRole($file) {
        $lines = @(Get-Content -LiteralPath $file.FullName)
        $index = [array]::IndexOf(@($lines | ForEach-Object { $_.Trim() }), '.ROLE')
        if ($index -lt 0) { return $null }
        return $lines[$index + 1].Trim()
    }
}

Describe 'The packed PowerShell module' {
    BeforeAll {
        $module = Import-Module -Name $psd1 -PassThru -Force
    }
    AfterAll {
        Remove-Module -Name $name -Force -ErrorAction SilentlyContinue
    }

    It 'is the module the manifest names, and exports exactly one command per script (the tool''s and the SDK''s), of the same name' {
        $module.Name | Should -Be $name
        @($module.ExportedCommands.Keys | Sort-Object) | Should -Be @($scripts + $sdkScripts | ForEach-Object { $_.BaseName } | Sort-Object)
        $module.ExportedCommands.Keys | Should -Contain 'Get-ClusterInventory'
    }

    It 'keeps each script''s .ROLE in the command''s help (Readers to read, Administrators to change)' {
        foreach ($script in $scripts) {
            $expected = if ($script.BaseName -like 'Get-*') { 'Readers' } else { 'Administrators' }
            Get-ScriptRole $script | Should -Be $expected -Because $script.BaseName
            (Get-Help -Name "$name\$($script.BaseName)").Role | Should -Be $expected -Because $script.BaseName
        }
        foreach ($script in $sdkScripts) {
            # Some SDK scripts carry a tool marker (## SkipCheck=true##) after the role line.
            ((Get-Help -Name "$name\$($script.BaseName)").Role -split '\r?\n')[0].Trim() | Should -Be (Get-ScriptRole $script) -Because $script.BaseName
        }
    }

    It 'keeps each script''s parameters' {
        (Get-Command -Name "$name\Mount-IntegrationServicesSetupDisk").Parameters.Keys | Should -Contain 'replaceMedia'
        (Get-Command -Name "$name\Get-ReplicaFailoverIpSnapshot").Parameters.Keys | Should -Contain 'vmId'
        (Get-Command -Name "$name\Set-FailoverTcpIpConfiguration").Parameters.Keys | Should -Contain 'adapterId'
        (Get-Command -Name "$name\Set-FailoverTcpIpConfiguration").Parameters.Keys | Should -Contain 'ipv6PrefixLength'
        (Get-Command -Name "$name\Restore-FailoverTcpIpConfiguration").Parameters.Keys | Should -Contain 'adapterId'
    }

    It 'carries the project''s author, company, copyright, description and version, not the SDK''s defaults' {
        $info = Test-ModuleManifest -Path $psd1
        $info.Version.ToString() | Should -Be $package.version
        $info.Author | Should -Be $package.author
        $info.CompanyName | Should -Be $package.author
        $info.Copyright | Should -Be $package.copyright
        $info.Description | Should -Be $package.description
    }

    It 'runs its commands on a host: the scan, and a change that validates the VM Id' {
        . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath (Join-Path $root 'test/scenarios/demo-host.json')
        Import-Module Hyper-V
        $snapshot = & "$name\Get-ReplicaFailoverIpSnapshot" | ConvertFrom-Json
        # The format the TypeScript side reads (src/app/host-contract.ts, the one definition).
        $contract = Get-Content -Raw -LiteralPath (Join-Path $root 'src/app/host-contract.ts')
        $format = [regex]::Match($contract, "export const snapshotFormat = '([^']+)'").Groups[1].Value
        $format | Should -Not -BeNullOrEmpty
        $snapshot.format | Should -Be $format
        @($snapshot.vms).Count | Should -BeGreaterThan 0
        { & "$name\Enable-KvpExchangeService" -vmId 'not-a-guid' } | Should -Throw "*parameter 'vmId'. Cannot convert value ""not-a-guid"" to type ""System.Guid""*"
    }
}
