// The value types of the organization configuration, as pure parse/format functions: SMTP domains,
// address spaces, IP bindings and ranges, smart hosts, byte sizes, durations, banners and
// multi-valued edits (`@{Add=..; Remove=..}`). A value that breaks a rule throws ConfigRuleError
// naming the rule; knows nothing about cmdlets or files.
import * as net from 'node:net';

// ---------------------------------------------------------------- errors

/** One broken rule: its name (also the error id), the property it concerns, and the explanation. */
export interface RuleViolation {
  rule: string;
  property: string;
  message: string;
}

/** A change that breaks one or more configuration rules; nothing was saved. */
export class ConfigRuleError extends Error {
  constructor(public readonly violations: RuleViolation[]) {
    super(violations.map((v) => v.message).join('\n'));
    this.name = 'ConfigRuleError';
  }
  get rule(): string {
    return this.violations[0]?.rule ?? '';
  }
}

/** The identity given matches no object (or several). */
export class ConfigObjectNotFoundError extends Error {
  constructor(
    message: string,
    public readonly identity: string,
    public readonly ambiguous = false,
  ) {
    super(message);
    this.name = 'ConfigObjectNotFoundError';
  }
}

export function violation(rule: string, property: string, message: string): RuleViolation {
  return { rule, property, message };
}

export function fail(rule: string, property: string, message: string): never {
  throw new ConfigRuleError([violation(rule, property, message)]);
}

// ---------------------------------------------------------------- enums

export const AUTH_MECHANISMS = ['None', 'Tls', 'Integrated', 'BasicAuth', 'BasicAuthRequireTLS', 'ExchangeServer', 'ExternalAuthoritative'] as const;
export type AuthMechanism = (typeof AUTH_MECHANISMS)[number];

export const PERMISSION_GROUPS = ['None', 'AnonymousUsers', 'ExchangeUsers', 'ExchangeServers', 'ExchangeLegacyServers', 'Partners', 'Custom'] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];

export const PROTOCOL_LOGGING_LEVELS = ['None', 'Verbose'] as const;
export type ProtocolLoggingLevel = (typeof PROTOCOL_LOGGING_LEVELS)[number];

export const ACCEPTED_DOMAIN_TYPES = ['Authoritative', 'InternalRelay', 'ExternalRelay'] as const;
export type AcceptedDomainType = (typeof ACCEPTED_DOMAIN_TYPES)[number];

export const RECEIVE_USAGES = ['Custom', 'Internet', 'Internal', 'Client', 'Partner'] as const;
export type ReceiveConnectorUsage = (typeof RECEIVE_USAGES)[number];

export const SEND_USAGES = ['Custom', 'Internal', 'Internet', 'Partner'] as const;
export type SendConnectorUsage = (typeof SEND_USAGES)[number];

/** The canonical spelling of `value` in `names` (case-insensitive), or undefined. */
export function canonicalName<T extends string>(names: readonly T[], value: string): T | undefined {
  const l = value.trim().toLowerCase();
  return names.find((n) => n.toLowerCase() === l);
}

/** A flags value such as `Tls, ExternalAuthoritative` or an array of names, split and case-normalized. */
export function parseFlags<T extends string>(names: readonly T[], value: unknown, property: string): T[] {
  const parts = flagParts(value);
  const out: T[] = [];
  for (const p of parts) {
    const c = canonicalName(names, p);
    if (!c) fail('InvalidEnumValue', property, `'${p}' isn't a valid ${property} value. Valid values are: ${names.join(', ')}.`);
    if (!out.includes(c)) out.push(c);
  }
  if (out.length === 0) fail('InvalidEnumValue', property, `${property} needs a value. Valid values are: ${names.join(', ')}.`);
  return out;
}

