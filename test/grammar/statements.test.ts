import { describe, expect, it } from 'vitest';
import { parseScript } from '../../grammar/index.js';

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'extent' || k === 'source' ? undefined : v)));
const statements = (text: string) => plain(parseScript(text).end) as unknown[];
const first = (text: string) => statements(text)[0];

const word = (value: string) => ({ kind: 'StringConstant', value, quote: 'bare' });
const str = (value: string, quote = 'double') => ({ kind: 'StringConstant', value, quote });
const num = (value: number) => ({ kind: 'Constant', value });
const v = (name: string) => ({ kind: 'Variable', name, splatted: false });
const bin = (operator: string, left: unknown, right: unknown) => ({ kind: 'BinaryExpression', operator, left, right });
const pipe = (...elements: unknown[]) => ({ kind: 'Pipeline', elements });
const ce = (expression: unknown) => ({ kind: 'CommandExpression', expression, redirections: [] });
const x = (expression: unknown) => pipe(ce(expression));
const cmd = (...elements: unknown[]) => ({ kind: 'Command', elements, redirections: [] });
const flow = (f: string, extra: object = {}) => ({ kind: 'Flow', flow: f, ...extra });

describe('if', () => {
  it('if / elseif / else, with else on the next line', () => {
    expect(first('if ($a) { 1 } elseif ($b) { 2 }\nelseif ($c) { 3 }\nelse\n{ 4 }')).toEqual({
      kind: 'If',
      clauses: [
        { condition: x(v('a')), body: [x(num(1))] },
        { condition: x(v('b')), body: [x(num(2))] },
        { condition: x(v('c')), body: [x(num(3))] },
      ],
      elseBody: [x(num(4))],
    });
  });

  it('a command or an assignment as the condition', () => {
    expect(first('if (Test-Path $p) { }')).toEqual({ kind: 'If', clauses: [{ condition: pipe(cmd(word('Test-Path'), v('p'))), body: [] }] });
    expect(first('if ($m = $x) { }')).toEqual({ kind: 'If', clauses: [{ condition: { kind: 'Assignment', operator: '=', left: v('m'), right: x(v('x')) }, body: [] }] });
  });

  it('an if without else leaves the following statement alone', () => {
    expect(statements('if ($a) { 1 }\n\nGet-X')).toEqual([{ kind: 'If', clauses: [{ condition: x(v('a')), body: [x(num(1))] }] }, pipe(cmd(word('Get-X')))]);
  });
});

describe('loops', () => {
  it('foreach ($x in $y) with a label', () => {
    expect(first(':outer foreach ($d in $list) { break outer }')).toEqual({
      kind: 'ForEach',
      label: 'outer',
      variable: v('d'),
      iterable: x(v('list')),
      body: [flow('break', { label: 'outer' })],
    });
  });

  it('foreach over a pipeline', () => {
    expect(first('foreach ($f in Get-ChildItem *.txt) { $f }')).toEqual({
      kind: 'ForEach',
      variable: v('f'),
      iterable: pipe(cmd(word('Get-ChildItem'), word('*.txt'))),
      body: [x(v('f'))],
    });
  });

  it('for (;;) with all parts and with none', () => {
    expect(first('for ($i = 0; $i -lt 10; $i++) { continue }')).toEqual({
      kind: 'For',
      initializer: { kind: 'Assignment', operator: '=', left: v('i'), right: x(num(0)) },
      condition: x(bin('-lt', v('i'), num(10))),
      iterator: x({ kind: 'UnaryExpression', operator: 'post++', operand: v('i') }),
      body: [flow('continue')],
    });
    expect(first('for (;;) { }')).toEqual({ kind: 'For', body: [] });
  });

  it('while, do-while, do-until', () => {
    expect(first('while ($true) { }')).toEqual({ kind: 'While', condition: x(v('true')), body: [] });
    expect(first('do { $i++ } while ($i -lt 5)')).toEqual({ kind: 'DoLoop', until: false, condition: x(bin('-lt', v('i'), num(5))), body: [x({ kind: 'UnaryExpression', operator: 'post++', operand: v('i') })] });
    expect(first('do {\n} \nuntil ($done)')).toEqual({ kind: 'DoLoop', until: true, condition: x(v('done')), body: [] });
  });
});

