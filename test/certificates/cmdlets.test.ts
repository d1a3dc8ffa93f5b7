import { describe, it, expect, beforeEach } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cmdlets } from '../../cmdlets/certificates/index.js';
import { cmdlets as lab } from '../../cmdlets/lab/index.js';
import { views } from '../../cmdlets/certificates/views.js';
import { run, pipe, tempDir, secure, prop, type HarnessOptions } from './harness.js';
import { openssl, opensslTry } from '../pki/openssl.js';
import { getSmtpCertificate } from '../../src/state/certstore.js';
import { storeFile, keysDir } from '../../src/state/certificates.js';

const cmd = (name: string) => [...cmdlets, ...lab].find((c) => c.name === name)!;
const NewCert = cmd('New-ExchangeCertificate');
const ImportCert = cmd('Import-ExchangeCertificate');
const EnableCert = cmd('Enable-ExchangeCertificate');
const GetCert = cmd('Get-ExchangeCertificate');
const ExportCert = cmd('Export-ExchangeCertificate');
const RemoveCert = cmd('Remove-ExchangeCertificate');
const ImportTrust = cmd('Import-Certificate');
const NewCA = cmd('New-LabCertificateAuthority');
const Approve = cmd('Approve-LabCertificateRequest');
const Revoke = cmd('Revoke-LabCertificate');
const PublishCrl = cmd('Publish-LabCrl');

let o: HarnessOptions;
beforeEach(() => {
  o = { home: tempDir('edgeshell-home-'), cwd: tempDir('edgeshell-cwd-') };
});

const list = async () => (await run(GetCert, {}, o)).output;
const storeSnapshot = () => ({
  store: fs.existsSync(storeFile(o.home)) ? fs.readFileSync(storeFile(o.home), 'utf8') : null,
  keys: fs.existsSync(keysDir(o.home)) ? fs.readdirSync(keysDir(o.home)).sort() : [],
});

async function labCa() {
  const r = await run(NewCA, { Name: 'Lab Root CA', Path: '.\\labca', KeySize: 1024 }, o);
  expect(r.terminating).toBeUndefined();
}

async function request(subject = 'DC=com,DC=Contoso,CN=mail1.contoso.com', domain = 'mail.contoso.com', file = '.\\certificates\\request.p7c') {
  fs.mkdirSync(path.join(o.cwd, 'certificates'), { recursive: true });
  return run(NewCert, { GenerateRequest: true, FriendlyName: 'Internet certificate', Path: file, SubjectName: subject, DomainName: domain, KeySize: 1024 }, o);
}

