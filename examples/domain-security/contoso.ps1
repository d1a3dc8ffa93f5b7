<#
  Contoso's Edge Transport server in the seed scenario, on loopback ports. With Woodgrove Bank's
  transport running (woodgrove.ps1), run it in a fresh EDGESHELL_HOME:

    EDGESHELL_HOME=/tmp/contoso edgeshell -File examples/domain-security/contoso.ps1

  It configures domain security as the seed does, starts the transport, sends a message to
  bob@woodgrovebank.com through its internal connector, waits until it has gone to Woodgrove over
  mutual TLS, and shows the tracking log and the counters. -KeyAlgorithm ECDSA makes this server's
  key (and the lab CA's, when this script creates it) an ECDSA P-256 key instead of RSA.
#>
param(
  [string]$Lab = '.\lab',
  [int]$Port = 2525,
  [int]$SubmissionPort = 2587,
  [int]$PartnerPort = 2526,
  [int]$TimeoutSeconds = 60,
  [ValidateSet('RSA', 'ECDSA')][string]$KeyAlgorithm = 'RSA',
  [switch]$KeepRunning
)
$ErrorActionPreference = 'Stop'

# The lab PKI: a root CA both partners trust, and its revocation list
if (-not (Test-Path "$Lab\ca\ca.cer")) { New-LabCertificateAuthority -Name 'Lab Root CA' -Path "$Lab\ca" -KeyAlgorithm $KeyAlgorithm | Out-Null }
Import-Certificate -FilePath "$Lab\ca\ca.cer" -CertStoreLocation Cert:\LocalMachine\Root | Out-Null

# This Edge server and its domain
Set-TransportServer -Name CONTOSO -Fqdn mail1.contoso.com
New-AcceptedDomain -Name contoso.com -DomainName contoso.com -DomainType Authoritative | Out-Null

# 1. A certificate request for TLS (the seed's command; contoso.com is added to the names so that
#    Woodgrove can match the certificate to the sender's domain); the CA issues it
New-ExchangeCertificate -GenerateRequest -FriendlyName "Internet certificate" -Path "$Lab\contoso.req" -KeyAlgorithm $KeyAlgorithm -SubjectName "DC=com,DC=Contoso,CN=mail1.contoso.com" -DomainName mail.contoso.com, contoso.com | Out-Null
Approve-LabCertificateRequest -RequestPath "$Lab\contoso.req" -Authority "$Lab\ca" -Path "$Lab\contoso.cer" | Out-Null
Publish-LabCrl -Authority "$Lab\ca" -Path "$Lab\ca\lab.crl" | Out-Null
Import-Certificate -FilePath "$Lab\ca\lab.crl" -CertStoreLocation Cert:\LocalMachine\CA | Out-Null

# 2. Import the certificate and enable it for SMTP
Import-ExchangeCertificate -Path "$Lab\contoso.cer" | Enable-ExchangeCertificate -Services SMTP -Force

# 3. Send domain security
Set-TransportConfig -TLSSendDomainSecureList woodgrovebank.com
New-SendConnector -Name Internet -Usage Internet -AddressSpaces '*' -Fqdn mail.contoso.com | Out-Null
Set-SendConnector Internet -DomainSecureEnabled:$True

# 4. Receive domain security
Set-TransportConfig -TLSReceiveDomainSecureList woodgrovebank.com
New-ReceiveConnector -Name Inet -Usage Internet -Bindings "127.0.0.1:$Port" -Fqdn mail.contoso.com | Out-Null
Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS

# 5. Verbose protocol logs, to see the TLS negotiation
Set-ReceiveConnector Inet -ProtocolLoggingLevel Verbose
Set-SendConnector Internet -ProtocolLoggingLevel Verbose

# The lab: Woodgrove's mail server is on a loopback port; mail from inside the organization (here
# Send-MailMessage) comes in through a relay connector for the local host
Add-StaticMxRecord -Domain woodgrovebank.com -Target "127.0.0.1:$PartnerPort" | Out-Null
New-ReceiveConnector -Name Internal -Usage Internal -Bindings "127.0.0.1:$SubmissionPort" -RemoteIPRanges 127.0.0.1 -AuthMechanism Tls, ExternalAuthoritative | Out-Null
Set-ReceiveConnector "Default internal receive connector CONTOSO" -Enabled $false

Start-Transport | Format-List Name, Status, Bindings, Certificate

# Test mail flow
Send-MailMessage -From ann@contoso.com -To bob@woodgrovebank.com -Subject 'Quarterly results' -Body 'Domain-secured, end to end.' -SmtpServer 127.0.0.1 -Port $SubmissionPort -WarningAction SilentlyContinue
$deadline = (Get-Date).AddSeconds($TimeoutSeconds)
while (-not (Get-MessageTrackingLog -EventId SEND -Recipients bob@woodgrovebank.com) -and (Get-Date) -lt $deadline) {
  Start-Sleep -Milliseconds 200
}
if (-not (Get-MessageTrackingLog -EventId SEND -Recipients bob@woodgrovebank.com)) {
  Get-Queue | Format-List Identity, Status, LastError
  throw "The message did not reach Woodgrove Bank within $TimeoutSeconds seconds."
}

Get-MessageTrackingLog -Sender ann@contoso.com | Format-Table EventId, Source, Recipients, MessageInfo
Get-Counter '\MSExchange Secure Mail Transport(_Total)\*'
if (-not $KeepRunning) { Stop-Transport }
