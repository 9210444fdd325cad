# Every script the product sends to a host: parses, carries the JEA help headers, stays within
# Windows PowerShell 5.1 (the hosts run 5.1; the tests run on PowerShell 7), and within what a JEA
# session allows: constrained language (no type outside the core types, no Add-Type, dot-sourcing
# or script blocks made from text) and full cmdlet names, no aliases. docs/powershell.md lists what
# these checks cover and what only a real host or JEA endpoint can confirm. The checks read the
# scripts as the build assembles them (each helper of src/resources/helpers/ placed into every script
# that names it): what is sent to a host.

BeforeDiscovery {
    $root = Join-Path $PSScriptRoot '../..'
    $assembled = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js')
    if ($LASTEXITCODE -ne 0) { throw "The scripts could not be assembled: $assembled" }
    $scripts = @(Get-ChildItem -Path $assembled -Filter '*.ps1' | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    # The types constrained language allows (PowerShell's core types): PowerShell 7's list, less
    # what Windows PowerShell 5.1's list lacks or this check can't vouch for on 5.1.
    $newerThan51 = @('System.Management.Automation.SemanticVersion', 'System.Management.Automation.ExperimentalFeature',
        'System.Management.Automation.ExperimentalAttribute', 'System.Management.Automation.ExperimentAction',
        'System.Management.Automation.Language.NoRunspaceAffinityAttribute', 'System.Management.Automation.ArgumentCompletionsAttribute',
        'System.Management.Automation.ValidateNotNullOrWhiteSpaceAttribute', 'System.Net.IPEndPoint',
        'System.Security.Cryptography.X509Certificates.X500DistinguishedName', 'System.Security.Cryptography.X509Certificates.X509Certificate')
    $coreTypes = [psobject].Assembly.GetType('System.Management.Automation.CoreTypes').GetField('Items', [System.Reflection.BindingFlags]'Static,NonPublic,Public').GetValue($null).Value.Keys
    $script:AllowedTypes = @($coreTypes | ForEach-Object FullName | Where-Object { $newerThan51 -notcontains $_ })

    # Instance methods the scripts may call, all on core types (strings, hashtables, GUIDs, versions,
    # dates, the XML document): a statically unknown receiver can't be checked further here (the
    # constrained-language run below executes them).
    $script:AllowedMethods = @('ToString', 'ToUpperInvariant', 'ToLowerInvariant', 'EndsWith', 'StartsWith', 'ContainsKey',
        'Remove', 'Trim', 'SelectSingleNode')

    # Whether constrained language refusing $node is handled: $node sits in a function every call of
    # which is inside a try block that has a catch (the script then degrades, e.g. Get-CallerGroupSid:
    # when the identity type is refused the script says it cannot tell, see docs/powershell.md).
    function Test-FailureIsCaught([System.Management.Automation.Language.Ast]$ast, [System.Management.Automation.Language.Ast]$node) {
        $function = $node.Parent
        while ($function -and $function -isnot [System.Management.Automation.Language.FunctionDefinitionAst]) { $function = $function.Parent }
        if (-not $function) { return $false }
        $calls = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq $function.Name }, $true))
        if ($calls.Count -eq 0) { return $false }
        foreach ($call in $calls) {
            $inside = $call.Parent
            while ($inside -and -not ($inside -is [System.Management.Automation.Language.StatementBlockAst] -and $inside.Parent -is [System.Management.Automation.Language.TryStatementAst] -and $inside.Parent.Body -eq $inside -and $inside.Parent.CatchClauses.Count -gt 0)) { $inside = $inside.Parent }
            if (-not $inside) { return $false }
        }
        return $true
    }

    # The problems constrained language (a JEA session) has with a script's syntax tree.
    function Get-ConstrainedLanguageProblems([System.Management.Automation.Language.Ast]$ast) {
        $at = { param($node) "$($node.Extent.StartLineNumber): $($node.Extent.Text)" }
        foreach ($node in $ast.FindAll({ $true }, $true)) {
            $typeName = $null
            if ($node -is [System.Management.Automation.Language.TypeExpressionAst] -or $node -is [System.Management.Automation.Language.TypeConstraintAst]) { $typeName = $node.TypeName }
            elseif ($node -is [System.Management.Automation.Language.AttributeAst]) { $typeName = $node.TypeName }
            if ($typeName) {
                if ($typeName.FullName -eq 'ordered' -and $node.Parent -is [System.Management.Automation.Language.ConvertExpressionAst]) { continue }
                # A type only compared with (-is, -isnot) or caught is not created or converted to.
                $parent = $node.Parent
                if ($parent -is [System.Management.Automation.Language.BinaryExpressionAst] -and $parent.Operator -in @('Is', 'IsNot') -and $parent.Right -eq $node) { continue }
                if ($parent -is [System.Management.Automation.Language.CatchClauseAst]) { continue }
                # A core type, but PowerShell 7 refuses it in constrained language ("Cannot create type").
                if ($typeName.FullName -in @('ref', 'System.Management.Automation.PSReference')) { "[ref] is refused in constrained language: " + (& $at $node); continue }
                $type = $typeName.GetReflectionType()
                if (-not $type) { $type = $typeName.FullName -as [type] }
                if (-not $type -and $node -is [System.Management.Automation.Language.AttributeAst]) { $type = "$($typeName.FullName)Attribute" -as [type] }
                if ($type -and $type.IsArray -and $AllowedTypes -notcontains $type.FullName) { $type = $type.GetElementType() }
                if ((-not $type -or $AllowedTypes -notcontains $type.FullName) -and -not (Test-FailureIsCaught $ast $node)) { "type [$($typeName.FullName)] is not a core type: " + (& $at $node) }
                continue
            }
            if ($node -is [System.Management.Automation.Language.InvokeMemberExpressionAst]) {
                $method = [string]$node.Member.Value
                if ($node.Static -and $node.Expression -is [System.Management.Automation.Language.TypeExpressionAst] -and $node.Expression.TypeName.FullName -match '^(System\.Management\.Automation\.)?scriptblock$') {
                    "script block made from text: " + (& $at $node)
                }
                elseif (-not $node.Static -and $AllowedMethods -notcontains $method) { "method .$method() may not be on a core type: " + (& $at $node) }
                continue
            }
            if ($node -is [System.Management.Automation.Language.TypeDefinitionAst]) { "defines a type: " + (& $at $node); continue }
            if ($node -is [System.Management.Automation.Language.UsingStatementAst]) { "using statement: " + (& $at $node); continue }
            if ($node -is [System.Management.Automation.Language.CommandAst]) {
                if ($node.InvocationOperator -eq 'Dot') { "dot-sources: " + (& $at $node); continue }
                $name = $node.GetCommandName()
                if ($name -in @('Add-Type', 'Invoke-Expression', 'powershell', 'powershell.exe', 'pwsh')) { "runs $name`: " + (& $at $node); continue }
                if ($name -eq 'New-Object') {
                    $argument = @($node.CommandElements | Select-Object -Skip 1 | Where-Object { $_ -is [System.Management.Automation.Language.StringConstantExpressionAst] }) | Select-Object -First 1
                    $type = if ($argument) { $argument.Value -as [type] } else { $null }
                    if (-not $type -or $AllowedTypes -notcontains $type.FullName) { "New-Object of a type that isn't a core type: " + (& $at $node) }
                }
            }
        }
    }

    # Catch clauses that swallow an error without a word: an empty body, or one that only leaves
    # (continue, break, return nothing or $null) with no comment inside saying why.
    function Get-SilentCatches([System.Management.Automation.Language.Ast]$ast, $tokens) {
        foreach ($catch in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CatchClauseAst] }, $true)) {
            $body = $catch.Body
            $statements = @($body.Statements)
            $leavesOnly = @($statements | Where-Object {
                    -not ($_ -is [System.Management.Automation.Language.ContinueStatementAst] -or $_ -is [System.Management.Automation.Language.BreakStatementAst] -or
                        ($_ -is [System.Management.Automation.Language.ReturnStatementAst] -and (-not $_.Pipeline -or $_.Pipeline.Extent.Text -eq '$null')))
                }).Count -eq 0
            $explained = @($tokens | Where-Object { $_.Kind -eq 'Comment' -and $_.Extent.StartOffset -gt $body.Extent.StartOffset -and $_.Extent.EndOffset -lt $body.Extent.EndOffset }).Count -gt 0
            if ($leavesOnly -and -not $explained) { "$($catch.Extent.StartLineNumber): $($catch.Extent.Text -replace '\s+', ' ')" }
        }
    }

    # Commands called by something other than their full name: aliases, or names that are not
    # Verb-Noun (the script's own functions excepted).
    function Get-AliasProblems([System.Management.Automation.Language.Ast]$ast) {
        $own = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) | ForEach-Object Name)
        foreach ($command in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $command.GetCommandName()
            if (-not $name -or $own -contains $name) { continue }
            $bare = ($name -split '\\')[-1]
            if (Get-Alias -Name $bare -ErrorAction SilentlyContinue) { "$($command.Extent.StartLineNumber): $name is an alias"; continue }
            if ($bare -notmatch '^[A-Za-z]+-[A-Za-z0-9]+$') { "$($command.Extent.StartLineNumber): $name is not a full cmdlet name" }
        }
    }
}