describe('the seed scenario with the lab CA', () => {
  it('request -> issue -> Import | Enable SMTP -> trust the root -> revoke', async () => {
    await labCa();
    const req = await request();
    expect(req.terminating).toBeUndefined();
    expect(String(req.output[0])).toMatch(/^-----BEGIN NEW CERTIFICATE REQUEST-----/);
    expect(req.progress.some((p) => p.activity === 'New-ExchangeCertificate' && (p.percentComplete ?? 0) > 0)).toBe(true);
    let all = await list();
    expect(all).toHaveLength(1);
    expect(prop(all[0], 'Status')).toBe('PendingRequest');
    expect(prop(all[0], 'Subject')).toBe('CN=mail1.contoso.com, DC=Contoso, DC=com');
    expect(prop(all[0], 'CertificateDomains')).toEqual(['mail1.contoso.com', 'mail.contoso.com']);
    expect(prop(all[0], 'FriendlyName')).toBe('Internet certificate');

    const issued = await run(Approve, { RequestPath: '.\\certificates\\request.p7c', Authority: '.\\labca', Path: '.\\certificates\\issued.cer' }, o);
    expect(issued.terminating).toBeUndefined();
    const serial = prop(issued.output[0], 'SerialNumber') as string;

    const { first, second } = await pipe([ImportCert, { Path: '.\\certificates\\issued.cer' }], [EnableCert, { Services: 'SMTP' }], o);
    expect(first.terminating).toBeUndefined();
    expect(second.errors).toEqual([]);
    all = await list();
    expect(all).toHaveLength(1);
    const c = all[0]!;
    expect(prop(c, 'Services')).toBe('SMTP');
    expect(prop(c, 'HasPrivateKey')).toBe(true);
    expect(prop(c, 'Status')).toBe('Untrusted');
    expect(prop(c, 'RootCAType')).toBe('Unknown');
    expect(prop(c, 'Issuer')).toBe('CN=Lab Root CA');
    expect(prop(c, 'FriendlyName')).toBe('Internet certificate');
    expect(prop(c, 'NotAfter')).toBeInstanceOf(Date);

    const root = await run(ImportTrust, { FilePath: '.\\labca\\ca.cer', CertStoreLocation: 'Cert:\\LocalMachine\\Root' }, o);
    expect(root.terminating).toBeUndefined();
    expect(prop(root.output[0], 'Subject')).toBe('CN=Lab Root CA');
    expect(prop((await list())[0], 'Status')).toBe('Valid');
    expect(prop((await list())[0], 'RootCAType')).toBe('Registry');

    // the transport's view of it
    const smtp = getSmtpCertificate(o.home, { fqdn: 'mail.contoso.com' })!;
    expect(smtp.thumbprint).toBe(prop(c, 'Thumbprint'));
    expect(smtp.keyPem).toMatch(/BEGIN PRIVATE KEY/);
    expect(smtp.status).toBe('Valid');

    await run(Revoke, { Authority: '.\\labca', SerialNumber: serial }, o);
    const crl = await run(PublishCrl, { Authority: '.\\labca', Path: '.\\lab.crl' }, o);
    expect(prop(crl.output[0], 'RevokedCount')).toBe(1);
    const imp = await run(ImportTrust, { FilePath: '.\\lab.crl', CertStoreLocation: 'Cert:\\LocalMachine\\CA' }, o);
    expect(imp.terminating).toBeUndefined();
    expect(imp.warnings).toEqual([]);
    const after = await run(GetCert, {}, { ...o });
    expect(prop(after.output[0], 'Status')).toBe('Revoked');
  });

  it('the default table shows the Services mask ....S. and fl the names', async () => {
    await run(NewCert, { SubjectName: 'CN=edge1.contoso.com', Services: 'SMTP', KeySize: 1024 }, o);
    const c = (await list())[0];
    const view = views[0]!;
    const col = view.table!.columns[1]!;
    expect(col.expression!(c)).toBe('....S.');
    expect(prop(c, 'Services')).toBe('SMTP');
    expect(view.list!.properties).toContain('RootCAType');
  });
});

