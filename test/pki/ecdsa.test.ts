// ECDSA keys through the PKI layer, checked against OpenSSL: requests, issuance by an ECDSA lab CA,
// CRLs, chain validation, and PKCS#12 files in both directions.
import { describe, it, expect, beforeAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  approveRequest,
  certToPem,
  certificatesFromBytes,
  createCertificateRequest,
  createLabAuthority,
  crlToPem,
  generateEcKeyPair,
  parseCertificate,
  parseDistinguishedName,
  publishCrl,
  readCertificateRequest,
  readPfx,
  requestToPem,
  revokeCertificate,
  validateChain,
  writePfx,
  type KeyPair,
} from '../../src/pki/index.js';
import { openssl, opensslTry, scratch } from './openssl.js';

const fingerprint = (file: string, dir: string) => openssl(['x509', '-in', file, '-noout', '-fingerprint', '-sha1'], dir).trim().replace(/^sha1 Fingerprint=/i, '').replace(/:/g, '');

let p256: KeyPair;
beforeAll(async () => {
  p256 = await generateEcKeyPair(256);
});

describe('ECDSA keys', () => {
  it.each([
    [256, 'prime256v1'],
    [384, 'secp384r1'],
    [521, 'secp521r1'],
  ])('a %i-bit key is on the named curve %s', async (size, curve) => {
    const dir = scratch();
    const key = size === 256 ? p256 : await generateEcKeyPair(size);
    fs.writeFileSync(path.join(dir, 'k.pem'), key.privateKeyPem);
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const text = openssl(['pkey', '-in', 'k.pem', '-noout', '-text'], dir);
    expect(text).toContain(`ASN1 OID: ${curve}`);
    expect(text).toContain(`Private-Key: (${size} bit)`);
  });
  it('refuses a size that names no curve', async () => {
    await expect(generateEcKeyPair(2048)).rejects.toThrow('there is no ECDSA curve of 2048 bits here');
  });
});

describe('ECDSA certificate requests', () => {
  it('openssl verifies the request: ecdsa-with-SHA256, the subject in written order, digitalSignature only', () => {
    const dir = scratch();
    const der = createCertificateRequest({ subject: parseDistinguishedName('DC=com,DC=Contoso,CN=mail1.contoso.com'), dnsNames: ['mail1.contoso.com'], privateKeyPem: p256.privateKeyPem });
    fs.writeFileSync(path.join(dir, 'r.req'), requestToPem(der));
    const r = opensslTry(['req', '-in', 'r.req', '-noout', '-verify', '-text', '-nameopt', 'RFC2253'], dir);
    expect(r.ok).toBe(true);
    expect(r.out).toMatch(/verify OK/);
    expect(r.out).toContain('Subject: CN=mail1.contoso.com,DC=Contoso,DC=com');
    expect(r.out).toContain('Signature Algorithm: ecdsa-with-SHA256');
    expect(r.out).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    const info = readCertificateRequest(der);
    expect(info.signatureValid).toBe(true);
    expect(info.spkiDer.equals(p256.spkiDer)).toBe(true);
    der[der.indexOf(Buffer.from('mail1'))] = 0x6e;
    expect(readCertificateRequest(der).signatureValid).toBe(false);
  });
});

describe('an ECDSA lab CA', () => {
  it('issues for openssl-made EC and RSA requests; openssl verifies the certificates and the CRL', async () => {
    const dir = scratch();
    const ca = await createLabAuthority(path.join(dir, 'ca'), 'Lab EC Root CA', { keyAlgorithm: 'ECDSA', keySize: 384 });
    expect(fs.statSync(path.join(dir, 'ca', 'ca.key')).mode & 0o777).toBe(0o600);
    expect(ca.cert.publicKeySize).toBe(384);
    expect(openssl(['x509', '-in', 'ca/ca.cer', '-noout', '-text'], dir)).toContain('Signature Algorithm: ecdsa-with-SHA384');

    openssl(['ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', 'ec.key'], dir);
    openssl(['req', '-new', '-key', 'ec.key', '-subj', '/CN=mail.woodgrovebank.com', '-out', 'ec.req'], dir);
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'rsa.key', '-subj', '/CN=mail.contoso.com', '-out', 'rsa.req'], dir);
    const serials: string[] = [];
    for (const name of ['ec', 'rsa']) {
      const der = await approveRequest(path.join(dir, 'ca'), readCertificateRequest(fs.readFileSync(path.join(dir, `${name}.req`))));
      fs.writeFileSync(path.join(dir, `${name}.cer`), certToPem(der));
      expect(opensslTry(['verify', '-CAfile', 'ca/ca.cer', '-purpose', 'sslserver', `${name}.cer`], dir).out).toContain(`${name}.cer: OK`);
      expect(opensslTry(['verify', '-CAfile', 'ca/ca.cer', '-purpose', 'sslclient', `${name}.cer`], dir).ok).toBe(true);
      const cert = parseCertificate(der);
      expect(validateChain(der, [], { roots: [ca.cert] }, { purpose: 'client', hostname: cert.san.dns[0] }).status).toBe('Valid');
      serials.push(cert.serialNumber);
    }
    const ec = parseCertificate(certificatesFromBytes(fs.readFileSync(path.join(dir, 'ec.cer')))[0]!);
    expect(ec.publicKeySize).toBe(256);
    expect(ec.keyUsage).toEqual(['digitalSignature']);
    expect(parseCertificate(certificatesFromBytes(fs.readFileSync(path.join(dir, 'rsa.cer')))[0]!).keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);

    await revokeCertificate(path.join(dir, 'ca'), serials[0]!);
    fs.writeFileSync(path.join(dir, 'lab.crl'), crlToPem(await publishCrl(path.join(dir, 'ca'))));
    expect(opensslTry(['crl', '-in', 'lab.crl', '-CAfile', 'ca/ca.cer', '-noout'], dir).out).toMatch(/verify OK/);
    expect(opensslTry(['verify', '-crl_check', '-CAfile', 'ca/ca.cer', '-CRLfile', 'lab.crl', 'ec.cer'], dir).out).toMatch(/certificate revoked/);
    expect(opensslTry(['verify', '-crl_check', '-CAfile', 'ca/ca.cer', '-CRLfile', 'lab.crl', 'rsa.cer'], dir).ok).toBe(true);
  });
});

