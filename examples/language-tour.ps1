# A tour of the language: functions with param() blocks and pipeline attributes, hashtables,
# here-strings, switch, foreach, try/catch, and the formatter. Its output is pinned by
# examples/language-tour.expected.txt (what PowerShell 7 prints, trailing spaces trimmed).
#   edgeshell -File examples/language-tour.ps1
param([string]$Organization = 'Contoso')

function Get-Partner {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)] [string] $Domain,
        [int] $Port = 25
    )
    begin { $count = 0 }
    process {
        $count++
        [pscustomobject]@{ Domain = $Domain; Port = $Port; Secure = $Domain -like '*bank*' }
    }
    end { Write-Verbose "$count partners" }
}

$partners = 'woodgrovebank.com', 'fabrikam.com' | Get-Partner -Port 2526
$partners | Format-Table

$settings = [ordered]@{ Organization = $Organization; Partners = $partners.Count }
$settings

$report = @"
Organization: $Organization
Secure partners: $(($partners | Where-Object Secure).Domain -join ', ')
"@
$report

foreach ($p in $partners) {
    switch -wildcard ($p.Domain) {
        '*bank*' { "$($p.Domain) requires mutual TLS" }
        default { "$($p.Domain) uses opportunistic TLS" }
    }
}

try {
    Get-Partner -Domain ''
} catch {
    "Caught: $($_.FullyQualifiedErrorId)"
}

$partners[0] | Format-List
$partners | Select-Object Domain, @{ Name = 'Endpoint'; Expression = { '{0}:{1}' -f $_.Domain, $_.Port } }
