// The seed's certificate steps as a script, through the real engine. The examples of every cmdlet
// run in test/examples.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { views } from '../../cmdlets/certificates/views.js';
import { openssl } from '../pki/openssl.js';
import { tempDir } from './harness.js';

import * as shell from '../helpers/shell.js';

beforeAll(async () => {
  const { registerViews } = await import('../../src/format/views.js');
  registerViews(views);
});

describe('the seed scenario, literally', () => {
  it('generates the request, imports and enables the certificates, shows them', async () => {
    const cwd = tempDir('edgeshell-seed-');
    const home = tempDir('edgeshell-seed-home-');
    const certs = path.join(cwd, 'c:', 'certificates');
    fs.mkdirSync(certs, { recursive: true });
    // a PFX for the second server, from OpenSSL, without a password (as the seed imports it)
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/DC=com/DC=Contoso/CN=mail2.mail.contoso.com'], certs);
    openssl(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'import.pfx', '-passout', 'pass:'], certs);
    const thumb = openssl(['x509', '-in', 'c.pem', '-noout', '-fingerprint', '-sha1'], certs).trim().replace(/^sha1 Fingerprint=/i, '').replace(/:/g, '');
    const script = [
      'New-LabCertificateAuthority -Name "Lab Root CA" -Path .\\labca -KeySize 1024 | Out-Null',
      'New-ExchangeCertificate -GenerateRequest -FriendlyName "Internet certificate" -Path c:\\certificates\\request.p7c -SubjectName "DC=com,DC=Contoso,CN=mail1.contoso.com"  -DomainName mail.contoso.com | Out-Null',
      'Approve-LabCertificateRequest -RequestPath c:\\certificates\\request.p7c -Authority .\\labca -Path c:\\certificates\\issued.cer | Out-Null',
      'Import-ExchangeCertificate -Path c:\\certificates\\issued.cer | Enable-ExchangeCertificate -Services SMTP',
      'Import-ExchangeCertificate -Path c:\\certificates\\import.pfx ',
      `Enable-ExchangeCertificate -Thumbprint ${thumb} -Services SMTP -Force`,
      'Get-ExchangeCertificate |FL',
      'Get-ExchangeCertificate',
    ].join('\n');
    const r = await shell.runScript(script, { home, cwd });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Status\s+: Untrusted/);
    expect(r.stdout).toContain(`Thumbprint         : ${thumb}`);
    expect(r.stdout).toMatch(/Subject\s+: CN=mail1\.contoso\.com, DC=Contoso, DC=com/);
    expect(r.stdout).toMatch(/Thumbprint\s+Services\s+Subject/);
    expect(r.stdout).toMatch(new RegExp(`${thumb}\\s+\\.\\.\\.\\.S\\.\\s+CN=mail2\\.mail\\.contoso\\.com, DC=Contoso, DC=com`));
    const trusted = await shell.runScript('Import-Certificate -FilePath .\\labca\\ca.cer -CertStoreLocation Cert:\\LocalMachine\\Root | Out-Null\n(Get-ExchangeCertificate -DomainName mail.contoso.com).Status', { home, cwd });
    expect(trusted.stdout.trim()).toBe('Valid');
  }, 60_000);

  it('reports a wrong password the PowerShell way and stores nothing', async () => {
    const cwd = tempDir('edgeshell-seed-');
    const home = tempDir('edgeshell-seed-home-');
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/CN=x'], cwd);
    openssl(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'x.pfx', '-passout', 'pass:right'], cwd);
    const r = await shell.runScript('Import-ExchangeCertificate -Path .\\x.pfx -Password (ConvertTo-SecureString -String wrong -AsPlainText -Force)\n@(Get-ExchangeCertificate).Count', { home, cwd });
    expect(r.stderr).toMatch(/Import-ExchangeCertificate: The PFX file you are trying to import requires a different password/);
    expect(r.stdout.trim()).toBe('0');
  }, 30_000);
});
