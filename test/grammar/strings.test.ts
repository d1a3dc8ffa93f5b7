import { describe, expect, it } from 'vitest';
import { parseScript } from '../../grammar/index.js';

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'extent' || k === 'source' ? undefined : v)));
const expr = (text: string) => (plain(parseScript(text).end![0]) as { elements: { expression: unknown }[] }).elements[0].expression;

const str = (value: string, quote = 'double') => ({ kind: 'StringConstant', value, quote });
const v = (name: string, extra: object = {}) => ({ kind: 'Variable', name, splatted: false, ...extra });
const xs = (parts: unknown[], quote = 'double') => ({ kind: 'ExpandableString', quote, parts });
const pipe = (...elements: unknown[]) => ({ kind: 'Pipeline', elements });
const ce = (expression: unknown) => ({ kind: 'CommandExpression', expression, redirections: [] });

describe('single-quoted strings', () => {
  it('are literal, with doubled quotes', () => {
    expect(expr("'it''s $x `n'")).toEqual(str("it's $x `n", 'single'));
    expect(expr("''")).toEqual(str('', 'single'));
  });

  it('accept smart quotes', () => {
    expect(expr('\u2018smart\u2019')).toEqual(str('smart', 'single'));
  });
});

describe('double-quoted strings', () => {
  it('without variables are constants', () => {
    expect(expr('"plain text"')).toEqual(str('plain text'));
    expect(expr('"say ""hi"""')).toEqual(str('say "hi"'));
  });

  it('process backtick escapes', () => {
    expect(expr('"a`nb`tc`rd`0e`af`bg`eh`fi`vj`$k`"l``m"')).toEqual(str('a\nb\tc\rd\0e\x07f\bg\x1bh\fi\vj$k"l`m'));
    expect(expr('"`u{1F600} `u{41}"')).toEqual(str('\u{1F600} A'));
    expect(expr('"`q"')).toEqual(str('q'));
  });

  it('expand $var, ${var}, $scope:var and $env:X', () => {
    expect(expr('"a $x b ${y z} c $script:s $env:PATH"')).toEqual(xs(['a ', v('x'), ' b ', v('y z'), ' c ', v('s', { scope: 'script' }), ' ', v('PATH', { scope: 'env' })]));
  });

  it('expand only the variable of $x.Name', () => {
    expect(expr('"$x.Name"')).toEqual(xs([v('x'), '.Name']));
    expect(expr('"$a[0]"')).toEqual(xs([v('a'), '[0]']));
  });

  it('expand $(...) sub-expressions, nested quotes included', () => {
    expect(expr('"n: $($x.Name) and $("in" + "ner")"')).toEqual(
      xs([
        'n: ',
        {
          kind: 'SubExpression',
          statements: [pipe(ce({ kind: 'MemberExpression', target: v('x'), member: { kind: 'StringConstant', value: 'Name', quote: 'bare' }, isStatic: false, nullConditional: false }))],
        },
        ' and ',
        { kind: 'SubExpression', statements: [pipe(ce({ kind: 'BinaryExpression', operator: '+', left: str('in'), right: str('ner') }))] },
      ]),
    );
  });

  it('keep a lone $ and an escaped $ literal', () => {
    expect(expr('"cost: $ 5 `$x"')).toEqual(str('cost: $ 5 $x'));
  });

  it('accept smart quotes', () => {
    expect(expr('\u201chello $x\u201d')).toEqual(xs(['hello ', v('x')]));
  });

  it('may span lines', () => {
    expect(expr('"a\nb"')).toEqual(str('a\nb'));
  });
});

describe('here-strings', () => {
  it("@' ... '@ is literal, without the header and footer newlines", () => {
    expect(expr("@'\nline $x\n  'quoted' \"too\"\n'@")).toEqual(str("line $x\n  'quoted' \"too\"", 'hereSingle'));
  });

  it('@" ... "@ expands, quotes need no escaping', () => {
    expect(expr('@"\nHello $name, the time is $(Get-Date)\n"quoted"\n"@')).toEqual(
      xs(['Hello ', v('name'), ', the time is ', { kind: 'SubExpression', statements: [pipe({ kind: 'Command', elements: [{ kind: 'StringConstant', value: 'Get-Date', quote: 'bare' }], redirections: [] })] }, '\n"quoted"'], 'hereDouble'),
    );
  });

  it('handles CRLF line ends and an empty body', () => {
    expect(expr("@'\r\na\r\nb\r\n'@")).toEqual(str('a\r\nb', 'hereSingle'));
    expect(expr("@'\n'@")).toEqual(str('', 'hereSingle'));
  });

  it('ends only at a footer at the start of a line', () => {
    expect(expr("@'\nnot '@ here\n'@")).toEqual(str("not '@ here", 'hereSingle'));
  });

  it('can be an argument', () => {
    expect(plain(parseScript("Write-Output @'\nx\n'@ -NoEnumerate").end![0])).toEqual(
      pipe({ kind: 'Command', elements: [{ kind: 'StringConstant', value: 'Write-Output', quote: 'bare' }, str('x', 'hereSingle'), { kind: 'CommandParameter', name: 'NoEnumerate' }], redirections: [] }),
    );
  });
});

describe('extents inside strings', () => {
  it('point into the whole script', () => {
    const text = 'Write-Output 1\n"a $($b + 1)"';
    const s = parseScript(text).end![1] as { elements: { expression: { parts: { statements: { elements: { expression: { extent: { startLine: number; startColumn: number; text: string } } }[] }[] }[] } }[] };
    const sub = s.elements[0].expression.parts[1];
    const e = sub.statements[0].elements[0].expression.extent;
    expect([e.startLine, e.startColumn, e.text]).toEqual([2, 6, '$b + 1']);
  });
});