Describe 'The product scripts' {
    It 'exist' -TestCases @{ Count = $scripts.Count } {
        $Count | Should -BeGreaterThan 0
    }
}

Describe 'The helpers: each defined once in src/resources/helpers/, placed into every script that calls it' {
    BeforeAll {
        $root = Join-Path $PSScriptRoot '../..'
        $sources = @(Get-ChildItem -Path (Join-Path $root 'src/resources/scripts'), (Join-Path $root 'src/resources/helpers') -Filter '*.ps1')
        $assembledFolder = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js')
        # Every function definition of the sources, top-level or nested, with the file defining it.
        function Get-FunctionDefinitions($files) {
            foreach ($file in $files) {
                $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
                foreach ($function in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true)) {
                    [pscustomobject]@{ Name = $function.Name; File = $file.Name }
                }
            }
        }
    }

    It 'no function is defined twice in the sources (scripts and helpers)' {
        $definitions = @(Get-FunctionDefinitions $sources)
        $definitions.Count | Should -BeGreaterThan 10
        @($definitions | Group-Object Name | Where-Object Count -gt 1 | ForEach-Object { "$($_.Name): $(@($_.Group.File) -join ', ')" }) | Should -BeNullOrEmpty
    }

    It 'the check finds a function defined in two sources' {
        $folder = Join-Path $TestDrive 'twice'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content -LiteralPath (Join-Path $folder 'A.ps1') -Value "function Get-VmById([guid]`$id) { }"
        Set-Content -LiteralPath (Join-Path $folder 'B.ps1') -Value "function Outer { function Get-VmById { } }"
        @(Get-FunctionDefinitions @(Get-ChildItem $folder) | Group-Object Name | Where-Object Count -gt 1).Name | Should -Be 'Get-VmById'
    }

    It 'each helper file defines one function, named as the file' {
        foreach ($file in Get-ChildItem -Path (Join-Path $root 'src/resources/helpers') -Filter '*.ps1') {
            @(Get-FunctionDefinitions @($file) | ForEach-Object Name) | Should -Be @($file.BaseName) -Because $file.Name
        }
    }

    It 'every assembled script defines each helper it calls once, in a marked region, with the text of its helper file' {
        foreach ($file in Get-ChildItem -Path (Join-Path $root 'src/resources/helpers') -Filter '*.ps1') {
            $helper = (Get-Content -Raw -LiteralPath $file.FullName).Trim() -replace "`r`n", "`n"
            foreach ($script in Get-ChildItem -Path $assembledFolder -Filter '*.ps1') {
                $text = (Get-Content -Raw -LiteralPath $script.FullName) -replace "`r`n", "`n"
                $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$null, [ref]$null)
                $defined = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $n.Name -eq $file.BaseName }, $true))
                $called = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq $file.BaseName }, $true))
                if ($called.Count -eq 0) {
                    $defined.Count | Should -Be 0 -Because "$($script.Name) never calls $($file.BaseName)"
                    continue
                }
                $defined.Count | Should -Be 1 -Because "$($script.Name) calls $($file.BaseName)"
                $text.Contains("#region Helper: $($file.BaseName) (defined once in src/resources/helpers/$($file.Name))`n$helper`n#endregion") |
                    Should -BeTrue -Because "$($script.Name) carries $($file.Name) as it is written"
            }
        }
    }

    It 'the build refuses a script that calls a helper it does not name, or names one it does not call' {
        $folder = Join-Path $TestDrive 'unlisted'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content -LiteralPath (Join-Path $folder 'Get-Thing.ps1') -Value "# Helpers: Write-Result`n`$vm = Get-VmById `$id`nWrite-Result 'x' `$false `$null `$null"
        $output = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js') --scripts $folder --out (Join-Path $TestDrive 'out') 2>&1
        $LASTEXITCODE | Should -Be 1
        "$output" | Should -Be 'Get-Thing.ps1: calls Get-VmById without naming it on its "# Helpers:" line.'
        Set-Content -LiteralPath (Join-Path $folder 'Get-Thing.ps1') -Value "# Helpers: Get-VmById, Write-Result`nWrite-Result 'x' `$false `$null `$null"
        $output = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js') --scripts $folder --out (Join-Path $TestDrive 'out') 2>&1
        "$output" | Should -Be 'Get-Thing.ps1: "# Helpers:" names Get-VmById, which the script never calls.'
    }
}

