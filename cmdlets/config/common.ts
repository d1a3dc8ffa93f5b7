// Shared by the organization configuration cmdlets: the objects Exchange emits for the model,
// parameter conversions (sizes, time spans, multi-valued edits, flags), identity parameters, and
// the validate → ShouldProcess → save sequence every New/Set/Remove follows.
import type { CmdletContext, ParameterDecl } from '../../src/engine/cmdlet.js';
import { ErrorRecord, type ErrorCategory } from '../../src/engine/errors.js';
import { PSObject, TimeSpan } from '../../src/engine/values.js';
import { StateError } from '../../src/state/store.js';
import {
  ConfigObjectNotFoundError,
  ConfigRuleError,
  addressSpaceText,
  bindingText,
  byteSizeText,
  canonicalName,
  endpointText,
  flagParts,
  flagsText,
  AUTH_MECHANISMS,
  PERMISSION_GROUPS,
  parseByteSize,
  parseCount,
  parseDuration,
  parseMultiValued,
  previewConfig,
  loadConfig,
  receiveConnectorIdentity,
  serverNameOf,
  resolveTransportServer,
  updateConfig,
  type AcceptedDomain,
  type OrganizationConfig,
  type ReceiveConnector,
  type SendConnector,
  type StaticMxRecord,
  type TransportConfig,
  type TransportServer,
  type Unlimited,
} from '../../src/state/config.js';

// ---------------------------------------------------------------- type names