describe('New-ExchangeCertificate', () => {
  it('writes a request that openssl verifies, in the written subject order', async () => {
    const r = await request();
    const file = path.join(o.cwd, 'certificates', 'request.p7c');
    const v = opensslTry(['req', '-in', file, '-noout', '-verify', '-subject', '-nameopt', 'RFC2253'], o.cwd);
    expect(v.ok).toBe(true);
    expect(v.out).toMatch(/verify OK/);
    expect(v.out).toContain('subject=CN=mail1.contoso.com,DC=Contoso,DC=com');
    expect(String(r.output[0]).trim()).toBe(fs.readFileSync(file, 'utf8').trim());
  });
  it('-BinaryEncoded writes DER', async () => {
    await run(NewCert, { GenerateRequest: true, Path: 'r.der', SubjectName: 'CN=a.contoso.com', BinaryEncoded: true, KeySize: 1024 }, o);
    expect(fs.readFileSync(path.join(o.cwd, 'r.der'))[0]).toBe(0x30);
    expect(opensslTry(['req', '-inform', 'DER', '-in', 'r.der', '-noout', '-verify'], o.cwd).ok).toBe(true);
  });
  it('refuses a bad subject, key size or an existing file without -Force, storing nothing', async () => {
    const bad = await run(NewCert, { GenerateRequest: true, Path: 'x.req', SubjectName: 'mail1.contoso.com' }, o);
    expect(bad.terminating?.message).toMatch(/not of the form TYPE=value/);
    const size = await run(NewCert, { GenerateRequest: true, Path: 'x.req', SubjectName: 'CN=a', KeySize: 3000 }, o);
    expect(size.terminating?.message).toMatch(/KeySize 3000 is not supported/);
    fs.writeFileSync(path.join(o.cwd, 'x.req'), 'keep');
    const exists = await run(NewCert, { GenerateRequest: true, Path: 'x.req', SubjectName: 'CN=a', KeySize: 1024 }, o);
    expect(exists.terminating?.message).toMatch(/already exists. Use -Force/);
    expect(await list()).toHaveLength(0);
    expect(fs.readFileSync(path.join(o.cwd, 'x.req'), 'utf8')).toBe('keep');
  });
  it('makes self-signed certificates Valid for IMAP, POP, SMTP by default, keys 0600', async () => {
    const r = await run(NewCert, { SubjectName: 'CN=edge1.contoso.com', DomainName: ['edge1', 'mail.contoso.com'], KeySize: 1024 }, o);
    const c = r.output[0];
    expect(prop(c, 'Services')).toBe('IMAP, POP, SMTP');
    expect(prop(c, 'IsSelfSigned')).toBe(true);
    expect(prop(c, 'Status')).toBe('Valid');
    expect(prop(c, 'RootCAType')).toBe('None');
    expect(prop(c, 'PublicKeySize')).toBe(1024);
    const years = ((prop(c, 'NotAfter') as Date).getTime() - Date.now()) / (365.25 * 86_400_000);
    expect(Math.round(years)).toBe(5);
    for (const f of fs.readdirSync(keysDir(o.home))) expect(fs.statSync(path.join(keysDir(o.home), f)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(storeFile(o.home)).mode & 0o777).toBe(0o600);
  });
});

describe('Import-ExchangeCertificate', () => {
  function opensslPfx(legacy: boolean, pass = 'P@ssw0rd'): string {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/DC=com/DC=Contoso/CN=mail2.mail.contoso.com',
      '-addext', 'subjectAltName=DNS:mail2.mail.contoso.com,DNS:mail.contoso.com'], o.cwd);
    const name = legacy ? 'legacy.pfx' : 'import.pfx';
    openssl(['pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-in', 'c.pem', '-inkey', 'k.pem', '-out', name, '-passout', `pass:${pass}`, '-name', 'From OpenSSL'], o.cwd);
    return name;
  }
  const fingerprint = () => openssl(['x509', '-in', 'c.pem', '-noout', '-fingerprint', '-sha1'], o.cwd).trim().replace(/^sha1 Fingerprint=/i, '').replace(/:/g, '');

  for (const legacy of [false, true]) {
    it(`imports an openssl pkcs12 -export${legacy ? ' -legacy' : ''} file and pipes to Enable`, async () => {
      const file = opensslPfx(legacy);
      const { first, second } = await pipe([ImportCert, { Path: `.\\${file}`, Password: secure('P@ssw0rd') }], [EnableCert, { Services: 'SMTP' }], o);
      expect(first.terminating).toBeUndefined();
      expect(second.errors).toEqual([]);
      const c = (await list())[0];
      expect(prop(c, 'Thumbprint')).toBe(fingerprint());
      expect(prop(c, 'Services')).toBe('SMTP');
      expect(prop(c, 'PrivateKeyExportable')).toBe(false);
      expect(prop(c, 'FriendlyName')).toBe('From OpenSSL');
      expect(prop(c, 'Subject')).toBe('CN=mail2.mail.contoso.com, DC=Contoso, DC=com');
      expect(prop(c, 'Status')).toBe('Untrusted');
      // the key of a PFX import is never exportable
      const ex = await run(ExportCert, { Thumbprint: prop(c, 'Thumbprint'), Path: 'out.pfx', Password: secure('x') }, o);
      expect(ex.terminating?.message).toBe(`The private key of certificate ${prop(c, 'Thumbprint')} is not exportable.`);
      expect(fs.existsSync(path.join(o.cwd, 'out.pfx'))).toBe(false);
    });
  }

  it('accepts -FileData bytes', async () => {
    const file = opensslPfx(false);
    const r = await run(ImportCert, { FileData: new Uint8Array(fs.readFileSync(path.join(o.cwd, file))), Password: secure('P@ssw0rd') }, o);
    expect(r.terminating).toBeUndefined();
    expect(prop(r.output[0], 'Thumbprint')).toBe(fingerprint());
  });

  it('a wrong password, garbage, or a certificate without a request: clear errors, nothing stored', async () => {
    const file = opensslPfx(false);
    await request();
    const before = storeSnapshot();
    const wrong = await run(ImportCert, { Path: file, Password: secure('nope') }, o);
    expect(wrong.terminating?.message).toMatch(/password is incorrect/);
    expect(wrong.terminating?.category).toBe('SecurityError');
    const none = await run(ImportCert, { Path: file }, o);
    expect(none.terminating?.message).toMatch(/requires a password/);
    fs.writeFileSync(path.join(o.cwd, 'garbage.cer'), 'this is not a certificate at all\n');
    const garbage = await run(ImportCert, { Path: 'garbage.cer' }, o);
    expect(garbage.terminating?.message).toMatch(/is not a certificate, a PKCS#7 certificate chain or a PKCS#12 \(PFX\) file/);
    const nomatch = await run(ImportCert, { Path: 'c.pem' }, o);
    expect(nomatch.terminating?.message).toMatch(/^No pending certificate request matches the public key of the certificate 'CN=mail2\.mail\.contoso\.com, DC=Contoso, DC=com'/);
    const missing = await run(ImportCert, { Path: 'nope.pfx' }, o);
    expect(missing.terminating?.message).toMatch(/Could not find file/);
    expect(storeSnapshot()).toEqual(before);
  });

  it('completes a request from a certificate openssl x509 -req signed, and from a PKCS#7 chain', async () => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=OpenSSL CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], o.cwd);
    await request();
    openssl(['x509', '-req', '-in', 'certificates/request.p7c', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '10', '-copy_extensions', 'copy', '-out', 'issued.pem'], o.cwd);
    openssl(['crl2pkcs7', '-nocrl', '-certfile', 'issued.pem', '-certfile', 'ca.pem', '-out', 'chain.p7b'], o.cwd);
    const r = await run(ImportCert, { Path: 'chain.p7b' }, o);
    expect(r.terminating).toBeUndefined();
    const c = (await list())[0];
    expect(prop(c, 'Status')).toBe('Untrusted');
    expect(prop(c, 'HasPrivateKey')).toBe(true);
    const fp = openssl(['x509', '-in', 'issued.pem', '-noout', '-fingerprint', '-sha1'], o.cwd).trim().replace(/^sha1 Fingerprint=/i, '').replace(/:/g, '');
    expect(prop(c, 'Thumbprint')).toBe(fp);
    // the request is gone; importing again says the certificate exists
    const again = await run(ImportCert, { Path: 'issued.pem' }, o);
    expect(again.terminating?.message).toMatch(/already exists/);
    // trust the openssl root: Valid; an openssl-made CRL listing the serial: Revoked
    await run(ImportTrust, { FilePath: 'ca.pem', CertStoreLocation: 'Cert:\\LocalMachine\\Root' }, o);
    expect(prop((await list())[0], 'Status')).toBe('Valid');
    fs.writeFileSync(path.join(o.cwd, 'index.txt'), '');
    fs.writeFileSync(path.join(o.cwd, 'crlnumber'), '01\n');
    fs.writeFileSync(path.join(o.cwd, 'ca.cnf'), `[ca]\ndefault_ca=d\n[d]\ndatabase=${o.cwd}/index.txt\ncrlnumber=${o.cwd}/crlnumber\ncertificate=${o.cwd}/ca.pem\nprivate_key=${o.cwd}/ca.key\ndefault_md=sha256\ndefault_crl_days=7\n`);
    openssl(['ca', '-config', 'ca.cnf', '-revoke', 'issued.pem'], o.cwd);
    openssl(['ca', '-config', 'ca.cnf', '-gencrl', '-out', 'openssl.crl'], o.cwd);
    const imp = await run(ImportTrust, { FilePath: 'openssl.crl', CertStoreLocation: 'Cert:\\LocalMachine\\CA' }, o);
    expect(imp.terminating).toBeUndefined();
    const v = await run(GetCert, {}, o);
    expect(prop(v.output[0], 'Status')).toBe('Revoked');
  });
});

