# A first script: parameters, a pipeline and a formatted table.
#   edgeshell -File examples/hello.ps1 -Name Contoso
param([string]$Name = 'World')

"Hello, $Name!"
1..3 | ForEach-Object { [pscustomobject]@{ Step = $_; Square = $_ * $_ } } | Format-Table
