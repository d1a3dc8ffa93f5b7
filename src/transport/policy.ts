// Domain-security policy: the one place that decides, for a session and a domain, whether mail is
// domain-secured, refused or ordinary. The receive side asks it at MAIL FROM and RCPT TO, the send
// side before and after it opens a session. Pure functions over plain facts; no I/O.
import type { SmtpReply } from './types.js';

export const REPLY = {
  secureDomainDisallowed: { code: 451, enhanced: '4.7.3', text: 'The admin has temporarily disallowed this secure domain' },
  temporaryAuthFailure: { code: 454, enhanced: '4.7.0', text: 'Temporary authentication failure' },
  notAuthenticated: { code: 530, enhanced: '5.7.1', text: 'Not authenticated' },
  certificateValidationFailure: { code: 454, enhanced: '4.7.5', text: 'Certificate validation failure' },
  unableToRelay: { code: 550, enhanced: '5.7.1', text: 'Unable to relay' },
  startTlsRequired: { code: 451, enhanced: '5.7.3', text: 'STARTTLS is required to send mail' },
  mustStartTls: { code: 530, enhanced: '5.7.0', text: 'Must issue a STARTTLS command first' },
} as const satisfies Record<string, SmtpReply>;

/** The domain of an address (`user@Contoso.com` → `contoso.com`); undefined for the null sender. */
export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return undefined;
  return address
    .slice(at + 1)
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** TLS*DomainSecureList entries are exact domains (no wildcards), compared case-insensitively. */
export function inDomainSecureList(list: readonly string[], domain: string | undefined): boolean {
  if (!domain) return false;
  const d = domain.toLowerCase().replace(/\.$/, '');
  return list.some((x) => x.toLowerCase().replace(/\.$/, '') === d);
}

// ------------------------------------------------------------------------------------ receive side

export interface ReceiveFacts {
  /** The sender's domain (MAIL FROM), undefined for the null sender. */
  senderDomain: string | undefined;
  tlsReceiveDomainSecureList: readonly string[];
  connector: { domainSecureEnabled: boolean; requireTLS: boolean };
  /** STARTTLS was advertised on this session (the connector has Tls and a certificate exists). */
  startTlsOffered: boolean;
  tls: { active: boolean; clientCertificate: boolean };
  /** The validation of the client's certificate against the sender's domain, once asked for. */
  validation?: { valid: boolean; reason: string };
}

export type ReceiveVerdict =
  /** An ordinary sender: accepted with or without TLS. */
  | { kind: 'Accept' }
  /** Domain-secured: the session is Partner for `domain`. */
  | { kind: 'Partner'; domain: string }
  /** The client certificate must be validated against `domain`; call again with `validation`. */
  | { kind: 'Validate'; domain: string }
  | { kind: 'Reject'; reply: SmtpReply; domain?: string };

/** The MAIL FROM decision, in Exchange's order of checks. */
export function receiveVerdict(f: ReceiveFacts): ReceiveVerdict {
  const domain = f.senderDomain;
  if (!inDomainSecureList(f.tlsReceiveDomainSecureList, domain)) {
    if (f.connector.requireTLS && !f.tls.active) return { kind: 'Reject', reply: REPLY.mustStartTls };
    return { kind: 'Accept' };
  }
  const d = domain!;
  if (!f.connector.domainSecureEnabled) return { kind: 'Reject', reply: REPLY.secureDomainDisallowed, domain: d };
  if (!f.startTlsOffered) return { kind: 'Reject', reply: REPLY.temporaryAuthFailure, domain: d };
  if (!f.tls.active || !f.tls.clientCertificate) return { kind: 'Reject', reply: REPLY.notAuthenticated, domain: d };
  if (!f.validation) return { kind: 'Validate', domain: d };
  if (!f.validation.valid) return { kind: 'Reject', reply: REPLY.certificateValidationFailure, domain: d };
  return { kind: 'Partner', domain: d };
}

export interface RelayFacts {
  recipientDomain: string | undefined;
  acceptedDomains: readonly { domainName: string }[];
  connector: { authMechanism: readonly string[]; permissionGroups: readonly string[] };
}

