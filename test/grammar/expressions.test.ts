import { describe, expect, it } from 'vitest';
import { parseScript } from '../../grammar/index.js';

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'extent' || k === 'source' ? undefined : v)));
/** The expression of a one-expression statement. */
const expr = (text: string) => {
  const s = plain(parseScript(text).end![0]) as { kind: string; elements: { kind: string; expression: unknown }[] };
  expect(s.kind).toBe('Pipeline');
  expect(s.elements[0].kind).toBe('CommandExpression');
  return s.elements[0].expression;
};
const stmt = (text: string) => plain(parseScript(text).end![0]);

const word = (value: string) => ({ kind: 'StringConstant', value, quote: 'bare' });
const str = (value: string, quote = 'double') => ({ kind: 'StringConstant', value, quote });
const num = (value: number) => ({ kind: 'Constant', value });
const v = (name: string, extra: object = {}) => ({ kind: 'Variable', name, splatted: false, ...extra });
const bin = (operator: string, left: unknown, right: unknown) => ({ kind: 'BinaryExpression', operator, left, right });
const un = (operator: string, operand: unknown) => ({ kind: 'UnaryExpression', operator, operand });
const arr = (...elements: unknown[]) => ({ kind: 'ArrayLiteral', elements });
const member = (target: unknown, name: string, isStatic = false, nullConditional = false) => ({ kind: 'MemberExpression', target, member: word(name), isStatic, nullConditional });
const invoke = (target: unknown, name: string, args: unknown[], isStatic = false) => ({ kind: 'InvokeMemberExpression', target, member: word(name), arguments: args, isStatic, nullConditional: false });
const index = (target: unknown, i: unknown) => ({ kind: 'IndexExpression', target, index: i, nullConditional: false });
const pipe = (...elements: unknown[]) => ({ kind: 'Pipeline', elements });
const ce = (expression: unknown) => ({ kind: 'CommandExpression', expression, redirections: [] });

describe('expressions: operators', () => {
  it('lower-cases operators and their c/i variants', () => {
    expect(expr('$a -EQ 1')).toEqual(bin('-eq', v('a'), num(1)));
    expect(expr('$a -CEQ "x"')).toEqual(bin('-ceq', v('a'), str('x')));
    expect(expr("$s -ireplace 'a', 'b'")).toEqual(bin('-ireplace', v('s'), arr(str('a', 'single'), str('b', 'single'))));
  });

  it('reads every comparison, logical and bitwise operator', () => {
    for (const op of ['-ne', '-gt', '-ge', '-lt', '-le', '-like', '-notlike', '-match', '-notmatch', '-contains', '-notcontains', '-in', '-notin', '-is', '-isnot', '-as', '-split', '-join']) {
      expect(expr(`$a ${op} $b`)).toEqual(bin(op, v('a'), v('b')));
    }
    for (const op of ['-and', '-or', '-xor', '-band', '-bor', '-bxor', '-shl', '-shr']) expect(expr(`$a ${op} $b`)).toEqual(bin(op, v('a'), v('b')));
  });

  it('applies arithmetic precedence', () => {
    expect(expr('$a + $b * 2 - ($a % 3)')).toEqual(
      bin('-', bin('+', v('a'), bin('*', v('b'), num(2))), { kind: 'ParenExpression', pipeline: pipe(ce(bin('%', v('a'), num(3)))) }),
    );
  });

  it('binds comparison tighter than -and, and bitwise tighter than comparison', () => {
    expect(expr('$a -gt 10 -and $b -like "x*"')).toEqual(bin('-and', bin('-gt', v('a'), num(10)), bin('-like', v('b'), str('x*'))));
    expect(expr('$a -band 4 -eq 4')).toEqual(bin('-eq', bin('-band', v('a'), num(4)), num(4)));
  });

  it('makes -and and -or equal and left-associative', () => {
    expect(expr('$a -or $b -and $c')).toEqual(bin('-and', bin('-or', v('a'), v('b')), v('c')));
  });

  it('binds the comma tighter than other binary operators', () => {
    expect(expr('"{0} is {1}" -f $a, $b')).toEqual(bin('-f', str('{0} is {1}'), arr(v('a'), v('b'))));
    expect(expr('$x + 1, 2')).toEqual(bin('+', v('x'), arr(num(1), num(2))));
  });

  it('binds -f tighter than + and .. tighter than -f', () => {
    expect(expr('"{0}" -f 1 + 2')).toEqual(bin('+', bin('-f', str('{0}'), num(1)), num(2)));
    expect(expr('1..3 + 4')).toEqual(bin('+', bin('..', num(1), num(3)), num(4)));
  });

  it('reads unary operators', () => {
    expect(expr('-not $x')).toEqual(un('-not', v('x')));
    expect(expr('!$x')).toEqual(un('!', v('x')));
    expect(expr('-bnot 5')).toEqual(un('-bnot', num(5)));
    expect(expr('-split "a b"')).toEqual(un('-split', str('a b')));
    expect(expr('-join $a')).toEqual(un('-join', v('a')));
    expect(expr('-$x')).toEqual(un('-', v('x')));
    expect(expr(',$x')).toEqual(un(',', v('x')));
    expect(expr('-1')).toEqual(num(-1));
  });

  it('binds -not tighter than comparison, as PowerShell does', () => {
    expect(expr('-not $a -eq $b')).toEqual(bin('-eq', un('-not', v('a')), v('b')));
  });

  it('reads increments and decrements', () => {
    expect(expr('$i++')).toEqual(un('post++', v('i')));
    expect(expr('$i--')).toEqual(un('post--', v('i')));
    expect(expr('++$i')).toEqual(un('++', v('i')));
    expect(expr('--$i')).toEqual(un('--', v('i')));
  });

  it('continues an expression after an operator at the end of a line', () => {
    expect(expr('$a -and\n  $b')).toEqual(bin('-and', v('a'), v('b')));
    expect(expr('1,\n2')).toEqual(arr(num(1), num(2)));
  });

  it('accepts Unicode dashes as operators', () => {
    expect(expr('$a \u2013eq 1')).toEqual(bin('-eq', v('a'), num(1)));
  });
});

