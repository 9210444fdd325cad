# Compares the simulated Hyper-V module (test/simulator) with the real module's public surface
# (test/reference/hyperv-module-2.0.json). Every function returns the differences it finds as
# sentences, none when the simulator matches. Used by Simulator.Conformance.Tests.ps1.
#
# How simulator types map to the reference's type names:
# - a parameter typed [object] / [object[]] with [PSTypeName('Microsoft.HyperV.PowerShell.X')]
#   stands for Microsoft.HyperV.PowerShell.X (X[]): PowerShell then binds only objects with that
#   PSTypeName, as the real cmdlet binds only objects of that class;
# - a PowerShell enum of the simulator (no namespace) named like a real enum stands for
#   Microsoft.HyperV.PowerShell.<name>; its members and values are compared separately;
# - an output object is a PSCustomObject whose PSTypeName (TypeNames[0]) is the real class;
# - everything else compares by .NET full name (type accelerators resolved: string[] is
#   System.String[], switch is System.Management.Automation.SwitchParameter, System.Nullable[guid]
#   is System.Nullable<System.Guid>).

$script:HyperVNamespace = 'Microsoft.HyperV.PowerShell.'
$script:Accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')::Get

# The reference file, with case-sensitive dictionaries (names must be spelled as the real ones).
function Read-HvReference([string]$Path) {
    ConvertTo-HvOrdinalDictionary (Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json -AsHashtable)
}

function ConvertTo-HvOrdinalDictionary($value) {
    if ($value -is [System.Collections.IDictionary]) {
        $result = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([StringComparer]::Ordinal)
        foreach ($key in $value.Keys) { $result[$key] = ConvertTo-HvOrdinalDictionary $value[$key] }
        return ,$result
    }
    if ($value -is [array]) { return ,@($value | ForEach-Object { ConvertTo-HvOrdinalDictionary $_ }) }
    return $value
}

# The key of a dictionary spelled exactly as $Name, or $null.
function Find-HvKey([System.Collections.IDictionary]$Dictionary, [string]$Name) {
    if ($Dictionary -is [System.Collections.Generic.Dictionary[string, object]] -and $Dictionary.Comparer -eq [StringComparer]::Ordinal) {
        if ($Dictionary.ContainsKey($Name)) { return $Name }
        return $null
    }
    foreach ($key in $Dictionary.Keys) { if ($key -ceq $Name) { return $key } }
    return $null
}

# A type name as the reference writes it -> the canonical name used for comparison.
function ConvertTo-HvCanonicalTypeName([string]$Name) {
    $name = $Name.Trim()
    if ($name -match '^System\.Nullable[\[<](.+)[\]>]$') { return 'System.Nullable<' + (ConvertTo-HvCanonicalTypeName $Matches[1]) + '>' }
    if ($name.EndsWith('[]')) { return (ConvertTo-HvCanonicalTypeName $name.Substring(0, $name.Length - 2)) + '[]' }
    if ($name -match '^([^<]+)<(.+)>$') { return $Matches[1] + '<' + (ConvertTo-HvCanonicalTypeName $Matches[2]) + '>' }
    if ($name -eq 'switch') { return 'System.Management.Automation.SwitchParameter' }
    if ($name.StartsWith($script:HyperVNamespace)) { return $name }
    $accelerator = $script:Accelerators[$name]
    if ($accelerator) { return $accelerator.FullName }
    $type = $name -as [type]
    if ($type) { return $type.FullName }
    return $name
}

# A simulator type (and the PSTypeName that narrows it, if any) -> the canonical name.
function ConvertTo-HvSimTypeName([type]$Type, [string]$PSTypeName) {
    if ($PSTypeName) {
        if ($Type.IsArray) { return "$PSTypeName[]" }
        return $PSTypeName
    }
    if ($Type.IsArray) { return (ConvertTo-HvSimTypeName $Type.GetElementType()) + '[]' }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return 'System.Nullable<' + (ConvertTo-HvSimTypeName $underlying) + '>' }
    if ($Type.IsEnum -and -not $Type.Namespace) { return $script:HyperVNamespace + $Type.Name }
    return $Type.FullName
}

function Get-HvPSTypeName($parameter) {
    $attribute = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.PSTypeNameAttribute] }) | Select-Object -First 1
    if ($attribute) { return $attribute.PSTypeName }
    return $null
}

