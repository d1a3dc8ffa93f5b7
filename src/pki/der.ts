// A small DER reader and writer: enough ASN.1 for names, extensions, CSRs, certificates, CRLs and
// PKCS#7, over Buffers, with the raw bytes of every element kept (signatures cover exact bytes).

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  T61: 0x14,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL: 0x1c,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** One decoded element: `tag` is the full identifier octet (class + constructed bit + number). */
export interface DerNode {
  tag: number;
  /** The whole element: identifier, length and content. */
  raw: Buffer;
  content: Buffer;
  children: DerNode[];
}

export function isContext(node: DerNode, n: number): boolean {
  return (node.tag & 0xc0) === 0x80 && (node.tag & 0x1f) === n;
}

function readLength(buf: Buffer, pos: number): [number, number] {
  if (pos >= buf.length) throw new DerError('truncated length');
  const first = buf[pos]!;
  if (first < 0x80) return [first, pos + 1];
  const n = first & 0x7f;
  if (n === 0) throw new DerError('indefinite length is not DER');
  if (n > 4 || pos + 1 + n > buf.length) throw new DerError('bad length');
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[pos + 1 + i]!;
  return [len, pos + 1 + n];
}

function decodeAt(buf: Buffer, pos: number, depth: number): [DerNode, number] {
  if (depth > 64) throw new DerError('nesting too deep');
  if (pos >= buf.length) throw new DerError('truncated element');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  const [len, start] = readLength(buf, pos + 1);
  const end = start + len;
  if (end > buf.length) throw new DerError('element runs past the end of the data');
  const content = buf.subarray(start, end);
  const node: DerNode = { tag, raw: buf.subarray(pos, end), content, children: [] };
  if (tag & 0x20) {
    let p = start;
    while (p < end) {
      const [child, next] = decodeAt(buf, p, depth + 1);
      node.children.push(child);
      p = next;
    }
  }
  return [node, end];
}

/** Decodes one element that must fill `buf` exactly. */
export function decode(buf: Uint8Array): DerNode {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const [node, end] = decodeAt(b, 0, 0);
  if (end !== b.length) throw new DerError('trailing data after the DER element');
  return node;
}

/** Tries to decode constructed content that may hold nested DER (e.g. an OCTET STRING wrapping). */
export function decodeContent(node: DerNode): DerNode {
  return decode(node.content);
}

export function child(node: DerNode, i: number, what = 'element'): DerNode {
  const c = node.children[i];
  if (!c) throw new DerError(`missing ${what}`);
  return c;
}

export function expectTag(node: DerNode, tag: number, what: string): DerNode {
  if (node.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  return node;
}

export function readOid(node: DerNode): string {
  expectTag(node, TAG.OID, 'object identifier');
  const c = node.content;
  if (c.length === 0) throw new DerError('empty OID');
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < c.length; i++) {
    value = value * 128 + (c[i]! & 0x7f);
    if (!(c[i]! & 0x80)) {
      if (parts.length === 0) {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        parts.push(first, value - first * 40);
      } else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

export function readInteger(node: DerNode): bigint {
  expectTag(node, TAG.INTEGER, 'integer');
  if (node.content.length === 0) return 0n;
  let v = BigInt('0x' + node.content.toString('hex'));
  if (node.content[0]! & 0x80) v -= 1n << BigInt(node.content.length * 8);
  return v;
}

/** The INTEGER's content bytes as uppercase hex, as .NET shows serial numbers (no sign padding removed). */
export function readIntegerHex(node: DerNode): string {
  expectTag(node, TAG.INTEGER, 'integer');
  return node.content.toString('hex').toUpperCase();
}

export function readTime(node: DerNode): Date {
  const s = node.content.toString('latin1');
  let m: RegExpExecArray | null;
  if (node.tag === TAG.UTC_TIME) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s);
    if (!m) throw new DerError(`bad UTCTime '${s}'`);
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy >= 50 ? 1900 + yy : 2000 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  if (node.tag === TAG.GENERALIZED_TIME) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?Z$/.exec(s);
    if (!m) throw new DerError(`bad GeneralizedTime '${s}'`);
    const ms = m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0;
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms));
  }
  throw new DerError('expected a time');
}

export function readString(node: DerNode): string {
  switch (node.tag) {
    case TAG.UTF8:
      return node.content.toString('utf8');
    case TAG.BMP: {
      const b = Buffer.from(node.content);
      b.swap16();
      return b.toString('utf16le');
    }
    case TAG.UNIVERSAL: {
      let out = '';
      for (let i = 0; i + 3 < node.content.length; i += 4) out += String.fromCodePoint(node.content.readUInt32BE(i));
      return out;
    }
    default:
      return node.content.toString('latin1');
  }
}

