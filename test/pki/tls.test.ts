// The transport's use of this layer: a mutual-TLS handshake on loopback with certificates from the
// lab CA, the peer's chain taken from the socket and checked by validateChain.
import { it, expect } from 'vitest';
import * as tls from 'node:tls';
import * as path from 'node:path';
import { createLabAuthority, approveRequest, createCertificateRequest, parseCertificateRequest, parseDistinguishedName, generateRsaKeyPair, certToPem, peerChainFromTls, describeForProtocolLog, validateChain } from '../../src/pki/index.js';
import { scratch } from './openssl.js';

async function issue(caDir: string, cn: string) {
  const k = await generateRsaKeyPair(2048);
  const req = createCertificateRequest({ subject: parseDistinguishedName(`CN=${cn}`), dnsNames: [cn], privateKeyPem: k.privateKeyPem });
  const der = await approveRequest(caDir, parseCertificateRequest(req));
  return { key: k.privateKeyPem, cert: certToPem(der), der };
}

it('a mutual-TLS handshake yields peer chains that validate for server and client', async () => {
  const dir = path.join(scratch(), 'ca');
  const ca = await createLabAuthority(dir, 'TLS Root', { keySize: 2048 });
  const server = await issue(dir, 'mail.contoso.com');
  const client = await issue(dir, 'mail.woodgrovebank.com');
  const seenByServer: Buffer[] = [];
  const srv = tls.createServer({ key: server.key, cert: server.cert, requestCert: true, rejectUnauthorized: false }, (s) => {
    const peer = peerChainFromTls(s.getPeerCertificate(true));
    if (peer) seenByServer.push(peer.leaf);
    s.end('220 ok\r\n');
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  const peerOfClient = await new Promise<ReturnType<typeof peerChainFromTls>>((resolve, reject) => {
    const c = tls.connect({ host: '127.0.0.1', port, key: client.key, cert: client.cert, rejectUnauthorized: false, servername: 'mail.contoso.com' }, () => {
      resolve(peerChainFromTls(c.getPeerCertificate(true)));
      c.on('data', () => c.end());
    });
    c.on('error', reject);
  });
  await new Promise((r) => setTimeout(r, 50));
  srv.close();
  const trust = { roots: [ca.cert.der] };
  expect(peerOfClient!.leaf.equals(server.der)).toBe(true);
  expect(validateChain(peerOfClient!.leaf, peerOfClient!.chain, trust, { purpose: 'server', hostname: 'mail.contoso.com' }).status).toBe('Valid');
  expect(validateChain(peerOfClient!.leaf, peerOfClient!.chain, trust, { purpose: 'server', hostname: 'woodgrovebank.com' }).status).toBe('Invalid');
  expect(validateChain(seenByServer[0]!, [], trust, { purpose: 'client', hostname: 'mail.woodgrovebank.com' }).status).toBe('Valid');
  expect(validateChain(seenByServer[0]!, [], { roots: [] }, { purpose: 'client' }).status).toBe('Untrusted');
  const log = describeForProtocolLog(server.der);
  expect(log).toMatchObject({ subject: 'CN=mail.contoso.com', issuer: 'CN=TLS Root', alternateNames: 'mail.contoso.com' });
  expect(log.thumbprint).toMatch(/^[0-9A-F]{40}$/);
}, 30_000);
