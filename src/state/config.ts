// The organization configuration of this Edge Transport server, persisted under EDGESHELL_HOME:
//   config/organization.json   transport config, accepted domains, send and receive connectors,
//                              the transport server's settings and the static MX table
// One JSON document with a schema version, replaced atomically; every read-modify-write runs under
// the home's lock on a fresh read, and a change that breaks a rule throws before anything is
// written. The transport reads it with loadConfig(); the cmdlets change it with updateConfig().
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateError, readJsonFile, withLock, writeJsonFile } from './store.js';
import {
  DEFAULT_RECEIVE_CONNECTOR_PREFIX,
  defaultConfig,
  defaultReceiveConnectorName,
  defaultTransportConfig,
  defaultTransportServer,
  hostServerName,
  receiveConnectorDefaults,
  resolveTransportServer,
  sendConnectorDefaults,
  type AcceptedDomain,
  type OrganizationConfig,
  type ReceiveConnector,
  type ResolvedTransportServer,
  type SendConnector,
  type StaticMxRecord,
  type TransportConfig,
  type TransportServer,
} from './config-model.js';
import {
  acceptedDomainViolations,
  configViolations,
  receiveConnectorViolations,
  sendConnectorViolations,
  staticMxViolations,
  transportConfigViolations,
  transportServerViolations,
} from './config-rules.js';
import {
  ACCEPTED_DOMAIN_TYPES,
  AUTH_MECHANISMS,
  ConfigObjectNotFoundError,
  ConfigRuleError,
  PERMISSION_GROUPS,
  PROTOCOL_LOGGING_LEVELS,
  SEND_USAGES,
  addressSpaceText,
  applyMultiValued,
  bindingText,
  endpointText,
  fail,
  isSmtpDomain,
  parseAddressSpace,
  parseBinding,
  parseDomainWithSubdomains,
  parseIPRange,
  parseSmartHost,
  parseSmtpDomain,
  violation,
  type AcceptedDomainType,
  type AddressSpace,
  type AuthMechanism,
  type IPBinding,
  type MultiValuedEdit,
  type PermissionGroup,
  type ProtocolLoggingLevel,
  type ReceiveConnectorUsage,
  type RuleViolation,
  type SendConnectorUsage,
  type Unlimited,
} from './config-values.js';

export * from './config-values.js';
export * from './config-model.js';
export * from './config-rules.js';

// ---------------------------------------------------------------- files

export const configDir = (home: string) => path.join(home, 'config');
export const configFile = (home: string) => path.join(configDir(home), 'organization.json');

/** The server name the configuration gives (or the host's). */
export function serverNameOf(cfg: OrganizationConfig): string {
  return cfg.transportServer.name ?? hostServerName();
}

/** Get-TransportServer's values: name, FQDN and log paths resolved against this home. */
export function transportServerOf(home: string, cfg: OrganizationConfig = loadConfig(home)): ResolvedTransportServer {
  return resolveTransportServer(home, cfg.transportServer);
}

/**
 * Reads the configuration: Exchange's first-run defaults when the file does not exist yet;
 * StateError naming the file when it is damaged (never overwritten silently).
 */
export function loadConfig(home: string): OrganizationConfig {
  const file = configFile(home);
  const raw = readJsonFile<Record<string, unknown>>(file);
  if (!raw) return defaultConfig();
  const cfg = conformDoc(file, raw);
  const broken = configViolations(cfg, serverNameOf(cfg));
  if (broken.length) throw damaged(file, `${broken[0].message} (rule ${broken[0].rule})`);
  return cfg;
}

/** Writes the whole document atomically. Callers hold the lock (updateConfig does). */
export function saveConfig(home: string, cfg: OrganizationConfig): void {
  writeJsonFile(configFile(home), {
    transportConfig: cfg.transportConfig,
    acceptedDomains: cfg.acceptedDomains,
    sendConnectors: cfg.sendConnectors,
    receiveConnectors: cfg.receiveConnectors,
    transportServer: cfg.transportServer,
    staticMxRecords: cfg.staticMxRecords,
  });
}

/**
 * A read-modify-write under the home's lock: `change` gets a fresh copy and edits it; when it
 * throws (a ConfigRuleError, a ConfigObjectNotFoundError), nothing is written, and a change that
 * changes nothing writes nothing. Returns what `change` returned.
 */
export async function updateConfig<T>(home: string, change: (cfg: OrganizationConfig) => T): Promise<T> {
  return withLock(home, () => {
    const cfg = loadConfig(home);
    const before = JSON.stringify(cfg);
    const result = change(cfg);
    if (JSON.stringify(cfg) !== before) saveConfig(home, cfg);
    return result;
  });
}