/** Splits a flags value into its names without judging them (for the binder's ValidateSet). */
export function flagParts(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(flagParts);
  return String(value)
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Flags as the enum shows them: `Tls, ExternalAuthoritative`, in the enum's order. */
export function flagsText<T extends string>(names: readonly T[], values: readonly T[]): string {
  const set = names.filter((n) => values.includes(n));
  return set.length ? set.join(', ') : 'None';
}

// ---------------------------------------------------------------- domains

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** True for an SMTP domain such as `woodgrovebank.com` (letters, digits and hyphens in dot-separated labels). */
export function isSmtpDomain(text: string): boolean {
  if (!text || text.length > 255) return false;
  const labels = text.split('.');
  return labels.every((l) => LABEL.test(l));
}

/** An SMTP domain without wildcards (TLS domain-secure lists, static MX domains, FQDNs). */
export function parseSmtpDomain(value: unknown, property: string): string {
  const text = String(value ?? '').trim().replace(/\.$/, '');
  if (text.includes('*')) fail('WildcardNotAllowed', property, `Wildcards aren't allowed in ${property}: '${text}' isn't a valid SMTP domain. Enter a domain such as woodgrovebank.com.`);
  if (!isSmtpDomain(text)) fail('InvalidSmtpDomain', property, `'${text}' isn't a valid SMTP domain for ${property}. A domain is made of labels of letters, digits and hyphens separated by dots, such as woodgrovebank.com.`);
  return text;
}

/** An SMTP domain that may start with `*.` (accepted domains), or `*` alone when allowStar. */
export function parseDomainWithSubdomains(value: unknown, property: string, allowStar = false): string {
  const text = String(value ?? '').trim().replace(/\.$/, '');
  if (allowStar && text === '*') return '*';
  const bare = text.startsWith('*.') ? text.slice(2) : text;
  if (bare.includes('*') || !isSmtpDomain(bare)) {
    fail('InvalidSmtpDomain', property, `'${text}' isn't a valid domain for ${property}. Use a domain such as contoso.com, or *.contoso.com to include its subdomains.`);
  }
  return text;
}

/** An FQDN (server name, connector FQDN). */
export function parseFqdn(value: unknown, property: string): string {
  const text = String(value ?? '').trim().replace(/\.$/, '');
  if (!isSmtpDomain(text)) fail('InvalidFqdn', property, `'${text}' isn't a valid fully qualified domain name for ${property}.`);
  return text;
}

// ---------------------------------------------------------------- IP addresses, ranges and bindings

export type IPFamily = 4 | 6;

interface IPNumber {
  family: IPFamily;
  value: bigint;
}

function ipToNumber(text: string): IPNumber | undefined {
  const fam = net.isIP(text);
  if (fam === 4) {
    const v = text.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
    return { family: 4, value: v };
  }
  if (fam === 6) {
    let t = text;
    // an embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets
    const m = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(t);
    if (m) {
      const v4 = ipToNumber(m[2])!.value;
      t = m[1] + ((v4 >> 16n) & 0xffffn).toString(16) + ':' + (v4 & 0xffffn).toString(16);
    }
    const [head, tail] = t.includes('::') ? t.split('::') : [t, undefined];
    const h = head ? head.split(':') : [];
    const tl = tail !== undefined && tail !== '' ? tail.split(':') : [];
    const fill = tail !== undefined ? 8 - h.length - tl.length : 0;
    const all = [...h, ...Array(fill).fill('0'), ...tl];
    const v = all.reduce((acc, p) => (acc << 16n) | BigInt(parseInt(p, 16)), 0n);
    return { family: 6, value: v };
  }
  return undefined;
}

function numberToIp(n: IPNumber): string {
  if (n.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((n.value >> s) & 0xffn)).join('.');
  const parts: string[] = [];
  for (let i = 7; i >= 0; i--) parts.push(((n.value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // compress the longest run of zeros, as the canonical form does
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return parts.join(':');
  return parts.slice(0, best.start).join(':') + '::' + parts.slice(best.start + best.len).join(':');
}

/** The canonical text of an IP address (`::` compressed, lowercase), or undefined. */
export function normalizeIp(text: string): string | undefined {
  const n = ipToNumber(text.trim());
  return n ? numberToIp(n) : undefined;
}

/** A remote IP range as Exchange accepts it, with its numeric bounds for overlap checks. */
export interface IPRange {
  /** Canonical text: `192.168.1.10`, `192.168.1.0/24`, `10.0.0.1-10.0.0.9`. */
  text: string;
  family: IPFamily;
  lo: bigint;
  hi: bigint;
}

const bits = (f: IPFamily) => (f === 4 ? 32 : 128);

function maskToPrefix(mask: string, family: IPFamily): number | undefined {
  const n = ipToNumber(mask);
  if (!n || n.family !== family) return undefined;
  const width = bits(family);
  let prefix = 0;
  for (let i = width - 1; i >= 0; i--) {
    if ((n.value >> BigInt(i)) & 1n) prefix++;
    else break;
  }
  const expected = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return expected === n.value ? prefix : undefined;
}

/**
 * `a.b.c.d`, `a.b.c.d/nn`, `a.b.c.d/255.255.255.0`, `a.b.c.d-e.f.g.h` (and the IPv6 forms).
 * Throws InvalidIPRange.
 */
export function parseIPRange(value: unknown, property = 'RemoteIPRanges'): IPRange {
  const text = String(value ?? '').trim();
  const bad = (why: string): never =>
    fail('InvalidIPRange', property, `'${text}' isn't a valid IP range for ${property}: ${why}. Use an address (192.168.1.10), a CIDR block (192.168.1.0/24) or a range (192.168.1.10-192.168.1.20).`);
  const dash = text.indexOf('-');
  if (dash > 0) {
    const a = ipToNumber(text.slice(0, dash).trim());
    const b = ipToNumber(text.slice(dash + 1).trim());
    if (!a || !b) bad('an end of the range is not an IP address');
    if (a!.family !== b!.family) bad('both ends must be IPv4 or both IPv6');
    if (a!.value > b!.value) bad('the first address is greater than the second');
    return { text: `${numberToIp(a!)}-${numberToIp(b!)}`, family: a!.family, lo: a!.value, hi: b!.value };
  }
  const slash = text.indexOf('/');
  if (slash > 0) {
    const base = ipToNumber(text.slice(0, slash).trim());
    if (!base) bad('the network is not an IP address');
    const spec = text.slice(slash + 1).trim();
    const prefix = /^\d+$/.test(spec) ? Number(spec) : maskToPrefix(spec, base!.family);
    if (prefix === undefined || prefix < 0 || prefix > bits(base!.family)) bad('the prefix length or mask is not valid');
    const width = BigInt(bits(base!.family));
    const hostBits = width - BigInt(prefix!);
    const lo = (base!.value >> hostBits) << hostBits;
    const hi = lo + (1n << hostBits) - 1n;
    return { text: `${numberToIp({ family: base!.family, value: lo })}/${prefix}`, family: base!.family, lo, hi };
  }
  const one = ipToNumber(text);
  if (!one) bad('it is not an IP address');
  return { text: numberToIp(one!), family: one!.family, lo: one!.value, hi: one!.value };
}

/** Both ranges cover exactly the same addresses. */
export function rangesEqual(a: IPRange, b: IPRange): boolean {
  return a.family === b.family && a.lo === b.lo && a.hi === b.hi;
}

/** The ranges share addresses but neither contains the other (Exchange's IPRange.PartiallyOverlaps). */
export function rangesPartiallyOverlap(a: IPRange, b: IPRange): boolean {
  if (a.family !== b.family) return false;
  const intersect = a.lo <= b.hi && b.lo <= a.hi;
  if (!intersect) return false;
  const aInB = a.lo >= b.lo && a.hi <= b.hi;
  const bInA = b.lo >= a.lo && b.hi <= a.hi;
  return !aInB && !bInA;
}

export function rangeContains(r: IPRange, ip: string): boolean {
  const n = ipToNumber(ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1'));
  return !!n && n.family === r.family && n.value >= r.lo && n.value <= r.hi;
}

/** A receive connector's listening endpoint. */
export interface IPBinding {
  /** Canonical address: `0.0.0.0` (every IPv4 interface), `127.0.0.1`, `::`. */
  address: string;
  port: number;
}

export function bindingText(b: IPBinding): string {
  return b.address.includes(':') ? `[${b.address}]:${b.port}` : `${b.address}:${b.port}`;
}

/** `0.0.0.0:25`, `127.0.0.1:2525`, `[::]:25`. Throws InvalidBinding / InvalidBindingAddressSetting. */
export function parseBinding(value: unknown, property = 'Bindings'): IPBinding {
  const text = String(value ?? '').trim();
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text) ?? /^(.*):(\d+)$/.exec(text);
  if (!m) fail('InvalidBinding', property, `'${text}' isn't a valid binding for ${property}. Use address:port, such as 0.0.0.0:25 or [::]:25.`);
  const address = normalizeIp(m![1]);
  const port = Number(m![2]);
  if (!address) fail('InvalidBinding', property, `'${text}' isn't a valid binding for ${property}: '${m![1]}' is not an IP address.`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail('InvalidBinding', property, `'${text}' isn't a valid binding for ${property}: the port must be between 1 and 65535.`);
  const n = ipToNumber(address!)!;
  const multicast = n.family === 4 ? n.value >> 28n === 0xen : n.value >> 120n === 0xffn;
  const broadcast = n.family === 4 && n.value === 0xffffffffn;
  if (multicast || broadcast) {
    fail('InvalidBindingAddressSetting', property, `The binding '${text}' uses a multicast or broadcast address; a Receive connector can only listen on a unicast address or 0.0.0.0.`);
  }
  return { address: address!, port };
}

/** Two bindings listen on the same endpoint (equal), or one is the any-address on the same port. */
export function bindingsOverlap(a: IPBinding, b: IPBinding): { equal: boolean; overlap: boolean } {
  if (a.port !== b.port) return { equal: false, overlap: false };
  const fa = net.isIP(a.address);
  const fb = net.isIP(b.address);
  if (a.address === b.address) return { equal: true, overlap: true };
  if (fa !== fb) return { equal: false, overlap: false };
  const any = fa === 4 ? '0.0.0.0' : '::';
  return { equal: false, overlap: a.address === any || b.address === any };
}

// ---------------------------------------------------------------- address spaces and smart hosts

export interface AddressSpace {
  /** Address type; only SMTP routes on an Edge server. */
  type: string;
  /** `*`, `contoso.com`, `*.contoso.com`. */
  domain: string;
  /** 1..100; the lowest cost wins among equally specific matches. */
  cost: number;
}

export function addressSpaceText(a: AddressSpace): string {
  return `${a.type}:${a.domain};${a.cost}`;
}

/** `SMTP:*;1`, `contoso.com`, `*.contoso.com;5`, `smtp:woodgrovebank.com;10`. Throws InvalidAddressSpace / AddressSpaceCostOutOfRange. */
export function parseAddressSpace(value: unknown, property = 'AddressSpaces'): AddressSpace {
  const text = String(value ?? '').trim();
  const m = /^(?:([A-Za-z][A-Za-z0-9]*):)?([^;]*)(?:;(.*))?$/.exec(text);
  if (!m || !m[2].trim()) fail('InvalidAddressSpace', property, `'${text}' isn't a valid address space. Use [type:]domain[;cost], such as SMTP:*;1, contoso.com or *.contoso.com;5.`);
  const type = (m![1] ?? 'SMTP').toUpperCase();
  if (type !== 'SMTP') {
    fail('NonSmtpAddressSpaceOnEdge', property, `The address space '${text}' has type ${m![1]}; a Send connector on an Edge Transport server accepts only SMTP address spaces.`);
  }
  const domain = m![2].trim();
  if (domain !== '*' && domain !== '--') {
    const bare = domain.startsWith('*.') ? domain.slice(2) : domain;
    if (!isSmtpDomain(bare)) fail('InvalidAddressSpace', property, `'${text}' isn't a valid address space: '${domain}' is not *, a domain such as contoso.com, or *.contoso.com.`);
  }
  let cost = 1;
  if (m![3] !== undefined) {
    const c = m![3].trim();
    if (!/^\d+$/.test(c)) fail('InvalidAddressSpace', property, `'${text}' isn't a valid address space: the cost '${c}' is not a whole number.`);
    cost = Number(c);
    if (cost < 1 || cost > 100) fail('AddressSpaceCostOutOfRange', property, `The cost of the address space '${text}' must be between 1 and 100.`);
  }
  return { type: 'SMTP', domain, cost };
}

/** Does an address space match a recipient domain? `*` matches all, `*.x` matches x's subdomains and x itself. */
export function addressSpaceMatches(a: AddressSpace, domain: string): boolean {
  const d = domain.toLowerCase();
  const s = a.domain.toLowerCase();
  if (s === '*') return true;
  if (s.startsWith('*.')) return d === s.slice(2) || d.endsWith(s.slice(1));
  return d === s;
}

/** `mail.contoso.com`, `[192.168.1.5]`, `192.168.1.5`; `host:port` is an edgeshell extension for labs. */
export function parseSmartHost(value: unknown, property = 'SmartHosts'): string {
  const text = String(value ?? '').trim();
  const bad = (): never => fail('InvalidSmartHost', property, `'${text}' isn't a valid smart host. Use a host name (mail.contoso.com) or an IP address ([192.168.1.5]), optionally with :port.`);
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  let host: string;
  let port: string | undefined;
  if (bracket) {
    host = bracket[1];
    port = bracket[2];
    const ip = normalizeIp(host);
    if (!ip) bad();
    host = `[${ip}]`;
  } else {
    const m = /^([^:]+)(?::(\d+))?$/.exec(text);
    if (!m) bad();
    host = m![1];
    port = m![2];
    const ip = normalizeIp(host);
    if (ip) host = `[${ip}]`;
    else if (!isSmtpDomain(host)) bad();
  }
  if (port !== undefined) {
    const p = Number(port);
    if (p < 1 || p > 65535) bad();
    return `${host}:${p}`;
  }
  return host;
}

/** Splits a stored smart host into host and port (port 0 when the connector's Port applies). */
export function smartHostEndpoint(text: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text);
  const host = (m?.[1] ?? text).replace(/^\[|\]$/g, '');
  return { host, port: m?.[2] ? Number(m[2]) : 0 };
}

// ---------------------------------------------------------------- static MX targets

/** `127.0.0.1:2526`, `mx.woodgrovebank.com:25`, `[::1]:2526`, or a host alone (port 25). */
export function parseMxTarget(value: unknown, property = 'Target'): { host: string; port: number } {
  const text = String(value ?? '').trim();
  const bad = (): never => fail('InvalidStaticMxTarget', property, `'${text}' isn't a valid target. Use host:port, such as 127.0.0.1:2526 or mx.woodgrovebank.com:25.`);
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text);
  if (!m) bad();
  const ip = normalizeIp(m![1]);
  const host = ip ?? m![1].toLowerCase();
  if (!ip && !isSmtpDomain(host)) bad();
  const port = m![2] === undefined ? 25 : Number(m![2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) bad();
  return { host, port };
}

export function endpointText(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

// ---------------------------------------------------------------- sizes and counts

export type Unlimited<T = number> = T | 'Unlimited';

const UNITS: [string, number][] = [
  ['TB', 1024 ** 4],
  ['GB', 1024 ** 3],
  ['MB', 1024 ** 2],
  ['KB', 1024],
  ['B', 1],
];

/** The number of bytes an `Unlimited` size allows (Infinity for Unlimited). */
export function limitOf(v: Unlimited): number {
  return v === 'Unlimited' ? Infinity : v;
}

/**
 * A ByteQuantifiedSize: a number of bytes (the shell turns a bareword 10MB into 10485760), or text
 * `10MB`, `10 MB`, `10240KB`, `512B`, `10485760`, or the display form `10 MB (10,485,760 bytes)`.
 */
export function parseByteSize(value: unknown, property: string, allowUnlimited = false): Unlimited {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) fail('InvalidByteSize', property, `${value} isn't a valid size for ${property}: give a whole number of bytes or a value such as 10MB.`);
    return value;
  }
  if (value && typeof value === 'object' && 'valueOf' in value && typeof (value as { valueOf(): unknown }).valueOf() === 'number') {
    return parseByteSize((value as { valueOf(): number }).valueOf(), property, allowUnlimited);
  }
  const text = String(value ?? '').trim();
  if (/^unlimited$/i.test(text)) {
    if (!allowUnlimited) fail('InvalidByteSize', property, `${property} can't be Unlimited; give a size such as 10MB.`);
    return 'Unlimited';
  }
  const display = /\(([\d,]+) bytes\)\s*$/i.exec(text);
  if (display) return Number(display[1].replace(/,/g, ''));
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?$/i.exec(text);
  if (!m) fail('InvalidByteSize', property, `'${text}' isn't a valid size for ${property}. Use a value such as 10MB, '10 MB', 10240KB${allowUnlimited ? ' or Unlimited' : ''}.`);
  const unit = UNITS.find(([u]) => u === (m![2] ?? 'B').toUpperCase())![1];
  const bytes = Number(m![1]) * unit;
  if (!Number.isInteger(bytes)) fail('InvalidByteSize', property, `'${text}' isn't a whole number of bytes.`);
  return bytes;
}

/** A count such as MaxRecipientEnvelopeLimit: a whole number or Unlimited. */
export function parseCount(value: unknown, property: string, allowUnlimited = true, min = 0): Unlimited {
  if (typeof value === 'string' && /^\s*unlimited\s*$/i.test(value)) {
    if (!allowUnlimited) fail('InvalidCount', property, `${property} can't be Unlimited.`);
    return 'Unlimited';
  }
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
  if (!Number.isInteger(n) || n < min || n > 2147483647) fail('InvalidCount', property, `'${String(value)}' isn't a valid value for ${property}: give a whole number from ${min} to 2147483647${allowUnlimited ? ', or Unlimited' : ''}.`);
  return n;
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Exchange's ByteQuantifiedSize.ToString(): `10 MB (10,485,760 bytes)`, `97.66 KB (100,000 bytes)`. */
export function byteSizeText(v: Unlimited): string {
  if (v === 'Unlimited') return 'Unlimited';
  const [unit, size] = UNITS.find(([, s]) => v >= s) ?? ['B', 1];
  const q = v / size;
  const shown = Number.isInteger(q) ? String(q) : String(Number(q.toPrecision(4)));
  return `${shown} ${unit} (${group(v)} bytes)`;
}

// ---------------------------------------------------------------- durations

/** .NET TimeSpan text `[-][d.]hh:mm:ss[.fffffff]`, or a number of seconds; stored as milliseconds. */
export function parseDuration(value: unknown, property: string, minMs = 0, maxMs = Number.MAX_SAFE_INTEGER): number {
  let ms: number | undefined;
  if (value && typeof value === 'object' && typeof (value as { ms?: unknown }).ms === 'number') ms = (value as { ms: number }).ms;
  else if (typeof value === 'number' && Number.isFinite(value)) ms = value * 1000;
  else {
    const text = String(value ?? '').trim();
    const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(text);
    if (m) {
      const [h, mi, s] = [Number(m[3]), Number(m[4]), Number(m[5] ?? 0)];
      if (h < 24 && mi < 60 && s < 60) {
        ms = (((Number(m[2] ?? 0) * 24 + h) * 60 + mi) * 60 + s) * 1000 + (m[6] ? Math.round(Number('0.' + m[6]) * 1000) : 0);
        if (m[1]) ms = -ms;
      }
    } else if (/^\d+$/.test(text)) ms = Number(text) * 86_400_000;
  }
  if (ms === undefined) fail('InvalidTimeSpan', property, `'${String(value)}' isn't a valid time span for ${property}. Use [d.]hh:mm:ss, such as 00:05:00 or 2.00:00:00.`);
  if (ms! < minMs || ms! > maxMs) fail('TimeSpanOutOfRange', property, `${property} must be between ${durationText(minMs)} and ${durationText(maxMs)}.`);
  return ms!;
}

export function durationText(ms: number): string {
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const d = Math.floor(rest / 86_400_000);
  rest -= d * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${neg ? '-' : ''}${d ? d + '.' : ''}${pad(h)}:${pad(m)}:${pad(s)}`;
}

// ---------------------------------------------------------------- banner

/** The whole 220 greeting line; Exchange requires a valid SMTP response with status 220. */
export function parseBanner(value: unknown, property = 'Banner'): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  if (!/^220(?: |$)/.test(text) || /[\r\n]/.test(text) || text.length > 2000) {
    fail('InvalidBannerSetting', property, `The banner '${text}' isn't valid: it must be an SMTP response that starts with 220, such as '220 mail.contoso.com Ready', on one line of at most 2000 characters.`);
  }
  return text;
}

// ---------------------------------------------------------------- multi-valued properties

/** A new value for a multi-valued property: the whole list, or `@{Add=..; Remove=..}` edits. */
export type MultiValuedEdit<T> = { replace: T[] } | { add: T[]; remove: T[] };

interface HashtableLike {
  keys(): unknown[];
  get(key: unknown): unknown;
}

function isHashtableLike(v: unknown): v is HashtableLike {
  return !!v && typeof v === 'object' && typeof (v as HashtableLike).keys === 'function' && typeof (v as HashtableLike).get === 'function' && !Array.isArray(v);
}

function isEdit(v: unknown): v is MultiValuedEdit<unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && ('replace' in v || ('add' in v && 'remove' in v)) && !isHashtableLike(v);
}

const items = (v: unknown): unknown[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v.flatMap(items) : [v]);

/**
 * Reads a parameter value: a value or array replaces the list ($null empties it); a hashtable with
 * Add and/or Remove keys (case-insensitive, a value or an array each) edits it.
 */
export function parseMultiValued<T>(value: unknown, parseItem: (v: unknown) => T, property: string): MultiValuedEdit<T> {
  if (isEdit(value)) return value as MultiValuedEdit<T>;
  if (isHashtableLike(value)) {
    const add: T[] = [];
    const remove: T[] = [];
    for (const k of value.keys()) {
      const key = String(k).toLowerCase();
      if (key !== 'add' && key !== 'remove') {
        fail('InvalidMultiValuedEdit', property, `The hashtable key '${String(k)}' isn't valid for ${property}. Use @{Add=...} and/or @{Remove=...}.`);
      }
      for (const x of items(value.get(k))) (key === 'add' ? add : remove).push(parseItem(x));
    }
    return { add, remove };
  }
  return { replace: items(value).map(parseItem) };
}

/**
 * Applies an edit. Duplicates in a new list or an Add of a value already there break
 * DuplicateValue, as Exchange's MultiValuedProperty does; removing a value that is not there is
 * ignored. `key` compares values (case-insensitive text).
 */
export function applyMultiValued<T>(current: readonly T[], edit: MultiValuedEdit<T> | T[], key: (t: T) => string, property: string): T[] {
  const e: MultiValuedEdit<T> = Array.isArray(edit) ? { replace: edit } : edit;
  const k = (t: T) => key(t).toLowerCase();
  const dup = (t: T): never => fail('DuplicateValue', property, `The value '${key(t)}' is already present in ${property}.`);
  if ('replace' in e) {
    const seen = new Set<string>();
    for (const t of e.replace) {
      if (seen.has(k(t))) dup(t);
      seen.add(k(t));
    }
    return [...e.replace];
  }
  const removing = new Set(e.remove.map(k));
  const out = current.filter((t) => !removing.has(k(t)));
  for (const t of e.add) {
    if (out.some((x) => k(x) === k(t))) dup(t);
    out.push(t);
  }
  return out;
}
