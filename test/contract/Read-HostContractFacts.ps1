<#
.SYNOPSIS
Reads, from the syntax tree of each script in a folder, what it shares with the TypeScript side (for
test/contract/host-contract.test.js). Prints one JSON array, one entry per script.

.DESCRIPTION
Per script:
- constants: the assignments `$name = 'text'` inside the marked block
  `#region Host contract ...` ... `#endregion` (and problems: anything else inside it);
- values of `status` (remediation statuses) and `code` (host error codes): every value a
  hashtable entry of that key can take, followed through variables (their assignments) and
  function parameters (the arguments of every call of the function, by position or name).
  A value that isn't a string literal, $null, or a variable that resolves so, is a problem;
- literals: every string literal and expandable string outside the marked block (its text),
  for the stray copies the test looks for;
- usesVariables: every variable the script names outside the block; commands: every command it calls;
  role: its .ROLE.

.PARAMETER Folder
The folder of the scripts (src/resources/scripts, or a test's drifted copy); every *.ps1 in it.
#>
[CmdletBinding()]
param([Parameter(Mandatory = $true)][string]$Folder)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$language = 'System.Management.Automation.Language'

function Get-ContractBlock($tokens) {
    $start = $null
    $end = $null
    foreach ($token in $tokens) {
        if ($token.Kind -ne 'Comment') { continue }
        if ($null -eq $start -and $token.Text -match '^#region Host contract\b') { $start = $token.Extent.EndOffset; continue }
        if ($null -ne $start -and $null -eq $end -and $token.Text -match '^#endregion\b') { $end = $token.Extent.StartOffset }
    }
    if ($null -eq $start) { return $null }
    if ($null -eq $end) { throw 'the host contract block has no #endregion' }
    return @{ Start = $start; End = $end }
}

function Test-Inside($node, $block) {
    return $null -ne $block -and $node.Extent.StartOffset -ge $block.Start -and $node.Extent.EndOffset -le $block.End
}

# The single expression of a pipeline or command expression, else $null.
function Get-Expression($node) {
    while ($node -is [System.Management.Automation.Language.PipelineAst] -or $node -is [System.Management.Automation.Language.CommandExpressionAst]) {
        if ($node -is [System.Management.Automation.Language.PipelineAst]) {
            if ($node.PipelineElements.Count -ne 1) { return $null }
            $node = $node.PipelineElements[0]
        }
        else { $node = $node.Expression }
    }
    while ($node -is [System.Management.Automation.Language.ParenExpressionAst]) { $node = Get-Expression $node.Pipeline }
    return $node
}

# The string values an expression can take: @{ Values; Problems }.
function Resolve-Values($ast, $expression, [hashtable]$seen) {
    $values = @()
    $problems = @()
    $expression = Get-Expression $expression
    if ($expression -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
        return @{ Values = @($expression.Value); Problems = @() }
    }
    if ($expression -is [System.Management.Automation.Language.VariableExpressionAst]) {
        $name = $expression.VariablePath.UserPath
        if ($name -eq 'null') { return @{ Values = @(); Problems = @() } }
        if ($seen.ContainsKey($name)) { return @{ Values = @(); Problems = @() } }
        $seen[$name] = $true
        $found = $false
        # Assignments to the variable.
        foreach ($assignment in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.AssignmentStatementAst] -and
                    $n.Left -is [System.Management.Automation.Language.VariableExpressionAst] -and $n.Left.VariablePath.UserPath -eq $name }, $true)) {
            $found = $true
            $result = Resolve-Values $ast $assignment.Right $seen
            $values += $result.Values; $problems += $result.Problems
        }
        # Parameters of functions: the arguments of every call.
        foreach ($function in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true)) {
            $parameters = @()
            if ($function.Parameters) { $parameters = @($function.Parameters) }
            elseif ($function.Body.ParamBlock) { $parameters = @($function.Body.ParamBlock.Parameters) }
            $position = -1
            for ($i = 0; $i -lt $parameters.Count; $i++) { if ($parameters[$i].Name.VariablePath.UserPath -eq $name) { $position = $i } }
            if ($position -lt 0) { continue }
            $found = $true
            foreach ($call in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq $function.Name }, $true)) {
                $elements = @($call.CommandElements | Select-Object -Skip 1)
                $positional = @()
                $argument = $null
                for ($i = 0; $i -lt $elements.Count; $i++) {
                    $element = $elements[$i]
                    if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
                        $value = $element.Argument
                        if (-not $value -and $i + 1 -lt $elements.Count) { $i++; $value = $elements[$i] }
                        if ($element.ParameterName -eq $name) { $argument = $value }
                        continue
                    }
                    $positional += @($element)
                }
                if (-not $argument -and $position -lt $positional.Count) { $argument = $positional[$position] }
                if (-not $argument) { continue }
                $result = Resolve-Values $ast $argument $seen
                $values += $result.Values; $problems += $result.Problems
            }
        }
        if (-not $found) { $problems += "`$$name has no value the test can read" }
        return @{ Values = $values; Problems = $problems }
    }
    $text = if ($expression) { $expression.Extent.Text } else { '(a pipeline)' }
    return @{ Values = @(); Problems = @("$text is not a string literal") }
}