describe('validateChain over ECDSA signatures', () => {
  it('an openssl-made P-521 root and P-256 intermediate: Valid, and Untrusted once a signature is altered', () => {
    const dir = scratch();
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521', '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '30', '-subj', '/CN=OpenSSL EC Root',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'int.key', '-out', 'int.req', '-subj', '/CN=OpenSSL EC Issuing CA'], dir);
    fs.writeFileSync(path.join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
    openssl(['x509', '-req', '-in', 'int.req', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '20', '-extfile', 'ca.ext', '-out', 'int.pem'], dir);
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.req', '-subj', '/CN=mail.woodgrovebank.com'], dir);
    fs.writeFileSync(path.join(dir, 'leaf.ext'), 'subjectAltName=DNS:mail.woodgrovebank.com,DNS:woodgrovebank.com\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n');
    openssl(['x509', '-req', '-in', 'leaf.req', '-CA', 'int.pem', '-CAkey', 'int.key', '-CAcreateserial', '-days', '10', '-extfile', 'leaf.ext', '-out', 'leaf.pem'], dir);
    const [root, int, leaf] = ['root.pem', 'int.pem', 'leaf.pem'].map((f) => certificatesFromBytes(fs.readFileSync(path.join(dir, f)))[0]!);

    const r = validateChain(leaf!, [int!], { roots: [root!] }, { purpose: 'client', hostname: 'woodgrovebank.com' });
    expect(r.status).toBe('Valid');
    expect(r.chain.map((c) => c.subjectText)).toEqual(['CN=mail.woodgrovebank.com', 'CN=OpenSSL EC Issuing CA', 'CN=OpenSSL EC Root']);
    expect(r.chain.map((c) => c.publicKeySize)).toEqual([256, 256, 521]);
    expect(parseCertificate(leaf!).thumbprint).toBe(fingerprint('leaf.pem', dir));

    const forged = Buffer.from(int!);
    forged[forged.length - 10] ^= 0x01; // inside the ECDSA signature's s
    expect(validateChain(leaf!, [forged], { roots: [root!] }, { purpose: 'client' }).status).toBe('Untrusted');
  });
});

describe('PKCS#12 with EC keys', () => {
  let dir: string;
  beforeAll(() => {
    dir = scratch();
    openssl(['ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', 'k.pem'], dir);
    openssl(['req', '-x509', '-key', 'k.pem', '-out', 'c.pem', '-days', '5', '-subj', '/CN=mail.woodgrovebank.com'], dir);
    openssl(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'modern.pfx', '-passout', 'pass:Secret1', '-name', 'Woodgrove EC'], dir);
    openssl(['pkcs12', '-export', '-legacy', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'legacy.pfx', '-passout', 'pass:Secret1'], dir);
  });
  const publicKeyOf = (args: string[]) => openssl(args, dir).replace(/\r/g, '');

  it.each(['modern', 'legacy'])('reads the %s form openssl pkcs12 -export writes from an ecparam key', (form) => {
    const pfx = readPfx(fs.readFileSync(path.join(dir, `${form}.pfx`)), 'Secret1');
    expect(parseCertificate(pfx.certificate).thumbprint).toBe(fingerprint('c.pem', dir));
    expect(pfx.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    fs.writeFileSync(path.join(dir, `${form}.key`), pfx.privateKeyPem);
    expect(publicKeyOf(['pkey', '-in', `${form}.key`, '-pubout'])).toBe(publicKeyOf(['pkey', '-in', 'k.pem', '-pubout']));
    if (form === 'modern') expect(pfx.friendlyName).toBe('Woodgrove EC');
    expect(() => readPfx(fs.readFileSync(path.join(dir, `${form}.pfx`)), 'wrong')).toThrow(/password is incorrect/);
  });

  it.each([false, true])('writes files openssl pkcs12 reads (legacy: %s), the key matching the certificate', (legacy) => {
    const pfx = readPfx(fs.readFileSync(path.join(dir, 'modern.pfx')), 'Secret1');
    const out = `out-${legacy}.pfx`;
    fs.writeFileSync(path.join(dir, out), writePfx({ privateKeyPem: pfx.privateKeyPem, certificate: pfx.certificate, password: 'pw2', friendlyName: 'Exported', legacy }));
    const r = opensslTry(['pkcs12', '-in', out, '-passin', 'pass:pw2', '-nodes', ...(legacy ? ['-legacy'] : [])], dir);
    expect(r.ok).toBe(true);
    expect(r.out).toContain('friendlyName: Exported');
    fs.writeFileSync(path.join(dir, 'all.pem'), r.out);
    expect(publicKeyOf(['pkey', '-in', 'all.pem', '-pubout'])).toBe(publicKeyOf(['x509', '-in', 'c.pem', '-noout', '-pubkey']));
    expect(fingerprint('all.pem', dir)).toBe(fingerprint('c.pem', dir));
    expect(readPfx(fs.readFileSync(path.join(dir, out)), 'pw2').privateKeyPem).toBe(pfx.privateKeyPem);
  });
});
