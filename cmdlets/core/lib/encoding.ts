// Text encodings of the content cmdlets (-Encoding), PowerShell 7 names plus Windows PowerShell's Byte.
import { Buffer } from 'node:buffer';

export const ENCODINGS = [
  'ASCII', 'BigEndianUnicode', 'BigEndianUTF32', 'Byte', 'Default', 'Latin1', 'OEM', 'Unicode', 'UTF7', 'UTF8', 'UTF8BOM', 'UTF8NoBOM', 'UTF32',
];

export function normalizeEncoding(v: unknown): string {
  const s = String(v);
  return ENCODINGS.find((e) => e.toLowerCase() === s.toLowerCase()) ?? s;
}

export function isByteEncoding(enc: string | undefined): boolean {
  return !!enc && enc.toLowerCase() === 'byte';
}

/** Decodes file bytes: the BOM (if any) decides, else the requested encoding, else UTF-8. */
export function decode(buf: Uint8Array, encoding?: string): string {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return decodeUtf32(b.subarray(4), false);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return swap16(b.subarray(2)).toString('utf16le');
  switch ((encoding ?? '').toLowerCase()) {
    case 'unicode':
      return b.toString('utf16le');
    case 'bigendianunicode':
      return swap16(b).toString('utf16le');
    case 'utf32':
      return decodeUtf32(b, false);
    case 'bigendianutf32':
      return decodeUtf32(b, true);
    case 'ascii':
      return b.toString('ascii');
    case 'latin1':
    case 'oem':
      return b.toString('latin1');
    default:
      return b.toString('utf8');
  }
}

/** Encodes text for writing; PowerShell 7 writes UTF-8 without a BOM unless told otherwise. */
export function encode(text: string, encoding?: string): Buffer {
  switch ((encoding ?? '').toLowerCase()) {
    case 'unicode':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'bigendianunicode':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swap16(Buffer.from(text, 'utf16le'))]);
    case 'utf32':
      return Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), encodeUtf32(text, false)]);
    case 'bigendianutf32':
      return Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), encodeUtf32(text, true)]);
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'ascii':
      return Buffer.from(text.replace(/[^\x00-\x7f]/g, '?'), 'ascii');
    case 'latin1':
    case 'oem':
      return Buffer.from(text, 'latin1');
    default:
      return Buffer.from(text, 'utf8');
  }
}

function swap16(b: Buffer): Buffer {
  const c = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  c.swap16();
  return c;
}

function decodeUtf32(b: Buffer, bigEndian: boolean): string {
  let s = '';
  for (let i = 0; i + 3 < b.length; i += 4) s += String.fromCodePoint(bigEndian ? b.readUInt32BE(i) : b.readUInt32LE(i));
  return s;
}

function encodeUtf32(text: string, bigEndian: boolean): Buffer {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (bigEndian ? b.writeUInt32BE(cp, i * 4) : b.writeUInt32LE(cp, i * 4)));
  return b;
}
