import { describe, expect, it } from 'vitest';
import { tokenize } from '../../grammar/index.js';

const types = (text: string) => tokenize(text).map((t) => `${t.type}:${t.text}`);

describe('lexer modes: command mode', () => {
  it('reads a command name, then parameters and barewords', () => {
    expect(types('Import-ExchangeCertificate -Path c:\\certificates\\import.pfx | Enable-ExchangeCertificate -Services SMTP')).toEqual([
      'CommandName:Import-ExchangeCertificate',
      'ParameterPlain:-Path',
      'BareWord:c:\\certificates\\import.pfx',
      'Pipe:|',
      'CommandName:Enable-ExchangeCertificate',
      'ParameterPlain:-Services',
      'BareWord:SMTP',
    ]);
  });

  it('makes a number of a whole number-like word only', () => {
    expect(types('Get-X 10MB 1.5 1.2.3 -1 0x1F 7z 0.0.0.0:25')).toEqual([
      'CommandName:Get-X',
      'NumberCmd:10MB',
      'NumberCmd:1.5',
      'BareWord:1.2.3',
      'NumberCmd:-1',
      'NumberCmd:0x1F',
      'BareWord:7z',
      'BareWord:0.0.0.0:25',
    ]);
  });

  it('keeps `-Name:` with its colon and lexes the argument after it', () => {
    expect(types('Set-SendConnector Internet -DomainSecureEnabled:$True')).toEqual([
      'CommandName:Set-SendConnector',
      'BareWord:Internet',
      'ParameterColon:-DomainSecureEnabled:',
      'VariableCmd:$True',
    ]);
  });

  it('treats operators as parameters in argument position', () => {
    expect(types('Get-ChildItem | ? Name -like *.ps1')).toEqual([
      'CommandName:Get-ChildItem',
      'Pipe:|',
      'CommandName:?',
      'BareWord:Name',
      'ParameterPlain:-like',
      'BareWord:*.ps1',
    ]);
  });

  it('reads domain names, dotted paths and wildcards as single words', () => {
    expect(types('x mail.contoso.com .\\certs\\a.pfx ./lib.ps1 *.log')).toEqual([
      'CommandName:x',
      'BareWord:mail.contoso.com',
      'BareWord:.\\certs\\a.pfx',
      'BareWord:./lib.ps1',
      'BareWord:*.log',
    ]);
  });

  it('splits arguments at commas and reads member access only when adjacent to a variable', () => {
    expect(types('Select-Object Name, Status $x.Name $a[0]')).toEqual([
      'CommandName:Select-Object',
      'BareWord:Name',
      'Comma:,',
      'BareWord:Status',
      'VariableCmd:$x',
      'DotCmd:.',
      'MemberNameCmd:Name',
      'VariableCmd:$a',
      'LBracketIndex:[',
      'NumberExpr:0',
      'RBracketIndex:]',
    ]);
  });

  it('reads a word holding a variable as one bareword', () => {
    expect(types('echo foo$x $env:TEMP\\x')).toEqual(['CommandName:echo', 'BareWord:foo$x', 'BareWord:$env:TEMP\\x']);
  });

  it('reads a pipe with no space around it', () => {
    expect(types('Get-ExchangeCertificate |FL')).toEqual(['CommandName:Get-ExchangeCertificate', 'Pipe:|', 'CommandName:FL']);
  });

  it('reads redirections before numbers', () => {
    expect(types('Get-X 2>&1 >> out.txt 2> err.txt')).toEqual([
      'CommandName:Get-X',
      'RedirectMergeCmd:2>&1',
      'RedirectFileCmd:>>',
      'BareWord:out.txt',
      'RedirectFileCmd:2>',
      'BareWord:err.txt',
    ]);
  });

  it('makes foreach after a pipe a command, not the keyword', () => {
    expect(types('1..3 | foreach { $_ }')).toEqual([
      'NumberExpr:1',
      'DotDot:..',
      'NumberExpr:3',
      'Pipe:|',
      'CommandName:foreach',
      'LBrace:{',
      'VariableExpr:$_',
      'RBrace:}',
    ]);
  });
});

describe('lexer modes: expression mode', () => {
  it('reads comparison operators after an expression', () => {
    expect(types('$a -eq 1 -and $b -CLIKE "x*"')).toEqual([
      'VariableExpr:$a',
      'OpComparison:-eq',
      'NumberExpr:1',
      'OpLogical:-and',
      'VariableExpr:$b',
      'OpComparison:-CLIKE',
      'StringDouble:"x*"',
    ]);
  });

  it('reads a minus, a number and a range', () => {
    expect(types('$x = 1..5 - -1')).toEqual(['VariableExpr:$x', 'Eq:=', 'NumberExpr:1', 'DotDot:..', 'NumberExpr:5', 'Minus:-', 'Minus:-', 'NumberExpr:1']);
  });

  it('reads numbers with multipliers, hex, exponents and suffixes', () => {
    expect(types('10MB + 0xFF + 1.5e3 + .5 + 2d + 3l')).toEqual([
      'NumberExpr:10MB',
      'Plus:+',
      'NumberExpr:0xFF',
      'Plus:+',
      'NumberExpr:1.5e3',
      'Plus:+',
      'NumberExpr:.5',
      'Plus:+',
      'NumberExpr:2d',
      'Plus:+',
      'NumberExpr:3l',
    ]);
  });

  it('switches to command mode after `=` when a command follows', () => {
    expect(types('$x = Get-Foo -Bar 1')).toEqual(['VariableExpr:$x', 'Eq:=', 'CommandName:Get-Foo', 'ParameterPlain:-Bar', 'NumberCmd:1']);
  });

  it('reads type literals, static members and method calls', () => {
    expect(types('[System.IO.Path]::Combine($a, "b")')).toEqual([
      'LBracketType:[',
      'TypeName:System.IO.Path',
      'RBracketType:]',
      'ColonColon:::',
      'IdentifierTok:Combine',
      'LParenCall:(',
      'VariableExpr:$a',
      'Comma:,',
      'StringDouble:"b"',
      'RParen:)',
    ]);
  });

  it('reads hashtable keys as words and values as statements', () => {
    expect(types('@{Add="a.com"; Remove=$x}')).toEqual(['AtBrace:@{', 'HashKey:Add', 'HashEq:=', 'StringDouble:"a.com"', 'Semi:;', 'HashKey:Remove', 'HashEq:=', 'VariableExpr:$x', 'RBrace:}']);
  });

  it('reads keywords at statement start and after a closing brace', () => {
    expect(types('if ($x) { } else { }')).toEqual(['KwStart_if:if', 'LParen:(', 'VariableExpr:$x', 'RParen:)', 'LBrace:{', 'RBrace:}', 'KwFollow_else:else', 'LBrace:{', 'RBrace:}']);
  });

  it('accepts Unicode dashes and smart quotes', () => {
    expect(types('Write-Host \u2013Name \u201cq\u201d \u2018s\u2019')).toEqual(['CommandName:Write-Host', 'ParameterPlain:\u2013Name', 'StringDouble:\u201cq\u201d', 'StringSingle:\u2018s\u2019']);
    expect(types('$a \u2013eq 1')).toEqual(['VariableExpr:$a', 'OpComparison:\u2013eq', 'NumberExpr:1']);
  });

  it('skips comments and line continuations', () => {
    expect(types('Get-X `\n  -a 1 # trailing\n<# block #> Get-Y')).toEqual(['CommandName:Get-X', 'ParameterPlain:-a', 'NumberCmd:1', 'NL:\n', 'CommandName:Get-Y']);
  });
});