describe('expressions: numbers', () => {
  it('applies multipliers and hex, and marks doubles', () => {
    expect(expr('10MB')).toEqual(num(10485760));
    expect(expr('1kb')).toEqual(num(1024));
    expect(expr('0x1F')).toEqual(num(31));
    expect(expr('1.5')).toEqual({ kind: 'Constant', value: 1.5, isDouble: true });
    expect(expr('1e3')).toEqual({ kind: 'Constant', value: 1000, isDouble: true });
    expect(expr('.5')).toEqual({ kind: 'Constant', value: 0.5, isDouble: true });
    expect(expr('1l')).toEqual(num(1));
    expect(expr('2d')).toEqual(num(2));
  });
});

describe('expressions: member access, indexing, invocation', () => {
  it('$obj.Prop.Sub[0].Method("a", 2)', () => {
    expect(expr('$obj.Prop.Sub[0].Method("a", 2)')).toEqual(invoke(index(member(member(v('obj'), 'Prop'), 'Sub'), num(0)), 'Method', [str('a'), num(2)]));
  });

  it('splits method arguments at commas but keeps parenthesised arrays', () => {
    expect(expr('$s.M((1,2), 3 + 4)')).toEqual(
      invoke(v('s'), 'M', [{ kind: 'ParenExpression', pipeline: pipe(ce(arr(num(1), num(2)))) }, bin('+', num(3), num(4))]),
    );
    expect(expr('$s.ToUpper()')).toEqual(invoke(v('s'), 'ToUpper', []));
  });

  it('[int]::MaxValue and [System.IO.Path]::Combine(...)', () => {
    expect(expr('[int]::MaxValue')).toEqual(member({ kind: 'TypeExpression', typeName: 'int' }, 'MaxValue', true));
    expect(expr('[System.IO.Path]::Combine($a, "b")')).toEqual(invoke({ kind: 'TypeExpression', typeName: 'System.IO.Path' }, 'Combine', [v('a'), str('b')], true));
  });

  it('(Get-Date).AddDays(-1)', () => {
    expect(expr('(Get-Date).AddDays(-1)')).toEqual(
      invoke({ kind: 'ParenExpression', pipeline: pipe({ kind: 'Command', elements: [word('Get-Date')], redirections: [] }) }, 'AddDays', [num(-1)]),
    );
  });

  it('$a[1..3], $a[0,2], $h["k"]', () => {
    expect(expr('$a[1..3]')).toEqual(index(v('a'), bin('..', num(1), num(3))));
    expect(expr('$a[0,2]')).toEqual(index(v('a'), arr(num(0), num(2))));
    expect(expr("$h['k']")).toEqual(index(v('h'), str('k', 'single')));
  });

  it('quoted, dynamic and keyword member names', () => {
    expect(expr("$x.'quoted name'")).toEqual({ kind: 'MemberExpression', target: v('x'), member: str('quoted name', 'single'), isStatic: false, nullConditional: false });
    expect(expr('$x.$prop')).toEqual({ kind: 'MemberExpression', target: v('x'), member: v('prop'), isStatic: false, nullConditional: false });
    expect(expr('$x.else')).toEqual(member(v('x'), 'else'));
  });

  it('null-conditional access after a braced variable', () => {
    expect(expr('${x}?.Name')).toEqual(member(v('x'), 'Name', false, true));
    expect(expr('${x}?[0]')).toEqual({ kind: 'IndexExpression', target: v('x'), index: num(0), nullConditional: true });
  });

  it('$h.Keys, @{}.Count, $x.Count -gt 0', () => {
    expect(expr('$h.Keys')).toEqual(member(v('h'), 'Keys'));
    expect(expr('@{}.Count')).toEqual(member({ kind: 'Hashtable', pairs: [] }, 'Count'));
    expect(expr('$x.Count -gt 0')).toEqual(bin('-gt', member(v('x'), 'Count'), num(0)));
  });
});

