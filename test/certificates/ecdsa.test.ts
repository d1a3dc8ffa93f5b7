// ECDSA certificates through the real engine: -KeyAlgorithm and its errors, self-signed and requested
// certificates, the lab CA, PFX import and export checked with OpenSSL, and the store at rest.
import { describe, it, expect, beforeAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { views } from '../../cmdlets/certificates/views.js';
import { cmdlets } from '../../cmdlets/certificates/index.js';
import { complete, type CompletionSource } from '../../src/ui/completion.js';
import type { CommandInfo } from '../../src/engine/cmdlet.js';
import { keysDir, readCertificateStore } from '../../src/state/certificates.js';
import { openssl, opensslTry } from '../pki/openssl.js';
import { runScript, tempDir } from '../helpers/shell.js';

beforeAll(async () => {
  const { registerViews } = await import('../../src/format/views.js');
  registerViews(views);
});

const fingerprint = (file: string, dir: string) => openssl(['x509', '-in', file, '-noout', '-fingerprint', '-sha1'], dir).trim().replace(/^sha1 Fingerprint=/i, '').replace(/:/g, '');
const server = () => ({ home: tempDir('edgeshell-ec-home-'), cwd: tempDir('edgeshell-ec-cwd-') });

/** Runs the lines as one script on a server; it must write no error. Returns what it printed. */
async function run(o: { home: string; cwd: string }, ...lines: string[]): Promise<string> {
  const r = await runScript(lines.join('\n'), o);
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('-KeyAlgorithm and -KeySize', () => {
  it.each([
    ['New-ExchangeCertificate -KeyAlgorithm DSA -SubjectName CN=a', `New-ExchangeCertificate: Cannot validate argument on parameter 'KeyAlgorithm'. The argument "DSA" does not belong to the set "RSA,ECDSA" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`],
    ['New-ExchangeCertificate -KeyAlgorithm ECDSA -KeySize 2048 -SubjectName CN=a', 'New-ExchangeCertificate: The KeySize 2048 is not supported for ECDSA keys. Use 256 (P-256), 384 (P-384) or 521 (P-521).'],
    ['New-ExchangeCertificate -GenerateRequest -KeySize 384 -Path .\\r.req -SubjectName CN=a', 'New-ExchangeCertificate: The KeySize 384 is not supported for RSA keys. Use 1024, 2048 or 4096. For an ECDSA key on the curve P-384, add -KeyAlgorithm ECDSA.'],
    ['New-ExchangeCertificate -KeyAlgorithm RSA -KeySize 3000 -SubjectName CN=a', 'New-ExchangeCertificate: The KeySize 3000 is not supported for RSA keys. Use 1024, 2048 or 4096.'],
    ['New-LabCertificateAuthority -Name X -Path .\\ca -KeyAlgorithm ECDSA -KeySize 4096', 'New-LabCertificateAuthority: The KeySize 4096 is not supported for ECDSA keys. Use 256 (P-256), 384 (P-384) or 521 (P-521).'],
  ])('%s is refused, nothing stored', async (line, message) => {
    const o = server();
    const r = await runScript(`${line}\n@(Get-ExchangeCertificate).Count\nTest-Path .\\ca`, o);
    expect(r.stderr.split('\n')[0]).toBe(message);
    expect(r.stdout).toBe('0\nFalse\n');
  });

  it('Tab completes the values of -KeyAlgorithm from the declaration', async () => {
    const commands: CommandInfo[] = cmdlets.map((d) => ({ name: d.name, commandType: 'Cmdlet', definition: d.name, decl: d, source: 'Test' }));
    const source: CompletionSource = { commands: () => commands, variables: () => [], cwd: '/', home: '/', userHome: '/' };
    const texts = async (line: string) => (await complete(line, line.length, source)).items.map((i) => i.text);
    expect(await texts('New-ExchangeCertificate -KeyAlgorithm ')).toEqual(['RSA', 'ECDSA']);
    expect(await texts('New-ExchangeCertificate -KeyAlgorithm e')).toEqual(['ECDSA']);
  });
});

describe('a self-signed ECDSA certificate', () => {
  it('shows PublicKeySize 256, its key at rest is a P-256 PKCS#8 key of mode 0600, and the thumbprint is OpenSSL\'s', async () => {
    const o = server();
    const out = await run(
      o,
      'New-ExchangeCertificate -KeyAlgorithm ECDSA -SubjectName "CN=edge1.contoso.com" -DomainName mail.contoso.com -Services SMTP -PrivateKeyExportable $true | Out-Null',
      'Get-ExchangeCertificate | Format-List CertificateDomains,HasPrivateKey,IsSelfSigned,PublicKeySize,RootCAType,Services,Status,Subject',
      '(Get-ExchangeCertificate).Thumbprint',
    );
    const [list, thumb] = [out.slice(0, out.lastIndexOf('\n\n') + 2), out.trim().split('\n').at(-1)!];
    expect(list).toBe(
      '\nCertificateDomains : {edge1.contoso.com, mail.contoso.com}\nHasPrivateKey      : True\nIsSelfSigned       : True\nPublicKeySize      : 256\nRootCAType         : None\nServices           : SMTP\nStatus             : Valid\nSubject            : CN=edge1.contoso.com\n\n',
    );
    const rec = readCertificateStore(o.home).certificates[0]!;
    const keyFile = path.join(keysDir(o.home), rec.keyFile!);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(keyFile)).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(openssl(['pkey', '-in', keyFile, '-noout', '-text'], o.cwd)).toContain('ASN1 OID: prime256v1');
    fs.writeFileSync(path.join(o.cwd, 'c.cer'), `-----BEGIN CERTIFICATE-----\n${rec.certificate}\n-----END CERTIFICATE-----\n`);
    expect(fingerprint('c.cer', o.cwd)).toBe(thumb);
    const text = openssl(['x509', '-in', 'c.cer', '-noout', '-text'], o.cwd);
    expect(text).toContain('Signature Algorithm: ecdsa-with-SHA256');
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
  });

  it('exports as a PFX that openssl pkcs12 reads with the matching key, and another server imports it', async () => {
    const o = server();
    const out = await run(
      o,
      'New-ExchangeCertificate -KeyAlgorithm ECDSA -KeySize 384 -SubjectName "CN=edge1.contoso.com" -Services None -PrivateKeyExportable $true | Out-Null',
      '$t = (Get-ExchangeCertificate).Thumbprint',
      'Export-ExchangeCertificate -Thumbprint $t -Path .\\ec.pfx -BinaryEncoded -Password (ConvertTo-SecureString -String "P@ssw0rd" -AsPlainText -Force) | Out-Null',
      '$t',
    );
    const thumb = out.trim();
    expect(fs.statSync(path.join(o.cwd, 'ec.pfx')).mode & 0o777).toBe(0o600);
    const p = opensslTry(['pkcs12', '-in', 'ec.pfx', '-passin', 'pass:P@ssw0rd', '-nodes'], o.cwd);
    expect(p.ok).toBe(true);
    fs.writeFileSync(path.join(o.cwd, 'all.pem'), p.out);
    expect(openssl(['pkey', '-in', 'all.pem', '-pubout'], o.cwd)).toBe(openssl(['x509', '-in', 'all.pem', '-noout', '-pubkey'], o.cwd));
    expect(openssl(['pkey', '-in', 'all.pem', '-noout', '-text'], o.cwd)).toContain('ASN1 OID: secp384r1');
    expect(fingerprint('all.pem', o.cwd)).toBe(thumb);

    const other = { home: tempDir('edgeshell-ec-home-'), cwd: o.cwd };
    const imported = await run(other, 'Import-ExchangeCertificate -Path .\\ec.pfx -Password (ConvertTo-SecureString -String "P@ssw0rd" -AsPlainText -Force) | Format-List Thumbprint,PublicKeySize,HasPrivateKey,PrivateKeyExportable');
    expect(imported).toBe(`\nThumbprint           : ${thumb}\nPublicKeySize        : 384\nHasPrivateKey        : True\nPrivateKeyExportable : False\n\n`);
  });
});

describe('an ECDSA request completed by the lab CA', () => {
  it('request -> approve (ECDSA CA) -> Import-ExchangeCertificate .cer -> Enable SMTP; the transport gets the EC key', async () => {
    const o = server();
    const out = await run(
      o,
      'New-LabCertificateAuthority -Name "Lab EC Root CA" -Path .\\labca -KeyAlgorithm ECDSA | Out-Null',
      'New-ExchangeCertificate -GenerateRequest -KeyAlgorithm ECDSA -Path .\\ec.req -SubjectName "DC=com,DC=Contoso,CN=mail1.contoso.com" -DomainName contoso.com | Out-Null',
      'Get-ExchangeCertificate | Format-List PublicKeySize,Status',
      'Approve-LabCertificateRequest -RequestPath .\\ec.req -Authority .\\labca -Path .\\ec.cer | Out-Null',
      'Import-Certificate -FilePath .\\labca\\ca.cer -CertStoreLocation Cert:\\LocalMachine\\Root | Out-Null',
      'Import-ExchangeCertificate -Path .\\ec.cer | Enable-ExchangeCertificate -Services SMTP',
      'Get-ExchangeCertificate | Format-List Issuer,PublicKeySize,Services,Status',
    );
    expect(out).toBe('\nPublicKeySize : 256\nStatus        : PendingRequest\n\n\nIssuer        : CN=Lab EC Root CA\nPublicKeySize : 256\nServices      : SMTP\nStatus        : Valid\n\n');
    const v = opensslTry(['req', '-in', 'ec.req', '-noout', '-verify', '-text'], o.cwd);
    expect(v.out).toMatch(/verify OK/);
    expect(v.out).toContain('ASN1 OID: prime256v1');
    expect(opensslTry(['verify', '-CAfile', 'labca/ca.cer', '-purpose', 'sslclient', 'ec.cer'], o.cwd).out).toContain('ec.cer: OK');
    const { getSmtpCertificate } = await import('../../src/state/certstore.js');
    const smtp = getSmtpCertificate(o.home, { fqdn: 'contoso.com' })!;
    expect(smtp.status).toBe('Valid');
    fs.writeFileSync(path.join(o.cwd, 'smtp.key'), smtp.keyPem);
    expect(openssl(['pkey', '-in', 'smtp.key', '-pubout'], o.cwd)).toBe(openssl(['x509', '-in', 'ec.cer', '-noout', '-pubkey'], o.cwd));
  });
});

describe('Import-ExchangeCertificate of OpenSSL EC PFX files', () => {
  it.each([
    ['the default (AES-256, PBKDF2)', []],
    ['-legacy (3DES, SHA-1 MAC)', ['-legacy']],
  ])('%s: the certificate with its key, stored non-exportable at mode 0600', async (_form, flags) => {
    const o = server();
    openssl(['ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', 'k.pem'], o.cwd);
    openssl(['req', '-x509', '-key', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/DC=com/DC=Contoso/CN=mail2.contoso.com'], o.cwd);
    openssl(['pkcs12', '-export', ...flags, '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'import.pfx', '-passout', 'pass:P@ssw0rd'], o.cwd);
    const out = await run(o, 'Import-ExchangeCertificate -Path .\\import.pfx -Password (ConvertTo-SecureString -String "P@ssw0rd" -AsPlainText -Force) | Format-List Subject,Thumbprint,PublicKeySize,HasPrivateKey,PrivateKeyExportable');
    expect(out).toBe(`\nSubject              : CN=mail2.contoso.com, DC=Contoso, DC=com\nThumbprint           : ${fingerprint('c.pem', o.cwd)}\nPublicKeySize        : 256\nHasPrivateKey        : True\nPrivateKeyExportable : False\n\n`);
    const keyFile = path.join(keysDir(o.home), readCertificateStore(o.home).certificates[0]!.keyFile!);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(openssl(['pkey', '-in', keyFile, '-pubout'], o.cwd)).toBe(openssl(['pkey', '-in', 'k.pem', '-pubout'], o.cwd));
  });
});
