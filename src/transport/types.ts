// The transport's view of the server: a snapshot of configuration and the certificate facts it needs.
// Small on purpose: src/transport/environment.ts fills it from src/state (config and certificate
// store); tests fill it directly.

/** `ip:port`; address `0.0.0.0` / `::` means every interface. */
export interface Binding {
  address: string;
  port: number;
}

export type ProtocolLoggingLevel = 'None' | 'Verbose';

export interface ReceiveConnectorView {
  name: string;
  enabled: boolean;
  bindings: Binding[];
  /** `a.b.c.d`, `a.b.c.d/nn`, `a.b.c.d-e.f.g.h` (IPv4 or IPv6). */
  remoteIPRanges: string[];
  /** Exchange names: None, Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer, ExternalAuthoritative. */
  authMechanism: string[];
  /** None, AnonymousUsers, ExchangeUsers, ExchangeServers, Partners, Custom. */
  permissionGroups: string[];
  domainSecureEnabled: boolean;
  requireTLS: boolean;
  /** The FQDN announced in the banner and EHLO, also used to choose the certificate. */
  fqdn?: string;
  /** Whole greeting line, starting with 220. */
  banner?: string;
  maxMessageSize: number;
  maxRecipientsPerMessage: number;
  maxHeaderSize: number;
  maxProtocolErrors: number;
  /** Longest command line accepted (bytes). */
  maxCommandLength: number;
  /** Whole-session limit and idle limit, in milliseconds. */
  connectionTimeoutMs: number;
  connectionInactivityTimeoutMs: number;
  maxInboundConnections?: number;
  protocolLoggingLevel: ProtocolLoggingLevel;
}

export interface AddressSpace {
  /** Only SMTP address spaces route here. */
  type: string;
  /** `*`, `contoso.com`, `*.contoso.com`. */
  domain: string;
  cost: number;
}

export interface SendConnectorView {
  name: string;
  enabled: boolean;
  addressSpaces: AddressSpace[];
  dnsRoutingEnabled: boolean;
  /** `host`, `host:port`, `[ip]`. */
  smartHosts: string[];
  port: number;
  fqdn?: string;
  domainSecureEnabled: boolean;
  requireTLS: boolean;
  ignoreStartTLS: boolean;
  maxMessageSize: number;
  protocolLoggingLevel: ProtocolLoggingLevel;
  connectionInactivityTimeoutMs: number;
  /** Custom, Internal, Internet, Partner. Internal keeps the organization headers on the message. */
  usage?: string;
}

export interface AcceptedDomainView {
  name: string;
  domainName: string;
  domainType: 'Authoritative' | 'InternalRelay' | 'ExternalRelay' | string;
  default?: boolean;
}

export interface StaticMxView {
  domain: string;
  /** In preference order. */
  targets: { host: string; port: number }[];
}

export interface RetrySettings {
  transientFailureRetryCount: number;
  transientFailureRetryIntervalMs: number;
  outboundConnectionFailureRetryIntervalMs: number;
  messageExpirationTimeoutMs: number;
}

export interface TransportServerView {
  /** Short name (EDGE01), used in queue identities and log connector ids. */
  name: string;
  fqdn: string;
  receiveProtocolLogPath: string;
  sendProtocolLogPath: string;
  messageTrackingLogPath: string;
  messageTrackingLogEnabled: boolean;
  /** When false, tracking events leave the subject out. */
  messageTrackingLogSubjectLoggingEnabled?: boolean;
  protocolLogMaxFileSize: number;
  messageTrackingLogMaxFileSize: number;
  retry: RetrySettings;
  /** Connect, greeting and command timeouts of the send side (ms). */
  sendConnectTimeoutMs: number;
  maxConcurrentMessages: number;
}

export interface TransportConfigView {
  tlsSendDomainSecureList: string[];
  tlsReceiveDomainSecureList: string[];
  maxSendSize: number;
  maxReceiveSize: number;
  maxRecipientEnvelopeLimit: number;
  internalSmtpServers: string[];
}

export interface TransportSnapshot {
  server: TransportServerView;
  config: TransportConfigView;
  acceptedDomains: AcceptedDomainView[];
  receiveConnectors: ReceiveConnectorView[];
  sendConnectors: SendConnectorView[];
  staticMx: StaticMxView[];
}

import type { ProtocolLogCertificate } from '../pki/peer.js';

/** Certificate facts the protocol log prints (`*,<data>,Certificate subject`, ...): src/pki/peer.ts makes them. */
export type CertificateDescription = ProtocolLogCertificate;

/** The SMTP certificate with its private key, ready for a TLS context. */
export interface SmtpCredential {
  thumbprint: string;
  /** Leaf certificate then the intermediates, PEM. */
  certChainPem: string;
  keyPem: string;
  description: CertificateDescription;
}

export interface PeerValidation {
  valid: boolean;
  /** Valid, Untrusted, Revoked, DateInvalid, RevocationCheckFailure, Invalid. */
  status: string;
  reason: string;
}

/** What the transport asks of the certificate store and the trust store. */
export interface CertificateProvider {
  /** The certificate enabled for SMTP whose names match `fqdn`, else the default SMTP certificate. */
  smtpCredential(fqdn?: string): SmtpCredential | undefined;
  /**
   * The one validation: chain to a trusted root, dates, revocation, and the leaf names `domain`.
   * `chain` is DER, leaf first, as the peer sent it.
   */
  validatePeer(chain: Buffer[], domain: string, purpose: 'client' | 'server'): PeerValidation | Promise<PeerValidation>;
  /** Trusted roots (PEM), named in the TLS CertificateRequest so clients pick the right certificate. */
  trustedRootsPem?(): string[];
}

/** Where the transport gets its configuration; re-read for every new session and queue run. */
export interface TransportEnvironment {
  home: string;
  snapshot(): TransportSnapshot;
  certificates: CertificateProvider;
  /**
   * A value that changes whenever configuration or certificates change (file mtimes), so the
   * service reloads only when needed. Absent: reload on every check.
   */
  changeToken?(): string;
  /** DNS MX lookup; defaults to node:dns. Tests replace it. */
  resolveMx?(domain: string): Promise<{ exchange: string; priority: number }[]>;
}

export interface SmtpReply {
  code: number;
  enhanced: string;
  text: string;
}

export function formatReply(r: SmtpReply): string {
  return `${r.code} ${r.enhanced} ${r.text}`;
}

/** An SMTP error a handler gives back to smtp-server: the reply code plus the text with its enhanced code. */
export class SmtpReplyError extends Error {
  readonly responseCode: number;
  constructor(public readonly reply: SmtpReply) {
    super(`${reply.enhanced} ${reply.text}`);
    this.responseCode = reply.code;
  }
}
