<#
.SYNOPSIS
One emulated managed node: a PowerShell session with the simulated Hyper-V host loaded, that runs
the exact script text the WAC SDK sends, one request per line on stdin.

.DESCRIPTION
Request (one line of JSON): {"id": 1, "script": "<the SDK's script text>"}, or in RBAC mode
{"id": 1, "modulePath": "<.psd1>", "command": "<Verb-Noun>", "parameters": {...}}: the module is
imported once and its command runs with the parameters, as a JEA session runs it.
Response (one line): @@RESPONSE@@ {"id": 1, "results": [...], "errors": [{"errorType", "message"}]}.
Other lines on stdout are noise and are ignored by the gateway. State (the simulated host, the
functions a script defines) lives as long as the process: one process per node and session.
#>
param([Parameter(Mandatory = $true)][string]$ScenarioPath)

$ErrorActionPreference = 'Continue'
. (Join-Path $PSScriptRoot '../simulator/Enter-SimulatedHost.ps1') -ScenarioPath $ScenarioPath
Import-Module Hyper-V -ErrorAction SilentlyContinue

function New-ModuleCommandInvocation($Request) {
    $module = Get-Module | Where-Object { $_.Path -eq $Request.modulePath -or [System.IO.Path]::ChangeExtension($_.Path, '.psd1') -eq $Request.modulePath }
    if (-not $module) {
        $module = Import-Module -Name $Request.modulePath -PassThru -ErrorAction Stop
    }
    $command = $module.ExportedCommands[[string]$Request.command]
    if (-not $command) {
        throw "The module $($module.Name) exports no command $($Request.command)."
    }
    $arguments = @{}
    if ($Request.parameters) {
        foreach ($property in $Request.parameters.PSObject.Properties) { $arguments[$property.Name] = $property.Value }
    }
    return { & $command @arguments }.GetNewClosure()
}

$utf8 = New-Object System.Text.UTF8Encoding $false
$reader = New-Object System.IO.StreamReader ([Console]::OpenStandardInput(), $utf8)
$writer = New-Object System.IO.StreamWriter ([Console]::OpenStandardOutput(), $utf8)
$writer.AutoFlush = $true
$writer.WriteLine('@@READY@@')

while ($null -ne ($line = $reader.ReadLine())) {
    if (-not $line.Trim()) { continue }
    $request = $line | ConvertFrom-Json
    $results = New-Object System.Collections.ArrayList
    $errors = New-Object System.Collections.ArrayList
    try {
        if ($request.PSObject.Properties['command']) {
            # RBAC mode: a command of the extension's module with named parameters (no script text).
            $block = New-ModuleCommandInvocation -Request $request
        }
        else {
            $block = [scriptblock]::Create([string]$request.script)
        }
        foreach ($item in @(& $block 2>&1)) {
            if ($item -is [System.Management.Automation.ErrorRecord]) {
                [void]$errors.Add([ordered]@{ errorType = 'Error'; message = $item.ToString() })
            }
            elseif ($item -is [System.Management.Automation.InformationRecord] -or $item -is [System.Management.Automation.WarningRecord]) {
                continue
            }
            else {
                [void]$results.Add($item)
            }
        }
    }
    catch {
        [void]$errors.Add([ordered]@{ errorType = 'Exception'; message = $_.Exception.Message })
    }
    $response = [ordered]@{ id = $request.id; results = $results; errors = $errors }
    $writer.WriteLine('@@RESPONSE@@ ' + (ConvertTo-Json -InputObject $response -Depth 12 -Compress))
}