/** BIT STRING content without the unused-bits octet. */
export function readBitString(node: DerNode): Buffer {
  expectTag(node, TAG.BIT_STRING, 'bit string');
  return node.content.subarray(1);
}

// ---- writing ----

function encodeLength(len: number): Buffer {
  if (len < 0x80) return Buffer.from([len]);
  const bytes: number[] = [];
  while (len > 0) {
    bytes.unshift(len & 0xff);
    len = Math.floor(len / 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export const seq = (...items: Uint8Array[]): Buffer => tlv(TAG.SEQUENCE, Buffer.concat(items));
/** SET OF in DER order (sorted by encoding). */
export const set = (...items: Uint8Array[]): Buffer => tlv(TAG.SET, Buffer.concat([...items].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))));
export const nul = (): Buffer => Buffer.from([0x05, 0x00]);
export const bool = (v: boolean): Buffer => tlv(TAG.BOOLEAN, Buffer.from([v ? 0xff : 0]));
export const octets = (b: Uint8Array): Buffer => tlv(TAG.OCTET_STRING, b);
export const bits = (b: Uint8Array, unused = 0): Buffer => tlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([unused]), b]));
export const utf8 = (s: string): Buffer => tlv(TAG.UTF8, Buffer.from(s, 'utf8'));
export const printable = (s: string): Buffer => tlv(TAG.PRINTABLE, Buffer.from(s, 'latin1'));
export const ia5 = (s: string): Buffer => tlv(TAG.IA5, Buffer.from(s, 'latin1'));
/** [n] EXPLICIT (constructed) */
export const explicit = (n: number, inner: Uint8Array): Buffer => tlv(0xa0 | n, inner);
/** [n] IMPLICIT primitive */
export const implicitPrim = (n: number, content: Uint8Array): Buffer => tlv(0x80 | n, content);
/** [n] IMPLICIT constructed */
export const implicitCons = (n: number, content: Uint8Array): Buffer => tlv(0xa0 | n, content);

export function oid(text: string): Buffer {
  const parts = text.split('.').map((p) => Number(p));
  if (parts.length < 2 || parts.some((p) => !Number.isInteger(p) || p < 0)) throw new DerError(`bad OID '${text}'`);
  const values = [parts[0]! * 40 + parts[1]!, ...parts.slice(2)];
  const out: number[] = [];
  for (const v of values) {
    const stack: number[] = [v & 0x7f];
    let rest = Math.floor(v / 128);
    while (rest > 0) {
      stack.unshift((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    out.push(...stack);
  }
  return tlv(TAG.OID, Buffer.from(out));
}

export function integer(v: bigint | number | Uint8Array): Buffer {
  if (v instanceof Uint8Array) {
    let b = Buffer.from(v);
    let i = 0;
    while (i < b.length - 1 && b[i] === 0 && !(b[i + 1]! & 0x80)) i++;
    b = b.subarray(i);
    if (b.length === 0) b = Buffer.from([0]);
    if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return tlv(TAG.INTEGER, b);
  }
  let n = BigInt(v);
  if (n < 0n) throw new DerError('negative integers are not written here');
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let b = Buffer.from(hex, 'hex');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(TAG.INTEGER, b);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(d: Date): Buffer {
  const y = d.getUTCFullYear();
  const rest = pad2(d.getUTCMonth() + 1) + pad2(d.getUTCDate()) + pad2(d.getUTCHours()) + pad2(d.getUTCMinutes()) + pad2(d.getUTCSeconds()) + 'Z';
  if (y >= 1950 && y < 2050) return tlv(TAG.UTC_TIME, Buffer.from(pad2(y % 100) + rest, 'latin1'));
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(String(y).padStart(4, '0') + rest, 'latin1'));
}

// ---- PEM ----

export interface PemBlock {
  label: string;
  der: Buffer;
}

/** All PEM blocks in text (any label). */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const body = m[2]!.replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new DerError(`the PEM block '${m[1]}' is not valid Base64`);
    out.push({ label: m[1]!, der: Buffer.from(body, 'base64') });
  }
  return out;
}

export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** True if the bytes look like text (PEM or bare Base64) rather than DER. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  if (n === 0) return false;
  if (bytes[0] === 0x30) return false;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c !== 9 && c !== 10 && c !== 13 && (c < 32 || c > 126)) return false;
  }
  return true;
}

/** Bare Base64 (no PEM armour), as some CAs hand out; undefined if it is not. */
export function bareBase64(text: string): Buffer | undefined {
  const body = text.replace(/\s+/g, '');
  if (body.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  return Buffer.from(body, 'base64');
}
