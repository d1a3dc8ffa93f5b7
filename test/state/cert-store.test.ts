import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCertificateStore, storeFile, addCertificate, enableServices, removeCertificateOrRequest } from '../../src/state/certificates.js';
import { readTrustStore, trustFile, addTrustedCertificate, addCrl, removeTrusted, trustMaterial } from '../../src/state/trust.js';
import { createSelfSignedCertificate, getSmtpCertificate, listExchangeCertificates, getTrustPem } from '../../src/state/certstore.js';
import { generateRsaKeyPair, selfSignedCertificate, encodeName, parseDistinguishedName, parseCertificate, buildCrl } from '../../src/pki/index.js';

const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-store-'));

describe('certificate store files', () => {
  it('an empty home reads as an empty store; writes carry a schemaVersion', async () => {
    const h = home();
    expect(readCertificateStore(h)).toEqual({ certificates: [], requests: [] });
    await createSelfSignedCertificate(h, { subjectName: 'CN=a', keySize: 1024, defaultHostName: 'a' });
    expect(JSON.parse(fs.readFileSync(storeFile(h), 'utf8')).schemaVersion).toBe(1);
  });
  it('refuses a file from a newer edgeshell', async () => {
    const h = home();
    fs.mkdirSync(path.dirname(storeFile(h)), { recursive: true });
    fs.writeFileSync(storeFile(h), JSON.stringify({ schemaVersion: 99, certificates: [], requests: [] }));
    expect(() => readCertificateStore(h)).toThrow(/written by a newer edgeshell/);
  });
  it('a missing key file is named', async () => {
    const h = home();
    await createSelfSignedCertificate(h, { subjectName: 'CN=a', keySize: 1024, defaultHostName: 'a', services: ['SMTP'] });
    const rec = readCertificateStore(h).certificates[0]!;
    fs.rmSync(path.join(h, 'certificates', 'keys', rec.keyFile!));
    expect(() => getSmtpCertificate(h)).toThrow(new RegExp(`private key file '.*${rec.keyFile}' cannot be read`));
  });
  it('services are additive and ordered as Exchange lists them', async () => {
    const h = home();
    const rec = await createSelfSignedCertificate(h, { subjectName: 'CN=a', keySize: 1024, defaultHostName: 'a', services: ['SMTP'] });
    await enableServices(h, rec.thumbprint, ['IIS', 'IMAP'], false);
    expect(readCertificateStore(h).certificates[0]!.services).toEqual(['IMAP', 'IIS', 'SMTP']);
    await removeCertificateOrRequest(h, rec.thumbprint);
    expect(readCertificateStore(h)).toMatchObject({ certificates: [], defaultSmtp: undefined });
  });
});

describe('getSmtpCertificate (for the transport)', () => {
  it('prefers the certificate that names the FQDN, then the default', async () => {
    const h = home();
    const a = await createSelfSignedCertificate(h, { subjectName: 'CN=a.contoso.com', keySize: 1024, defaultHostName: 'x', services: ['SMTP'] });
    const b = await createSelfSignedCertificate(h, { subjectName: 'CN=mail.contoso.com', keySize: 1024, defaultHostName: 'x', services: ['SMTP'] });
    expect(getSmtpCertificate(h)!.thumbprint).toBe(a.thumbprint);
    const s = getSmtpCertificate(h, { fqdn: 'MAIL.contoso.com' })!;
    expect(s.thumbprint).toBe(b.thumbprint);
    expect(s.certPem).toMatch(/BEGIN CERTIFICATE/);
    expect(s.keyPem).toMatch(/BEGIN PRIVATE KEY/);
    expect(s.chainPem).toEqual([]);
    expect(getSmtpCertificate(home())).toBeUndefined();
    // the self-signed certificates are trusted by this server, as Exchange does
    expect(getTrustPem(h).ca).toHaveLength(2);
  });
  it('skips certificates outside their validity', async () => {
    const h = home();
    await createSelfSignedCertificate(h, { subjectName: 'CN=a', keySize: 1024, defaultHostName: 'x', services: ['SMTP'] });
    expect(getSmtpCertificate(h, { at: new Date(Date.now() + 10 * 365 * 86_400_000) })).toBeUndefined();
    expect(listExchangeCertificates(h, { at: new Date(Date.now() + 10 * 365 * 86_400_000) })[0]!.status).toBe('DateInvalid');
  });
});

describe('trust store', () => {
  it('adds roots once, replaces an older CRL of the same issuer, names a damaged file', async () => {
    const h = home();
    const k = await generateRsaKeyPair(1024);
    const der = selfSignedCertificate({ subjectDer: encodeName(parseDistinguishedName('CN=Root')), issuerKeyPem: k.privateKeyPem, notBefore: new Date(), notAfter: new Date(Date.now() + 1e10), ca: true });
    expect(await addTrustedCertificate(h, 'Root', der)).toBe(true);
    expect(await addTrustedCertificate(h, 'Root', der)).toBe(false);
    const root = parseCertificate(der);
    const crl = (n: number, t: number) => buildCrl({ issuerCert: root, issuerKeyPem: k.privateKeyPem, revoked: [], thisUpdate: new Date(t), nextUpdate: new Date(t + 1e9), crlNumber: n });
    const sameIssuer = () => true;
    await addCrl(h, crl(1, Date.now() - 1000), sameIssuer);
    await addCrl(h, crl(2, Date.now()), sameIssuer);
    expect(readTrustStore(h).crls).toHaveLength(1);
    expect(trustMaterial(h).roots).toHaveLength(1);
    expect(await removeTrusted(h, 'Root', root.thumbprint.toLowerCase())).toBe(true);
    fs.writeFileSync(trustFile(h), '{"schemaVersion":1,"roots":{}}');
    expect(() => readTrustStore(h)).toThrow(new RegExp(`'${trustFile(h).replace(/[.\\/]/g, '.')}' is damaged and was not changed: 'roots' is not a list`));
    await expect(addTrustedCertificate(h, 'Root', der)).rejects.toThrow(/is damaged/);
    expect(fs.readFileSync(trustFile(h), 'utf8')).toBe('{"schemaVersion":1,"roots":{}}');
  });
  it('addCertificate refuses a duplicate', async () => {
    const h = home();
    const rec = await createSelfSignedCertificate(h, { subjectName: 'CN=a', keySize: 1024, defaultHostName: 'a' });
    const cert = parseCertificate(Buffer.from(rec.certificate, 'base64'));
    await expect(addCertificate(h, { certificate: cert, chain: [], friendlyName: '', privateKeyExportable: false, services: [], source: 'Certificate' })).rejects.toThrow(/already exists/);
  });
});
