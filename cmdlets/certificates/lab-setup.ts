// Example preparation shared by the certificate cmdlets' help: a lab CA, a request and its issued
// certificate, so every example runs in an empty EDGESHELL_HOME without a real PKI.
export const LAB_CA = 'New-LabCertificateAuthority -Name "Lab Root CA" -Path .\\labca -KeySize 1024 | Out-Null';
export const TRUST_LAB_ROOT = 'Import-Certificate -FilePath .\\labca\\ca.cer -CertStoreLocation Cert:\\LocalMachine\\Root | Out-Null';
export const REQUEST_MAIL1 =
  'New-ExchangeCertificate -GenerateRequest -FriendlyName "Internet certificate" -Path .\\request.req -SubjectName "DC=com,DC=Contoso,CN=mail1.contoso.com" -DomainName mail.contoso.com -KeySize 1024 | Out-Null';
export const ISSUE_MAIL1 = 'Approve-LabCertificateRequest -RequestPath .\\request.req -Authority .\\labca -Path .\\issued.cer | Out-Null';
export const PFX_MAIL1 = [
  'New-ExchangeCertificate -SubjectName "CN=mail1.contoso.com" -Services None -KeySize 1024 -PrivateKeyExportable $true | Out-Null',
  '$t = (Get-ExchangeCertificate -DomainName mail1.contoso.com).Thumbprint',
  'Export-ExchangeCertificate -Thumbprint $t -Path .\\import.pfx -BinaryEncoded -Password (ConvertTo-SecureString -String "P@ssw0rd" -AsPlainText -Force) | Out-Null',
  'Remove-ExchangeCertificate -Thumbprint $t -Confirm:$false',
].join('\n');

export const setup = (...lines: string[]) => lines.join('\n');