Describe 'Script <Name>' -ForEach $scripts {
    BeforeAll {
        $tokens = $null
        $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$parseErrors)
        $text = Get-Content -Raw -Path $Path
        $help = $ast.GetHelpContent()
    }

    It 'parses without errors' {
        $parseErrors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" } | Should -BeNullOrEmpty
    }

    It 'is named <Verb>-<Noun>.ps1 with an approved verb' {
        $parts = [System.IO.Path]::GetFileNameWithoutExtension($Name) -split '-'
        $parts.Count | Should -Be 2
        (Get-Verb).Verb | Should -Contain $parts[0]
    }

    It 'declares .SYNOPSIS, .DESCRIPTION and .ROLE (Readers or Administrators)' {
        $help | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeNullOrEmpty
        $help.Description.Trim() | Should -Not -BeNullOrEmpty
        $help.Role.Trim() | Should -BeIn @('Readers', 'Administrators')
    }

    It 'is ASCII only' {
        $text.ToCharArray() | Where-Object { [int]$_ -gt 127 } | Should -BeNullOrEmpty
    }

    It 'uses no syntax that Windows PowerShell 5.1 lacks' {
        $newSyntax = $ast.FindAll({
            param($node)
            $node -is [System.Management.Automation.Language.TernaryExpressionAst] -or
            $node -is [System.Management.Automation.Language.PipelineChainAst] -or
            ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and $node.Operator -eq 'QuestionQuestion') -or
            ($node -is [System.Management.Automation.Language.AssignmentStatementAst] -and $node.Operator -eq 'QuestionQuestionEquals') -or
            ($node -is [System.Management.Automation.Language.MemberExpressionAst] -and $node.NullConditional) -or
            ($node -is [System.Management.Automation.Language.IndexExpressionAst] -and $node.NullConditional) -or
            ($node -is [System.Management.Automation.Language.CommandParameterAst] -and $node.ParameterName -in @('EnumsAsStrings', 'Parallel', 'AsHashtable'))
        }, $true)
        $newSyntax | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Extent.Text)" } | Should -BeNullOrEmpty
    }

    It 'uses nothing constrained language rejects (JEA): only core types, no Add-Type, dot-sourcing or script blocks from text' {
        Get-ConstrainedLanguageProblems $ast | Should -BeNullOrEmpty
    }

    It 'calls every command by its full name, no aliases' {
        Get-AliasProblems $ast | Should -BeNullOrEmpty
    }

    It 'is an advanced script: [CmdletBinding()], every parameter typed, a VM Id as [guid]' {
        $ast.ParamBlock | Should -Not -BeNullOrEmpty
        @($ast.ParamBlock.Attributes.TypeName.Name) | Should -Contain 'CmdletBinding'
        foreach ($parameter in $ast.ParamBlock.Parameters) {
            $types = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.Language.TypeConstraintAst] } | ForEach-Object { $_.TypeName.FullName })
            $types.Count | Should -Be 1 -Because "parameter $($parameter.Name) has one type"
            if ($parameter.Name.VariablePath.UserPath -eq 'vmId') { $types[0] | Should -Be 'guid' }
        }
    }

    It 'sets a strict mode Windows PowerShell 5.1 has, before anything else runs' {
        $first = $ast.EndBlock.Statements[0]
        $first.Extent.Text | Should -Match '^Set-StrictMode -Version (1\.0|2\.0|3\.0|Latest)$'
    }

    It 'documents every parameter (.PARAMETER) and gives an .EXAMPLE' {
        $declared = @($ast.ParamBlock.Parameters | ForEach-Object { $_.Name.VariablePath.UserPath } | Sort-Object)
        @($help.Parameters.Keys | Sort-Object) | Should -Be $declared
        foreach ($name in $help.Parameters.Keys) { $help.Parameters[$name].Trim() | Should -Not -BeNullOrEmpty -Because ".PARAMETER $name" }
        $help.Examples.Count | Should -BeGreaterThan 0
    }

    It 'has no silent catch: each catch records or rethrows, or says why it ignores the error' {
        Get-SilentCatches $ast $tokens | Should -BeNullOrEmpty
    }
}