describe('switch', () => {
  it('flags, patterns of every kind, default', () => {
    expect(first('switch -regex -casesensitive ($line) {\n  "^#" { continue }\n  foo { "bare" }\n  5 { 5 }\n  { $_ -gt 5 } { "big" }\n  default { $count++ }\n}')).toEqual({
      kind: 'Switch',
      flags: { regex: true, wildcard: false, exact: false, caseSensitive: true, file: false },
      condition: x(v('line')),
      clauses: [
        { pattern: str('^#'), body: [flow('continue')] },
        { pattern: word('foo'), body: [x(str('bare'))] },
        { pattern: num(5), body: [x(num(5))] },
        { pattern: { kind: 'ScriptBlockExpression', scriptBlock: { kind: 'ScriptBlock', end: [x(bin('-gt', v('_'), num(5)))] } }, body: [x(str('big'))] },
      ],
      defaultBody: [x({ kind: 'UnaryExpression', operator: 'post++', operand: v('count') })],
    });
  });

  it('clauses on one line, -wildcard, -exact, -file', () => {
    expect(first("switch -wildcard ($x) { 'a*' { 1 } b { 2 } default { 3 } }")).toEqual({
      kind: 'Switch',
      flags: { regex: false, wildcard: true, exact: false, caseSensitive: false, file: false },
      condition: x(v('x')),
      clauses: [
        { pattern: str('a*', 'single'), body: [x(num(1))] },
        { pattern: word('b'), body: [x(num(2))] },
      ],
      defaultBody: [x(num(3))],
    });
    expect(first('switch -exact -file $path { a { } }')).toEqual({
      kind: 'Switch',
      flags: { regex: false, wildcard: false, exact: true, caseSensitive: false, file: true },
      condition: x(v('path')),
      clauses: [{ pattern: word('a'), body: [] }],
    });
  });
});

describe('functions', () => {
  it('function Name($a, $b) { }', () => {
    expect(first('function Get-Sum([int]$a, [int]$b = 2) { return $a + $b }')).toEqual({
      kind: 'FunctionDefinition',
      name: 'Get-Sum',
      isFilter: false,
      parameters: [
        { kind: 'Parameter', name: 'a', attributes: [{ kind: 'TypeConstraint', typeName: 'int' }] },
        { kind: 'Parameter', name: 'b', attributes: [{ kind: 'TypeConstraint', typeName: 'int' }], defaultValue: num(2) },
      ],
      body: { kind: 'ScriptBlock', end: [flow('return', { pipeline: x(bin('+', v('a'), v('b'))) })] },
    });
  });

  it('a param block with attributes and named blocks', () => {
    const text = [
      'function Get-Foo {',
      '  [CmdletBinding()]',
      '  param(',
      '    [Parameter(Mandatory, Position=0, ValueFromPipeline=$true, ValueFromPipelineByPropertyName)]',
      "    [ValidateSet('a','b')]",
      "    [Alias('x')]",
      "    [string[]]$Name = 'x',",
      '    [switch]$Force',
      '  )',
      '  begin { $n = 0 }',
      '  process { $n++ }',
      '  end { $n }',
      '}',
    ].join('\n');
    expect(first(text)).toEqual({
      kind: 'FunctionDefinition',
      name: 'Get-Foo',
      isFilter: false,
      body: {
        kind: 'ScriptBlock',
        paramBlock: {
          kind: 'ParamBlock',
          attributes: [{ kind: 'Attribute', typeName: 'CmdletBinding', positionalArguments: [], namedArguments: [] }],
          parameters: [
            {
              kind: 'Parameter',
              name: 'Name',
              attributes: [
                {
                  kind: 'Attribute',
                  typeName: 'Parameter',
                  positionalArguments: [],
                  namedArguments: [{ name: 'Mandatory' }, { name: 'Position', value: num(0) }, { name: 'ValueFromPipeline', value: v('true') }, { name: 'ValueFromPipelineByPropertyName' }],
                },
                { kind: 'Attribute', typeName: 'ValidateSet', positionalArguments: [str('a', 'single'), str('b', 'single')], namedArguments: [] },
                { kind: 'Attribute', typeName: 'Alias', positionalArguments: [str('x', 'single')], namedArguments: [] },
                { kind: 'TypeConstraint', typeName: 'string[]' },
              ],
              defaultValue: str('x', 'single'),
            },
            { kind: 'Parameter', name: 'Force', attributes: [{ kind: 'TypeConstraint', typeName: 'switch' }] },
          ],
        },
        begin: [{ kind: 'Assignment', operator: '=', left: v('n'), right: x(num(0)) }],
        process: [x({ kind: 'UnaryExpression', operator: 'post++', operand: v('n') })],
        end: [x(v('n'))],
      },
    });
  });

  it('a param block followed by statements on the same line', () => {
    expect(plain(parseScript('[CmdletBinding()] param($x) Get-Foo $x'))).toEqual({
      kind: 'ScriptBlock',
      paramBlock: {
        kind: 'ParamBlock',
        attributes: [{ kind: 'Attribute', typeName: 'CmdletBinding', positionalArguments: [], namedArguments: [] }],
        parameters: [{ kind: 'Parameter', name: 'x', attributes: [] }],
      },
      end: [pipe(cmd(word('Get-Foo'), v('x')))],
    });
  });

  it('a script block whose param block is followed by a command', () => {
    expect(first('$sb = { param($a) Get-Foo $a }')).toEqual({
      kind: 'Assignment',
      operator: '=',
      left: v('sb'),
      right: x({
        kind: 'ScriptBlockExpression',
        scriptBlock: { kind: 'ScriptBlock', paramBlock: { kind: 'ParamBlock', attributes: [], parameters: [{ kind: 'Parameter', name: 'a', attributes: [] }] }, end: [pipe(cmd(word('Get-Foo'), v('a')))] },
      }),
    });
  });

  it('a validation attribute on a variable is accepted (and not enforced)', () => {
    expect(first('[ValidateRange(1, 10)][int]$x = 5')).toEqual({ kind: 'Assignment', operator: '=', left: { kind: 'ConvertExpression', typeName: 'int', operand: v('x') }, right: x(num(5)) });
  });

  it('filter bodies are process blocks', () => {
    expect(first('filter Double { $_ * 2 }')).toEqual({
      kind: 'FunctionDefinition',
      name: 'Double',
      isFilter: true,
      body: { kind: 'ScriptBlock', process: [x(bin('*', v('_'), num(2)))] },
    });
  });

  it('a script param block', () => {
    expect(plain(parseScript("param(\n  [string]$Lab = '.\\lab',\n  [switch]$KeepRunning\n)\n$ErrorActionPreference = 'Stop'"))).toEqual({
      kind: 'ScriptBlock',
      paramBlock: {
        kind: 'ParamBlock',
        attributes: [],
        parameters: [
          { kind: 'Parameter', name: 'Lab', attributes: [{ kind: 'TypeConstraint', typeName: 'string' }], defaultValue: str('.\\lab', 'single') },
          { kind: 'Parameter', name: 'KeepRunning', attributes: [{ kind: 'TypeConstraint', typeName: 'switch' }] },
        ],
      },
      end: [{ kind: 'Assignment', operator: '=', left: v('ErrorActionPreference'), right: x(str('Stop', 'single')) }],
    });
  });
});

