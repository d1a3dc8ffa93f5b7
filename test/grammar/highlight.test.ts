import { describe, expect, it } from 'vitest';
import { highlight } from '../../grammar/index.js';

const spans = (text: string) => highlight(text).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);

describe('highlight', () => {
  it('classifies a command line', () => {
    expect(spans('Get-X -Name $x.Prop "s" 10 SMTP | % { $_ -eq [int]::Max } # c')).toEqual([
      'command:Get-X',
      'parameter:-Name',
      'variable:$x',
      'text:.',
      'member:Prop',
      'string:"s"',
      'number:10',
      'text:SMTP',
      'operator:|',
      'command:%',
      'text:{',
      'variable:$_',
      'operator:-eq',
      'text:[',
      'type:int',
      'text:]',
      'text:::',
      'member:Max',
      'text:}',
      'comment:# c',
    ]);
  });

  it('classifies keywords, assignments and here-strings', () => {
    expect(spans('if ($a) { $b = @"\nx\n"@ } else { <# c #> }')).toEqual([
      'keyword:if',
      'text:(',
      'variable:$a',
      'text:)',
      'text:{',
      'variable:$b',
      'operator:=',
      'string:@"\nx\n"@',
      'text:}',
      'keyword:else',
      'text:{',
      'comment:<# c #>',
      'text:}',
    ]);
  });

  it('never throws on broken input', () => {
    expect(spans('if ($x) { "unterminated')).toEqual(['keyword:if', 'text:(', 'variable:$x', 'text:)', 'text:{', 'string:"unterminated']);
    expect(spans(')))]]]}}} @{ = ')).toEqual(['text:)', 'text:)', 'text:)', 'command:]]]', 'text:}', 'text:}', 'text:}', 'text:@{', 'operator:=']);
  });
});