describe('Enable-ExchangeCertificate', () => {
  async function selfSigned(cn: string, services = 'None') {
    const r = await run(NewCert, { SubjectName: `CN=${cn}`, Services: services, KeySize: 1024 }, o);
    return prop(r.output[0], 'Thumbprint') as string;
  }
  it('adds services and asks before replacing the default SMTP certificate', async () => {
    const a = await selfSigned('a.contoso.com', 'SMTP');
    const b = await selfSigned('b.contoso.com');
    await run(EnableCert, { Thumbprint: b, Services: 'IIS' }, o);
    await run(EnableCert, { Thumbprint: b, Services: 'POP,IMAP' }, o);
    const r = await run(EnableCert, { Thumbprint: b, Services: 'SMTP' }, o);
    expect(r.prompts[0]).toMatch(/^Overwrite the existing default SMTP certificate\?/);
    expect(r.warnings[0]).toMatch(/default SMTP certificate was not replaced: it remains '[0-9A-F]{40}'/);
    const { readCertificateStore } = await import('../../src/state/certificates.js');
    expect(readCertificateStore(o.home).defaultSmtp).toBe(a);
    const got = (await run(GetCert, { Thumbprint: b }, o)).output[0];
    expect(prop(got, 'Services')).toBe('IMAP, POP, IIS, SMTP');
    expect(views[0]!.table!.columns[1]!.expression!(got)).toBe('IP.WS.');
    // interactive yes, then -Force
    await run(EnableCert, { Thumbprint: b, Services: 'SMTP' }, { ...o, interactive: true, answer: true });
    expect(readCertificateStore(o.home).defaultSmtp).toBe(b);
    await run(EnableCert, { Thumbprint: a, Services: 'SMTP', Force: true }, o);
    expect(readCertificateStore(o.home).defaultSmtp).toBe(a);
  });
  it('refuses unknown thumbprints, pending requests and bad service names', async () => {
    const nf = await run(EnableCert, { Thumbprint: 'AB493A0C9A6C0327162FE04EF74609CB8FB7FE24', Services: 'SMTP' }, o);
    expect(nf.errors[0]?.message).toBe('The certificate with thumbprint AB493A0C9A6C0327162FE04EF74609CB8FB7FE24 was not found.');
    await request();
    const t = prop((await list())[0], 'Thumbprint') as string;
    const pending = await run(EnableCert, { Thumbprint: t, Services: 'SMTP' }, o);
    expect(pending.errors[0]?.message).toMatch(/is a pending request/);
    expect(() => EnableCert.parameters.find((p) => p.name === 'Services')!.convert!('SMTP,Bogus')).toThrow(/'Bogus' is not a valid service/);
  });
});

