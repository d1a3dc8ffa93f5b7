// What Copy-Item and Move-Item share: resolving sources and the destination of each.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CmdletContext } from '../../../src/engine/cmdlet.js';
import { pathNotFound } from './common.js';
import { expandPath } from './fs-items.js';

export interface MoveParams {
  Path?: string[];
  LiteralPath?: string[];
  Destination?: string;
  Recurse?: boolean;
  Force?: boolean;
  PassThru?: boolean;
}

/** Existing source paths, with PathNotFound errors for the missing ones. */
export function sources(ctx: CmdletContext<MoveParams>): string[] {
  const p = ctx.params;
  const literal = ctx.bound.has('LiteralPath');
  const out: string[] = [];
  for (const userPath of (literal ? p.LiteralPath : p.Path) ?? []) {
    const { paths, wildcard } = expandPath(ctx, userPath, literal);
    if (!wildcard && !fs.existsSync(paths[0])) {
      ctx.writeError(pathNotFound(ctx, paths[0]));
      continue;
    }
    out.push(...paths);
  }
  return out;
}

/** Where a source goes: into the destination when it is an existing directory, else to it. */
export function targetFor(ctx: CmdletContext<MoveParams>, source: string): string {
  const dest = ctx.session.resolvePath(ctx.params.Destination ?? '.');
  try {
    if (fs.statSync(dest).isDirectory()) return path.join(dest, path.basename(source));
  } catch {
    /* a new name */
  }
  return dest;
}
