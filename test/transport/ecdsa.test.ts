// Domain security with ECDSA certificates over real sockets on 127.0.0.1. Both servers' stores are
// made as an administrator makes them (an ECDSA request, issued by an ECDSA lab CA, imported and
// enabled for SMTP, the lab root trusted), and the transport reads them through the store provider.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { TransportService } from '../../src/transport/service.js';
import { storeCertificateProvider } from '../../src/transport/certificates.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import { readProtocolLog, sampleLine } from '../../src/transport/protocol-log.js';
import { readCounters } from '../../src/transport/counters.js';
import { receiveConnectorDefaults } from '../../src/transport/defaults.js';
import { generatePendingRequest, getSmtpCertificate, importCertificateData } from '../../src/state/certstore.js';
import { enableServices } from '../../src/state/certificates.js';
import { addTrustedCertificate } from '../../src/state/trust.js';
import { approveRequest, certificatesFromPem, createLabAuthority, parseCertificate, parseCertificateRequest, type CertInfo } from '../../src/pki/index.js';
import { freePort, makeOrg, tempHome, type Org } from './helpers/env.js';
import { presentedThumbprint, smtpSend } from './helpers/client.js';

let impostorHome: string;
let contoso: Org;
let woodgrove: Org;
let cSvc: TransportService;
let wSvc: TransportService;
let submitPort: number;
const certs: Record<string, CertInfo> = {};

/** The value once `f` yields one (vitest's own polling: the transport writes its files asynchronously). */
const eventually = <T>(f: () => T | undefined | false) =>
  vi.waitFor(() => f() || Promise.reject(new Error('not yet')), { timeout: 10_000, interval: 25 }) as Promise<T>;

/** A server's SMTP certificate: an ECDSA request issued by the lab CA in `authority`, imported and enabled; its root trusted. */
async function enrol(home: string, authority: string, subjectName: string, domainNames: string[]): Promise<CertInfo> {
  const { der } = await generatePendingRequest(home, { keyAlgorithm: 'ECDSA', subjectName, domainNames, defaultHostName: 'unused' });
  const issued = await approveRequest(authority, parseCertificateRequest(der));
  const record = await importCertificateData(home, issued);
  await enableServices(home, record.thumbprint, ['SMTP'], true);
  await addTrustedCertificate(home, 'Root', certificatesFromPem(fs.readFileSync(path.join(authority, 'ca.cer'), 'latin1'))[0]!);
  return parseCertificate(issued);
}

beforeAll(async () => {
  const lab = tempHome('edgeshell-ec-lab-');
  await createLabAuthority(path.join(lab, 'ca'), 'Lab EC Root CA', { keyAlgorithm: 'ECDSA' });
  await createLabAuthority(path.join(lab, 'rogue'), 'Rogue EC Root CA', { keyAlgorithm: 'ECDSA', keySize: 384 });
  const [wgHome, coHome] = [tempHome(), tempHome()];
  impostorHome = tempHome();
  certs.woodgrove = await enrol(wgHome, path.join(lab, 'ca'), 'DC=com,DC=WoodgroveBank,CN=mail.woodgrovebank.com', ['woodgrovebank.com']);
  certs.contoso = await enrol(coHome, path.join(lab, 'ca'), 'DC=com,DC=Contoso,CN=mail1.contoso.com', ['mail.contoso.com', 'contoso.com']);
  certs.rogue = await enrol(impostorHome, path.join(lab, 'rogue'), 'CN=mail.contoso.com', ['contoso.com']);

  woodgrove = await makeOrg({ home: wgHome, domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name: 'WOODGROVE', certificates: storeCertificateProvider(wgHome) });
  woodgrove.snap.config.tlsReceiveDomainSecureList = ['contoso.com'];
  woodgrove.snap.receiveConnectors[0]!.domainSecureEnabled = true;
  woodgrove.snap.receiveConnectors[0]!.authMechanism = ['Tls'];

  contoso = await makeOrg({ home: coHome, domain: 'contoso.com', fqdn: 'mail1.contoso.com', name: 'CONTOSO', certificates: storeCertificateProvider(coHome) });
  contoso.snap.config.tlsSendDomainSecureList = ['woodgrovebank.com'];
  contoso.snap.sendConnectors[0]!.domainSecureEnabled = true;
  contoso.snap.staticMx = [{ domain: 'woodgrovebank.com', targets: [{ host: '127.0.0.1', port: woodgrove.port }] }];
  submitPort = await freePort();
  contoso.snap.receiveConnectors.push(
    receiveConnectorDefaults('Internal', { bindings: [{ address: '127.0.0.1', port: submitPort }], remoteIPRanges: ['127.0.0.1'], authMechanism: ['Tls', 'ExternalAuthoritative'], permissionGroups: ['ExchangeServers'], fqdn: 'mail1.contoso.com' }),
  );
  wSvc = await TransportService.start(woodgrove.env, { tickMs: 50 });
  cSvc = await TransportService.start(contoso.env, { tickMs: 50 });
}, 60_000);

