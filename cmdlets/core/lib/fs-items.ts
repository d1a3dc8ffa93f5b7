// File system items as PowerShell shows them (System.IO.FileInfo / DirectoryInfo), and wildcard
// path expansion for the item cmdlets.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CmdletContext } from '../../../src/engine/cmdlet.js';
import { PSObject } from '../../../src/engine/values.js';
import { hasWildcard, wildcardToRegex } from '../../../src/engine/wildcard.js';

export const FILE_TYPES = ['System.IO.FileInfo', 'System.IO.FileSystemInfo', 'System.MarshalByRefObject', 'System.Object'];
export const DIRECTORY_TYPES = ['System.IO.DirectoryInfo', 'System.IO.FileSystemInfo', 'System.MarshalByRefObject', 'System.Object'];

/** PowerShell's Mode string: d (directory), a (archive), r, h, s, l (link). Unix has no archive bit. */
export function modeOf(st: fs.Stats, isLink: boolean): string {
  return (st.isDirectory() ? 'd' : isLink ? 'l' : '-') + '-' + '-' + '-' + '-';
}

/** FileInfo or DirectoryInfo for an existing path. */
export function fileSystemItem(fullPath: string, st?: fs.Stats): PSObject {
  const lst = fs.lstatSync(fullPath);
  const isLink = lst.isSymbolicLink();
  const s = st ?? (isLink ? safeStat(fullPath) ?? lst : lst);
  const isDir = s.isDirectory();
  const name = path.basename(fullPath) || fullPath;
  const parent = path.dirname(fullPath);
  const o = new PSObject(isDir ? DIRECTORY_TYPES : FILE_TYPES);
  const ext = path.extname(name);
  o.addProperty({ name: 'PSPath', memberType: 'NoteProperty', value: fullPath, typeName: 'System.String' });
  o.addProperty({ name: 'PSParentPath', memberType: 'NoteProperty', value: parent === fullPath ? '' : parent, typeName: 'System.String' });
  o.addProperty({ name: 'PSChildName', memberType: 'NoteProperty', value: name, typeName: 'System.String' });
  o.addProperty({ name: 'PSIsContainer', memberType: 'NoteProperty', value: isDir, typeName: 'System.Boolean' });
  o.addProperty({ name: 'Mode', memberType: 'ScriptProperty', getter: () => modeOf(s, isLink), typeName: 'System.String' });
  o.addProperty({ name: 'BaseName', memberType: 'ScriptProperty', getter: () => (isDir ? name : ext ? name.slice(0, -ext.length) : name), typeName: 'System.String' });
  o.addProperty({ name: 'Name', memberType: 'Property', value: name, typeName: 'System.String', readOnly: true });
  if (!isDir) {
    o.addProperty({ name: 'Length', memberType: 'Property', value: s.size, typeName: 'System.Int64', readOnly: true });
    o.addProperty({ name: 'DirectoryName', memberType: 'Property', value: parent, typeName: 'System.String', readOnly: true });
    o.addProperty({ name: 'Directory', memberType: 'Property', getter: () => fileSystemItem(parent), typeName: 'System.IO.DirectoryInfo', readOnly: true });
    o.addProperty({ name: 'IsReadOnly', memberType: 'Property', value: (s.mode & 0o200) === 0, typeName: 'System.Boolean' });
  } else {
    o.addProperty({ name: 'Parent', memberType: 'Property', getter: () => (parent === fullPath ? null : fileSystemItem(parent)), typeName: 'System.IO.DirectoryInfo', readOnly: true });
    o.addProperty({ name: 'Root', memberType: 'Property', value: path.parse(fullPath).root, typeName: 'System.IO.DirectoryInfo', readOnly: true });
  }
  o.addProperty({ name: 'FullName', memberType: 'Property', value: fullPath, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'Extension', memberType: 'Property', value: ext, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'Exists', memberType: 'Property', value: true, typeName: 'System.Boolean', readOnly: true });
  o.addProperty({ name: 'CreationTime', memberType: 'Property', value: s.birthtime, typeName: 'System.DateTime' });
  o.addProperty({ name: 'LastAccessTime', memberType: 'Property', value: s.atime, typeName: 'System.DateTime' });
  o.addProperty({ name: 'LastWriteTime', memberType: 'Property', value: s.mtime, typeName: 'System.DateTime' });
  o.addProperty({ name: 'Attributes', memberType: 'Property', value: isDir ? 'Directory' : 'Normal', typeName: 'System.IO.FileAttributes' });
  o.addProperty({ name: 'LinkType', memberType: 'ScriptProperty', getter: () => (isLink ? 'SymbolicLink' : null), typeName: 'System.String' });
  o.addProperty({ name: 'Target', memberType: 'ScriptProperty', getter: () => (isLink ? fs.readlinkSync(fullPath) : null), typeName: 'System.String' });
  o.addMethod('ToString', () => fullPath);
  if (isDir) {
    o.addMethod('GetFiles', () => listDirectory(fullPath).filter((e) => !e.isDirectory).map((e) => fileSystemItem(e.fullPath)));
    o.addMethod('GetDirectories', () => listDirectory(fullPath).filter((e) => e.isDirectory).map((e) => fileSystemItem(e.fullPath)));
  } else {
    o.addMethod('OpenText', () => fs.readFileSync(fullPath, 'utf8'));
  }
  return o;
}

function safeStat(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

export interface DirEntry {
  name: string;
  fullPath: string;
  isDirectory: boolean;
  hidden: boolean;
}

/** A directory's entries: directories first, then files, each by name (as the FileSystem provider lists them). */
export function listDirectory(dir: string): DirEntry[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const out: DirEntry[] = entries.map((e) => {
    const fullPath = path.join(dir, e.name);
    let isDirectory = e.isDirectory();
    if (e.isSymbolicLink()) isDirectory = safeStat(fullPath)?.isDirectory() ?? false;
    return { name: e.name, fullPath, isDirectory, hidden: e.name.startsWith('.') };
  });
  const byName = (a: DirEntry, b: DirEntry) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
  return [...out.filter((e) => e.isDirectory).sort(byName), ...out.filter((e) => !e.isDirectory).sort(byName)];
}

export function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Expands a user path with wildcards into the existing paths it names (sorted), or, without
 * wildcards, the one resolved path (which may not exist).
 */
export function expandPath(ctx: CmdletContext<any>, userPath: string, literal = false): { paths: string[]; wildcard: boolean } {
  const resolved = ctx.session.resolvePath(userPath);
  if (literal || !hasWildcard(userPath)) return { paths: [resolved], wildcard: false };
  const root = path.parse(resolved).root;
  const segments = resolved.slice(root.length).split(path.sep).filter((s) => s !== '');
  let current = [root];
  for (const seg of segments) {
    const next: string[] = [];
    if (!hasWildcard(seg)) {
      for (const c of current) {
        const p = path.join(c, seg);
        if (exists(p)) next.push(p);
      }
    } else {
      const re = wildcardToRegex(seg);
      for (const c of current) {
        let names: string[];
        try {
          names = fs.readdirSync(c);
        } catch {
          continue;
        }
        for (const n of names.sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))) {
          if (n.startsWith('.') && !seg.startsWith('.')) continue;
          if (re.test(n)) next.push(path.join(c, n));
        }
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return { paths: current, wildcard: true };
}