# Every value hashtable entries with this key take.
function Get-KeyValues($ast, [string]$key) {
    $values = @()
    $problems = @()
    foreach ($table in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.HashtableAst] }, $true)) {
        foreach ($pair in $table.KeyValuePairs) {
            $name = Get-Expression $pair.Item1
            if (-not ($name -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $name.Value -eq $key)) { continue }
            $result = Resolve-Values $ast $pair.Item2 @{}
            $values += $result.Values
            $problems += @($result.Problems | ForEach-Object { "line $($pair.Item2.Extent.StartLineNumber): $_" })
        }
    }
    return @{ Values = @($values | Sort-Object -Unique); Problems = @($problems) }
}

$files = @(Get-ChildItem -LiteralPath $Folder -Filter '*.ps1' | Sort-Object Name | ForEach-Object FullName)
$facts = foreach ($file in $files) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
    $blockProblems = @()
    $block = $null
    try { $block = Get-ContractBlock $tokens } catch { $blockProblems += [string]$_ }
    $constants = [ordered]@{}
    if ($block) {
        foreach ($statement in $ast.EndBlock.Statements) {
            if (-not (Test-Inside $statement $block)) { continue }
            $right = $null
            if ($statement -is [System.Management.Automation.Language.AssignmentStatementAst] -and $statement.Operator -eq 'Equals' -and
                $statement.Left -is [System.Management.Automation.Language.VariableExpressionAst]) {
                $right = Get-Expression $statement.Right
            }
            if ($right -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $right.StringConstantType -eq 'SingleQuoted') {
                $constants[$statement.Left.VariablePath.UserPath] = $right.Value
            }
            else {
                $blockProblems += "line $($statement.Extent.StartLineNumber): the host contract block holds only `$name = 'text' lines: $($statement.Extent.Text)"
            }
        }
    }
    $literals = @($ast.FindAll({ param($n) ($n -is [System.Management.Automation.Language.StringConstantExpressionAst] -or
                    $n -is [System.Management.Automation.Language.ExpandableStringExpressionAst]) -and -not (Test-Inside $n $block) }, $true) |
        ForEach-Object { [string]$_.Value })
    $variables = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.VariableExpressionAst] -and -not (Test-Inside $n $block) }, $true) |
        ForEach-Object { $_.VariablePath.UserPath } | Sort-Object -Unique)
    $commands = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) |
        ForEach-Object { $_.GetCommandName() } | Where-Object { $_ } | Sort-Object -Unique)
    $help = $ast.GetHelpContent()
    $statuses = Get-KeyValues $ast 'status'
    $codes = Get-KeyValues $ast 'code'
    [ordered]@{
        name           = [System.IO.Path]::GetFileName($file)
        role           = $(if ($help -and $help.Role) { $help.Role.Trim() } else { $null })
        commands       = $commands
        parseErrors    = @($errors | ForEach-Object { $_.Message })
        hasBlock       = $null -ne $block
        constants      = $constants
        blockProblems  = @($blockProblems)
        statuses       = @($statuses.Values)
        statusProblems = @($statuses.Problems)
        codes          = @($codes.Values)
        codeProblems   = @($codes.Problems)
        literals       = $literals
        usesVariables  = $variables
    }
}
ConvertTo-Json -InputObject @($facts) -Depth 6 -Compress