afterAll(async () => {
  await Promise.all([cSvc?.stop(1000), wSvc?.stop(1000)]);
});

/** The message delivered to `address` at Woodgrove, header folds undone. */
async function delivered(address: string): Promise<string> {
  const file = await eventually(() => listMailbox(woodgrove.home, address)[0]);
  return fs.readFileSync(file, 'utf8').replace(/\r\n[ \t]+/g, ' ');
}

const credentialPem = (home: string) => {
  const c = getSmtpCertificate(home)!;
  return { cert: c.certPem, key: c.keyPem };
};

describe('ECDSA certificates on both sides', () => {
  test('the certificates are ECDSA P-256, signed by the ECDSA lab root, and the receive side presents Woodgrove\'s', async () => {
    for (const c of [certs.woodgrove!, certs.contoso!]) {
      expect(c.publicKeySize).toBe(256);
      expect(c.issuerText).toBe('CN=Lab EC Root CA');
      expect(c.keyUsage).toEqual(['digitalSignature']);
    }
    expect(getSmtpCertificate(woodgrove.home)!.status).toBe('Valid');
    expect(await presentedThumbprint(woodgrove.port)).toBe(certs.woodgrove!.thumbprint);
  });

  test('receive: a partner presenting an ECDSA client certificate from the ECDSA lab CA is accepted as Partner', async () => {
    const before = readCounters(woodgrove.home).values.domainSecureMessagesReceived;
    const r = await smtpSend({ port: woodgrove.port, from: 'ann@contoso.com', to: ['carol@woodgrovebank.com'], ...credentialPem(contoso.home), name: 'mail1.contoso.com' });
    expect(r.secure).toBe(true);
    expect(r.response).toMatch(/^250 2\.6\.0 <.+> Queued mail for delivery$/);
    const mail = await delivered('carol@woodgrovebank.com');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthAs: Partner\r\n');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthMechanism: 02\r\n');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthDomain: contoso.com\r\n');
    await expect.poll(() => readCounters(woodgrove.home).values.domainSecureMessagesReceived, { timeout: 10_000 }).toBe(before + 1);

    const recv = await eventually(() => {
      const l = readProtocolLog(woodgrove.snap.server.receiveProtocolLogPath, 'Receive').map(sampleLine);
      return l.includes(`*${certs.contoso!.thumbprint}, Certificate thumbprint`) && l;
    });
    const i = recv.indexOf('*Received certificate');
    expect(recv.slice(i, i + 6)).toEqual([
      '*Received certificate',
      '*CN=mail1.contoso.com, DC=Contoso, DC=com, Certificate subject',
      '*CN=Lab EC Root CA, Certificate issuer name',
      `*${certs.contoso!.serialNumber}, Certificate serial number`,
      `*${certs.contoso!.thumbprint}, Certificate thumbprint`,
      '*mail1.contoso.com;mail.contoso.com;contoso.com, Certificate alternate names',
    ]);
  });

  test('receive: an ECDSA certificate from an untrusted ECDSA root gets 454 4.7.5 Certificate validation failure', async () => {
    const r = await smtpSend({ port: woodgrove.port, from: 'eve@contoso.com', to: ['carol@woodgrovebank.com'], ...credentialPem(impostorHome), name: 'mail.contoso.com' });
    expect(r.secure).toBe(true);
    expect(r.response).toBe('454 4.7.5 Certificate validation failure');
    expect(r.command).toBe('MAIL FROM');
    expect(certs.rogue!.publicKeySize).toBe(256);
  });

  test('send: Contoso relays to its ECDSA partner domain-secured, presenting its own ECDSA certificate', async () => {
    const r = await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], message: 'From: ann@contoso.com\r\nTo: bob@woodgrovebank.com\r\nSubject: Quarterly results\r\n\r\nSee attached.\r\n' });
    expect(r.response).toMatch(/^250 2\.6\.0 /);
    const mail = await delivered('bob@woodgrovebank.com');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthAs: Partner\r\n');
    expect(mail).toContain('Subject: Quarterly results');
    await expect.poll(() => readCounters(contoso.home).values.domainSecureMessagesSent, { timeout: 10_000 }).toBe(1);
    expect(readCounters(contoso.home).values.domainSecureOutboundSessionFailures).toBe(0);

    const send = readProtocolLog(contoso.snap.server.sendProtocolLogPath, 'Send').map(sampleLine);
    const i = send.indexOf('*Sending certificate');
    expect(i).toBeGreaterThan(0);
    expect(send.slice(i, i + 12).filter((l) => l.endsWith(', Certificate thumbprint'))).toEqual([
      `*${certs.contoso!.thumbprint}, Certificate thumbprint`,
      `*${certs.woodgrove!.thumbprint}, Certificate thumbprint`,
    ]);
    expect(send[i + 7]).toBe('*CN=mail.woodgrovebank.com, DC=WoodgroveBank, DC=com, Certificate subject');
  });
});