describe('Export and Remove', () => {
  it('exports an exportable key as a PFX openssl reads, and removes with its key file', async () => {
    const r = await run(NewCert, { SubjectName: 'CN=x.contoso.com', KeySize: 1024, PrivateKeyExportable: true }, o);
    const t = prop(r.output[0], 'Thumbprint') as string;
    const noPw = await run(ExportCert, { Thumbprint: t, Path: 'x.pfx' }, o);
    expect(noPw.terminating?.message).toMatch(/password is required/i);
    const ex = await run(ExportCert, { Thumbprint: t, Path: 'x.pfx', Password: secure('pw'), BinaryEncoded: true }, o);
    expect(ex.terminating).toBeUndefined();
    expect(opensslTry(['pkcs12', '-in', 'x.pfx', '-passin', 'pass:pw', '-nodes'], o.cwd).out).toMatch(/BEGIN PRIVATE KEY/);
    expect(fs.readdirSync(keysDir(o.home))).toHaveLength(1);
    const rm = await run(RemoveCert, { Thumbprint: t }, o);
    expect(rm.errors).toEqual([]);
    expect(await list()).toHaveLength(0);
    expect(fs.readdirSync(keysDir(o.home))).toHaveLength(0);
    const again = await run(RemoveCert, { Thumbprint: t }, o);
    expect(again.errors[0]?.message).toMatch(/was not found/);
  });
  it('-WhatIf changes nothing', async () => {
    const r = await run(NewCert, { SubjectName: 'CN=x.contoso.com', KeySize: 1024 }, o);
    const t = prop(r.output[0], 'Thumbprint') as string;
    const w = await run(RemoveCert, { Thumbprint: t }, { ...o, whatIf: true });
    expect(w.prompts[0]).toMatch(/^What if: Performing the operation "Remove certificate"/);
    expect(await list()).toHaveLength(1);
  });
});

