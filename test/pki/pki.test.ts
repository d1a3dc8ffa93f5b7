import { describe, it, expect, beforeAll } from 'vitest';
import forge from 'node-forge';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseDistinguishedName,
  encodeName,
  formatNameNet,
  decodeNameDer,
  generateRsaKeyPair,
  createCertificateRequest,
  requestToPem,
  readCertificateRequest,
  parseCertificate,
  certificatesFromBytes,
  readPfx,
  writePfx,
  Pkcs12Error,
  validateChain,
  parseCrl,
  crlDersFrom,
  selfSignedCertificate,
  issueCertificate,
  certToPem,
  createPkcs7,
  pkcs7ToPem,
  OID,
  KeyPair,
} from '../../src/pki/index.js';
import { openssl, opensslTry, scratch, opensslRootCa, opensslRevokeAndCrl } from './openssl.js';

let key: KeyPair;
let dir: string;
const subject = 'DC=com,DC=Contoso,CN=mail1.contoso.com';

beforeAll(async () => {
  key = await generateRsaKeyPair(2048);
  dir = scratch();
});

function makeRequest(): Buffer {
  return createCertificateRequest({ subject: parseDistinguishedName(subject), dnsNames: ['mail1.contoso.com', 'mail.contoso.com'], privateKeyPem: key.privateKeyPem });
}

describe('distinguished names', () => {
  it('keeps the written order in DER and shows it most specific first, as .NET does', () => {
    const der = encodeName(parseDistinguishedName(subject));
    expect(formatNameNet(decodeNameDer(der))).toBe('CN=mail1.contoso.com, DC=Contoso, DC=com');
  });
  it('rejects text that is not a DN', () => {
    expect(() => parseDistinguishedName('mail1.contoso.com')).toThrow(/not of the form TYPE=value/);
    expect(() => parseDistinguishedName('XX=1')).toThrow(/not a known attribute type/);
  });
  it('reads quoted values and multi-valued RDNs', () => {
    const rdns = parseDistinguishedName('C=US,O="Contoso, Ltd",OU=IT+CN=x');
    expect(formatNameNet(rdns)).toBe('OU=IT + CN=x, O="Contoso, Ltd", C=US');
  });
});