describe('expressions: casts and types', () => {
  it('casts and type literals', () => {
    expect(expr('[int]$x')).toEqual({ kind: 'ConvertExpression', typeName: 'int', operand: v('x') });
    expect(expr('[string[]]$x')).toEqual({ kind: 'ConvertExpression', typeName: 'string[]', operand: v('x') });
    expect(expr('[int]')).toEqual({ kind: 'TypeExpression', typeName: 'int' });
    expect(expr('[System.Collections.Generic.List[string]]')).toEqual({ kind: 'TypeExpression', typeName: 'System.Collections.Generic.List[string]' });
    expect(expr('[int]$x.Count')).toEqual({ kind: 'ConvertExpression', typeName: 'int', operand: member(v('x'), 'Count') });
  });

  it('[ordered]@{} and [pscustomobject]@{ Name="x"; Value=1 }', () => {
    expect(expr('[ordered]@{}')).toEqual({ kind: 'ConvertExpression', typeName: 'ordered', operand: { kind: 'Hashtable', pairs: [] } });
    expect(expr('[pscustomobject]@{ Name="x"; Value=1 }')).toEqual({
      kind: 'ConvertExpression',
      typeName: 'pscustomobject',
      operand: {
        kind: 'Hashtable',
        pairs: [
          { key: word('Name'), value: pipe(ce(str('x'))) },
          { key: word('Value'), value: pipe(ce(num(1))) },
        ],
      },
    });
  });

  it('-is and -as take type literals', () => {
    expect(expr('$x -is [string]')).toEqual(bin('-is', v('x'), { kind: 'TypeExpression', typeName: 'string' }));
  });
});