/** Runs `change` on a copy without saving: what -WhatIf and validation before ShouldProcess use. */
export function previewConfig<T>(home: string, change: (cfg: OrganizationConfig) => T): T {
  return change(loadConfig(home));
}

/** Changes whenever the configuration file changes (mtime and size), for the transport's reload check. */
export function configChangeToken(home: string): string {
  try {
    const st = fs.statSync(configFile(home));
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return 'defaults';
  }
}

// ---------------------------------------------------------------- reading a document defensively

function damaged(file: string, what: string): StateError {
  return new StateError(`The state file '${file}' is damaged and was not changed: ${what}.`, file);
}

type Shape =
  | 'string'
  | 'string?'
  | 'boolean'
  | 'number'
  | 'number?'
  | 'unlimited'
  | 'string[]'
  | { enum: readonly string[]; nullable?: boolean }
  | { enumArray: readonly string[] }
  | { array: Record<string, Shape> };

function typeOk(v: unknown, shape: Shape): boolean {
  switch (shape) {
    case 'string':
      return typeof v === 'string';
    case 'string?':
      return v === null || typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'number?':
      return v === null || (typeof v === 'number' && Number.isFinite(v));
    case 'unlimited':
      return v === 'Unlimited' || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
  }
  if ('enum' in shape) return (shape.nullable && v === null) || (typeof v === 'string' && shape.enum.includes(v));
  if ('enumArray' in shape) return Array.isArray(v) && v.every((x) => typeof x === 'string' && shape.enumArray.includes(x));
  return Array.isArray(v) && v.every((x) => x && typeof x === 'object' && Object.entries(shape.array).every(([k, s]) => typeOk((x as Record<string, unknown>)[k], s)));
}

/** Keeps the known fields of `raw` that have the right type; a missing field takes its default. */
function conform<T extends object>(file: string, where: string, raw: unknown, shape: Record<keyof T, Shape>, defaults: T): T {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw damaged(file, `${where} is not an object`);
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, s] of Object.entries(shape) as [string, Shape][]) {
    const v = (raw as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (!typeOk(v, s)) throw damaged(file, `${where} has a bad '${key}'`);
    out[key] = Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? { ...x } : x)) : v;
  }
  return out as T;
}

function list<T extends object>(file: string, where: string, raw: unknown, item: (x: unknown, i: number) => T): T[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw damaged(file, `'${where}' is not a list`);
  return raw.map(item);
}

const transportConfigShape: Record<keyof TransportConfig, Shape> = {
  tlsSendDomainSecureList: 'string[]',
  tlsReceiveDomainSecureList: 'string[]',
  maxSendSize: 'unlimited',
  maxReceiveSize: 'unlimited',
  maxRecipientEnvelopeLimit: 'unlimited',
  internalSmtpServers: 'string[]',
  clearCategories: 'boolean',
};

const acceptedDomainShape: Record<keyof AcceptedDomain, Shape> = {
  name: 'string',
  domainName: 'string',
  domainType: { enum: ACCEPTED_DOMAIN_TYPES },
  default: 'boolean',
  addressBookEnabled: 'boolean',
};

const sendConnectorShape: Record<keyof SendConnector, Shape> = {
  name: 'string',
  addressSpaces: { array: { type: 'string', domain: 'string', cost: 'number' } },
  dnsRoutingEnabled: 'boolean',
  smartHosts: 'string[]',
  port: 'number',
  fqdn: 'string?',
  domainSecureEnabled: 'boolean',
  requireTLS: 'boolean',
  ignoreStartTLS: 'boolean',
  enabled: 'boolean',
  maxMessageSize: 'unlimited',
  protocolLoggingLevel: { enum: PROTOCOL_LOGGING_LEVELS },
  connectionInactivityTimeoutMs: 'number',
  forceHELO: 'boolean',
  usage: { enum: SEND_USAGES, nullable: true },
  comment: 'string',
};

