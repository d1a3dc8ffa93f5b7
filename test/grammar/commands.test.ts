import { describe, expect, it } from 'vitest';
import { parseScript } from '../../grammar/index.js';

/** The AST without extents and sources, as plain data. */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'extent' || k === 'source' ? undefined : v)));
const statements = (text: string) => plain(parseScript(text).end) as unknown[];
const first = (text: string) => statements(text)[0];

const word = (value: string) => ({ kind: 'StringConstant', value, quote: 'bare' });
const str = (value: string, quote = 'double') => ({ kind: 'StringConstant', value, quote });
const num = (value: number) => ({ kind: 'Constant', value });
const dbl = (value: number) => ({ kind: 'Constant', value, isDouble: true });
const v = (name: string, extra: object = {}) => ({ kind: 'Variable', name, splatted: false, ...extra });
const param = (name: string, argument?: unknown) => (argument === undefined ? { kind: 'CommandParameter', name } : { kind: 'CommandParameter', name, argument });
const arr = (...elements: unknown[]) => ({ kind: 'ArrayLiteral', elements });
const cmd = (...elements: unknown[]) => ({ kind: 'Command', elements, redirections: [] });
const pipe = (...elements: unknown[]) => ({ kind: 'Pipeline', elements });
const ce = (expression: unknown) => ({ kind: 'CommandExpression', expression, redirections: [] });

describe('commands: the seed scenario', () => {
  it('New-ExchangeCertificate -GenerateRequest ...', () => {
    expect(
      first(
        'New-ExchangeCertificate -GenerateRequest -FriendlyName "Internet certificate" -Path c:\\certificates\\request.p7c -SubjectName "DC=com,DC=Contoso,CN=mail1.contoso.com"  -DomainName mail.contoso.com',
      ),
    ).toEqual(
      pipe(
        cmd(
          word('New-ExchangeCertificate'),
          param('GenerateRequest'),
          param('FriendlyName'),
          str('Internet certificate'),
          param('Path'),
          word('c:\\certificates\\request.p7c'),
          param('SubjectName'),
          str('DC=com,DC=Contoso,CN=mail1.contoso.com'),
          param('DomainName'),
          word('mail.contoso.com'),
        ),
      ),
    );
  });

  it('Import-ExchangeCertificate ... | Enable-ExchangeCertificate -Services SMTP', () => {
    expect(first('Import-ExchangeCertificate -Path c:\\certificates\\import.pfx | Enable-ExchangeCertificate -Services SMTP')).toEqual(
      pipe(cmd(word('Import-ExchangeCertificate'), param('Path'), word('c:\\certificates\\import.pfx')), cmd(word('Enable-ExchangeCertificate'), param('Services'), word('SMTP'))),
    );
  });

  it('Get-ExchangeCertificate |FL', () => {
    expect(first('Get-ExchangeCertificate |FL')).toEqual(pipe(cmd(word('Get-ExchangeCertificate')), cmd(word('FL'))));
  });

  it('Enable-ExchangeCertificate -Thumbprint <hex> -Services SMTP', () => {
    expect(first('Enable-ExchangeCertificate -Thumbprint AB493A0C9A6C0327162FE04EF74609CB8FB7FE24 -Services SMTP')).toEqual(
      pipe(cmd(word('Enable-ExchangeCertificate'), param('Thumbprint'), word('AB493A0C9A6C0327162FE04EF74609CB8FB7FE24'), param('Services'), word('SMTP'))),
    );
  });

  it('Set-TransportConfig -TLSSendDomainSecureList woodgrovebank.com', () => {
    expect(first('Set-TransportConfig -TLSSendDomainSecureList woodgrovebank.com')).toEqual(
      pipe(cmd(word('Set-TransportConfig'), param('TLSSendDomainSecureList'), word('woodgrovebank.com'))),
    );
  });

  it('Set-SendConnector Internet -DomainSecureEnabled:$True', () => {
    expect(first('Set-SendConnector Internet -DomainSecureEnabled:$True')).toEqual(
      pipe(cmd(word('Set-SendConnector'), word('Internet'), param('DomainSecureEnabled', v('True')))),
    );
  });

  it('Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS', () => {
    expect(first('Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS')).toEqual(
      pipe(cmd(word('Set-ReceiveConnector'), word('Inet'), param('DomainSecureEnabled', v('True')), param('AuthMechanism'), word('TLS'))),
    );
  });

  it('Set-ReceiveConnector Inet -ProtocolLoggingLevel Verbose', () => {
    expect(first('Set-ReceiveConnector Inet -ProtocolLoggingLevel Verbose')).toEqual(
      pipe(cmd(word('Set-ReceiveConnector'), word('Inet'), param('ProtocolLoggingLevel'), word('Verbose'))),
    );
  });

  it('Set-TransportConfig -TLSSendDomainSecureList @{Add=...; Remove=...}', () => {
    expect(first("Set-TransportConfig -TLSSendDomainSecureList @{Add='a.com'; Remove='b.com'}")).toEqual(
      pipe(
        cmd(word('Set-TransportConfig'), param('TLSSendDomainSecureList'), {
          kind: 'Hashtable',
          pairs: [
            { key: word('Add'), value: pipe(ce(str('a.com', 'single'))) },
            { key: word('Remove'), value: pipe(ce(str('b.com', 'single'))) },
          ],
        }),
      ),
    );
  });
});

