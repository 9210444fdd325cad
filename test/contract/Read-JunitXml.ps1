# Reads a JUnit XML report with .NET's XML reader (strict: well-formed XML 1.0, legal characters, no
# DTD) and writes its structure as JSON for test/contract/check-formats.test.js. A report that is not
# well-formed XML fails with the reader's message (exit 1).
param([Parameter(Mandatory)][string]$Path)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$settings = [System.Xml.XmlReaderSettings]::new()
$settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
$settings.CheckCharacters = $true
$settings.IgnoreWhitespace = $true
$reader = [System.Xml.XmlReader]::Create($Path, $settings)
try {
    $document = [System.Xml.XmlDocument]::new()
    $document.Load($reader)
}
finally {
    $reader.Dispose()
}

# PowerShell's XML adapter lets an attribute hide a property of the same name (a testcase's "name"
# attribute hides the element's Name), so the DOM is read through its methods.
function Get-Attributes($element) {
    $attributes = [ordered]@{}
    foreach ($attribute in $element.get_Attributes()) { $attributes[$attribute.get_Name()] = $attribute.get_Value() }
    $attributes
}

function Get-Children($element) {
    @($element.get_ChildNodes() | Where-Object { $_.get_NodeType() -eq [System.Xml.XmlNodeType]::Element })
}

function Get-ElementName($element) { $element.get_LocalName() }

$root = $document.get_DocumentElement()
$suites = foreach ($suite in (Get-Children $root)) {
    $properties = [ordered]@{}
    $cases = @()
    $others = @()
    foreach ($child in (Get-Children $suite)) {
        switch (Get-ElementName $child) {
            'properties' { foreach ($p in (Get-Children $child)) { $properties[$p.GetAttribute('name')] = $p.GetAttribute('value') } }
            'testcase' {
                $outcomes = @(Get-Children $child | Where-Object { (Get-ElementName $_) -ne 'system-out' })
                $out = @(Get-Children $child | Where-Object { (Get-ElementName $_) -eq 'system-out' })
                $cases += [ordered]@{
                    attributes = Get-Attributes $child
                    outcomes   = @($outcomes | ForEach-Object { [ordered]@{ element = Get-ElementName $_; attributes = Get-Attributes $_; text = $_.get_InnerText() } })
                    systemOut  = $(if ($out.Count -gt 0) { $out[0].get_InnerText() } else { $null })
                }
            }
            default { $others += Get-ElementName $child }
        }
    }
    [ordered]@{ element = Get-ElementName $suite; attributes = Get-Attributes $suite; properties = $properties; cases = $cases; others = $others }
}

[ordered]@{ element = Get-ElementName $root; attributes = Get-Attributes $root; suites = @($suites) } | ConvertTo-Json -Depth 8 -Compress