const receiveConnectorShape: Record<keyof ReceiveConnector, Shape> = {
  name: 'string',
  bindings: { array: { address: 'string', port: 'number' } },
  remoteIPRanges: 'string[]',
  authMechanism: { enumArray: AUTH_MECHANISMS },
  permissionGroups: { enumArray: PERMISSION_GROUPS },
  domainSecureEnabled: 'boolean',
  requireTLS: 'boolean',
  fqdn: 'string?',
  banner: 'string?',
  maxMessageSize: 'number',
  maxRecipientsPerMessage: 'number',
  maxHeaderSize: 'number',
  maxProtocolErrors: 'unlimited',
  maxInboundConnection: 'unlimited',
  maxInboundConnectionPerSource: 'unlimited',
  messageRateLimit: 'unlimited',
  connectionTimeoutMs: 'number',
  connectionInactivityTimeoutMs: 'number',
  tarpitIntervalMs: 'number',
  protocolLoggingLevel: { enum: PROTOCOL_LOGGING_LEVELS },
  enabled: 'boolean',
  comment: 'string',
};

const transportServerShape: Record<keyof TransportServer, Shape> = {
  name: 'string?',
  fqdn: 'string?',
  receiveProtocolLogPath: 'string?',
  sendProtocolLogPath: 'string?',
  messageTrackingLogPath: 'string?',
  messageTrackingLogEnabled: 'boolean',
  messageTrackingLogSubjectLoggingEnabled: 'boolean',
  messageTrackingLogMaxAgeMs: 'number',
  messageTrackingLogMaxDirectorySize: 'unlimited',
  messageTrackingLogMaxFileSize: 'unlimited',
  receiveProtocolLogMaxAgeMs: 'number',
  receiveProtocolLogMaxDirectorySize: 'unlimited',
  receiveProtocolLogMaxFileSize: 'unlimited',
  sendProtocolLogMaxAgeMs: 'number',
  sendProtocolLogMaxDirectorySize: 'unlimited',
  sendProtocolLogMaxFileSize: 'unlimited',
  transientFailureRetryAttempts: 'number',
  transientFailureRetryIntervalMs: 'number',
  outboundConnectionFailureRetryIntervalMs: 'number',
  messageRetryIntervalMs: 'number',
  messageExpirationTimeoutMs: 'number',
  delayNotificationTimeoutMs: 'number',
  maxOutboundConnections: 'unlimited',
  maxPerDomainOutboundConnections: 'unlimited',
};

const staticMxShape: Record<keyof StaticMxRecord, Shape> = {
  domain: 'string',
  name: 'string',
  host: 'string',
  port: 'number',
  preference: 'number',
};

/** Checks every field's type and every stored value's syntax; a section absent from an older file takes its defaults. */
function conformDoc(file: string, raw: Record<string, unknown>): OrganizationConfig {
  const defaults = defaultConfig();
  const cfg: OrganizationConfig = {
    transportConfig: raw.transportConfig === undefined ? defaults.transportConfig : conform(file, 'transportConfig', raw.transportConfig, transportConfigShape, defaultTransportConfig()),
    acceptedDomains: list(file, 'acceptedDomains', raw.acceptedDomains, (x, i) =>
      conform(file, `accepted domain #${i + 1}`, x, acceptedDomainShape, { name: '', domainName: '', domainType: 'Authoritative', default: false, addressBookEnabled: true }),
    ),
    sendConnectors: list(file, 'sendConnectors', raw.sendConnectors, (x, i) => conform(file, `send connector #${i + 1}`, x, sendConnectorShape, sendConnectorDefaults(''))),
    receiveConnectors:
      raw.receiveConnectors === undefined
        ? defaults.receiveConnectors
        : list(file, 'receiveConnectors', raw.receiveConnectors, (x, i) => conform(file, `receive connector #${i + 1}`, x, receiveConnectorShape, receiveConnectorDefaults(''))),
    transportServer: raw.transportServer === undefined ? defaults.transportServer : conform(file, 'transportServer', raw.transportServer, transportServerShape, defaultTransportServer()),
    staticMxRecords: list(file, 'staticMxRecords', raw.staticMxRecords, (x, i) => conform(file, `static MX record #${i + 1}`, x, staticMxShape, { domain: '', name: '', host: '', port: 25, preference: 10 })),
  };
  // the syntax of stored values, with the same parsers the cmdlets use
  try {
    const tc = cfg.transportConfig;
    tc.tlsSendDomainSecureList.forEach((d) => parseSmtpDomain(d, 'TLSSendDomainSecureList'));
    tc.tlsReceiveDomainSecureList.forEach((d) => parseSmtpDomain(d, 'TLSReceiveDomainSecureList'));
    tc.internalSmtpServers.forEach((r) => parseIPRange(r, 'InternalSMTPServers'));
    cfg.acceptedDomains.forEach((d) => parseDomainWithSubdomains(d.domainName, 'DomainName'));
    for (const c of cfg.sendConnectors) {
      c.addressSpaces.forEach((a) => parseAddressSpace(addressSpaceText(a)));
      c.smartHosts.forEach((h) => parseSmartHost(h));
    }
    for (const c of cfg.receiveConnectors) {
      c.bindings.forEach((b) => parseBinding(bindingText(b)));
      c.remoteIPRanges.forEach((r) => parseIPRange(r));
    }
    cfg.staticMxRecords.forEach((r) => parseSmtpDomain(r.domain, 'Domain'));
  } catch (e) {
    if (e instanceof ConfigRuleError) throw damaged(file, e.message.replace(/\.$/, ''));
    throw e;
  }
  return cfg;
}

