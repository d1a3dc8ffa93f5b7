// A tiny provider registry: paths with a drive prefix that is not the file system (`Cert:\...`)
// are handed to the area that owns them. The certificates area registers 'Cert:'.
import type { CmdletContext } from '../../../src/engine/cmdlet.js';

export interface ItemProvider {
  /** Get-ChildItem <path>: the items under `path` (the full path as typed, e.g. 'Cert:\LocalMachine\Root'). */
  childItems(path: string, ctx: CmdletContext<any>, opts: { recurse: boolean }): unknown[] | Promise<unknown[]>;
  /** Get-Item <path>: the item itself, or undefined when it does not exist. */
  item?(path: string, ctx: CmdletContext<any>): unknown | Promise<unknown>;
  /** Test-Path <path>. Defaults to "item() is not undefined". */
  exists?(path: string, ctx: CmdletContext<any>): boolean | Promise<boolean>;
  /** Remove-Item <path>. */
  removeItem?(path: string, ctx: CmdletContext<any>): void | Promise<void>;
}

const providers = new Map<string, { prefix: string; provider: ItemProvider }>();

/** Registers the provider of a drive, e.g. registerProvider('Cert:', {...}); a later one replaces it. */
export function registerProvider(prefix: string, provider: ItemProvider): void {
  providers.set(prefix.toLowerCase(), { prefix, provider });
}

/** The provider whose prefix (case-insensitive) starts `path`, if any. */
export function providerFor(path: string): ItemProvider | undefined {
  const l = path.toLowerCase();
  for (const [k, v] of providers) if (l.startsWith(k)) return v.provider;
  return undefined;
}

/** `X:` style drive prefix that is not a Windows file system drive letter. */
export function isProviderPath(path: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]+:/.test(path);
}
