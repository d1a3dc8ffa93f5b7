import { describe, expect, test } from 'vitest';
import { REPLY, domainOf, inDomainSecureList, receiveVerdict, relayVerdict, sendRequirement, sendVerdict, type ReceiveFacts } from '../../src/transport/policy.js';
import { formatReply } from '../../src/transport/types.js';

const base: ReceiveFacts = {
  senderDomain: 'contoso.com',
  tlsReceiveDomainSecureList: ['Contoso.com'],
  connector: { domainSecureEnabled: true, requireTLS: false },
  startTlsOffered: true,
  tls: { active: true, clientCertificate: true },
};

describe('domain-security policy at the receive side', () => {
  test('a sender outside TLSReceiveDomainSecureList is accepted with or without TLS', () => {
    expect(receiveVerdict({ ...base, senderDomain: 'fabrikam.com', tls: { active: false, clientCertificate: false } })).toEqual({ kind: 'Accept' });
    expect(receiveVerdict({ ...base, senderDomain: undefined })).toEqual({ kind: 'Accept' });
  });
  test('the connector without DomainSecureEnabled answers 451 4.7.3', () => {
    const v = receiveVerdict({ ...base, connector: { domainSecureEnabled: false, requireTLS: false } });
    expect(v.kind === 'Reject' && formatReply(v.reply)).toBe('451 4.7.3 The admin has temporarily disallowed this secure domain');
  });
  test('STARTTLS not advertised answers 454 4.7.0', () => {
    const v = receiveVerdict({ ...base, startTlsOffered: false, tls: { active: false, clientCertificate: false } });
    expect(v.kind === 'Reject' && formatReply(v.reply)).toBe('454 4.7.0 Temporary authentication failure');
  });
  test('no TLS, or TLS without a client certificate, answers 530 5.7.1', () => {
    for (const tls of [{ active: false, clientCertificate: false }, { active: true, clientCertificate: false }]) {
      const v = receiveVerdict({ ...base, tls });
      expect(v.kind === 'Reject' && formatReply(v.reply)).toBe('530 5.7.1 Not authenticated');
    }
  });
  test('a certificate is validated against the sender domain, and a failure answers 454 4.7.5', () => {
    expect(receiveVerdict(base)).toEqual({ kind: 'Validate', domain: 'contoso.com' });
    const v = receiveVerdict({ ...base, validation: { valid: false, reason: 'expired' } });
    expect(v.kind === 'Reject' && formatReply(v.reply)).toBe('454 4.7.5 Certificate validation failure');
    expect(receiveVerdict({ ...base, validation: { valid: true, reason: '' } })).toEqual({ kind: 'Partner', domain: 'contoso.com' });
  });
  test('RequireTLS on the connector refuses cleartext MAIL of ordinary senders', () => {
    const v = receiveVerdict({ ...base, senderDomain: 'fabrikam.com', connector: { domainSecureEnabled: false, requireTLS: true }, tls: { active: false, clientCertificate: false } });
    expect(v.kind === 'Reject' && v.reply).toBe(REPLY.mustStartTls);
  });
});

describe('relay rules', () => {
  const accepted = [{ domainName: 'woodgrovebank.com' }, { domainName: '*.woodgrovebank.com' }];
  const internet = { authMechanism: ['Tls'], permissionGroups: ['AnonymousUsers', 'Partners'] };
  test('RCPT for an accepted domain (or a wildcard subdomain) is accepted', () => {
    expect(relayVerdict({ recipientDomain: 'woodgrovebank.com', acceptedDomains: accepted, connector: internet }).ok).toBe(true);
    expect(relayVerdict({ recipientDomain: 'eu.woodgrovebank.com', acceptedDomains: accepted, connector: internet }).ok).toBe(true);
  });
  test('RCPT for another domain is 550 5.7.1 Unable to relay', () => {
    const v = relayVerdict({ recipientDomain: 'fabrikam.com', acceptedDomains: accepted, connector: internet });
    expect(!v.ok && formatReply(v.reply)).toBe('550 5.7.1 Unable to relay');
  });
  test('ExchangeServers with ExternalAuthoritative may relay', () => {
    const v = relayVerdict({ recipientDomain: 'fabrikam.com', acceptedDomains: accepted, connector: { authMechanism: ['Tls', 'ExternalAuthoritative'], permissionGroups: ['ExchangeServers'] } });
    expect(v.ok).toBe(true);
  });
});

describe('domain-security policy at the send side', () => {
  const connector = { domainSecureEnabled: true, dnsRoutingEnabled: true, requireTLS: false, ignoreStartTLS: false };
  test('a secure next hop needs a DomainSecureEnabled DNS-routed connector', () => {
    expect(sendRequirement({ nextHopDomain: 'WoodgroveBank.com', tlsSendDomainSecureList: ['woodgrovebank.com'], connector })).toEqual({ domainSecure: true, requireTls: true, ignoreStartTls: false });
    for (const c of [{ ...connector, domainSecureEnabled: false }, { ...connector, dnsRoutingEnabled: false }, { ...connector, ignoreStartTLS: true }]) {
      const r = sendRequirement({ nextHopDomain: 'woodgrovebank.com', tlsSendDomainSecureList: ['woodgrovebank.com'], connector: c });
      expect('blocked' in r && formatReply(r.blocked)).toBe('451 5.7.3 STARTTLS is required to send mail');
    }
    expect(sendRequirement({ nextHopDomain: 'fabrikam.com', tlsSendDomainSecureList: ['woodgrovebank.com'], connector }).domainSecure).toBe(false);
  });
  test('a session to a secure domain without TLS fails with 451 5.7.3', () => {
    const v = sendVerdict({ domainSecure: true, requireTls: true, startTlsAdvertised: false, tlsActive: false, clientCertificatePresented: true });
    expect(v.ok === false && formatReply(v.reply)).toBe('451 5.7.3 STARTTLS is required to send mail');
  });
  test('the server certificate must validate', () => {
    const f = { domainSecure: true, requireTls: true, startTlsAdvertised: true, tlsActive: true, clientCertificatePresented: true };
    expect(sendVerdict(f)).toEqual({ ok: 'validate' });
    const v = sendVerdict({ ...f, validation: { valid: false, reason: 'untrusted root' } });
    expect(v.ok === false && formatReply(v.reply)).toBe('454 4.7.5 Certificate validation failure');
    expect(sendVerdict({ ...f, validation: { valid: true, reason: '' } })).toEqual({ ok: true, domainSecured: true });
  });
  test('ordinary next hops go with or without TLS', () => {
    expect(sendVerdict({ domainSecure: false, requireTls: false, startTlsAdvertised: false, tlsActive: false, clientCertificatePresented: false })).toEqual({ ok: true, domainSecured: false });
  });
});

test('domains of addresses and list membership', () => {
  expect(domainOf('User@Contoso.COM')).toBe('contoso.com');
  expect(domainOf('')).toBeUndefined();
  expect(inDomainSecureList(['contoso.com'], 'mail.contoso.com')).toBe(false);
});