# Differences between a simulated cmdlet's parameters and the real cmdlet's ($Reference: its entry
# in the reference's "cmdlets"): parameters the real one lacks, other types or aliases, a mandatory
# parameter made optional in a parameter set, sets, positions and pipeline input the real one
# doesn't have.
function Compare-HvCmdletParameters([System.Management.Automation.CommandInfo]$Command, [System.Collections.IDictionary]$Reference, [string]$Name = $Command.Name) {
    $problems = New-Object System.Collections.Generic.List[string]
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $simSets = @($Command.ParameterSets | ForEach-Object Name | Where-Object { $_ -ne '__AllParameterSets' })
    $realParameters = $Reference.parameters
    foreach ($parameter in $Command.Parameters.Values) {
        if ($common -contains $parameter.Name) { continue }
        $p = "${Name} -$($parameter.Name)"
        $realKey = Find-HvKey $realParameters $parameter.Name
        $real = $(if ($realKey) { $realParameters[$realKey] } else { $null })
        if (-not $real) {
            $problems.Add("$p`: the real cmdlet has no such parameter")
            continue
        }
        $simType = ConvertTo-HvSimTypeName $parameter.ParameterType (Get-HvPSTypeName $parameter)
        $realType = ConvertTo-HvCanonicalTypeName $real.type
        if ($simType -ne $realType) { $problems.Add("$p`: typed $simType, the real cmdlet has $realType") }
        foreach ($alias in $parameter.Aliases) {
            if (@($real.aliases) -notcontains $alias) { $problems.Add("$p`: alias $alias, which the real cmdlet doesn't have") }
        }
        $realSets = @($real.sets)
        if ($realSets.Count -eq 0) { continue }   # the reference lists no set for it: name and type only
        foreach ($setName in $parameter.ParameterSets.Keys) {
            $sim = $parameter.ParameterSets[$setName]
            $effective = if ($setName -eq '__AllParameterSets' -and $simSets.Count -gt 0) { $simSets } else { @($setName) }
            foreach ($set in $effective) {
                $matching = @($realSets | Where-Object { $_.set -eq $set -or $_.set -eq '__AllParameterSets' -or $set -eq '__AllParameterSets' })
                if ($matching.Count -eq 0) {
                    $problems.Add("$p`: accepted in parameter set $set, where the real cmdlet doesn't accept it")
                    continue
                }
                $simPosition = if ($sim.Position -ge 0) { $sim.Position } else { $null }
                foreach ($r in $matching) {
                    if ($r.mandatory -and -not $sim.IsMandatory) { $problems.Add("$p`: optional in parameter set $set, mandatory in the real set $($r.set)") }
                    if ($simPosition -ne $r.position) { $problems.Add("$p`: position $simPosition in parameter set $set, the real set $($r.set) has $($r.position)") }
                    if (($sim.ValueFromPipeline -or $sim.ValueFromPipelineByPropertyName) -and -not $r.pipeline) {
                        $problems.Add("$p`: takes pipeline input in parameter set $set, the real set $($r.set) doesn't")
                    }
                }
            }
        }
    }
    # A set the simulator offers must ask for everything the real set makes mandatory.
    foreach ($set in $simSets) {
        foreach ($key in $realParameters.Keys) {
            $mandatory = @($realParameters[$key].sets | Where-Object { $_.mandatory -and ($_.set -eq $set -or $_.set -eq '__AllParameterSets') })
            if ($mandatory.Count -eq 0) { continue }
            $sim = $Command.Parameters[$key]
            if (-not $sim -or (-not $sim.ParameterSets.ContainsKey($set) -and -not $sim.ParameterSets.ContainsKey('__AllParameterSets'))) {
                $problems.Add("${Name}: parameter set $set works without -$key, which the real set requires")
            }
        }
    }
    return $problems.ToArray()
}

# Whether a value of a real class's property may be null: reference types and Nullable<> may.
function Test-HvNullable([string]$canonical, [System.Collections.IDictionary]$Reference) {
    if ($canonical.StartsWith('System.Nullable<') -or $canonical.EndsWith('[]') -or $canonical.Contains('<')) { return $true }
    if ($canonical.StartsWith($script:HyperVNamespace)) { return -not (Find-HvKey $Reference.enums $canonical.Substring($script:HyperVNamespace.Length)) }
    $type = $canonical -as [type]
    if ($type) { return -not $type.IsValueType }
    return $true
}

# The canonical type name of a value the simulator returns.
function Get-HvValueTypeName($value) {
    if ($value -is [System.Management.Automation.PSCustomObject] -or ($value -is [psobject] -and $value.PSObject.BaseObject -is [System.Management.Automation.PSCustomObject])) {
        return $value.PSObject.TypeNames[0]
    }
    return ConvertTo-HvSimTypeName $value.GetType()
}

