// RFC 5322 message surgery the transport needs: the header block, a few header values, the trace
// and organization headers prepended at receive time.
import * as crypto from 'node:crypto';

/** Offset just after the blank line that ends the header block (the whole length when there is none). */
export function headerEnd(content: Buffer): number {
  for (let i = 0; i < content.length; i++) {
    if (content[i] !== 0x0a) continue;
    if (content[i + 1] === 0x0a) return i + 2;
    if (content[i + 1] === 0x0d && content[i + 2] === 0x0a) return i + 3;
  }
  return content.length;
}

export interface HeaderField {
  name: string;
  /** Unfolded value, without the leading space. */
  value: string;
  raw: string;
}

export function parseHeaders(content: Buffer): HeaderField[] {
  const end = headerEnd(content);
  const text = content.subarray(0, end).toString('latin1');
  const out: HeaderField[] = [];
  const lines = text.split(/\r?\n/);
  for (const line of lines) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && out.length) {
      const last = out[out.length - 1]!;
      last.value += ' ' + line.trim();
      last.raw += '\r\n' + line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim(), raw: line });
  }
  return out;
}

export function headerValue(headers: HeaderField[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** Decodes RFC 2047 encoded words (`=?utf-8?B?...?=`), enough for subjects in logs. */
export function decodeWords(text: string): string {
  return text
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
      try {
        const buf = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
        return new TextDecoder(charset.toLowerCase().replace(/\*.*$/, '')).decode(buf);
      } catch {
        return data;
      }
    });
}

/** Removes the header fields whose names match; the body is untouched. */
export function removeHeaders(content: Buffer, match: (name: string) => boolean): Buffer {
  const end = headerEnd(content);
  const text = content.subarray(0, end).toString('latin1');
  const kept: string[] = [];
  let dropping = false;
  for (const line of text.split(/(?<=\n)/)) {
    if (/^[ \t]/.test(line) && line.trim() !== '') {
      if (!dropping) kept.push(line);
      continue;
    }
    const colon = line.indexOf(':');
    dropping = colon > 0 && match(line.slice(0, colon).trim());
    if (!dropping) kept.push(line);
  }
  return Buffer.concat([Buffer.from(kept.join(''), 'latin1'), content.subarray(end)]);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon, 28 Aug 2006 22:37:53 +0000`. */
export function rfc2822Date(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function newMessageId(fqdn: string): string {
  return `<${crypto.randomUUID()}@${fqdn}>`;
}

/** Folds a header line at spaces so no line exceeds 78 characters where possible. */
export function foldHeader(line: string): string {
  if (line.length <= 78) return line;
  const words = line.split(' ');
  const out: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > 76) {
      out.push(cur);
      cur = '\t' + w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  out.push(cur);
  return out.join('\r\n');
}