Describe 'The syntax checks' {
    It 'catch what constrained language rejects and aliases' {
        $bad = [System.Management.Automation.Language.Parser]::ParseInput(@'
$list = New-Object System.Collections.ArrayList
[void]$list.Add(1)
Add-Type -TypeDefinition 'public class X {}'
. ./helper.ps1
$block = [scriptblock]::Create('Get-VM')
$id = [System.Environment]::MachineName
$ok = [ordered]@{ a = [int]'1'; b = [guid]::Empty; c = [string[]]@('x') }
gci | % { $_ } | sort
class Thing { }
$parsed = [guid]::TryParse('x', [ref]$guid)
'@, [ref]$null, [ref]$null)
        $problems = @(Get-ConstrainedLanguageProblems $bad)
        $problems | Should -Contain 'New-Object of a type that isn''t a core type: 1: New-Object System.Collections.ArrayList'
        $problems | Should -Contain 'method .Add() may not be on a core type: 2: $list.Add(1)'
        $problems | Should -Contain 'runs Add-Type: 3: Add-Type -TypeDefinition ''public class X {}'''
        $problems | Should -Contain 'dot-sources: 4: . ./helper.ps1'
        $problems | Should -Contain 'script block made from text: 5: [scriptblock]::Create(''Get-VM'')'
        $problems | Should -Contain 'type [System.Environment] is not a core type: 6: [System.Environment]'
        $problems | Should -Contain 'defines a type: 9: class Thing { }'
        $problems | Should -Contain '[ref] is refused in constrained language: 10: [ref]'
        @($problems | Where-Object { $_ -like '*: 7: *' }) | Should -BeNullOrEmpty
        $guarded = [System.Management.Automation.Language.Parser]::ParseInput(@'
function Get-Guarded { [System.Environment]::MachineName }
function Get-Unguarded { [System.Environment]::UserName }
try { Get-Guarded } catch { $null }
Get-Unguarded
try { Get-Unguarded } catch { $null }
'@, [ref]$null, [ref]$null)
        $guardedProblems = @(Get-ConstrainedLanguageProblems $guarded)
        $guardedProblems | Should -Contain 'type [System.Environment] is not a core type: 2: [System.Environment]'
        @($guardedProblems | Where-Object { $_ -like '*: 1: *' }) | Should -BeNullOrEmpty
        $catchesTokens = $null
        $catches = [System.Management.Automation.Language.Parser]::ParseInput(@'
try { Get-VM } catch { }
try { Get-VM } catch { continue }
try { Get-VM } catch { return $null }
try { Get-VM } catch {
    # Deliberately ignored: why.
    continue
}
try { Get-VM } catch { throw }
try { Get-VM } catch { $failed = $_ }
'@, [ref]$catchesTokens, [ref]$null)
        @(Get-SilentCatches $catches $catchesTokens) | Should -Be @('1: catch { }', '2: catch { continue }', '3: catch { return $null }')
        $aliases = @(Get-AliasProblems $bad)
        $aliases | Should -Contain '8: gci is an alias'
        $aliases | Should -Contain '8: % is an alias'
        $aliases | Should -Contain '8: sort is not a full cmdlet name'
    }
}

Describe 'The scripts in constrained language on the simulated host' {
    BeforeAll {
        $root = Join-Path $PSScriptRoot '../..'
        $assembled = & (Get-Command node).Source (Join-Path $root 'gulps/assemble-scripts.js')
        # Runs the steps in a fresh runspace: the simulated host loads in full language (as the real
        # Hyper-V module is trusted), then the session switches to constrained language, as a JEA
        # session runs, and the product's scripts run there. Returns each step's output (JSON text).
        function Invoke-Constrained([string]$scenario, [object[]]$steps) {
            $runspace = [runspacefactory]::CreateRunspace()
            $runspace.Open()
            try {
                $shell = [powershell]::Create()
                $shell.Runspace = $runspace
                [void]$shell.AddScript({
                    param($root, $scenario, $steps, $assembled)
                    . (Join-Path $root 'test/simulator/Enter-SimulatedHost.ps1') -ScenarioPath (Join-Path $root "test/scenarios/$scenario")
                    Import-Module Hyper-V
                    $ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'
                    foreach ($step in $steps) {
                        $parameters = $step.Parameters
                        @{ Mode = [string]$ExecutionContext.SessionState.LanguageMode; Text = (& (Join-Path $assembled "$($step.Script).ps1") @parameters) -join "`n" }
                    }
                }).AddArgument($root).AddArgument($scenario).AddArgument($steps).AddArgument($assembled)
                $output = $shell.Invoke()
                $errors = @($shell.Streams.Error | ForEach-Object { $_.ToString() })
                [pscustomobject]@{ Output = @($output); Errors = $errors }
            }
            finally {
                $runspace.Dispose()
            }
        }
    }

    It 'reads a host: Get-ReplicaFailoverIpSnapshot' {
        $run = Invoke-Constrained 'primary-host.json' @(@{ Script = 'Get-ReplicaFailoverIpSnapshot'; Parameters = @{} })
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].Mode | Should -Be 'ConstrainedLanguage'
        $snapshot = $run.Output[0].Text | ConvertFrom-Json
        @($snapshot.vms).Count | Should -Be 6
        ($snapshot.vms | Where-Object name -eq 'SQL01').adapters[0].ipv4 | Should -Be '10.20.0.15'
    }

    It 'inserts and restores the setup disk and enables KVP: the remediation scripts' {
        $steps = @(
            @{ Script = 'Mount-IntegrationServicesSetupDisk'; Parameters = @{ vmId = '11111111-2222-4333-8444-000000000001'; replaceMedia = $true } },
            @{ Script = 'Dismount-IntegrationServicesSetupDisk'; Parameters = @{ vmId = '11111111-2222-4333-8444-000000000001'; expectedPath = 'D:\ISO\sql2014-sp3.iso' } },
            @{ Script = 'Enable-KvpExchangeService'; Parameters = @{ vmId = '11111111-2222-4333-8444-000000000006' } },
            @{ Script = 'Get-ReplicaFailoverIpSnapshot'; Parameters = @{ vmId = '11111111-2222-4333-8444-000000000006' } }
        )
        $run = Invoke-Constrained 'remediation-2012r2.json' $steps
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output.Mode | Sort-Object -Unique) | Should -Be @('ConstrainedLanguage')
        ($run.Output[0].Text | ConvertFrom-Json).status | Should -Be 'inserted'
        ($run.Output[1].Text | ConvertFrom-Json).status | Should -Be 'restored'
        ($run.Output[2].Text | ConvertFrom-Json).status | Should -Be 'enabled'
        ($run.Output[3].Text | ConvertFrom-Json).vms[0].kvp.enabled | Should -BeTrue
    }

    It 'sets and restores failover TCP/IP settings: the failover scripts' {
        $nic = 'Microsoft:6F1D0C3E-5B7A-4C2D-9E8F-0A1B2C3D4E01\3E0F6A51-8B2C-4D7E-9F10-2A3B4C5D6E71'
        $steps = @(
            @{ Script = 'Set-FailoverTcpIpConfiguration'; Parameters = @{ vmId = '6f1d0c3e-5b7a-4c2d-9e8f-0a1b2c3d4e01'; adapterId = $nic; ipv4Address = '10.30.0.15'; ipv4SubnetMask = '255.255.255.0' } },
            @{ Script = 'Restore-FailoverTcpIpConfiguration'; Parameters = @{ vmId = '6f1d0c3e-5b7a-4c2d-9e8f-0a1b2c3d4e01'; adapterId = $nic } }
        )
        $run = Invoke-Constrained '../powershell/fixtures/failover-tcpip-host.json' $steps
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output.Mode | Sort-Object -Unique) | Should -Be @('ConstrainedLanguage')
        ($run.Output[0].Text | ConvertFrom-Json).status | Should -Be 'failover-set'
        ($run.Output[1].Text | ConvertFrom-Json).status | Should -Be 'failover-restored'
        ($run.Output[1].Text | ConvertFrom-Json).after.IPv4Address | Should -Be '10.20.0.50'
    }
}
