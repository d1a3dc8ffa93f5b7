// X.500 distinguished names: parse the text an administrator writes, encode it in the written order,
// decode any certificate's Name, and show it the way .NET's X500DistinguishedName.Name does
// (most specific first: `CN=mail1.contoso.com, DC=Contoso, DC=com`).
import { DerNode, TAG, child, decode, expectTag, ia5, oid, printable, readOid, readString, seq, set, utf8 } from './der.js';

export interface NameAttribute {
  oid: string;
  value: string;
}
/** One RDN (usually one attribute); a Name is a list of RDNs in encoded order. */
export type Rdn = NameAttribute[];

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'S',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.17': 'PostalCode',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

const BY_NAME: Record<string, string> = {
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  SURNAME: '2.5.4.4',
  SERIALNUMBER: '2.5.4.5',
  C: '2.5.4.6',
  L: '2.5.4.7',
  S: '2.5.4.8',
  ST: '2.5.4.8',
  STREET: '2.5.4.9',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  T: '2.5.4.12',
  TITLE: '2.5.4.12',
  POSTALCODE: '2.5.4.17',
  G: '2.5.4.42',
  GN: '2.5.4.42',
  GIVENNAME: '2.5.4.42',
  I: '2.5.4.43',
  INITIALS: '2.5.4.43',
  E: '1.2.840.113549.1.9.1',
  EMAIL: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  DC: '0.9.2342.19200300.100.1.25',
  UID: '0.9.2342.19200300.100.1.1',
};

export const OID_CN = '2.5.4.3';

export class NameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NameError';
  }
}

/** Splits on separators outside double quotes and backslash escapes. */
function splitUnquoted(text: string, seps: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      cur += ch + text[i + 1];
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      cur += ch;
    } else if (!quoted && seps.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new NameError('a quoted value is not closed');
  out.push(cur);
  return out;
}

function unescapeValue(raw: string): string {
  let v = raw.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/""/g, '"').replace(/\\(.)/g, '$1');
  return v.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, e: string) => (e.length === 2 ? String.fromCharCode(parseInt(e, 16)) : e));
}

/**
 * Parses `DC=com,DC=Contoso,CN=mail1.contoso.com` (also `;` separators, `+` multi-valued RDNs,
 * quoted values, `OID.1.2.3=` or dotted OIDs) into RDNs in the order written.
 */
export function parseDistinguishedName(text: string): Rdn[] {
  if (!text || !text.trim()) throw new NameError('the subject name is empty');
  const rdns: Rdn[] = [];
  for (const part of splitUnquoted(text, ',;')) {
    if (!part.trim()) throw new NameError(`the subject name '${text}' has an empty component`);
    const rdn: Rdn = [];
    for (const av of splitUnquoted(part, '+')) {
      const eq = av.indexOf('=');
      if (eq <= 0) throw new NameError(`'${av.trim()}' in the subject name '${text}' is not of the form TYPE=value`);
      const key = av.slice(0, eq).trim();
      let o = BY_NAME[key.toUpperCase()];
      if (!o) {
        const m = /^(?:OID\.)?(\d+(?:\.\d+)+)$/i.exec(key);
        if (!m) throw new NameError(`'${key}' is not a known attribute type in the subject name '${text}'`);
        o = m[1]!;
      }
      const value = unescapeValue(av.slice(eq + 1));
      if (!value) throw new NameError(`the attribute ${key} in the subject name '${text}' has no value`);
      if (o === '2.5.4.6' && !/^[A-Za-z]{2}$/.test(value)) throw new NameError(`the country code '${value}' must be two letters`);
      rdn.push({ oid: o, value });
    }
    rdns.push(rdn);
  }
  return rdns;
}

const PRINTABLE_RE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function encodeValue(a: NameAttribute): Buffer {
  if (a.oid === '0.9.2342.19200300.100.1.25' || a.oid === '1.2.840.113549.1.9.1') return ia5(a.value);
  if (a.oid === '2.5.4.6' || a.oid === '2.5.4.5') return printable(a.value);
  return PRINTABLE_RE.test(a.value) ? printable(a.value) : utf8(a.value);
}

/** DER Name in the given RDN order. */
export function encodeName(rdns: Rdn[]): Buffer {
  return seq(...rdns.map((rdn) => set(...rdn.map((a) => seq(oid(a.oid), encodeValue(a))))));
}

export function decodeName(node: DerNode): Rdn[] {
  expectTag(node, TAG.SEQUENCE, 'Name');
  return node.children.map((s) => {
    expectTag(s, TAG.SET, 'RDN');
    return s.children.map((atv) => ({ oid: readOid(child(atv, 0)), value: readString(child(atv, 1)) }));
  });
}

export function decodeNameDer(der: Uint8Array): Rdn[] {
  return decodeName(decode(der));
}

function quoteNet(v: string): string {
  return /[,+=";<>#\n\r]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function shortName(o: string): string {
  return SHORT[o] ?? `OID.${o}`;
}

/** .NET's X500DistinguishedName.Name: RDNs most specific (last encoded) first, `, ` between. */
export function formatNameNet(rdns: Rdn[]): string {
  return [...rdns]
    .reverse()
    .map((rdn) => rdn.map((a) => `${shortName(a.oid)}=${quoteNet(a.value)}`).join(' + '))
    .join(', ');
}

/** The written (encoded) order, as the administrator typed it: `DC=com, DC=Contoso, CN=mail1.contoso.com`. */
export function formatNameEncodedOrder(rdns: Rdn[]): string {
  return rdns.map((rdn) => rdn.map((a) => `${shortName(a.oid)}=${quoteNet(a.value)}`).join(' + ')).join(', ');
}

/** The most specific CN (the last one encoded). */
export function commonName(rdns: Rdn[]): string | undefined {
  for (let i = rdns.length - 1; i >= 0; i--) {
    const a = rdns[i]!.find((x) => x.oid === OID_CN);
    if (a) return a.value;
  }
  return undefined;
}
