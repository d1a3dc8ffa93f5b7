import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PSObject } from '../../src/engine/values.js';
import { run, tempDir } from './harness.js';
import getContent from '../../cmdlets/core/get-content.js';
import setContent from '../../cmdlets/core/set-content.js';
import addContent from '../../cmdlets/core/add-content.js';
import testPath from '../../cmdlets/core/test-path.js';
import joinPath from '../../cmdlets/core/join-path.js';
import splitPath from '../../cmdlets/core/split-path.js';
import getChildItem from '../../cmdlets/core/get-childitem.js';
import getItem from '../../cmdlets/core/get-item.js';
import newItem from '../../cmdlets/core/new-item.js';
import removeItem from '../../cmdlets/core/remove-item.js';
import setLocation from '../../cmdlets/core/set-location.js';
import getLocation from '../../cmdlets/core/get-location.js';
import { registerProvider } from '../../cmdlets/core/lib/providers.js';

function dirWith(files: Record<string, string | Buffer>): string {
  const d = tempDir();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
    fs.writeFileSync(path.join(d, name), content);
  }
  return d;
}

describe('Get-Content', () => {
  test('writes the lines of a file; a final newline does not add an empty line', async () => {
    const d = dirWith({ 'a.txt': 'one\r\ntwo\nthree\n' });
    expect((await run(getContent, { params: { Path: ['a.txt'] }, cwd: d })).output).toEqual(['one', 'two', 'three']);
  });

  test('-Raw, -TotalCount, -Tail and -ReadCount', async () => {
    const d = dirWith({ 'a.txt': '1\n2\n3\n4\n' });
    const p = (extra: Record<string, unknown>) => run(getContent, { params: { Path: ['a.txt'], ...extra }, cwd: d });
    expect((await p({ Raw: true })).output).toEqual(['1\n2\n3\n4\n']);
    expect((await p({ TotalCount: 2 })).output).toEqual(['1', '2']);
    expect((await p({ Tail: 1 })).output).toEqual(['4']);
    expect((await p({ ReadCount: 3 })).output).toEqual([['1', '2', '3'], ['4']]);
    expect((await p({ ReadCount: 0 })).output).toEqual([['1', '2', '3', '4']]);
  });

  test('-Encoding Byte -ReadCount 0 gives one byte array (Exchange 2010 -FileData); -AsByteStream too', async () => {
    const d = dirWith({ 'c.pfx': Buffer.from([0x30, 0x82, 0x01]) });
    const one = await run(getContent, { params: { Path: ['c.pfx'], Encoding: 'Byte', ReadCount: 0 }, cwd: d });
    expect(one.output).toHaveLength(1);
    expect(one.output[0]).toBeInstanceOf(Uint8Array);
    expect([...(one.output[0] as Uint8Array)]).toEqual([0x30, 0x82, 0x01]);
    const bytes = await run(getContent, { params: { Path: ['c.pfx'], AsByteStream: true }, cwd: d });
    expect(bytes.output).toEqual([0x30, 0x82, 0x01]);
  });

  test('a missing file is PowerShell\'s PathNotFound error', async () => {
    const d = tempDir();
    const r = await run(getContent, { params: { Path: ['nope.txt'] }, cwd: d });
    expect(r.errors[0].message).toBe(`Cannot find path '${path.join(d, 'nope.txt')}' because it does not exist.`);
    expect(r.errors[0].fullyQualifiedErrorId).toBe('PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand');
    expect(r.errors[0].category).toBe('ObjectNotFound');
  });

  test('decodes a UTF-16 file by its byte-order mark', async () => {
    const d = dirWith({ 'u.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo\n', 'utf16le')]) });
    expect((await run(getContent, { params: { Path: ['u.txt'] }, cwd: d })).output).toEqual(['héllo']);
  });

  test('wildcards read every matching file', async () => {
    const d = dirWith({ 'a.log': 'A\n', 'b.log': 'B\n', 'c.txt': 'C\n' });
    expect((await run(getContent, { params: { Path: ['*.log'] }, cwd: d })).output).toEqual(['A', 'B']);
  });
});