// ---------------------------------------------------------------- finding objects by identity

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function notFound(identity: string, cfg: OrganizationConfig): ConfigObjectNotFoundError {
  return new ConfigObjectNotFoundError(`The operation couldn't be performed because object '${identity}' couldn't be found on '${serverNameOf(cfg)}'.`, identity);
}

/** `Inet` or `EDGE\Inet` (the server part must name this server). */
export function splitServerIdentity(identity: string): { server?: string; name: string } {
  const i = identity.indexOf('\\');
  return i < 0 ? { name: identity.trim() } : { server: identity.slice(0, i).trim(), name: identity.slice(i + 1).trim() };
}

export function receiveConnectorIdentity(cfg: OrganizationConfig, c: ReceiveConnector): string {
  return `${serverNameOf(cfg)}\\${c.name}`;
}

export function findReceiveConnector(cfg: OrganizationConfig, identity: string): ReceiveConnector {
  const id = splitServerIdentity(identity);
  const c = (id.server === undefined || same(id.server, serverNameOf(cfg))) && cfg.receiveConnectors.find((x) => same(x.name, id.name));
  if (!c) throw notFound(identity, cfg);
  return c;
}

export function findSendConnector(cfg: OrganizationConfig, identity: string): SendConnector {
  const c = cfg.sendConnectors.find((x) => same(x.name, identity.trim()));
  if (!c) throw notFound(identity, cfg);
  return c;
}

export function findAcceptedDomain(cfg: OrganizationConfig, identity: string): AcceptedDomain {
  const id = identity.trim();
  const d = cfg.acceptedDomains.find((x) => same(x.name, id)) ?? cfg.acceptedDomains.find((x) => same(x.domainName, id));
  if (!d) throw notFound(identity, cfg);
  return d;
}

function check(violations: RuleViolation[]): void {
  if (violations.length) throw new ConfigRuleError(violations);
}

// ---------------------------------------------------------------- multi-valued input

/** A multi-valued change: the whole new list, or Add/Remove edits; items raw or parsed. */
export type ListChange<T> = MultiValuedEdit<T | string> | (T | string)[];

function editList<T>(current: T[], change: ListChange<T>, parse: (x: T | string) => T, key: (t: T) => string, property: string): T[] {
  const e: MultiValuedEdit<T | string> = Array.isArray(change) ? { replace: change } : change;
  const parsed: MultiValuedEdit<T> = 'replace' in e ? { replace: e.replace.map(parse) } : { add: e.add.map(parse), remove: e.remove.map(parse) };
  return applyMultiValued(current, parsed, key, property);
}

const domainKey = (d: string) => d;
const asDomain = (property: string) => (x: string) => parseSmtpDomain(x, property);
const asRange = (property: string) => (x: string) => parseIPRange(x, property).text;
const asBinding = (x: IPBinding | string) => (typeof x === 'string' ? parseBinding(x) : parseBinding(bindingText(x)));
const asAddressSpace = (x: AddressSpace | string) => (typeof x === 'string' ? parseAddressSpace(x) : parseAddressSpace(addressSpaceText(x)));

// ---------------------------------------------------------------- transport config

export interface TransportConfigChanges {
  tlsSendDomainSecureList?: ListChange<string> | null;
  tlsReceiveDomainSecureList?: ListChange<string> | null;
  maxSendSize?: Unlimited;
  maxReceiveSize?: Unlimited;
  maxRecipientEnvelopeLimit?: Unlimited;
  internalSmtpServers?: ListChange<string> | null;
  clearCategories?: boolean;
}

