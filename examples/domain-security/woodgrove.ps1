<#
  Woodgrove Bank's Edge Transport server in the seed scenario (mutual TLS with Contoso), on loopback
  ports. Run it in a fresh EDGESHELL_HOME; it ends with the transport running until Ctrl+C:

    EDGESHELL_HOME=/tmp/woodgrove edgeshell -File examples/domain-security/woodgrove.ps1

  Both organizations trust the same lab CA (the seed's "third-party CA"), created in -Lab by
  whichever script runs first. -KeyAlgorithm ECDSA makes this server's key (and the lab CA's, when
  this script creates it) an ECDSA P-256 key instead of RSA.
#>
param(
  [string]$Lab = '.\lab',
  [int]$Port = 2526,
  [int]$PartnerPort = 2525,
  [ValidateSet('RSA', 'ECDSA')][string]$KeyAlgorithm = 'RSA',
  [switch]$NoWait
)
$ErrorActionPreference = 'Stop'

# The lab PKI: a root CA both partners trust, and its revocation list
if (-not (Test-Path "$Lab\ca\ca.cer")) { New-LabCertificateAuthority -Name 'Lab Root CA' -Path "$Lab\ca" -KeyAlgorithm $KeyAlgorithm | Out-Null }
Import-Certificate -FilePath "$Lab\ca\ca.cer" -CertStoreLocation Cert:\LocalMachine\Root | Out-Null

# This Edge server and its domain
Set-TransportServer -Name WOODGROVE -Fqdn mail.woodgrovebank.com
New-AcceptedDomain -Name woodgrovebank.com -DomainName woodgrovebank.com -DomainType Authoritative | Out-Null

# 1. A certificate request for TLS; the CA issues it
New-ExchangeCertificate -GenerateRequest -FriendlyName "Internet certificate" -Path "$Lab\woodgrove.req" -KeyAlgorithm $KeyAlgorithm -SubjectName "DC=com,DC=WoodgroveBank,CN=mail.woodgrovebank.com" -DomainName woodgrovebank.com | Out-Null
Approve-LabCertificateRequest -RequestPath "$Lab\woodgrove.req" -Authority "$Lab\ca" -Path "$Lab\woodgrove.cer" | Out-Null
Publish-LabCrl -Authority "$Lab\ca" -Path "$Lab\ca\lab.crl" | Out-Null
Import-Certificate -FilePath "$Lab\ca\lab.crl" -CertStoreLocation Cert:\LocalMachine\CA | Out-Null

# 2. Import the certificate and enable it for SMTP
Import-ExchangeCertificate -Path "$Lab\woodgrove.cer" | Enable-ExchangeCertificate -Services SMTP -Force

# 3. Send domain security
Set-TransportConfig -TLSSendDomainSecureList contoso.com
New-SendConnector -Name Internet -Usage Internet -AddressSpaces '*' -Fqdn mail.woodgrovebank.com | Out-Null
Set-SendConnector Internet -DomainSecureEnabled:$True

# 4. Receive domain security
Set-TransportConfig -TLSReceiveDomainSecureList contoso.com
New-ReceiveConnector -Name Inet -Usage Internet -Bindings "127.0.0.1:$Port" -Fqdn mail.woodgrovebank.com | Out-Null
Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS

# 5. Verbose protocol logs, to see the TLS negotiation
Set-ReceiveConnector Inet -ProtocolLoggingLevel Verbose
Set-SendConnector Internet -ProtocolLoggingLevel Verbose

# The lab's DNS: Contoso's mail server is on a loopback port; the default connector (0.0.0.0:25) is not needed
Add-StaticMxRecord -Domain contoso.com -Target "127.0.0.1:$PartnerPort" | Out-Null
Set-ReceiveConnector "Default internal receive connector WOODGROVE" -Enabled $false

Get-TransportConfig | Format-List TLSSendDomainSecureList, TLSReceiveDomainSecureList
if ($NoWait) { Start-Transport } else { Start-Transport -Wait }