describe('Set-Content and Add-Content', () => {
  test('Set-Content writes one line per value, UTF-8 without BOM; Add-Content appends', async () => {
    const d = tempDir();
    await run(setContent, { params: { Path: ['x.txt'], Value: ['a', 1, true] }, cwd: d });
    expect(fs.readFileSync(path.join(d, 'x.txt'), 'utf8')).toBe('a\n1\nTrue\n');
    await run(addContent, { params: { Path: ['x.txt'], Value: ['b'] }, cwd: d });
    expect(fs.readFileSync(path.join(d, 'x.txt'), 'utf8')).toBe('a\n1\nTrue\nb\n');
  });

  test('piped values are collected; -NoNewline joins them', async () => {
    const d = tempDir();
    await run(setContent, { params: { Path: ['x.txt'], NoNewline: true }, input: ['a', 'b'], cwd: d });
    expect(fs.readFileSync(path.join(d, 'x.txt'), 'utf8')).toBe('ab');
  });

  test('bytes are written as bytes with -AsByteStream or -Encoding Byte', async () => {
    const d = tempDir();
    await run(setContent, { params: { Path: ['b.bin'], Value: [new Uint8Array([1, 2, 255])], Encoding: 'Byte' }, cwd: d });
    expect([...fs.readFileSync(path.join(d, 'b.bin'))]).toEqual([1, 2, 255]);
  });

  test('a missing directory is an error; -WhatIf writes nothing', async () => {
    const d = tempDir();
    const r = await run(setContent, { params: { Path: ['no/such/x.txt'], Value: ['a'] }, cwd: d });
    expect(r.errors[0].message).toBe(`Could not find a part of the path '${path.join(d, 'no/such/x.txt')}'.`);
    const w = await run(setContent, { params: { Path: ['y.txt'], Value: ['a'] }, cwd: d, whatIf: true });
    expect(w.whatIf[0]).toBe(`What if: Performing the operation "Set Content" on target "Path: ${path.join(d, 'y.txt')}".`);
    expect(fs.existsSync(path.join(d, 'y.txt'))).toBe(false);
  });
});

describe('paths', () => {
  test('Test-Path with -PathType', async () => {
    const d = dirWith({ 'sub/a.txt': 'x' });
    const t = async (p: string, extra: Record<string, unknown> = {}) => (await run(testPath, { params: { Path: [p], ...extra }, cwd: d })).output[0];
    expect(await t('sub')).toBe(true);
    expect(await t('sub', { PathType: 'Leaf' })).toBe(false);
    expect(await t('sub/a.txt', { PathType: 'Leaf' })).toBe(true);
    expect(await t('nope')).toBe(false);
    expect(await t('sub/*.txt')).toBe(true);
    expect(await t('')).toBe(false);
  });

  test('Join-Path keeps the parent\'s separator; Split-Path takes paths apart', async () => {
    expect((await run(joinPath, { params: { Path: ['c:\\certificates\\'], ChildPath: '\\a.pfx' } })).output).toEqual(['c:\\certificates\\a.pfx']);
    expect((await run(joinPath, { params: { Path: ['/a', '/b/'], ChildPath: 'c', AdditionalChildPath: ['d'] } })).output).toEqual(['/a/c/d', '/b/c/d']);
    expect((await run(splitPath, { params: { Path: ['/var/log/x.LOG'] } })).output).toEqual(['/var/log']);
    expect((await run(splitPath, { params: { Path: ['/var/log/x.LOG'], Leaf: true }, parameterSet: 'LeafSet' })).output).toEqual(['x.LOG']);
    expect((await run(splitPath, { params: { Path: ['c:\\x.pfx'], Qualifier: true }, parameterSet: 'QualifierSet' })).output).toEqual(['c:']);
  });

  test('Set-Location changes the session location; - goes back', async () => {
    const d = dirWith({ 'sub/a.txt': 'x' });
    const r = await run(setLocation, { params: { Path: 'sub' }, cwd: d });
    expect(r.session.cwd).toBe(path.join(d, 'sub'));
    const missing = await run(setLocation, { params: { Path: 'nope' }, cwd: d });
    expect(missing.errors[0].message).toBe(`Cannot find path '${path.join(d, 'nope')}' because it does not exist.`);
    const loc = await run(getLocation, { cwd: d });
    expect((loc.output[0] as PSObject).get('Path')).toBe(d);
  });
});