const ADOBJECT = ['Microsoft.Exchange.Data.Directory.ADConfigurationObject', 'Microsoft.Exchange.Data.Directory.ADObject', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object'];

export const TYPE = {
  transportConfig: 'Microsoft.Exchange.Data.Directory.SystemConfiguration.TransportConfigContainer',
  receiveConnector: 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector',
  sendConnector: 'Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig',
  acceptedDomain: 'Microsoft.Exchange.Data.Directory.SystemConfiguration.AcceptedDomain',
  transportServer: 'Microsoft.Exchange.Data.Directory.Management.TransportServer',
  staticMx: 'Edgeshell.Transport.StaticMxRecord',
  byteSize: 'Microsoft.Exchange.Data.ByteQuantifiedSize',
  unlimitedSize: 'Microsoft.Exchange.Data.Unlimited`1[[Microsoft.Exchange.Data.ByteQuantifiedSize, Microsoft.Exchange.Data]]',
} as const;

const typeNames: Record<keyof typeof TYPE, string[]> = {
  transportConfig: [TYPE.transportConfig, ...ADOBJECT],
  receiveConnector: [TYPE.receiveConnector, ...ADOBJECT],
  sendConnector: [TYPE.sendConnector, 'Microsoft.Exchange.Data.Directory.SystemConfiguration.MailGateway', 'Microsoft.Exchange.Data.Directory.SystemConfiguration.SendConnector', ...ADOBJECT],
  acceptedDomain: [TYPE.acceptedDomain, ...ADOBJECT],
  transportServer: [TYPE.transportServer, 'Microsoft.Exchange.Data.Directory.ADPresentationObject', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object'],
  staticMx: [TYPE.staticMx, 'System.Object'],
  byteSize: [TYPE.byteSize, 'System.ValueType', 'System.Object'],
  unlimitedSize: [TYPE.unlimitedSize, 'System.ValueType', 'System.Object'],
};

// ---------------------------------------------------------------- value objects

const UNIT = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** A ByteQuantifiedSize: shows as `10 MB (10,485,760 bytes)`, with ToBytes()/ToKB()/ToMB()/ToGB()/ToTB(). */
export function byteSizeObject(bytes: number): PSObject {
  const o = new PSObject(typeNames.byteSize);
  o.addMethod('ToString', () => byteSizeText(bytes));
  for (const [u, n] of Object.entries(UNIT)) o.addMethod(u === 'B' ? 'ToBytes' : `To${u}`, () => Math.floor(bytes / n));
  return o;
}

/** Unlimited<ByteQuantifiedSize>: `Unlimited`, or the size; `.IsUnlimited` and `.Value` as in Exchange. */
export function sizeObject(v: Unlimited): PSObject {
  const o = new PSObject(typeNames.unlimitedSize);
  o.add('IsUnlimited', v === 'Unlimited');
  o.add('Value', v === 'Unlimited' ? null : byteSizeObject(v));
  o.addMethod('ToString', () => byteSizeText(v));
  return o;
}

const span = (ms: number) => new TimeSpan(ms);

// ---------------------------------------------------------------- the objects Exchange emits

/** Property order of `Get-TransportConfig | Format-List` (and the list view). */
export const TRANSPORT_CONFIG_PROPERTIES = [
  'ClearCategories',
  'InternalSMTPServers',
  'MaxReceiveSize',
  'MaxRecipientEnvelopeLimit',
  'MaxSendSize',
  'TLSReceiveDomainSecureList',
  'TLSSendDomainSecureList',
  'Name',
  'Identity',
];

export function transportConfigObject(tc: TransportConfig): PSObject {
  const o = new PSObject(typeNames.transportConfig);
  o.add('ClearCategories', tc.clearCategories);
  o.add('InternalSMTPServers', [...tc.internalSmtpServers]);
  o.add('MaxReceiveSize', sizeObject(tc.maxReceiveSize));
  o.add('MaxRecipientEnvelopeLimit', tc.maxRecipientEnvelopeLimit);
  o.add('MaxSendSize', sizeObject(tc.maxSendSize));
  o.add('TLSReceiveDomainSecureList', [...tc.tlsReceiveDomainSecureList]);
  o.add('TLSSendDomainSecureList', [...tc.tlsSendDomainSecureList]);
  o.add('Name', 'Transport Settings');
  o.add('Identity', 'Transport Settings');
  return o;
}

export const RECEIVE_CONNECTOR_PROPERTIES = [
  'AuthMechanism',
  'Banner',
  'Bindings',
  'Comment',
  'ConnectionInactivityTimeout',
  'ConnectionTimeout',
  'DomainSecureEnabled',
  'Enabled',
  'Fqdn',
  'MaxHeaderSize',
  'MaxInboundConnection',
  'MaxInboundConnectionPerSource',
  'MaxMessageSize',
  'MaxProtocolErrors',
  'MaxRecipientsPerMessage',
  'MessageRateLimit',
  'PermissionGroups',
  'ProtocolLoggingLevel',
  'RemoteIPRanges',
  'RequireTLS',
  'TarpitInterval',
  'Server',
  'Name',
  'Identity',
];

export function receiveConnectorObject(cfg: OrganizationConfig, c: ReceiveConnector, home: string): PSObject {
  const server = resolveTransportServer(home, cfg.transportServer);
  const o = new PSObject(typeNames.receiveConnector);
  o.add('AuthMechanism', flagsText(AUTH_MECHANISMS, c.authMechanism));
  o.add('Banner', c.banner);
  o.add('Bindings', c.bindings.map(bindingText));
  o.add('Comment', c.comment);
  o.add('ConnectionInactivityTimeout', span(c.connectionInactivityTimeoutMs));
  o.add('ConnectionTimeout', span(c.connectionTimeoutMs));
  o.add('DomainSecureEnabled', c.domainSecureEnabled);
  o.add('Enabled', c.enabled);
  o.add('Fqdn', c.fqdn ?? server.fqdn);
  o.add('MaxHeaderSize', byteSizeObject(c.maxHeaderSize));
  o.add('MaxInboundConnection', c.maxInboundConnection);
  o.add('MaxInboundConnectionPerSource', c.maxInboundConnectionPerSource);
  o.add('MaxMessageSize', byteSizeObject(c.maxMessageSize));
  o.add('MaxProtocolErrors', c.maxProtocolErrors);
  o.add('MaxRecipientsPerMessage', c.maxRecipientsPerMessage);
  o.add('MessageRateLimit', c.messageRateLimit);
  o.add('PermissionGroups', flagsText(PERMISSION_GROUPS, c.permissionGroups));
  o.add('ProtocolLoggingLevel', c.protocolLoggingLevel);
  o.add('RemoteIPRanges', [...c.remoteIPRanges]);
  o.add('RequireTLS', c.requireTLS);
  o.add('TarpitInterval', span(c.tarpitIntervalMs));
  o.add('Server', server.name);
  o.add('Name', c.name);
  o.add('Identity', receiveConnectorIdentity(cfg, c));
  return o;
}

export const SEND_CONNECTOR_PROPERTIES = [
  'AddressSpaces',
  'Comment',
  'ConnectionInactivityTimeOut',
  'DNSRoutingEnabled',
  'DomainSecureEnabled',
  'Enabled',
  'ForceHELO',
  'Fqdn',
  'Identity',
  'IgnoreSTARTTLS',
  'MaxMessageSize',
  'Name',
  'Port',
  'ProtocolLoggingLevel',
  'RequireTLS',
  'SmartHosts',
  'SmartHostsString',
];

export function sendConnectorObject(c: SendConnector): PSObject {
  const o = new PSObject(typeNames.sendConnector);
  o.add('AddressSpaces', c.addressSpaces.map(addressSpaceText));
  o.add('Comment', c.comment);
  o.add('ConnectionInactivityTimeOut', span(c.connectionInactivityTimeoutMs));
  o.add('DNSRoutingEnabled', c.dnsRoutingEnabled);
  o.add('DomainSecureEnabled', c.domainSecureEnabled);
  o.add('Enabled', c.enabled);
  o.add('ForceHELO', c.forceHELO);
  o.add('Fqdn', c.fqdn);
  o.add('Identity', c.name);
  o.add('IgnoreSTARTTLS', c.ignoreStartTLS);
  o.add('MaxMessageSize', sizeObject(c.maxMessageSize));
  o.add('Name', c.name);
  o.add('Port', c.port);
  o.add('ProtocolLoggingLevel', c.protocolLoggingLevel);
  o.add('RequireTLS', c.requireTLS);
  o.add('SmartHosts', [...c.smartHosts]);
  o.add('SmartHostsString', c.smartHosts.join(','));
  return o;
}

export const ACCEPTED_DOMAIN_PROPERTIES = ['DomainName', 'DomainType', 'Default', 'AddressBookEnabled', 'Name', 'Identity'];

export function acceptedDomainObject(d: AcceptedDomain): PSObject {
  const o = new PSObject(typeNames.acceptedDomain);
  o.add('DomainName', d.domainName);
  o.add('DomainType', d.domainType);
  o.add('Default', d.default);
  o.add('AddressBookEnabled', d.addressBookEnabled);
  o.add('Name', d.name);
  o.add('Identity', d.name);
  return o;
}

export const TRANSPORT_SERVER_PROPERTIES = [
  'Name',
  'Fqdn',
  'DelayNotificationTimeout',
  'MaxOutboundConnections',
  'MaxPerDomainOutboundConnections',
  'MessageExpirationTimeout',
  'MessageRetryInterval',
  'MessageTrackingLogEnabled',
  'MessageTrackingLogMaxAge',
  'MessageTrackingLogMaxDirectorySize',
  'MessageTrackingLogMaxFileSize',
  'MessageTrackingLogPath',
  'MessageTrackingLogSubjectLoggingEnabled',
  'OutboundConnectionFailureRetryInterval',
  'ReceiveProtocolLogMaxAge',
  'ReceiveProtocolLogMaxDirectorySize',
  'ReceiveProtocolLogMaxFileSize',
  'ReceiveProtocolLogPath',
  'SendProtocolLogMaxAge',
  'SendProtocolLogMaxDirectorySize',
  'SendProtocolLogMaxFileSize',
  'SendProtocolLogPath',
  'TransientFailureRetryAttempts',
  'TransientFailureRetryInterval',
  'Identity',
];

export function transportServerObject(home: string, stored: TransportServer): PSObject {
  const s = resolveTransportServer(home, stored);
  const o = new PSObject(typeNames.transportServer);
  o.add('Name', s.name);
  o.add('Fqdn', s.fqdn);
  o.add('DelayNotificationTimeout', span(s.delayNotificationTimeoutMs));
  o.add('MaxOutboundConnections', s.maxOutboundConnections);
  o.add('MaxPerDomainOutboundConnections', s.maxPerDomainOutboundConnections);
  o.add('MessageExpirationTimeout', span(s.messageExpirationTimeoutMs));
  o.add('MessageRetryInterval', span(s.messageRetryIntervalMs));
  o.add('MessageTrackingLogEnabled', s.messageTrackingLogEnabled);
  o.add('MessageTrackingLogMaxAge', span(s.messageTrackingLogMaxAgeMs));
  o.add('MessageTrackingLogMaxDirectorySize', sizeObject(s.messageTrackingLogMaxDirectorySize));
  o.add('MessageTrackingLogMaxFileSize', sizeObject(s.messageTrackingLogMaxFileSize));
  o.add('MessageTrackingLogPath', s.messageTrackingLogPath);
  o.add('MessageTrackingLogSubjectLoggingEnabled', s.messageTrackingLogSubjectLoggingEnabled);
  o.add('OutboundConnectionFailureRetryInterval', span(s.outboundConnectionFailureRetryIntervalMs));
  o.add('ReceiveProtocolLogMaxAge', span(s.receiveProtocolLogMaxAgeMs));
  o.add('ReceiveProtocolLogMaxDirectorySize', sizeObject(s.receiveProtocolLogMaxDirectorySize));
  o.add('ReceiveProtocolLogMaxFileSize', sizeObject(s.receiveProtocolLogMaxFileSize));
  o.add('ReceiveProtocolLogPath', s.receiveProtocolLogPath);
  o.add('SendProtocolLogMaxAge', span(s.sendProtocolLogMaxAgeMs));
  o.add('SendProtocolLogMaxDirectorySize', sizeObject(s.sendProtocolLogMaxDirectorySize));
  o.add('SendProtocolLogMaxFileSize', sizeObject(s.sendProtocolLogMaxFileSize));
  o.add('SendProtocolLogPath', s.sendProtocolLogPath);
  o.add('TransientFailureRetryAttempts', s.transientFailureRetryAttempts);
  o.add('TransientFailureRetryInterval', span(s.transientFailureRetryIntervalMs));
  o.add('Identity', s.name);
  return o;
}

export const STATIC_MX_PROPERTIES = ['Domain', 'Name', 'Target', 'Preference', 'Identity'];

export function staticMxObject(r: StaticMxRecord): PSObject {
  const o = new PSObject(typeNames.staticMx);
  o.add('Domain', r.domain);
  o.add('Name', r.name);
  o.add('Target', endpointText(r.host, r.port));
  o.add('Preference', r.preference);
  o.add('Identity', `${r.domain}\\${r.name}`);
  return o;
}

// ---------------------------------------------------------------- parameter conversions

type Conv = Pick<ParameterDecl, 'type' | 'convert'>;

/** A ByteQuantifiedSize parameter: `10MB` (a number), '10 MB', '10240KB'. */
export const byteSizeParam = (property: string): Conv => ({ type: 'ByteQuantifiedSize', convert: (v) => parseByteSize(v, property) });
/** An Unlimited<ByteQuantifiedSize> parameter: a size or 'Unlimited'. */
export const unlimitedSizeParam = (property: string): Conv => ({ type: 'Unlimited', convert: (v) => parseByteSize(v, property, true) });
/** An Unlimited<Int32> count. */
export const unlimitedCountParam = (property: string, min = 0): Conv => ({ type: 'Unlimited', convert: (v) => parseCount(v, property, true, min) });
/** An EnhancedTimeSpan: `00:05:00`, `2.00:00:00`, or a [timespan]; milliseconds inside. */
export const timeSpanParam = (property: string, minMs = 0, maxMs?: number): Conv => ({ type: 'EnhancedTimeSpan', convert: (v) => parseDuration(v, property, minMs, maxMs) });
/** A MultiValuedProperty: a value or array replaces; @{Add=..; Remove=..} edits. */
export const multiValuedParam = <T>(property: string, parseItem: (v: unknown) => T): Conv => ({ type: 'MultiValuedProperty', convert: (v) => parseMultiValued(v, parseItem, property) });

/** A flags enum (AuthMechanism, PermissionGroups): `Tls`, `TLS`, `Tls,ExternalAuthoritative`, or an array; names case-normalized (unknown names go to ValidateSet). */
export function flagsParam(typeName: string, names: readonly string[]): Pick<ParameterDecl, 'type' | 'convert' | 'validateSet'> {
  return {
    type: typeName,
    validateSet: [...names],
    convert: (v) => {
      const out: string[] = [];
      for (const p of flagParts(v)) {
        const c = canonicalName(names, p) ?? p;
        if (!out.includes(c)) out.push(c);
      }
      return out;
    },
  };
}

/** A single-valued enum: case-normalized to Exchange's spelling (unknown names go to ValidateSet). */
export function enumParam(typeName: string, names: readonly string[]): Pick<ParameterDecl, 'type' | 'convert' | 'validateSet'> {
  return { type: typeName, validateSet: [...names], convert: (v) => canonicalName(names, String(v ?? '')) ?? String(v ?? '') };
}

/** An identity parameter: a name, `SERVER\Name`, or the object itself (its Identity). */
/** Names in the store that an identity of each type can take, for tab completion. */
const storeNames: Record<string, (cfg: OrganizationConfig) => string[]> = {
  ReceiveConnectorIdParameter: (cfg) => cfg.receiveConnectors.map((c) => c.name),
  SendConnectorIdParameter: (cfg) => cfg.sendConnectors.map((c) => c.name),
  AcceptedDomainIdParameter: (cfg) => cfg.acceptedDomains.map((d) => d.name),
};

export function identityParam(typeName: string, description: string, extra: Partial<ParameterDecl> = {}): ParameterDecl {
  const names = storeNames[typeName];
  return {
    name: 'Identity',
    type: typeName,
    description,
    position: 0,
    valueFromPipeline: true,
    valueFromPipelineByPropertyName: true,
    convert: (v) => identityText(v),
    complete: names
      ? (ctx, word) => {
          try {
            return names(loadConfig(ctx.home)).filter((n) => n.toLowerCase().startsWith(word.toLowerCase()));
          } catch {
            return [];
          }
        }
      : undefined,
    ...extra,
  };
}

export function identityText(v: unknown): string {
  if (v instanceof PSObject) {
    const id = v.get('Identity') ?? v.get('Name');
    if (id !== undefined && id !== null) return String(id);
  }
  if (Array.isArray(v) && v.length === 1) return identityText(v[0]);
  if (v === null || v === undefined) throw new Error('The identity is empty.');
  return String(v);
}

// ---------------------------------------------------------------- errors and the change sequence

export function errorRecord(ctx: CmdletContext<any>, e: unknown, target?: unknown): ErrorRecord[] {
  const rec = (message: string, id: string, category: ErrorCategory, exceptionType?: string) =>
    new ErrorRecord(message, `${id},${ctx.commandName}`, category, target, exceptionType);
  if (e instanceof ConfigRuleError) {
    return e.violations.map((v) => rec(v.message, v.rule, 'InvalidOperation', 'Microsoft.Exchange.Data.DataValidationException'));
  }
  if (e instanceof ConfigObjectNotFoundError) {
    return [rec(e.message, 'ManagementObjectNotFoundException', 'ObjectNotFound', 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException')];
  }
  if (e instanceof StateError) return [rec(e.message, 'StateFileError', 'ReadError')];
  throw e;
}

/** Writes each error of `e` as a non-terminating error (rethrows what is not a configuration error). */
export function reportError(ctx: CmdletContext<any>, e: unknown, target?: unknown): void {
  if ((e as Error)?.name === 'PSRuntimeError') throw e;
  for (const r of errorRecord(ctx, e, target)) ctx.writeError(r);
}

/**
 * Validates `change` on a copy (errors are reported even with -WhatIf, as Exchange validates
 * before ShouldProcess), asks ShouldProcess, then applies it under the lock on a fresh read.
 * Returns the change's result, or undefined when it failed or was declined.
 */
export async function applyChange<T>(
  ctx: CmdletContext<any>,
  opts: { target: string | ((cfg: OrganizationConfig) => string); action: string },
  change: (cfg: OrganizationConfig) => T,
): Promise<T | undefined> {
  const home = ctx.session.home;
  let target: string;
  try {
    target = previewConfig(home, (cfg) => {
      const t = typeof opts.target === 'function' ? opts.target(cfg) : opts.target;
      change(cfg);
      return t;
    });
  } catch (e) {
    reportError(ctx, e, typeof opts.target === 'string' ? opts.target : undefined);
    return undefined;
  }
  if (!(await ctx.shouldProcess(target, opts.action))) return undefined;
  try {
    return await updateConfig(home, change);
  } catch (e) {
    reportError(ctx, e, target);
    return undefined;
  }
}

/** Reads the configuration for a Get-* cmdlet; a damaged file is a terminating error naming it. */
export function readConfig(ctx: CmdletContext<any>): OrganizationConfig {
  try {
    return previewConfig(ctx.session.home, (cfg) => cfg);
  } catch (e) {
    if (e instanceof StateError) ctx.throwTerminating(e.message, 'StateFileError', 'ReadError', e.file);
    throw e;
  }
}

export { serverNameOf };

/** The bound parameters that are set, as model field names (`{ Enabled: 'enabled' }`). */
export function boundChanges<T extends object>(ctx: CmdletContext<any>, map: Record<string, keyof T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [param, field] of Object.entries(map)) {
    if (ctx.bound.has(param)) (out as Record<string, unknown>)[field as string] = ctx.params[param];
  }
  return out;
}