describe('try, trap, flow', () => {
  it('try / catch [types] / catch / finally', () => {
    expect(first('try { throw "x" }\ncatch [System.IO.IOException], [System.Exception] { $_ }\ncatch { }\nfinally { "f" }')).toEqual({
      kind: 'Try',
      body: [flow('throw', { pipeline: x(str('x')) })],
      catches: [
        { typeNames: ['System.IO.IOException', 'System.Exception'], body: [x(v('_'))] },
        { typeNames: [], body: [] },
      ],
      finallyBody: [x(str('f'))],
    });
  });

  it('trap with and without a type', () => {
    expect(statements('trap [Exception] { continue }; trap { }')).toEqual([
      { kind: 'Trap', typeName: 'Exception', body: [flow('continue')] },
      { kind: 'Trap', body: [] },
    ]);
  });

  it('return, throw, exit, break, continue', () => {
    expect(statements('return; return $x; throw; exit 3; exit; break; continue')).toEqual([
      flow('return'),
      flow('return', { pipeline: x(v('x')) }),
      flow('throw'),
      flow('exit', { pipeline: x(num(3)) }),
      flow('exit'),
      flow('break'),
      flow('continue'),
    ]);
  });

  it('return a pipeline', () => {
    expect(first('return Get-X | Select-Object -First 1')).toEqual(flow('return', { pipeline: pipe(cmd(word('Get-X')), cmd(word('Select-Object'), { kind: 'CommandParameter', name: 'First' }, num(1))) }));
  });
});

describe('separators and comments', () => {
  it('separates statements by ; and newlines, ignoring blank lines and comments', () => {
    expect(statements('$a = 1; $b = 2\n\n# comment\n<# block\ncomment #>\n$c = 3 # trailing')).toEqual([
      { kind: 'Assignment', operator: '=', left: v('a'), right: x(num(1)) },
      { kind: 'Assignment', operator: '=', left: v('b'), right: x(num(2)) },
      { kind: 'Assignment', operator: '=', left: v('c'), right: x(num(3)) },
    ]);
  });

  it('a comment in the middle of a command', () => {
    expect(first('Get-X <# inline #> -a 1')).toEqual(pipe(cmd(word('Get-X'), { kind: 'CommandParameter', name: 'a' }, num(1))));
  });

  it('an empty script', () => {
    expect(plain(parseScript(''))).toEqual({ kind: 'ScriptBlock', end: [] });
    expect(plain(parseScript('\n  # nothing\n'))).toEqual({ kind: 'ScriptBlock', end: [] });
  });

  it('keeps the source and the file on the script block', () => {
    const sb = parseScript('Get-X', 'a.ps1');
    expect(sb.source).toBe('Get-X');
    expect(sb.extent.file).toBe('a.ps1');
  });
});

describe('the example scripts', () => {
  it('parse', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = path.resolve(import.meta.dirname, '../../examples/domain-security');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ps1'))) {
      const sb = parseScript(fs.readFileSync(path.join(dir, f), 'utf8'), f);
      expect(sb.paramBlock?.parameters.length).toBeGreaterThan(0);
      expect(sb.end!.length).toBeGreaterThan(10);
    }
  });
});
