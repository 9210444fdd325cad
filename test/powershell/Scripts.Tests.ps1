# Every script the product sends to a host: parses, carries the JEA help headers, and stays
# within Windows PowerShell 5.1 (the hosts run 5.1; the tests run on PowerShell 7).

BeforeDiscovery {
    $scriptsFolder = Join-Path $PSScriptRoot '../../src/resources/scripts'
    $scripts = @(Get-ChildItem -Path $scriptsFolder -Filter '*.ps1' | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

Describe 'The product scripts' {
    It 'exist' -TestCases @{ Count = $scripts.Count } {
        $Count | Should -BeGreaterThan 0
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
}