/** Set-TransportConfig: a list value replaces the whole list; `{add, remove}` edits it. */
export function setTransportConfig(cfg: OrganizationConfig, changes: TransportConfigChanges): TransportConfig {
  const tc = { ...cfg.transportConfig };
  if (changes.tlsSendDomainSecureList !== undefined) {
    tc.tlsSendDomainSecureList = editList(tc.tlsSendDomainSecureList, changes.tlsSendDomainSecureList ?? [], asDomain('TLSSendDomainSecureList'), domainKey, 'TLSSendDomainSecureList');
  }
  if (changes.tlsReceiveDomainSecureList !== undefined) {
    tc.tlsReceiveDomainSecureList = editList(tc.tlsReceiveDomainSecureList, changes.tlsReceiveDomainSecureList ?? [], asDomain('TLSReceiveDomainSecureList'), domainKey, 'TLSReceiveDomainSecureList');
  }
  if (changes.internalSmtpServers !== undefined) {
    tc.internalSmtpServers = editList(tc.internalSmtpServers, changes.internalSmtpServers ?? [], asRange('InternalSMTPServers'), (r) => r, 'InternalSMTPServers');
  }
  if (changes.maxSendSize !== undefined) tc.maxSendSize = changes.maxSendSize;
  if (changes.maxReceiveSize !== undefined) tc.maxReceiveSize = changes.maxReceiveSize;
  if (changes.maxRecipientEnvelopeLimit !== undefined) tc.maxRecipientEnvelopeLimit = changes.maxRecipientEnvelopeLimit;
  if (changes.clearCategories !== undefined) tc.clearCategories = changes.clearCategories;
  check(transportConfigViolations(tc));
  cfg.transportConfig = tc;
  return tc;
}

// ---------------------------------------------------------------- accepted domains

export interface NewAcceptedDomainSpec {
  name: string;
  domainName: string;
  domainType?: AcceptedDomainType;
  makeDefault?: boolean;
}

export function newAcceptedDomain(cfg: OrganizationConfig, spec: NewAcceptedDomainSpec): AcceptedDomain {
  const d: AcceptedDomain = {
    name: spec.name,
    domainName: parseDomainWithSubdomains(spec.domainName, 'DomainName'),
    domainType: spec.domainType ?? 'Authoritative',
    default: cfg.acceptedDomains.length === 0 || !!spec.makeDefault,
    addressBookEnabled: (spec.domainType ?? 'Authoritative') !== 'ExternalRelay',
  };
  check(acceptedDomainViolations(d, cfg.acceptedDomains));
  if (d.default) cfg.acceptedDomains.forEach((x) => (x.default = false));
  cfg.acceptedDomains.push(d);
  return d;
}

export interface AcceptedDomainChanges {
  name?: string;
  domainType?: AcceptedDomainType;
  makeDefault?: boolean;
  addressBookEnabled?: boolean;
}

export function setAcceptedDomain(cfg: OrganizationConfig, identity: string, changes: AcceptedDomainChanges): AcceptedDomain {
  const current = findAcceptedDomain(cfg, identity);
  const d: AcceptedDomain = { ...current };
  if (changes.name !== undefined) d.name = changes.name;
  if (changes.domainType !== undefined) d.domainType = changes.domainType;
  if (changes.addressBookEnabled !== undefined) d.addressBookEnabled = changes.addressBookEnabled;
  if (changes.makeDefault) d.default = true;
  check(acceptedDomainViolations(d, cfg.acceptedDomains.filter((x) => x !== current)));
  if (d.default) cfg.acceptedDomains.forEach((x) => (x.default = false));
  cfg.acceptedDomains[cfg.acceptedDomains.indexOf(current)] = d;
  return d;
}

export function removeAcceptedDomain(cfg: OrganizationConfig, identity: string): AcceptedDomain {
  const d = findAcceptedDomain(cfg, identity);
  if (d.default && cfg.acceptedDomains.length > 1) {
    fail('CannotRemoveDefaultAcceptedDomain', 'Default', `The accepted domain '${d.name}' is the default accepted domain and can't be removed. Make another accepted domain the default first (Set-AcceptedDomain -MakeDefault $true).`);
  }
  cfg.acceptedDomains = cfg.acceptedDomains.filter((x) => x !== d);
  return d;
}

// ---------------------------------------------------------------- send connectors

export interface SendConnectorChanges {
  name?: string;
  addressSpaces?: ListChange<AddressSpace>;
  dnsRoutingEnabled?: boolean;
  smartHosts?: ListChange<string> | null;
  port?: number;
  fqdn?: string | null;
  domainSecureEnabled?: boolean;
  requireTLS?: boolean;
  ignoreStartTLS?: boolean;
  enabled?: boolean;
  maxMessageSize?: Unlimited;
  protocolLoggingLevel?: ProtocolLoggingLevel;
  connectionInactivityTimeoutMs?: number;
  forceHELO?: boolean;
  comment?: string;
}