describe('certificate requests and OpenSSL', () => {
  it('openssl req -verify accepts the request, with the subject in written order and the SAN', () => {
    const file = path.join(dir, 'request.req');
    fs.writeFileSync(file, requestToPem(makeRequest()));
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^-----BEGIN NEW CERTIFICATE REQUEST-----\n/);
    const r = opensslTry(['req', '-in', file, '-noout', '-verify', '-text', '-nameopt', 'RFC2253'], dir);
    expect(r.out).toMatch(/verify OK|Certificate request self-signature verify OK/);
    expect(r.ok).toBe(true);
    // RFC 2253 shows the last RDN first: CN first means DC=com was encoded first
    expect(r.out).toContain('Subject: CN=mail1.contoso.com,DC=Contoso,DC=com');
    expect(r.out).toMatch(/DNS:mail1\.contoso\.com, DNS:mail\.contoso\.com/);
  });

  it('reads its own request back, verified', () => {
    const info = readCertificateRequest(Buffer.from(requestToPem(makeRequest())));
    expect(info.signatureValid).toBe(true);
    expect(info.subjectText).toBe('CN=mail1.contoso.com, DC=Contoso, DC=com');
    expect(info.extensions.san.dns).toEqual(['mail1.contoso.com', 'mail.contoso.com']);
    expect(info.spkiDer.equals(key.spkiDer)).toBe(true);
  });

  it('detects a tampered request', () => {
    const der = makeRequest();
    const i = der.indexOf(Buffer.from('mail1'));
    der[i] = 'n'.charCodeAt(0);
    expect(readCertificateRequest(der).signatureValid).toBe(false);
  });

  it('a certificate openssl x509 -req signs has the request key, and the Thumbprint is openssl\'s SHA-1 fingerprint', () => {
    const ca = opensslRootCa(scratch());
    fs.writeFileSync(path.join(dir, 'r2.req'), requestToPem(makeRequest()));
    openssl(['x509', '-req', '-in', 'r2.req', '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '10', '-copy_extensions', 'copy', '-out', 'issued.pem'], dir);
    const [der] = certificatesFromBytes(fs.readFileSync(path.join(dir, 'issued.pem')));
    const cert = parseCertificate(der!);
    expect(cert.spkiDer.equals(key.spkiDer)).toBe(true);
    const fp = openssl(['x509', '-in', 'issued.pem', '-noout', '-fingerprint', '-sha1'], dir);
    expect(fp.trim().replace(/^sha1 fingerprint=/i, "").replace(/:/g, "")).toBe(cert.thumbprint);
    const serial = openssl(['x509', '-in', 'issued.pem', '-noout', '-serial'], dir).trim().replace('serial=', '');
    expect(cert.serialNumber.replace(/^00/, '')).toBe(serial.toUpperCase());
    expect(cert.san.dns).toEqual(['mail1.contoso.com', 'mail.contoso.com']);
    expect(cert.subjectText).toBe('CN=mail1.contoso.com, DC=Contoso, DC=com');
    expect(cert.issuerText).toBe('CN=OpenSSL Test Root');
  });
});

describe('PKCS#12', () => {
  let pkDir: string;
  beforeAll(() => {
    pkDir = scratch();
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '5', '-subj', '/CN=mail.woodgrovebank.com'], pkDir);
    openssl(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'modern.pfx', '-passout', 'pass:Secret1', '-name', 'Woodgrove'], pkDir);
    openssl(['pkcs12', '-export', '-legacy', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'legacy.pfx', '-passout', 'pass:Secret1'], pkDir);
    openssl(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'nopass.pfx', '-passout', 'pass:'], pkDir);
  });
  const fp = () => openssl(['x509', '-in', 'c.pem', '-noout', '-fingerprint', '-sha1'], pkDir).trim().replace(/^sha1 Fingerprint=/i, '').replace(/:/g, '');

  it('reads OpenSSL 3 default files (AES-256, PBKDF2, SHA-256 MAC)', () => {
    const pfx = readPfx(fs.readFileSync(path.join(pkDir, 'modern.pfx')), 'Secret1');
    expect(parseCertificate(pfx.certificate).thumbprint).toBe(fp());
    expect(pfx.friendlyName).toBe('Woodgrove');
    expect(pfx.privateKeyPem).toMatch(/BEGIN PRIVATE KEY/);
  });
  it('reads -legacy files (RC2-40 / 3DES, SHA-1 MAC)', () => {
    const pfx = readPfx(fs.readFileSync(path.join(pkDir, 'legacy.pfx')), 'Secret1');
    expect(parseCertificate(pfx.certificate).thumbprint).toBe(fp());
  });
  it('reads a file with an empty password', () => {
    const pfx = readPfx(fs.readFileSync(path.join(pkDir, 'nopass.pfx')), undefined);
    expect(parseCertificate(pfx.certificate).thumbprint).toBe(fp());
  });
  it('says the password is wrong', () => {
    expect(() => readPfx(fs.readFileSync(path.join(pkDir, 'modern.pfx')), 'nope')).toThrow(/password is incorrect/);
    expect(() => readPfx(fs.readFileSync(path.join(pkDir, 'legacy.pfx')), undefined)).toThrow(/requires a password/);
  });
  it('says garbage is not a PFX', () => {
    try {
      readPfx(Buffer.from('hello, this is not a pfx'), 'x');
      expect.unreachable();
    } catch (e) {
      expect((e as Pkcs12Error).reason).toBe('NotPkcs12');
    }
  });
  it('writes files OpenSSL reads', () => {
    const pfx = readPfx(fs.readFileSync(path.join(pkDir, 'modern.pfx')), 'Secret1');
    for (const legacy of [false, true]) {
      const out = writePfx({ privateKeyPem: pfx.privateKeyPem, certificate: pfx.certificate, password: 'pw2', friendlyName: 'x', legacy });
      fs.writeFileSync(path.join(pkDir, 'out.pfx'), out);
      const r = opensslTry(['pkcs12', '-in', 'out.pfx', '-passin', 'pass:pw2', '-nodes', ...(legacy ? ['-legacy'] : [])], pkDir);
      expect(r.out).toMatch(/BEGIN CERTIFICATE/);
      expect(r.out).toMatch(/BEGIN PRIVATE KEY/);
    }
  });
});