describe('commands: arguments', () => {
  it('builds an array from comma-separated arguments', () => {
    expect(first('Enable-ExchangeCertificate -Services SMTP,IIS')).toEqual(pipe(cmd(word('Enable-ExchangeCertificate'), param('Services'), arr(word('SMTP'), word('IIS')))));
    expect(first('Select-Object Name, Status')).toEqual(pipe(cmd(word('Select-Object'), arr(word('Name'), word('Status')))));
  });

  it('reads number-like words as numbers, with multipliers', () => {
    expect(first('Get-X 10MB 1.5 1.2.3 -1 0x10 1kb')).toEqual(pipe(cmd(word('Get-X'), num(10485760), dbl(1.5), word('1.2.3'), num(-1), num(16), num(1024))));
  });

  it('gives -Switch:$false its argument', () => {
    expect(first('Get-X -Force:$false -Name: a,b')).toEqual(pipe(cmd(word('Get-X'), param('Force', v('false')), param('Name', arr(word('a'), word('b'))))));
  });

  it('reads expression arguments: variables, members, indexes, parentheses, script blocks', () => {
    expect(first('Write-Output $x.Name $a[0] (1 + 2) { $_ }')).toEqual(
      pipe(
        cmd(
          word('Write-Output'),
          { kind: 'MemberExpression', target: v('x'), member: word('Name'), isStatic: false, nullConditional: false },
          { kind: 'IndexExpression', target: v('a'), index: num(0), nullConditional: false },
          { kind: 'ParenExpression', pipeline: pipe(ce({ kind: 'BinaryExpression', operator: '+', left: num(1), right: num(2) })) },
          { kind: 'ScriptBlockExpression', scriptBlock: { kind: 'ScriptBlock', end: [pipe(ce(v('_')))] } },
        ),
      ),
    );
  });

  it('reads (Get-Date).AddDays(-1) as an argument', () => {
    expect(first('Write-Output (Get-Date).AddDays(-1)')).toEqual(
      pipe(
        cmd(word('Write-Output'), {
          kind: 'InvokeMemberExpression',
          target: { kind: 'ParenExpression', pipeline: pipe(cmd(word('Get-Date'))) },
          member: word('AddDays'),
          arguments: [num(-1)],
          isStatic: false,
          nullConditional: false,
        }),
      ),
    );
  });

  it('reads a word with an embedded variable as an expandable bare string', () => {
    expect(first('echo foo$x $env:TEMP\\logs')).toEqual(
      pipe(
        cmd(word('echo'), { kind: 'ExpandableString', quote: 'bare', parts: ['foo', v('x')] }, { kind: 'ExpandableString', quote: 'bare', parts: [v('TEMP', { scope: 'env' }), '\\logs'] }),
      ),
    );
  });

  it('applies quotes and escapes inside a bare word', () => {
    expect(first('echo a`tb "q r"s it`\'s')).toEqual(pipe(cmd(word('echo'), word('a\tb'), str('q r'), word('s'), word("it's"))));
  });

  it('reads [type] arguments as type expressions', () => {
    expect(first('Write-Output [int]::MaxValue')).toEqual(
      pipe(cmd(word('Write-Output'), { kind: 'MemberExpression', target: { kind: 'TypeExpression', typeName: 'int' }, member: word('MaxValue'), isStatic: true, nullConditional: false })),
    );
  });

  it('splats @params', () => {
    expect(first('Get-X @params -V')).toEqual(pipe(cmd(word('Get-X'), { kind: 'Variable', name: 'params', splatted: true }, param('V'))));
  });

  it('Write-Host "a" -ForegroundColor Red', () => {
    expect(first('Write-Host "a" -ForegroundColor Red')).toEqual(pipe(cmd(word('Write-Host'), str('a'), param('ForegroundColor'), word('Red'))));
  });
});

