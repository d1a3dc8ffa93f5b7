// The Format-* and Out-* cmdlets over a minimal cmdlet context: what they write, and to where.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CmdletDecl } from '../../src/engine/cmdlet.js';
import { PSHashtable, PSObject } from '../../src/engine/values.js';
import { FormattedText, createOutDefault } from '../../src/format/index.js';
import { formatCmdlets } from '../../cmdlets/core/format-cmdlets.js';

const decl = (name: string) => formatCmdlets.find((c) => c.name === name)!;

function obj(values: Record<string, unknown>): PSObject {
  return new PSObject(undefined, values);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-format-'));

/** Runs a cmdlet declaration the way the pipeline does: begin, process per input, end. */
async function run(d: CmdletDecl<any>, params: Record<string, unknown>, inputs: unknown[], width = 120) {
  const written: unknown[] = [];
  const information: string[] = [];
  const ctx: any = {
    params,
    bound: new Set(Object.keys(params)),
    parameterSetName: '',
    input: undefined,
    expectingInput: inputs.length > 0,
    state: {},
    commandName: d.name,
    session: {
      host: { width, interactive: false },
      getVariable: () => undefined,
      resolvePath: (p: string) => path.resolve(dir, p),
    },
    write: (v: unknown) => written.push(v),
    writeInformation: (m: string) => information.push(m),
    shouldProcess: async () => true,
    throwTerminating: (m: string) => {
      throw new Error(m);
    },
  };
  await d.begin?.(ctx);
  if (inputs.length === 0) await d.process?.(ctx);
  for (const i of inputs) {
    ctx.input = i;
    await d.process?.(ctx);
  }
  await d.end?.(ctx);
  return { written, information };
}

describe('Format-Table, Format-List, Format-Wide', () => {
  test('write one FormattedText, laid out for the console (width - 1)', async () => {
    const { written } = await run(decl('Format-Table'), {}, [obj({ Name: 'Inet', Port: 25 }), obj({ Name: 'Internet', Port: 587 })]);
    expect(written).toHaveLength(1);
    expect(written[0]).toBeInstanceOf(FormattedText);
    expect((written[0] as FormattedText).lines).toEqual(['', 'Name     Port', '----     ----', 'Inet       25', 'Internet  587', '']);
  });

  test('the aliases are ft, fl and fw', () => {
    expect(decl('Format-Table').aliases).toContain('ft');
    expect(decl('Format-List').aliases).toContain('fl');
    expect(decl('Format-Wide').aliases).toContain('fw');
  });

  test('Format-List -Property with a calculated property', async () => {
    const double = { __scriptBlock: true, text: '$_.Port * 2', invokeValue: (x: PSObject) => (x.get('Port') as number) * 2, toString: () => '$_.Port * 2' };
    const calc = PSHashtable.from({ Label: 'Twice', Expression: double });
    const { written } = await run(decl('Format-List'), { Property: ['Name', calc] }, [obj({ Name: 'Inet', Port: 25 })]);
    expect((written[0] as FormattedText).lines).toEqual(['', 'Name  : Inet', 'Twice : 50', '']);
  });

  test('no input writes nothing', async () => {
    const { written } = await run(decl('Format-Table'), {}, []);
    expect(written).toEqual([]);
  });

  test('Out-Default prints a FormattedText as the table it holds', async () => {
    const { written } = await run(decl('Format-List'), {}, [obj({ A: 1 })]);
    const chunks: string[] = [];
    const o = createOutDefault({ width: 120, write: (t) => chunks.push(t) });
    o.push(written[0]);
    o.end();
    expect(chunks.join('\n')).toBe('\nA : 1\n');
  });
});

describe('Out-String', () => {
  test('writes one string that ends with a newline', async () => {
    const { written } = await run(decl('Out-String'), {}, [obj({ Name: 'Inet', Port: 25 })]);
    expect(written).toEqual(['\nName Port\n---- ----\nInet   25\n\n']);
  });

  test('-Stream writes each line', async () => {
    const { written } = await run(decl('Out-String'), { Stream: true }, ['a', obj({ N: 1 })]);
    expect(written).toEqual(['a', '', 'N', '-', '1', '']);
  });

  test('-NoNewline joins the lines', async () => {
    const { written } = await run(decl('Out-String'), { NoNewline: true }, ['a', 'b']);
    expect(written).toEqual(['ab']);
  });

  test('no input gives an empty string', async () => {
    const { written } = await run(decl('Out-String'), {}, []);
    expect(written).toEqual(['']);
  });

  test('-Width re-lays a Format-Table result that the console had to cut', async () => {
    const long = 'x'.repeat(60);
    const ft = await run(decl('Format-Table'), {}, [obj({ Name: 'a', Value: long })], 40);
    expect((ft.written[0] as FormattedText).lines[3]).toBe('a    ' + 'x'.repeat(33) + '…');
    const { written } = await run(decl('Out-String'), { Width: 200 }, ft.written, 40);
    expect(written).toEqual([`\nName Value\n---- -----\na    ${long}\n\n`]);
  });

  test('-Width wraps lists', async () => {
    const { written } = await run(decl('Out-String'), { Width: 20 }, [obj({ A: 'one two three four', B: 1, C: 2, D: 3, E: 4 })]);
    expect((written[0] as string).split('\n').map((l) => l.trimEnd())).toEqual(['', 'A : one two three', '    four', 'B : 1', 'C : 2', 'D : 3', 'E : 4', '', '']);
  });
});

describe('Out-File', () => {
  test('writes the console text, every line ended, UTF-8 without BOM', async () => {
    await run(decl('Out-File'), { FilePath: 'a.txt' }, [obj({ Domain: 'woodgrovebank.com', Mode: 'Send' })]);
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('\nDomain            Mode\n------            ----\nwoodgrovebank.com Send\n\n');
  });

  test('-Append adds, -NoNewline joins', async () => {
    await run(decl('Out-File'), { FilePath: 'b.txt' }, ['one']);
    await run(decl('Out-File'), { FilePath: 'b.txt', Append: true, NoNewline: true }, ['two', 'three']);
    expect(fs.readFileSync(path.join(dir, 'b.txt'), 'utf8')).toBe('one\ntwothree');
  });

  test('-NoClobber refuses an existing file', async () => {
    fs.writeFileSync(path.join(dir, 'c.txt'), 'keep');
    await expect(run(decl('Out-File'), { FilePath: 'c.txt', NoClobber: true }, ['x'])).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(path.join(dir, 'c.txt'), 'utf8')).toBe('keep');
  });

  test('-Encoding unicode writes UTF-16LE with a byte order mark', async () => {
    await run(decl('Out-File'), { FilePath: 'd.txt', Encoding: 'unicode' }, ['hi']);
    expect([...fs.readFileSync(path.join(dir, 'd.txt'))]).toEqual([0xff, 0xfe, 0x68, 0, 0x69, 0, 0x0a, 0]);
  });

  test('a missing folder is an error that names the path', async () => {
    await expect(run(decl('Out-File'), { FilePath: 'no/such/e.txt' }, ['x'])).rejects.toThrow(/Could not find a part of the path/);
  });
});

describe('Out-Null and Out-Host', () => {
  test('Out-Null writes nothing', async () => {
    const r = await run(decl('Out-Null'), {}, ['x', obj({ a: 1 })]);
    expect(r.written).toEqual([]);
    expect(r.information).toEqual([]);
  });

  test('Out-Host sends the text to the host, not down the pipeline', async () => {
    const r = await run(decl('Out-Host'), {}, ['x', obj({ a: 1 })]);
    expect(r.written).toEqual([]);
    expect(r.information).toEqual(['x\n\na\n-\n1\n']);
  });
});