describe('PKCS#12 writer', () => {
  /** Runs `f` with forge's random generator replaced by a counter, so two writers draw the same salts and IVs. */
  function withCountingRandom<T>(f: () => T): T {
    const random = forge.random as unknown as { getBytes: (n: number) => string; getBytesSync: (n: number) => string };
    const original = { getBytes: random.getBytes, getBytesSync: random.getBytesSync };
    let next = 0;
    random.getBytes = random.getBytesSync = (n: number) => String.fromCharCode(...Array.from({ length: n }, () => next++ & 0xff));
    try {
      return f();
    } finally {
      Object.assign(random, original);
    }
  }

  it('writes for an RSA key, byte for byte, the file forge\'s own writer made (given the same random bytes)', () => {
    const cert = selfSignedCertificate({
      subjectDer: encodeName(parseDistinguishedName(subject)),
      issuerKeyPem: key.privateKeyPem,
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2029-01-01T00:00:00Z'),
      dnsNames: ['mail1.contoso.com'],
    });
    for (const [legacy, friendlyName] of [[false, 'Internet certificate'], [true, undefined]] as const) {
      const ours = withCountingRandom(() => writePfx({ privateKeyPem: key.privateKeyPem, certificate: cert, password: 'P@ssw0rd', friendlyName, legacy }));
      const forges = withCountingRandom(() => {
        const options: Record<string, unknown> = { algorithm: legacy ? '3des' : 'aes256', generateLocalKeyId: true, ...(friendlyName ? { friendlyName } : {}) };
        const asn = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(key.privateKeyPem), [forge.pki.certificateFromPem(certToPem(cert))], 'P@ssw0rd', options);
        return Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary');
      });
      expect(ours.toString('hex')).toBe(forges.toString('hex'));
    }
  });
});