describe('commands: invocation operators', () => {
  it('& $sb 1 2', () => {
    expect(first('& $sb 1 2')).toEqual(pipe({ kind: 'Command', elements: [v('sb'), num(1), num(2)], redirections: [], invocationOperator: '&' }));
  });

  it("& 'Get-Item' x", () => {
    expect(first("& 'Get-Item' x")).toEqual(pipe({ kind: 'Command', elements: [str('Get-Item', 'single'), word('x')], redirections: [], invocationOperator: '&' }));
  });

  it('. ./lib.ps1 and . $sb', () => {
    expect(statements('. ./lib.ps1; . $sb')).toEqual([
      pipe({ kind: 'Command', elements: [word('./lib.ps1')], redirections: [], invocationOperator: '.' }),
      pipe({ kind: 'Command', elements: [v('sb')], redirections: [], invocationOperator: '.' }),
    ]);
  });

  it('& { script block }', () => {
    expect(first('& { 1 }')).toEqual(
      pipe({ kind: 'Command', elements: [{ kind: 'ScriptBlockExpression', scriptBlock: { kind: 'ScriptBlock', end: [pipe(ce(num(1)))] } }], redirections: [], invocationOperator: '&' }),
    );
  });
});

describe('commands: pipelines', () => {
  it('1..5 | % { $_ }', () => {
    expect(first('1..5 | % { $_ }')).toEqual(
      pipe(ce({ kind: 'BinaryExpression', operator: '..', left: num(1), right: num(5) }), cmd(word('%'), { kind: 'ScriptBlockExpression', scriptBlock: { kind: 'ScriptBlock', end: [pipe(ce(v('_')))] } })),
    );
  });

  it('Get-ChildItem | ? Name -like *.ps1', () => {
    expect(first("Get-ChildItem | ? Name -like '*.ps1'")).toEqual(pipe(cmd(word('Get-ChildItem')), cmd(word('?'), word('Name'), param('like'), str('*.ps1', 'single'))));
  });

  it('1..3 | foreach { $_ } uses foreach as a command', () => {
    expect(first('1..3 | foreach { $_ }')).toEqual(
      pipe(ce({ kind: 'BinaryExpression', operator: '..', left: num(1), right: num(3) }), cmd(word('foreach'), { kind: 'ScriptBlockExpression', scriptBlock: { kind: 'ScriptBlock', end: [pipe(ce(v('_')))] } })),
    );
  });

  it('continues a pipeline after | at the end of a line', () => {
    expect(first('Get-X |\n\n  Select-Object -First 1')).toEqual(pipe(cmd(word('Get-X')), cmd(word('Select-Object'), param('First'), num(1))));
  });

  it('continues a line after a backtick', () => {
    expect(first('Get-X `\n  -Name a `\n  -Force')).toEqual(pipe(cmd(word('Get-X'), param('Name'), word('a'), param('Force'))));
  });

  it('$x = Get-Foo -Bar 1 | Select-Object -First 1 assigns the whole pipeline', () => {
    expect(first('$x = Get-Foo -Bar 1 | Select-Object -First 1')).toEqual({
      kind: 'Assignment',
      operator: '=',
      left: v('x'),
      right: pipe(cmd(word('Get-Foo'), param('Bar'), num(1)), cmd(word('Select-Object'), param('First'), num(1))),
    });
  });
});

describe('commands: redirections', () => {
  const redir = (from: string, rest: object) => ({ kind: 'Redirection', from, ...rest });
  it('merges and writes streams', () => {
    expect(first('Get-X 2>&1 > out.txt')).toEqual(
      pipe({ kind: 'Command', elements: [word('Get-X')], redirections: [redir('error', { mergeTo: 'output', append: false }), redir('output', { target: word('out.txt'), append: false })] }),
    );
  });

  it('appends, redirects all streams, merges warnings', () => {
    expect(first('Get-X >> log.txt *> all.txt 3>&1 2>> err.txt')).toEqual(
      pipe({
        kind: 'Command',
        elements: [word('Get-X')],
        redirections: [
          redir('output', { target: word('log.txt'), append: true }),
          redir('all', { target: word('all.txt'), append: false }),
          redir('warning', { mergeTo: 'output', append: false }),
          redir('error', { target: word('err.txt'), append: true }),
        ],
      }),
    );
  });

  it('redirects after an expression', () => {
    expect(first('$x > $null')).toEqual(pipe({ kind: 'CommandExpression', expression: v('x'), redirections: [redir('output', { target: v('null'), append: false })] }));
  });
});