function applySendChanges(c: SendConnector, changes: SendConnectorChanges): SendConnector {
  const out: SendConnector = { ...c, addressSpaces: [...c.addressSpaces], smartHosts: [...c.smartHosts] };
  if (changes.name !== undefined) out.name = changes.name.trim();
  if (changes.addressSpaces !== undefined) out.addressSpaces = editList(out.addressSpaces, changes.addressSpaces, asAddressSpace, addressSpaceText, 'AddressSpaces');
  if (changes.smartHosts !== undefined) out.smartHosts = editList(out.smartHosts, changes.smartHosts ?? [], (x) => parseSmartHost(x), (h) => h, 'SmartHosts');
  if (changes.fqdn !== undefined) out.fqdn = changes.fqdn === null || changes.fqdn === '' ? null : changes.fqdn;
  for (const k of ['dnsRoutingEnabled', 'port', 'domainSecureEnabled', 'requireTLS', 'ignoreStartTLS', 'enabled', 'maxMessageSize', 'protocolLoggingLevel', 'connectionInactivityTimeoutMs', 'forceHELO', 'comment'] as const) {
    if (changes[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = changes[k];
  }
  return out;
}

export interface NewSendConnectorSpec extends SendConnectorChanges {
  name: string;
  addressSpaces: ListChange<AddressSpace>;
  usage?: SendConnectorUsage;
}

/** New-SendConnector: Partner usage turns on domain security and DNS routing; Internal lifts the size limit. */
export function newSendConnector(cfg: OrganizationConfig, spec: NewSendConnectorSpec): SendConnector {
  const base = sendConnectorDefaults(spec.name.trim());
  base.usage = spec.usage ?? null;
  if (spec.usage === 'Partner') {
    base.domainSecureEnabled = true;
    base.dnsRoutingEnabled = true;
  }
  if (spec.usage === 'Internal') base.maxMessageSize = 'Unlimited';
  const c = applySendChanges(base, spec);
  check(sendConnectorViolations(c, cfg.sendConnectors));
  cfg.sendConnectors.push(c);
  return c;
}

/** Set-SendConnector. Turning DNS routing on without new smart hosts clears the smart hosts, as Exchange does. */
export function setSendConnector(cfg: OrganizationConfig, identity: string, changes: SendConnectorChanges): SendConnector {
  const current = findSendConnector(cfg, identity);
  const c = applySendChanges(current, changes);
  if (changes.dnsRoutingEnabled === true && changes.smartHosts === undefined) c.smartHosts = [];
  check(sendConnectorViolations(c, cfg.sendConnectors.filter((x) => x !== current)));
  cfg.sendConnectors[cfg.sendConnectors.indexOf(current)] = c;
  return c;
}

export function removeSendConnector(cfg: OrganizationConfig, identity: string): SendConnector {
  const c = findSendConnector(cfg, identity);
  cfg.sendConnectors = cfg.sendConnectors.filter((x) => x !== c);
  return c;
}

// ---------------------------------------------------------------- receive connectors

export interface ReceiveConnectorChanges {
  name?: string;
  bindings?: ListChange<IPBinding>;
  remoteIPRanges?: ListChange<string>;
  authMechanism?: AuthMechanism[];
  permissionGroups?: PermissionGroup[];
  domainSecureEnabled?: boolean;
  requireTLS?: boolean;
  fqdn?: string | null;
  banner?: string | null;
  maxMessageSize?: number;
  maxRecipientsPerMessage?: number;
  maxHeaderSize?: number;
  maxProtocolErrors?: Unlimited;
  maxInboundConnection?: Unlimited;
  maxInboundConnectionPerSource?: Unlimited;
  messageRateLimit?: Unlimited;
  connectionTimeoutMs?: number;
  connectionInactivityTimeoutMs?: number;
  tarpitIntervalMs?: number;
  protocolLoggingLevel?: ProtocolLoggingLevel;
  enabled?: boolean;
  comment?: string;
}

function applyReceiveChanges(c: ReceiveConnector, changes: ReceiveConnectorChanges): ReceiveConnector {
  const out: ReceiveConnector = { ...c, bindings: c.bindings.map((b) => ({ ...b })), remoteIPRanges: [...c.remoteIPRanges], authMechanism: [...c.authMechanism], permissionGroups: [...c.permissionGroups] };
  if (changes.name !== undefined) out.name = changes.name.trim();
  if (changes.bindings !== undefined) out.bindings = editList(out.bindings, changes.bindings, asBinding, bindingText, 'Bindings');
  if (changes.remoteIPRanges !== undefined) out.remoteIPRanges = editList(out.remoteIPRanges, changes.remoteIPRanges, asRange('RemoteIPRanges'), (r) => r, 'RemoteIPRanges');
  if (changes.authMechanism !== undefined) out.authMechanism = AUTH_MECHANISMS.filter((m) => changes.authMechanism!.includes(m));
  if (changes.permissionGroups !== undefined) out.permissionGroups = PERMISSION_GROUPS.filter((g) => changes.permissionGroups!.includes(g));
  if (changes.fqdn !== undefined) out.fqdn = changes.fqdn === null || changes.fqdn === '' ? null : changes.fqdn;
  if (changes.banner !== undefined) out.banner = changes.banner === '' ? null : changes.banner;
  for (const k of [
    'domainSecureEnabled',
    'requireTLS',
    'maxMessageSize',
    'maxRecipientsPerMessage',
    'maxHeaderSize',
    'maxProtocolErrors',
    'maxInboundConnection',
    'maxInboundConnectionPerSource',
    'messageRateLimit',
    'connectionTimeoutMs',
    'connectionInactivityTimeoutMs',
    'tarpitIntervalMs',
    'protocolLoggingLevel',
    'enabled',
    'comment',
  ] as const) {
    if (changes[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = changes[k];
  }
  return out;
}

export interface NewReceiveConnectorSpec extends ReceiveConnectorChanges {
  name: string;
  /** Absent: Exchange's Edge defaults, and both Bindings and RemoteIPRanges are required. */
  usage?: ReceiveConnectorUsage;
}

/**
 * New-ReceiveConnector with Exchange's -Usage defaults: Internet (AnonymousUsers, Tls; needs
 * Bindings), Internal (ExchangeServers, Tls+ExchangeServer; needs RemoteIPRanges), Client
 * (ExchangeUsers, Tls+Integrated+BasicAuth+BasicAuthRequireTLS, port 587), Partner (Partners, Tls,
 * DomainSecureEnabled), Custom (None, Tls; needs both). Unset PermissionGroups and AuthMechanism
 * take the usage's values.
 */
export function newReceiveConnector(cfg: OrganizationConfig, spec: NewReceiveConnectorSpec): ReceiveConnector {
  const usage = spec.usage;
  const problems: RuleViolation[] = [];
  if (usage === 'Internet' && spec.bindings === undefined) {
    problems.push(violation('ParameterErrorForInternetUsage', 'Bindings', 'The Bindings parameter is required for a Receive connector with the Internet usage type.'));
  } else if (usage === 'Internal' && spec.remoteIPRanges === undefined) {
    problems.push(violation('ParameterErrorForInternalUsage', 'RemoteIPRanges', 'The RemoteIPRanges parameter is required for a Receive connector with the Internal usage type.'));
  } else if ((usage === undefined || usage === 'Custom') && (spec.bindings === undefined || spec.remoteIPRanges === undefined)) {
    problems.push(violation('ParameterErrorForDefaultUsage', spec.bindings === undefined ? 'Bindings' : 'RemoteIPRanges', 'The Bindings and RemoteIPRanges parameters are both required for a Receive connector with the Custom usage type (or no usage type).'));
  }
  check(problems);
  const base = receiveConnectorDefaults(spec.name.trim());
  switch (usage) {
    case 'Custom':
      base.permissionGroups = ['None'];
      base.authMechanism = ['Tls'];
      break;
    case 'Internet':
      base.permissionGroups = ['AnonymousUsers'];
      base.authMechanism = ['Tls'];
      break;
    case 'Internal':
      base.permissionGroups = ['ExchangeServers'];
      base.authMechanism = ['Tls', 'ExchangeServer'];
      break;
    case 'Client':
      base.permissionGroups = ['ExchangeUsers'];
      base.authMechanism = ['Tls', 'Integrated', 'BasicAuth', 'BasicAuthRequireTLS'];
      base.bindings = [{ address: '0.0.0.0', port: 587 }];
      break;
    case 'Partner':
      base.permissionGroups = ['Partners'];
      base.authMechanism = ['Tls'];
      base.domainSecureEnabled = true;
      break;
  }
  const c = applyReceiveChanges(base, spec);
  check(receiveConnectorViolations(c, cfg.receiveConnectors, serverNameOf(cfg)));
  cfg.receiveConnectors.push(c);
  return c;
}

export function setReceiveConnector(cfg: OrganizationConfig, identity: string, changes: ReceiveConnectorChanges): ReceiveConnector {
  const current = findReceiveConnector(cfg, identity);
  const c = applyReceiveChanges(current, changes);
  check(receiveConnectorViolations(c, cfg.receiveConnectors.filter((x) => x !== current), serverNameOf(cfg)));
  cfg.receiveConnectors[cfg.receiveConnectors.indexOf(current)] = c;
  return c;
}

export function removeReceiveConnector(cfg: OrganizationConfig, identity: string): ReceiveConnector {
  const c = findReceiveConnector(cfg, identity);
  cfg.receiveConnectors = cfg.receiveConnectors.filter((x) => x !== c);
  return c;
}

// ---------------------------------------------------------------- transport server

export type TransportServerChanges = Partial<TransportServer>;

/**
 * Set-TransportServer. Renaming the server (an edgeshell extension: Exchange takes the machine's
 * name) renames the connector named after it, `Default internal receive connector <OLD>`.
 */
export function setTransportServer(cfg: OrganizationConfig, changes: TransportServerChanges): TransportServer {
  const oldName = serverNameOf(cfg);
  const s: TransportServer = { ...cfg.transportServer };
  for (const [k, v] of Object.entries(changes)) {
    if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
  }
  if (s.name !== null) {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(s.name)) fail('InvalidServerName', 'Name', `'${s.name}' isn't a valid server name: use letters, digits and hyphens (at most 63).`);
  }
  if (s.fqdn !== null && !isSmtpDomain(s.fqdn)) fail('InvalidFqdn', 'Fqdn', `'${s.fqdn}' isn't a valid fully qualified domain name.`);
  check(transportServerViolations(s));
  cfg.transportServer = s;
  const newName = serverNameOf(cfg);
  if (!same(newName, oldName)) {
    const c = cfg.receiveConnectors.find((x) => same(x.name, defaultReceiveConnectorName(oldName)));
    const taken = cfg.receiveConnectors.some((x) => same(x.name, defaultReceiveConnectorName(newName)));
    if (c && !taken) c.name = DEFAULT_RECEIVE_CONNECTOR_PREFIX + newName;
  }
  return s;
}

// ---------------------------------------------------------------- static MX

export interface StaticMxSpec {
  domain: string;
  host: string;
  port: number;
  name?: string;
  preference?: number;
}

export function addStaticMxRecord(cfg: OrganizationConfig, spec: StaticMxSpec): StaticMxRecord {
  const r: StaticMxRecord = {
    domain: parseSmtpDomain(spec.domain, 'Domain'),
    name: spec.name ? parseSmtpDomainOrHost(spec.name) : spec.host,
    host: spec.host,
    port: spec.port,
    preference: spec.preference ?? 10,
  };
  check(staticMxViolations(r, cfg.staticMxRecords));
  cfg.staticMxRecords.push(r);
  return r;
}

function parseSmtpDomainOrHost(name: string): string {
  const t = name.trim().replace(/\.$/, '');
  if (!isSmtpDomain(t)) fail('InvalidSmtpDomain', 'Name', `'${name}' isn't a valid host name for the MX record.`);
  return t;
}

/** Removes the domain's records (only the one with `target` host:port or MX name, when given). */
export function removeStaticMxRecords(cfg: OrganizationConfig, domain: string, target?: { host: string; port: number } | string): StaticMxRecord[] {
  const matches = cfg.staticMxRecords.filter((r) => {
    if (!same(r.domain, domain.trim())) return false;
    if (target === undefined) return true;
    if (typeof target === 'string') return same(r.name, target) || same(endpointText(r.host, r.port), target);
    return same(r.host, target.host) && r.port === target.port;
  });
  if (matches.length === 0) {
    const what = target === undefined ? domain : `${domain} (${typeof target === 'string' ? target : endpointText(target.host, target.port)})`;
    throw new ConfigObjectNotFoundError(`The operation couldn't be performed because no static MX record for '${what}' could be found.`, domain);
  }
  cfg.staticMxRecords = cfg.staticMxRecords.filter((r) => !matches.includes(r));
  return matches;
}

/** The static MX targets of a domain in preference order (what the transport tries before DNS). */
export function staticMxTargets(cfg: OrganizationConfig, domain: string): { host: string; port: number }[] {
  return cfg.staticMxRecords
    .filter((r) => same(r.domain, domain))
    .sort((a, b) => a.preference - b.preference)
    .map((r) => ({ host: r.host, port: r.port }));
}