describe('validateChain', () => {
  let root: Buffer;
  let rootKey: KeyPair;
  let leafKey: KeyPair;
  const now = new Date();
  const day = 86_400_000;
  beforeAll(async () => {
    rootKey = await generateRsaKeyPair(2048);
    leafKey = await generateRsaKeyPair(2048);
    root = selfSignedCertificate({
      subjectDer: encodeName(parseDistinguishedName('CN=Lab Root')),
      issuerKeyPem: rootKey.privateKeyPem,
      notBefore: new Date(now.getTime() - day),
      notAfter: new Date(now.getTime() + 100 * day),
      ca: true,
    });
  });
  const leaf = (eku = [OID.serverAuth, OID.clientAuth], serialHex?: string) =>
    issueCertificate({
      subjectDer: encodeName(parseDistinguishedName('CN=mail.contoso.com')),
      spkiDer: leafKey.spkiDer,
      issuerCert: parseCertificate(root),
      issuerKeyPem: rootKey.privateKeyPem,
      notBefore: new Date(now.getTime() - day),
      notAfter: new Date(now.getTime() + 10 * day),
      dnsNames: ['mail.contoso.com'],
      extKeyUsage: eku,
      serialHex,
    });

  it('Untrusted without the root, Valid with it', () => {
    const l = leaf();
    expect(validateChain(l, [], { roots: [] }).status).toBe('Untrusted');
    expect(validateChain(l, [root], { roots: [] }).status).toBe('Untrusted');
    const ok = validateChain(l, [], { roots: [root] });
    expect(ok).toMatchObject({ status: 'Valid', reason: '' });
    expect(ok.chain).toHaveLength(2);
  });
  it('DateInvalid outside the validity period', () => {
    const r = validateChain(leaf(), [], { roots: [root] }, { at: new Date(now.getTime() + 20 * day) });
    expect(r.status).toBe('DateInvalid');
    expect(r.reason).toMatch(/expired/);
  });
  it('Invalid for the wrong purpose or host name', () => {
    expect(validateChain(leaf([OID.clientAuth]), [], { roots: [root] }, { purpose: 'server' }).status).toBe('Invalid');
    expect(validateChain(leaf([OID.clientAuth]), [], { roots: [root] }, { purpose: 'client' }).status).toBe('Valid');
    const r = validateChain(leaf(), [], { roots: [root] }, { hostname: 'mail.woodgrovebank.com' });
    expect(r.status).toBe('Invalid');
    expect(r.reason).toMatch(/does not match/);
  });
  it('Invalid when a tampered certificate does not verify', () => {
    const l = leaf();
    const bad = Buffer.from(l);
    bad[bad.length - 5]! ^= 0xff;
    expect(validateChain(bad, [], { roots: [root] }).status).toBe('Untrusted');
  });
  it('Revoked after an openssl-made CRL that lists the serial', () => {
    const caDir = scratch();
    const ca = opensslRootCa(caDir);
    fs.writeFileSync(path.join(caDir, 'r.req'), requestToPem(makeRequest()));
    openssl(['x509', '-req', '-in', 'r.req', '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '10', '-copy_extensions', 'copy', '-out', 'leaf.pem'], caDir);
    // openssl ca -revoke needs the certificate in its database: add it there by revoking it
    opensslRevokeAndCrl(caDir, 'leaf.pem', 'crl.pem');
    const rootDer = certificatesFromBytes(fs.readFileSync(ca.cert))[0]!;
    const leafDer = certificatesFromBytes(fs.readFileSync(path.join(caDir, 'leaf.pem')))[0]!;
    expect(validateChain(leafDer, [], { roots: [rootDer] }).status).toBe('Valid');
    const [crlDer] = crlDersFrom(fs.readFileSync(path.join(caDir, 'crl.pem')));
    const crl = parseCrl(crlDer!);
    expect(crl.revoked.map((r) => r.serialNumber)).toContain(parseCertificate(leafDer).serialNumber.replace(/^00/, ''));
    const r = validateChain(leafDer, [], { roots: [rootDer], crls: [crlDer!] });
    expect(r.status).toBe('Revoked');
    expect(r.reason).toMatch(/was revoked/);
  });
  it('RevocationCheckFailure when the CRL expired', async () => {
    const { buildCrl } = await import('../../src/pki/index.js');
    const crl = buildCrl({ issuerCert: parseCertificate(root), issuerKeyPem: rootKey.privateKeyPem, revoked: [], thisUpdate: new Date(now.getTime() - 3 * day), nextUpdate: new Date(now.getTime() - day), crlNumber: 1 });
    expect(validateChain(leaf(), [], { roots: [root], crls: [crl] }).status).toBe('RevocationCheckFailure');
  });
});

describe('file formats', () => {
  it('reads PEM, DER and PKCS#7 (PEM and DER) certificate files', async () => {
    const k = await generateRsaKeyPair(1024);
    const der = selfSignedCertificate({ subjectDer: encodeName(parseDistinguishedName('CN=a')), issuerKeyPem: k.privateKeyPem, notBefore: new Date(), notAfter: new Date(Date.now() + 1e9) });
    expect(certificatesFromBytes(Buffer.from(certToPem(der)))).toHaveLength(1);
    expect(certificatesFromBytes(der)[0]!.equals(der)).toBe(true);
    const p7 = createPkcs7([der, der]);
    expect(certificatesFromBytes(p7)).toHaveLength(2);
    expect(certificatesFromBytes(Buffer.from(pkcs7ToPem(p7)))).toHaveLength(2);
    const d = scratch();
    fs.writeFileSync(path.join(d, 'c.p7b'), pkcs7ToPem(p7));
    expect(openssl(['pkcs7', '-in', 'c.p7b', '-print_certs', '-noout'], d)).toMatch(/subject=CN\s?=\s?a/);
  });
});

describe('PKCS#12 edge cases', () => {
  it('a truncated PFX is not readable, an unprotected one (-nomac) with a wrong password is a password error', () => {
    const d = scratch();
    openssl(['req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '5', '-subj', '/CN=t'], d);
    openssl(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'a.pfx', '-passout', 'pass:pw'], d);
    const full = fs.readFileSync(path.join(d, 'a.pfx'));
    expect(() => readPfx(full.subarray(0, full.length - 40), 'pw')).toThrow(Pkcs12Error);
    openssl(['pkcs12', '-export', '-nomac', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'n.pfx', '-passout', 'pass:pw'], d);
    expect(readPfx(fs.readFileSync(path.join(d, 'n.pfx')), 'pw').privateKeyPem).toMatch(/PRIVATE KEY/);
    try {
      readPfx(fs.readFileSync(path.join(d, 'n.pfx')), 'bad');
      expect.unreachable();
    } catch (e) {
      expect((e as Pkcs12Error).reason).toMatch(/WrongPassword|NotPkcs12/);
    }
    // a PFX without a key
    openssl(['pkcs12', '-export', '-nokeys', '-in', 'c.pem', '-out', 'nokey.pfx', '-passout', 'pass:pw'], d);
    expect(() => readPfx(fs.readFileSync(path.join(d, 'nokey.pfx')), 'pw')).toThrow(/does not contain a private key/);
  });
});
