import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLabAuthority, openLabAuthority, approveRequest, revokeCertificate, publishCrl, readCertificateRequest, createCertificateRequest, parseDistinguishedName, generateRsaKeyPair, certToPem, crlToPem, parseCertificate, parseCrl, requestToPem, OID } from '../../src/pki/index.js';
import { openssl, opensslTry, scratch } from '../pki/openssl.js';

describe('lab certification authority', () => {
  it('issues certificates openssl verifies, with the request subject, SAN and both EKUs', async () => {
    const dir = scratch();
    const ca = await createLabAuthority(path.join(dir, 'ca'), 'Lab Root CA', { keySize: 1024 });
    expect(fs.statSync(path.join(dir, 'ca', 'ca.key')).mode & 0o777).toBe(0o600);
    expect(ca.cert.subjectText).toBe('CN=Lab Root CA');
    await expect(createLabAuthority(path.join(dir, 'ca'), 'Again')).rejects.toThrow(/already exists/);
    const k = await generateRsaKeyPair(1024);
    const req = createCertificateRequest({ subject: parseDistinguishedName('DC=com,DC=Contoso,CN=mail1.contoso.com'), dnsNames: ['mail1.contoso.com', 'mail.contoso.com'], privateKeyPem: k.privateKeyPem });
    fs.writeFileSync(path.join(dir, 'r.req'), requestToPem(req));
    const der = await approveRequest(path.join(dir, 'ca'), readCertificateRequest(fs.readFileSync(path.join(dir, 'r.req'))), { validityDays: 30 });
    fs.writeFileSync(path.join(dir, 'issued.cer'), certToPem(der));
    const v = opensslTry(['verify', '-CAfile', 'ca/ca.cer', '-purpose', 'sslserver', 'issued.cer'], dir);
    expect(v.out).toMatch(/issued.cer: OK/);
    expect(opensslTry(['verify', '-CAfile', 'ca/ca.cer', '-purpose', 'sslclient', 'issued.cer'], dir).ok).toBe(true);
    const cert = parseCertificate(der);
    expect(cert.subjectText).toBe('CN=mail1.contoso.com, DC=Contoso, DC=com');
    expect(cert.san.dns).toEqual(['mail1.contoso.com', 'mail.contoso.com']);
    expect(cert.extKeyUsage).toEqual([OID.serverAuth, OID.clientAuth]);
    expect(Math.round((cert.notAfter.getTime() - Date.now()) / 86_400_000)).toBe(30);

    // revoke and publish: openssl reads and verifies the CRL and sees the serial
    await revokeCertificate(path.join(dir, 'ca'), cert.serialNumber);
    await expect(revokeCertificate(path.join(dir, 'ca'), 'ABCDEF')).rejects.toThrow(/did not issue a certificate with serial number ABCDEF/);
    const crlDer = await publishCrl(path.join(dir, 'ca'));
    fs.writeFileSync(path.join(dir, 'lab.crl'), crlToPem(crlDer));
    const c = opensslTry(['crl', '-in', 'lab.crl', '-CAfile', 'ca/ca.cer', '-noout', '-text'], dir);
    expect(c.out).toMatch(/verify OK/);
    expect(c.out.replace(/\s/g, '')).toContain(`SerialNumber:${cert.serialNumber.replace(/^00/, '')}`);
    const crl = parseCrl(crlDer);
    expect(crl.crlNumber).toBe('01');
    expect(openLabAuthority(path.join(dir, 'ca')).record.nextCrlNumber).toBe(2);
    const vr = opensslTry(['verify', '-crl_check', '-CAfile', 'ca/ca.cer', '-CRLfile', 'lab.crl', 'issued.cer'], dir);
    expect(vr.out).toMatch(/certificate revoked/);
  });

  it('refuses a tampered request and a directory that is not a CA', async () => {
    const dir = scratch();
    await createLabAuthority(path.join(dir, 'ca'), 'Lab Root CA', { keySize: 1024 });
    const k = await generateRsaKeyPair(1024);
    const req = createCertificateRequest({ subject: parseDistinguishedName('CN=a.contoso.com'), dnsNames: ['a.contoso.com'], privateKeyPem: k.privateKeyPem });
    req[req.indexOf(Buffer.from('a.contoso'))] = 0x62;
    await expect(approveRequest(path.join(dir, 'ca'), readCertificateRequest(req))).rejects.toThrow(/signature does not verify/);
    expect(() => openLabAuthority(dir)).toThrow(/is not a lab certification authority/);
    expect(() => readCertificateRequest(Buffer.from('garbage'))).toThrow(/PKCS#10/);
    void openssl;
  });
});