describe('expressions: collections and blocks', () => {
  it('hashtables with bareword, string and number keys, separated by ; or newlines', () => {
    expect(expr("@{ a = 1; 'b' = 2\n 3 = 'three'\n c = { 1 } }")).toEqual({
      kind: 'Hashtable',
      pairs: [
        { key: word('a'), value: pipe(ce(num(1))) },
        { key: str('b', 'single'), value: pipe(ce(num(2))) },
        { key: num(3), value: pipe(ce(str('three', 'single'))) },
        { key: word('c'), value: pipe(ce({ kind: 'ScriptBlockExpression', scriptBlock: { kind: 'ScriptBlock', end: [pipe(ce(num(1)))] } })) },
      ],
    });
  });

  it('hashtable values are statements, commands included', () => {
    expect(expr('@{ d = Get-Date -Format o }')).toEqual({
      kind: 'Hashtable',
      pairs: [{ key: word('d'), value: pipe({ kind: 'Command', elements: [word('Get-Date'), { kind: 'CommandParameter', name: 'Format' }, word('o')], redirections: [] }) }],
    });
  });

  it('@(...), $(...), (...)', () => {
    expect(expr('@(1; Get-X)')).toEqual({ kind: 'ArrayExpression', statements: [pipe(ce(num(1))), pipe({ kind: 'Command', elements: [word('Get-X')], redirections: [] })] });
    expect(expr('$(1)')).toEqual({ kind: 'SubExpression', statements: [pipe(ce(num(1)))] });
    expect(expr('@()')).toEqual({ kind: 'ArrayExpression', statements: [] });
  });

  it('script blocks with param() and named blocks', () => {
    expect(expr('{ param($x) begin { 1 } process { $_ } end { 2 } }')).toEqual({
      kind: 'ScriptBlockExpression',
      scriptBlock: {
        kind: 'ScriptBlock',
        paramBlock: { kind: 'ParamBlock', attributes: [], parameters: [{ kind: 'Parameter', name: 'x', attributes: [] }] },
        begin: [pipe(ce(num(1)))],
        process: [pipe(ce(v('_')))],
        end: [pipe(ce(num(2)))],
      },
    });
  });
});

describe('expressions: assignment', () => {
  it('assigns with every operator', () => {
    for (const op of ['=', '+=', '-=', '*=', '/=', '%=']) {
      expect(stmt(`$x ${op} 5`)).toEqual({ kind: 'Assignment', operator: op, left: v('x'), right: pipe(ce(num(5))) });
    }
  });

  it('assigns to members, indexes, typed variables and lists', () => {
    expect(stmt('$h.Name = 1')).toEqual({ kind: 'Assignment', operator: '=', left: member(v('h'), 'Name'), right: pipe(ce(num(1))) });
    expect(stmt('$a[0] = 1')).toEqual({ kind: 'Assignment', operator: '=', left: index(v('a'), num(0)), right: pipe(ce(num(1))) });
    expect(stmt('[int]$x = "5"')).toEqual({ kind: 'Assignment', operator: '=', left: { kind: 'ConvertExpression', typeName: 'int', operand: v('x') }, right: pipe(ce(str('5'))) });
    expect(stmt('$a, $b = 1, 2')).toEqual({ kind: 'Assignment', operator: '=', left: arr(v('a'), v('b')), right: pipe(ce(arr(num(1), num(2)))) });
  });

  it('chains assignments and assigns statements', () => {
    expect(stmt('$a = $b = 5')).toEqual({ kind: 'Assignment', operator: '=', left: v('a'), right: { kind: 'Assignment', operator: '=', left: v('b'), right: pipe(ce(num(5))) } });
    expect(stmt('$x = if ($c) { 1 } else { 2 }')).toEqual({
      kind: 'Assignment',
      operator: '=',
      left: v('x'),
      right: { kind: 'If', clauses: [{ condition: pipe(ce(v('c'))), body: [pipe(ce(num(1)))] }], elseBody: [pipe(ce(num(2)))] },
    });
  });

  it('$arr += 5', () => {
    expect(stmt('$arr += 5')).toEqual({ kind: 'Assignment', operator: '+=', left: v('arr'), right: pipe(ce(num(5))) });
  });
});

describe('expressions: variables', () => {
  it('reads special, scoped and braced variables', () => {
    expect(expr('$_')).toEqual(v('_'));
    expect(expr('$PSItem')).toEqual(v('PSItem'));
    expect(expr('$true')).toEqual(v('true'));
    expect(expr('$null')).toEqual(v('null'));
    expect(expr('$args')).toEqual(v('args'));
    expect(expr('$?')).toEqual(v('?'));
    expect(expr('$^')).toEqual(v('^'));
    expect(expr('$$')).toEqual(v('$'));
    expect(expr('${weird name}')).toEqual(v('weird name'));
    expect(expr('$global:x')).toEqual(v('x', { scope: 'global' }));
    expect(expr('$script:x')).toEqual(v('x', { scope: 'script' }));
    expect(expr('$env:PATH')).toEqual(v('PATH', { scope: 'env' }));
    expect(expr('$using:x')).toEqual(v('x', { scope: 'using' }));
  });
});