describe('a damaged store', () => {
  it('names the file and is never overwritten', async () => {
    await run(NewCert, { SubjectName: 'CN=x.contoso.com', KeySize: 1024 }, o);
    const file = storeFile(o.home);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"services"', '"services_"').slice(0, -20));
    const damaged = fs.readFileSync(file, 'utf8');
    const g = await run(GetCert, {}, o);
    expect(g.terminating?.message).toContain(file);
    expect(g.terminating?.message).toMatch(/is damaged and was not changed/);
    const n = await run(NewCert, { SubjectName: 'CN=y.contoso.com', KeySize: 1024 }, o);
    expect(n.terminating?.message).toContain(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(damaged);
  });
  it('a hand-edited thumbprint is caught', async () => {
    await run(NewCert, { SubjectName: 'CN=x.contoso.com', KeySize: 1024 }, o);
    const file = storeFile(o.home);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.certificates[0].thumbprint = 'A'.repeat(40);
    fs.writeFileSync(file, JSON.stringify(doc));
    const g = await run(GetCert, {}, o);
    expect(g.terminating?.message).toMatch(/does not match its thumbprint/);
  });
});

describe('Import-Certificate and the Cert: drive', () => {
  it('lists roots, intermediates and CRLs', async () => {
    await labCa();
    await run(ImportTrust, { FilePath: 'labca/ca.cer', CertStoreLocation: 'cert:/localmachine/root' }, o);
    await run(PublishCrl, { Authority: 'labca', Path: 'l.crl' }, o);
    await run(ImportTrust, { FilePath: 'l.crl', CertStoreLocation: 'Cert:\\LocalMachine\\CA' }, o);
    const { listCertificateDrive } = await import('../../cmdlets/certificates/certdrive.js');
    const roots = listCertificateDrive(o.home, 'Cert:\\LocalMachine\\Root')!;
    expect(roots.map((r) => r.get('Subject'))).toEqual(['CN=Lab Root CA']);
    const ca = listCertificateDrive(o.home, 'Cert:\\LocalMachine\\CA')!;
    expect(ca[0]!.get('Issuer')).toBe('CN=Lab Root CA');
    expect(listCertificateDrive(o.home, 'C:\\')).toBeUndefined();
    // through the provider registry the core's Get-ChildItem / Remove-Item use
    const { providerFor } = await import('../../cmdlets/core/lib/providers.js');
    const provider = providerFor('cert:\\LocalMachine\\Root')!;
    const ctx = { session: { home: o.home }, throwTerminating: (m: string) => { throw new Error(m); } } as never;
    const items = (await provider.childItems('Cert:\\LocalMachine\\Root', ctx, { recurse: false })) as { get(n: string): unknown }[];
    const thumb = items[0]!.get('Thumbprint') as string;
    expect(((await provider.item!(`Cert:\\LocalMachine\\Root\\${thumb}`, ctx)) as { get(n: string): unknown }).get('Subject')).toBe('CN=Lab Root CA');
    await provider.removeItem!(`Cert:\\LocalMachine\\Root\\${thumb}`, ctx);
    expect(listCertificateDrive(o.home, 'Cert:\\LocalMachine\\Root')).toEqual([]);
    await expect(async () => provider.childItems('Cert:\\LocalMachine\\Nope', ctx, { recurse: false })).rejects.toThrow(/Cannot find path/);
    const bad = await run(ImportTrust, { FilePath: 'l.crl', CertStoreLocation: 'Cert:\\LocalMachine\\My' }, o);
    expect(bad.terminating?.message).toMatch(/Use Import-ExchangeCertificate/);
  });
});
