// The transport's configuration from the server's state: OrganizationConfig (src/state/config*.ts)
// becomes a TransportSnapshot, the certificate store a CertificateProvider. A change token built
// from the state files' modification times tells the running service when to re-read them.
import * as fs from 'node:fs';
import { resolveTransportServer, type OrganizationConfig } from '../state/config-model.js';
import { configChangeToken, loadConfig } from '../state/config.js';
import { limitOf } from '../state/config-values.js';
import { storeFile } from '../state/certificates.js';
import { stateWrites } from '../state/store.js';
import { trustFile } from '../state/trust.js';
import { storeCertificateProvider } from './certificates.js';
import type { TransportEnvironment, TransportSnapshot } from './types.js';

const finite = (v: number | 'Unlimited') => {
  const n = limitOf(v);
  return Number.isFinite(n) ? n : 0;
};

export function snapshotFromConfig(home: string, cfg: OrganizationConfig): TransportSnapshot {
  const s = resolveTransportServer(home, cfg.transportServer);
  const mx = new Map<string, { domain: string; targets: { host: string; port: number; preference: number }[] }>();
  for (const r of cfg.staticMxRecords) {
    const k = r.domain.toLowerCase();
    const e = mx.get(k) ?? { domain: r.domain, targets: [] };
    e.targets.push({ host: r.host, port: r.port, preference: r.preference });
    mx.set(k, e);
  }
  return {
    server: {
      name: s.name,
      fqdn: s.fqdn,
      receiveProtocolLogPath: s.receiveProtocolLogPath,
      sendProtocolLogPath: s.sendProtocolLogPath,
      messageTrackingLogPath: s.messageTrackingLogPath,
      messageTrackingLogEnabled: s.messageTrackingLogEnabled,
      messageTrackingLogSubjectLoggingEnabled: s.messageTrackingLogSubjectLoggingEnabled,
      protocolLogMaxFileSize: finite(s.receiveProtocolLogMaxFileSize) || 10 * 1024 * 1024,
      messageTrackingLogMaxFileSize: finite(s.messageTrackingLogMaxFileSize) || 10 * 1024 * 1024,
      retry: {
        transientFailureRetryCount: s.transientFailureRetryAttempts,
        transientFailureRetryIntervalMs: s.transientFailureRetryIntervalMs,
        outboundConnectionFailureRetryIntervalMs: s.outboundConnectionFailureRetryIntervalMs,
        messageExpirationTimeoutMs: s.messageExpirationTimeoutMs,
      },
      sendConnectTimeoutMs: 30_000,
      maxConcurrentMessages: Math.max(1, Math.min(50, finite(s.maxOutboundConnections) || 20)),
    },
    config: {
      tlsSendDomainSecureList: [...cfg.transportConfig.tlsSendDomainSecureList],
      tlsReceiveDomainSecureList: [...cfg.transportConfig.tlsReceiveDomainSecureList],
      maxSendSize: finite(cfg.transportConfig.maxSendSize),
      maxReceiveSize: finite(cfg.transportConfig.maxReceiveSize),
      maxRecipientEnvelopeLimit: finite(cfg.transportConfig.maxRecipientEnvelopeLimit),
      internalSmtpServers: [...cfg.transportConfig.internalSmtpServers],
    },
    acceptedDomains: cfg.acceptedDomains.map((d) => ({ name: d.name, domainName: d.domainName, domainType: d.domainType, default: d.default })),
    receiveConnectors: cfg.receiveConnectors.map((c) => ({
      name: c.name,
      enabled: c.enabled,
      bindings: c.bindings.map((b) => ({ address: b.address, port: b.port })),
      remoteIPRanges: [...c.remoteIPRanges],
      authMechanism: [...c.authMechanism],
      permissionGroups: [...c.permissionGroups],
      domainSecureEnabled: c.domainSecureEnabled,
      requireTLS: c.requireTLS,
      fqdn: c.fqdn ?? undefined,
      banner: c.banner ?? undefined,
      maxMessageSize: c.maxMessageSize,
      maxRecipientsPerMessage: c.maxRecipientsPerMessage,
      maxHeaderSize: c.maxHeaderSize,
      maxProtocolErrors: limitOf(c.maxProtocolErrors),
      maxCommandLength: 2048,
      connectionTimeoutMs: c.connectionTimeoutMs,
      connectionInactivityTimeoutMs: c.connectionInactivityTimeoutMs,
      maxInboundConnections: finite(c.maxInboundConnection) || undefined,
      protocolLoggingLevel: c.protocolLoggingLevel,
    })),
    sendConnectors: cfg.sendConnectors.map((c) => ({
      name: c.name,
      enabled: c.enabled,
      addressSpaces: c.addressSpaces.map((a) => ({ type: a.type, domain: a.domain, cost: a.cost })),
      dnsRoutingEnabled: c.dnsRoutingEnabled,
      smartHosts: [...c.smartHosts],
      port: c.port,
      fqdn: c.fqdn ?? undefined,
      domainSecureEnabled: c.domainSecureEnabled,
      requireTLS: c.requireTLS,
      ignoreStartTLS: c.ignoreStartTLS,
      maxMessageSize: finite(c.maxMessageSize),
      protocolLoggingLevel: c.protocolLoggingLevel,
      connectionInactivityTimeoutMs: c.connectionInactivityTimeoutMs,
      usage: c.usage ?? undefined,
    })),
    staticMx: [...mx.values()].map((e) => ({ domain: e.domain, targets: e.targets.sort((a, b) => a.preference - b.preference).map(({ host, port }) => ({ host, port })) })),
  };
}

function mtimeOf(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return '-';
  }
}

/**
 * The state files' change token, looked at again after TOKEN_MS or at once after this process
 * wrote a state file: a change made by another process (another shell) is seen within TOKEN_MS,
 * one made here at once. The service asks on every busy turn of its event loop; three stats each
 * time were 3 % of its work at two thousand messages a second.
 */
const TOKEN_MS = 20;

function changeTokenOf(home: string): () => string {
  let token = '';
  let at = -Infinity;
  let writes = -1;
  return () => {
    const now = performance.now();
    if (now - at >= TOKEN_MS || writes !== stateWrites()) {
      writes = stateWrites();
      token = [configChangeToken(home), mtimeOf(storeFile(home)), mtimeOf(trustFile(home))].join('|');
      at = now;
    }
    return token;
  };
}

/** The environment of a server's home: its configuration, certificate store and trust store. */
export function stateEnvironment(home: string): TransportEnvironment {
  return {
    home,
    snapshot: () => snapshotFromConfig(home, loadConfig(home)),
    certificates: storeCertificateProvider(home),
    changeToken: changeTokenOf(home),
  };
}