# Differences between a value and the real property type (canonical name).
function Compare-HvValue($value, [string]$realType, [string]$where, [System.Collections.IDictionary]$Reference) {
    if ($null -eq $value) {
        if (-not (Test-HvNullable $realType $Reference)) { return "${where}: null, but the real type $realType can't be null" }
        return
    }
    $type = $realType
    if ($type -match '^System\.Nullable<(.+)>$') { $type = $Matches[1] }
    $element = $null
    if ($type.EndsWith('[]')) { $element = $type.Substring(0, $type.Length - 2) }
    elseif ($type -match '^System\.Collections\.Generic\.I?(ReadOnly)?(List|Collection|Enumerable)<(.+)>$') { $element = $Matches[3] }
    if ($element) {
        if ($value -isnot [array]) { return "${where}: a single $(Get-HvValueTypeName $value), the real type is the collection $realType" }
        $i = 0
        foreach ($item in $value) { Compare-HvValue $item $element "$where[$i]" $Reference; $i++ }
        return
    }
    $actual = Get-HvValueTypeName $value
    if ($actual -ne $type) { return "${where}: $actual, the real type is $realType" }
    if ($actual.StartsWith($script:HyperVNamespace) -and (Find-HvKey $Reference.classes $actual.Substring($script:HyperVNamespace.Length))) {
        Compare-HvObject $value $Reference -Where $where
    }
}

# Differences between an object a simulated cmdlet returned and the real output class: its
# PSTypeName must be a real class (the cmdlet's output type, or a class with all of its
# properties: e.g. VMNetworkAdapter for VMNetworkAdapterBase), every property it carries must exist
# on that class with a compatible type.
function Compare-HvObject($Object, [System.Collections.IDictionary]$Reference, [string[]]$OutputType, [string]$Where = 'object') {
    $typeName = $Object.PSObject.TypeNames[0]
    if (-not $typeName.StartsWith($script:HyperVNamespace) -or -not (Find-HvKey $Reference.classes $typeName.Substring($script:HyperVNamespace.Length))) {
        return "${Where}: PSTypeName $typeName is not a class of the real module"
    }
    $className = $typeName.Substring($script:HyperVNamespace.Length)
    $class = $Reference.classes[$className]
    if ($OutputType) {
        $fits = $false
        foreach ($output in $OutputType) {
            $outputName = $output.Substring($script:HyperVNamespace.Length)
            if ($outputName -ceq $className) { $fits = $true; continue }
            $outputClass = $Reference.classes[$outputName]
            if ($outputClass -and @($outputClass.Keys | Where-Object { -not (Find-HvKey $class $_) }).Count -eq 0) { $fits = $true }
        }
        if (-not $fits) { return "${Where}: PSTypeName $typeName, the real cmdlet returns $($OutputType -join ', ')" }
    }
    foreach ($property in $Object.PSObject.Properties) {
        $realName = Find-HvKey $class $property.Name
        if (-not $realName) {
            "${Where}.$($property.Name): the real class $className has no such property"
            continue
        }
        Compare-HvValue $property.Value (ConvertTo-HvCanonicalTypeName $class[$realName]) "$Where.$($property.Name)" $Reference
    }
}

# Differences between a simulator enum ($Members: name -> value) and the real enum of that name.
function Compare-HvEnum([string]$Name, [System.Collections.IDictionary]$Members, [System.Collections.IDictionary]$Reference) {
    $enumKey = Find-HvKey $Reference.enums $Name
    if (-not $enumKey) { return "enum ${Name}: the real module has no such enum" }
    $real = $Reference.enums[$enumKey]
    foreach ($member in $Members.Keys) {
        $realMember = Find-HvKey $real $member
        if (-not $realMember) { "enum ${Name}: $member = $($Members[$member]) is not a real member"; continue }
        if ([long]$real[$realMember] -ne [long]$Members[$member]) { "enum ${Name}: $member = $($Members[$member]), the real value is $($real[$realMember])" }
    }
    foreach ($member in $real.Keys) {
        if (-not (Find-HvKey $Members $member)) { "enum ${Name}: lacks the real member $member = $($real[$member])" }
    }
}

# The members of an enum type as name -> integer value.
function Get-HvEnumMembers([type]$Type) {
    $members = [ordered]@{}
    foreach ($name in [Enum]::GetNames($Type)) { $members[$name] = [long][Enum]::Parse($Type, $name).value__ }
    return $members
}

Export-ModuleMember -Function Read-HvReference, ConvertTo-HvCanonicalTypeName, ConvertTo-HvSimTypeName, Compare-HvCmdletParameters,
    Compare-HvObject, Compare-HvEnum, Get-HvEnumMembers
