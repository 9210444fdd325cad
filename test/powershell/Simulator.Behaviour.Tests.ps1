# The simulated Hyper-V module against the real module's behaviour, for every cmdlet the product's
# scripts call in the cases those scripts can meet: one case per fact of
# test/reference/real-behaviour.md (SimulatorBehaviour.Facts.ps1), its source in the case's name.
# Simulator.Conformance.Tests.ps1 holds the signatures; this suite holds what the cmdlets do. The
# last block runs the same facts on the simulator as it was before issue 19 and shows the suite
# fails there: each fact it broke is caught, and the facts it kept hold there too.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'SimulatorBehaviour.Facts.ps1')
    $facts = @($BehaviourFacts | ForEach-Object { @{ Name = $_.Name; Source = $_.Source; FailsBefore = $_.FailsBefore } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'SimulatorBehaviour.Facts.ps1')
    $script:Checks = @{}
    foreach ($fact in $BehaviourFacts) { $script:Checks[$fact.Name] = $fact.Check }
    $script:Simulator = Join-Path $PSScriptRoot '../simulator/modules/Hyper-V/Hyper-V.psm1'
    $script:Before = Join-Path $PSScriptRoot 'fixtures/simulator-before-19/Hyper-V/Hyper-V.psm1'
    function Invoke-Fact([string]$name, [string]$module) {
        $script:BehaviourModule = $module
        $BehaviourModule = $module
        @(& $script:Checks[$name])
    }
}

AfterAll {
    Remove-Module Hyper-V -ErrorAction SilentlyContinue
}

Describe 'Simulated host: <Name> [<Source>]' -ForEach $facts {
    It 'behaves as the real module' {
        Invoke-Fact $Name $Simulator | Should -BeNullOrEmpty
    }
}

Describe 'The behaviour suite on the simulator before issue 19' {
    It 'catches <Name>' -ForEach @($facts | Where-Object FailsBefore) {
        Invoke-Fact $Name $Before | Should -Not -BeNullOrEmpty
    }

    It 'finds <Name> kept there' -ForEach @($facts | Where-Object { -not $_.FailsBefore }) {
        Invoke-Fact $Name $Before | Should -BeNullOrEmpty
    }
}