/** An accepted domain entry matches itself, and `*.x` matches subdomains of x. */
export function matchAcceptedDomain<T extends { domainName: string }>(domains: readonly T[], domain: string | undefined): T | undefined {
  if (!domain) return undefined;
  const d = domain.toLowerCase();
  let best: T | undefined;
  let bestLen = -1;
  for (const a of domains) {
    const n = a.domainName.toLowerCase();
    if (n === d) return a;
    if (n.startsWith('*.') && d.endsWith(n.slice(1)) && n.length > bestLen) {
      best = a;
      bestLen = n.length;
    }
  }
  return best;
}

const has = (xs: readonly string[], x: string) => xs.some((v) => v.toLowerCase() === x.toLowerCase());

/**
 * A connector may relay when its clients are trusted Exchange servers: PermissionGroups
 * ExchangeServers with AuthMechanism ExternalAuthoritative (what `-Usage Internal` sets up). The
 * connector was already chosen by its RemoteIPRanges.
 */
export function connectorMayRelay(connector: RelayFacts['connector']): boolean {
  return has(connector.permissionGroups, 'ExchangeServers') && has(connector.authMechanism, 'ExternalAuthoritative');
}

/** RCPT TO: accepted domains always; anything else only on a relay connector. */
export function relayVerdict(f: RelayFacts): { ok: true } | { ok: false; reply: SmtpReply } {
  if (matchAcceptedDomain(f.acceptedDomains, f.recipientDomain)) return { ok: true };
  if (connectorMayRelay(f.connector)) return { ok: true };
  return { ok: false, reply: REPLY.unableToRelay };
}

// --------------------------------------------------------------------------------------- send side

export interface SendRequirementFacts {
  nextHopDomain: string;
  tlsSendDomainSecureList: readonly string[];
  connector: { domainSecureEnabled: boolean; dnsRoutingEnabled: boolean; requireTLS: boolean; ignoreStartTLS: boolean };
}

export type SendRequirement =
  | { domainSecure: false; requireTls: boolean; ignoreStartTls: boolean }
  | { domainSecure: true; requireTls: true; ignoreStartTls: false }
  /** The next hop is a secure domain but this connector cannot do domain security: never connect. */
  | { domainSecure: true; blocked: SmtpReply };

/** What a session to the next hop must achieve, decided before connecting. */
export function sendRequirement(f: SendRequirementFacts): SendRequirement {
  if (!inDomainSecureList(f.tlsSendDomainSecureList, f.nextHopDomain)) {
    return { domainSecure: false, requireTls: f.connector.requireTLS, ignoreStartTls: f.connector.ignoreStartTLS && !f.connector.requireTLS };
  }
  // domain security needs the connector's consent, DNS routing (not smart hosts) and STARTTLS not ignored
  if (!f.connector.domainSecureEnabled || !f.connector.dnsRoutingEnabled || f.connector.ignoreStartTLS) {
    return { domainSecure: true, blocked: REPLY.startTlsRequired };
  }
  return { domainSecure: true, requireTls: true, ignoreStartTls: false };
}

export interface SendSessionFacts {
  domainSecure: boolean;
  requireTls: boolean;
  startTlsAdvertised: boolean;
  tlsActive: boolean;
  /** A client certificate was presented (we had an SMTP certificate to present). */
  clientCertificatePresented: boolean;
  /** The server certificate checked against the next-hop domain (only asked for domain-secure hops). */
  validation?: { valid: boolean; reason: string };
}

export type SendVerdict =
  | { ok: true; domainSecured: boolean }
  | { ok: false; reply: SmtpReply; detail?: string }
  | { ok: 'validate' };

/** After EHLO (and STARTTLS): may the message go on this session? */
export function sendVerdict(f: SendSessionFacts): SendVerdict {
  if (!f.domainSecure) {
    if (f.requireTls && !f.tlsActive) return { ok: false, reply: REPLY.startTlsRequired };
    return { ok: true, domainSecured: false };
  }
  if (!f.tlsActive) return { ok: false, reply: REPLY.startTlsRequired };
  if (!f.clientCertificatePresented) {
    return { ok: false, reply: REPLY.temporaryAuthFailure, detail: 'No certificate is enabled for SMTP, so none could be presented to the domain-secure next hop.' };
  }
  if (!f.validation) return { ok: 'validate' };
  if (!f.validation.valid) return { ok: false, reply: REPLY.certificateValidationFailure, detail: f.validation.reason };
  return { ok: true, domainSecured: true };
}
