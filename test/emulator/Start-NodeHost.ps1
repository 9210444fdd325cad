<#
.SYNOPSIS
One emulated managed node: a PowerShell runspace with the simulated Hyper-V host loaded, that runs
the exact script text the WAC SDK sends, one request per line on stdin, and stops a running
pipeline when asked (as the gateway's cancel stops the remote pipeline).

.DESCRIPTION
Requests (one line of JSON each):
  {"id": 1, "script": "<the SDK's script text>", "delayMs": 0}   run (delayMs: a slow node, a
                                                                     Start-Sleep in the same pipeline)
  {"id": 1, "modulePath": "<.psd1>", "command": "<Verb-Noun>", "parameters": {...}, "delayMs": 0}
                                                                   run a module's command with named
                                                                     parameters (RBAC mode: what a JEA
                                                                     session runs; no script text). The
                                                                     module is imported into the session
                                                                     once, the command is called module-
                                                                     qualified
  {"stop": 1}                                                      stop command 1 if it is running
Response (one line): @@RESPONSE@@ {"id": 1, "results": [...], "errors": [{"errorType", "message"}],
"terminating": null | {"errorType", "message"}, "stopped": false}. "errors" are the non-terminating
errors; "terminating" is the exception that ended the script (a throw). Other lines on stdout are
noise and are ignored by the gateway. State (the simulated host, the functions a script defines)
lives as long as the process: one process per node.
#>
param([Parameter(Mandatory = $true)][string]$ScenarioPath)

$ErrorActionPreference = 'Stop'
$utf8 = New-Object System.Text.UTF8Encoding $false
$reader = New-Object System.IO.StreamReader ([Console]::OpenStandardInput(), $utf8)
$writer = New-Object System.IO.StreamWriter ([Console]::OpenStandardOutput(), $utf8)
$writer.AutoFlush = $true

# The node's session: one runspace for every command, so state carries over as in a gateway session.
$runspace = [runspacefactory]::CreateRunspace()
$runspace.Open()
$setup = [powershell]::Create()
$setup.Runspace = $runspace
$enter = Join-Path $PSScriptRoot '../simulator/Enter-SimulatedHost.ps1'
[void]$setup.AddScript('param($enter, $scenario) $ErrorActionPreference = ''Continue''; . $enter -ScenarioPath $scenario; Import-Module Hyper-V -ErrorAction SilentlyContinue').AddArgument($enter).AddArgument($ScenarioPath)
[void]$setup.Invoke()
$setup.Dispose()
$writer.WriteLine('@@READY@@')

# Adds a module command call to $ps: the module imported into the node's session (once), the
# command module-qualified, each parameter by name (a switch as $true), as a JEA session binds them.
function Add-ModuleCommand($ps, $request) {
    $path = [string]$request.modulePath
    if (-not $path -or -not (Test-Path -LiteralPath $path)) {
        throw "The emulated node has no PowerShell module at '$path' (npm run generate writes dist-ps/)."
    }
    $module = @{ Name = [System.IO.Path]::GetFileNameWithoutExtension($path) }
    $import = [powershell]::Create()
    $import.Runspace = $runspace
    [void]$import.AddScript('param($path, $name) if (-not (Get-Module -Name $name)) { Import-Module -Name $path -ErrorAction Stop }').AddArgument([string]$request.modulePath).AddArgument($module.Name)
    [void]$import.Invoke()
    $import.Dispose()
    [void]$ps.AddCommand("$($module.Name)\$([string]$request.command)")
    if ($request.parameters) {
        foreach ($property in $request.parameters.PSObject.Properties) { [void]$ps.AddParameter($property.Name, $property.Value) }
    }
}

function Get-ErrorText($record) {
    if ($record -is [System.Management.Automation.ErrorRecord]) {
        return @{ errorType = $record.Exception.GetType().Name; message = $record.Exception.Message }
    }
    return @{ errorType = $record.GetType().Name; message = $record.Message }
}

$pendingLine = $reader.ReadLineAsync()
while ($true) {
    $line = $pendingLine.GetAwaiter().GetResult()
    if ($null -eq $line) { break }
    $pendingLine = $reader.ReadLineAsync()
    if (-not $line.Trim()) { continue }
    $request = $line | ConvertFrom-Json
    if ($null -ne $request.stop) { continue }   # a stop for a command that is not running

    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    if ($request.delayMs -gt 0) {
        [void]$ps.AddScript("Start-Sleep -Milliseconds $([int]$request.delayMs)").AddStatement()
    }
    $setupError = $null
    if ($request.PSObject.Properties['command']) {
        try { Add-ModuleCommand $ps $request } catch { $setupError = @{ errorType = $_.Exception.GetType().Name; message = $_.Exception.Message } }
    }
    else {
        [void]$ps.AddScript([string]$request.script)
    }
    if ($setupError) {
        $ps.Dispose()
        $response = [ordered]@{ id = $request.id; results = @(); errors = @(); terminating = $setupError; stopped = $false }
        $writer.WriteLine('@@RESPONSE@@ ' + (ConvertTo-Json -InputObject $response -Depth 12 -Compress))
        continue
    }
    $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
    $stopped = $false
    while (-not $async.IsCompleted) {
        if ($pendingLine.Wait(50)) {
            $next = $pendingLine.Result
            if ($null -eq $next) { $ps.Stop(); break }
            $pendingLine = $reader.ReadLineAsync()
            $control = $next | ConvertFrom-Json
            if ($null -ne $control.stop -and $control.stop -eq $request.id) {
                $stopped = $true
                $ps.Stop()
            }
        }
    }
    $terminating = $null
    try {
        $ps.EndInvoke($async) | Out-Null
    }
    catch {
        $inner = $_.Exception
        # The exception the script raised, not the wrappers of the invocation.
        while ($inner.InnerException -and ($inner -is [System.Management.Automation.MethodInvocationException] -or $inner -is [System.Management.Automation.CmdletInvocationException])) {
            $inner = $inner.InnerException
        }
        $terminating = @{ errorType = $inner.GetType().Name; message = $inner.Message }
    }
    $results = New-Object System.Collections.ArrayList
    foreach ($item in $output) { [void]$results.Add($item) }
    $errors = New-Object System.Collections.ArrayList
    foreach ($record in $ps.Streams.Error) { [void]$errors.Add((Get-ErrorText $record)) }
    if ($stopped) { $terminating = $null }
    $ps.Dispose()
    $response = [ordered]@{ id = $request.id; results = $results; errors = $errors; terminating = $terminating; stopped = $stopped }
    $writer.WriteLine('@@RESPONSE@@ ' + (ConvertTo-Json -InputObject $response -Depth 12 -Compress))
}
$runspace.Close()
