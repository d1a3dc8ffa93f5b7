// The object model shared by the engine, the formatter and every cmdlet.
//
// PowerShell value      JavaScript representation
// $null                 null (undefined is AutomationNull: "no value at all", e.g. an empty pipeline)
// [bool]                boolean
// [int] / [long]        number with an integral value
// [double]              number (a non-integral number is always a double; see PSDouble for 3.0)
// [string]              string
// [char]                PSChar
// object[]              Array (ArrayList too)
// [byte[]]              Uint8Array
// [hashtable]           PSHashtable (case-insensitive keys, insertion ordered; `ordered` marks [ordered])
// [pscustomobject] and  PSObject (type names + ordered, case-insensitive properties + methods)
//   Exchange objects
// [scriptblock]         ScriptBlock (implemented by the engine)
// [datetime]            Date
// [timespan]            TimeSpan
// [securestring]        SecureString
// [type]                PSTypeRef

/** A double whose value happens to be integral (1.0, [double]3): keeps `-is [double]` honest. */
export class PSDouble {
  constructor(public readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

export class PSChar {
  constructor(public readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type MemberType = 'NoteProperty' | 'Property' | 'ScriptProperty' | 'AliasProperty';

export interface PSProperty {
  name: string;
  memberType: MemberType;
  value?: unknown;
  getter?: () => unknown;
  setter?: (value: unknown) => void;
  /** .NET-style type name shown by Get-Member, e.g. 'System.String'. Optional. */
  typeName?: string;
  readOnly?: boolean;
}

export type PSMethod = (...args: unknown[]) => unknown;

/** A PowerShell object: PSCustomObject and every structured object a cmdlet emits. */
export class PSObject {
  /** Most-derived first, e.g. ['Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector', 'System.Object']. */
  typeNames: string[];
  private readonly props = new Map<string, PSProperty>();
  private methods?: Map<string, { name: string; fn: PSMethod }>;
  /** Set when this object adorns another value (a string with note properties, for instance). */
  baseObject?: unknown;

  constructor(typeNames: string | string[] = 'System.Management.Automation.PSCustomObject', values?: Record<string, unknown>) {
    this.typeNames = Array.isArray(typeNames) ? [...typeNames] : [typeNames, 'System.Object'];
    if (values) for (const [k, v] of Object.entries(values)) this.add(k, v);
  }

  /** Adds (or replaces) a NoteProperty for a custom object, a Property for a typed object. */
  add(name: string, value: unknown, memberType: MemberType = this.isCustom() ? 'NoteProperty' : 'Property'): this {
    this.props.set(name.toLowerCase(), { name, memberType, value });
    return this;
  }

  addProperty(prop: PSProperty): this {
    this.props.set(prop.name.toLowerCase(), prop);
    return this;
  }

  addScriptProperty(name: string, getter: () => unknown, setter?: (v: unknown) => void): this {
    this.props.set(name.toLowerCase(), { name, memberType: 'ScriptProperty', getter, setter });
    return this;
  }

  addMethod(name: string, fn: PSMethod): this {
    (this.methods ??= new Map()).set(name.toLowerCase(), { name, fn });
    return this;
  }

  /** A PSCustomObject, also when Select-Object put 'Selected.X' in front of its type names. */
  isCustom(): boolean {
    return this.typeNames.includes('System.Management.Automation.PSCustomObject');
  }

  has(name: string): boolean {
    return this.props.has(name.toLowerCase());
  }

  property(name: string): PSProperty | undefined {
    return this.props.get(name.toLowerCase());
  }

  get(name: string): unknown {
    const p = this.props.get(name.toLowerCase());
    if (!p) return undefined;
    return p.getter ? p.getter() : p.value;
  }

  /** Sets an existing property, or adds a NoteProperty. Returns false for a read-only property. */
  set(name: string, value: unknown): boolean {
    const p = this.props.get(name.toLowerCase());
    if (!p) {
      this.add(name, value, 'NoteProperty');
      return true;
    }
    if (p.readOnly) return false;
    if (p.setter) p.setter(value);
    else if (p.getter) return false;
    else p.value = value;
    return true;
  }

  remove(name: string): boolean {
    return this.props.delete(name.toLowerCase());
  }

  properties(): PSProperty[] {
    return [...this.props.values()];
  }

  propertyNames(): string[] {
    return [...this.props.values()].map((p) => p.name);
  }

  method(name: string): { name: string; fn: PSMethod } | undefined {
    return this.methods?.get(name.toLowerCase());
  }

  methodList(): { name: string; fn: PSMethod }[] {
    return this.methods ? [...this.methods.values()] : [];
  }
}

/** [hashtable] / [ordered]: case-insensitive for string keys, enumerated in insertion order. */
export class PSHashtable {
  private readonly map = new Map<unknown, [unknown, unknown]>();
  constructor(public ordered = false) {}

  private static norm(key: unknown): unknown {
    return typeof key === 'string' ? key.toLowerCase() : key;
  }
  get size(): number {
    return this.map.size;
  }
  get(key: unknown): unknown {
    return this.map.get(PSHashtable.norm(key))?.[1];
  }
  has(key: unknown): boolean {
    return this.map.has(PSHashtable.norm(key));
  }
  set(key: unknown, value: unknown): void {
    const k = PSHashtable.norm(key);
    const existing = this.map.get(k);
    if (existing) existing[1] = value;
    else this.map.set(k, [key, value]);
  }
  delete(key: unknown): boolean {
    return this.map.delete(PSHashtable.norm(key));
  }
  clear(): void {
    this.map.clear();
  }
  keys(): unknown[] {
    return [...this.map.values()].map((e) => e[0]);
  }
  values(): unknown[] {
    return [...this.map.values()].map((e) => e[1]);
  }
  entries(): [unknown, unknown][] {
    return [...this.map.values()].map((e) => [e[0], e[1]]);
  }
  static from(obj: Record<string, unknown>, ordered = false): PSHashtable {
    const h = new PSHashtable(ordered);
    for (const [k, v] of Object.entries(obj)) h.set(k, v);
    return h;
  }
}

export class TimeSpan {
  constructor(public readonly ms: number) {}
  static fromParts(days: number, hours: number, minutes: number, seconds: number, ms = 0): TimeSpan {
    return new TimeSpan((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + ms);
  }
  /** Parses .NET's `[d.]hh:mm:ss[.fffffff]` form; undefined if it is not one. */
  static parse(text: string): TimeSpan | undefined {
    const m = /^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$/.exec(text);
    if (!m) {
      const d = /^\s*(-)?(\d+)\s*$/.exec(text);
      return d ? new TimeSpan((d[1] ? -1 : 1) * Number(d[2]) * 86_400_000) : undefined;
    }
    const frac = m[6] ? Number(('0.' + m[6])) * 1000 : 0;
    const span = TimeSpan.fromParts(Number(m[2] ?? 0), Number(m[3]), Number(m[4]), Number(m[5] ?? 0), frac);
    return m[1] ? new TimeSpan(-span.ms) : span;
  }
  get totalSeconds(): number {
    return this.ms / 1000;
  }
  /** .NET's "c" format: [-][d.]hh:mm:ss[.fffffff] */
  toString(): string {
    const neg = this.ms < 0;
    let rest = Math.abs(this.ms);
    const days = Math.floor(rest / 86_400_000);
    rest -= days * 86_400_000;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    const frac = Math.round((rest - s * 1000) * 10_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return (
      (neg ? '-' : '') +
      (days ? `${days}.` : '') +
      `${pad(h)}:${pad(m)}:${pad(s)}` +
      (frac ? '.' + String(frac).padStart(7, '0') : '')
    );
  }
}

/** [securestring]: the plain text is kept out of formatting and string conversion. */
export class SecureString {
  constructor(private readonly plain: string) {}
  get length(): number {
    return this.plain.length;
  }
  /** For the cmdlets that must hand the secret to a library (PKCS#12 passwords). */
  reveal(): string {
    return this.plain;
  }
  toString(): string {
    return 'System.Security.SecureString';
  }
}

/** A type literal such as [int] used as a value. */
export class PSTypeRef {
  constructor(public readonly fullName: string) {}
  toString(): string {
    return this.fullName;
  }
}

/** What the engine provides for a script block value; cmdlets call these, never the AST. */
export interface ScriptBlock {
  readonly text: string;
  /**
   * Runs the block with `$_` / `$PSItem` set to `dollarUnder` (when given) and `$args` to `args`.
   * Returns the output collected as an array, or a Promise when the block had to wait.
   */
  invoke(opts?: { dollarUnder?: unknown; args?: unknown[]; thisObject?: unknown }): unknown[] | Promise<unknown[]>;
  /**
   * Fast path for Where-Object / calculated properties / sort keys: the block's single value
   * (the output unwrapped: nothing -> undefined, one -> it, many -> array).
   */
  invokeValue(dollarUnder: unknown): unknown | Promise<unknown>;
  toString(): string;
}

export function isScriptBlock(v: unknown): v is ScriptBlock {
  return typeof v === 'object' && v !== null && (v as { __scriptBlock?: true }).__scriptBlock === true;
}

/** Collections that the pipeline enumerates (strings and hashtables are not enumerated). */
export function isEnumerable(v: unknown): v is unknown[] {
  return Array.isArray(v);
}