describe('items', () => {
  test('Get-ChildItem lists directories first, then files, by name; hidden files need -Force', async () => {
    const d = dirWith({ 'b.txt': 'x', 'A.cer': 'xy', 'sub/c.txt': 'z', '.hidden': 'h' });
    const names = async (extra: Record<string, unknown>) => (await run(getChildItem, { params: { Name: true, ...extra }, cwd: d })).output;
    expect(await names({})).toEqual(['sub', 'A.cer', 'b.txt']);
    expect(await names({ Force: true })).toEqual(['sub', '.hidden', 'A.cer', 'b.txt']);
    expect(await names({ Recurse: true, Filter: '*.txt' })).toEqual(['b.txt', path.join('sub', 'c.txt')]);
    expect(await names({ File: true })).toEqual(['A.cer', 'b.txt']);
    expect(await names({ Directory: true })).toEqual(['sub']);
  });

  test('file objects have the FileInfo shape', async () => {
    const d = dirWith({ 'a.req': 'abc' });
    const [f] = (await run(getChildItem, { cwd: d })).output as PSObject[];
    expect(f.typeNames[0]).toBe('System.IO.FileInfo');
    expect(f.get('Name')).toBe('a.req');
    expect(f.get('Length')).toBe(3);
    expect(f.get('FullName')).toBe(path.join(d, 'a.req'));
    expect(f.get('Mode')).toBe('-----');
    expect(f.get('LastWriteTime')).toBeInstanceOf(Date);
    expect(f.get('PSParentPath')).toBe(d);
  });

  test('a missing path is PathNotFound', async () => {
    const d = tempDir();
    const r = await run(getChildItem, { params: { Path: ['nope'] }, cwd: d });
    expect(r.errors[0].fullyQualifiedErrorId).toBe('PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand');
  });

  test('Cert: paths go to the registered provider', async () => {
    registerProvider('Test:', { childItems: (p) => [`child of ${p}`] });
    const r = await run(getChildItem, { params: { Path: ['Test:\\x'] } });
    expect(r.output).toEqual(['child of Test:\\x']);
  });

  test('New-Item creates files and directories; an existing file is an error without -Force', async () => {
    const d = tempDir();
    const dir = await run(newItem, { params: { Path: ['certs'], ItemType: 'Directory' }, cwd: d });
    expect((dir.output[0] as PSObject).typeNames[0]).toBe('System.IO.DirectoryInfo');
    await run(newItem, { params: { Path: ['certs/a.txt'], Value: 'hi' }, cwd: d });
    expect(fs.readFileSync(path.join(d, 'certs/a.txt'), 'utf8')).toBe('hi');
    const again = await run(newItem, { params: { Path: ['certs/a.txt'] }, cwd: d });
    expect(again.errors[0].message).toBe(`The file '${path.join(d, 'certs/a.txt')}' already exists.`);
    const byName = await run(newItem, { params: { Path: ['certs'], Name: 'b.txt' }, parameterSet: 'nameSet', cwd: d });
    expect((byName.output[0] as PSObject).get('Name')).toBe('b.txt');
  });

  test('Remove-Item deletes files; a non-empty directory needs -Recurse', async () => {
    const d = dirWith({ 'a.txt': 'x', 'sub/b.txt': 'y' });
    await run(removeItem, { params: { Path: ['a.txt'] }, cwd: d });
    expect(fs.existsSync(path.join(d, 'a.txt'))).toBe(false);
    const refused = await run(removeItem, { params: { Path: ['sub'] }, cwd: d });
    expect(refused.errors).toHaveLength(1);
    expect(fs.existsSync(path.join(d, 'sub'))).toBe(true);
    await run(removeItem, { params: { Path: ['sub'], Recurse: true }, cwd: d });
    expect(fs.existsSync(path.join(d, 'sub'))).toBe(false);
    const missing = await run(removeItem, { params: { Path: ['nope'] }, cwd: d });
    expect(missing.errors[0].fullyQualifiedErrorId).toBe('PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand');
  });

  test('Get-Item gets the item itself', async () => {
    const d = dirWith({ 'sub/b.txt': 'y' });
    const r = await run(getItem, { params: { Path: ['sub'] }, cwd: d });
    expect((r.output[0] as PSObject).typeNames[0]).toBe('System.IO.DirectoryInfo');
  });
});
