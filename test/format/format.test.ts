// The formatting engine against PowerShell 7's Out-Default, Format-Table and Format-List output.
// Expected texts follow PowerShell's FormatAndOutput code and its Pester tests (Format-Table.Tests.ps1,
// Format-List.Tests.ps1); lines are compared with trailing spaces trimmed, as PowerShell pads some.
import { afterEach, describe, expect, test } from 'vitest';
import { PSDouble, PSHashtable, PSObject, TimeSpan, type ScriptBlock } from '../../src/engine/values.js';
import { createOutDefault, formatList, formatTable, formatToText, formatWide, registerViews, renderOutput, UNLIMITED } from '../../src/format/index.js';
import { clearRegisteredViews } from '../../src/format/views.js';
import { FormattedText } from '../../src/format/packets.js';

/** A stand-in for the engine's script blocks: runs `fn` with $_ bound to the object. */
function sb(text: string, fn: (x: any) => unknown, async = false): ScriptBlock {
  return {
    __scriptBlock: true,
    text,
    invoke: (o?: { dollarUnder?: unknown }) => [fn(o?.dollarUnder)],
    invokeValue: (x: unknown) => (async ? Promise.resolve().then(() => fn(x)) : fn(x)),
    toString: () => text,
  } as unknown as ScriptBlock;
}

function obj(values: Record<string, unknown>, typeName?: string): PSObject {
  return new PSObject(typeName ? [typeName, 'System.Object'] : undefined, values);
}

function ht(entries: [string, unknown][]): PSHashtable {
  const h = new PSHashtable();
  for (const [k, v] of entries) h.set(k, v);
  return h;
}

/** What Out-Default prints for `values` on a console `width` columns wide. */
function outDefault(values: unknown[], width = 120): string {
  const chunks: string[] = [];
  const o = createOutDefault({ width, write: (t) => chunks.push(t) });
  for (const v of values) o.push(v);
  o.end();
  return chunks.map((c) => c + '\n').join('');
}

const trim = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');

const lines = (...ls: string[]) => ls.join('\n') + '\n';

afterEach(() => clearRegisteredViews());

describe('Out-Default chooses the shape from the first object', () => {
  test('an object with four or fewer properties is a table between blank lines', () => {
    expect(outDefault([obj({ Name: 'Inet', Port: 25 })])).toBe(lines('', 'Name Port', '---- ----', 'Inet   25', ''));
  });

  test('an object with five properties is a list, ending with one blank line', () => {
    const o = obj({ A: 1, B: 'two', C: true, D: null, E: 'x' });
    expect(trim(outDefault([o]))).toBe(lines('', 'A : 1', 'B : two', 'C : True', 'D :', 'E : x', ''));
  });

  test('list entries are separated by one blank line', () => {
    const a = obj({ Name: 'a', V1: 1, V2: 2, V3: 3, V4: 4 });
    const b = obj({ Name: 'bb', V1: 5, V2: 6, V3: 7, V4: 8 });
    expect(outDefault([a, b])).toBe(
      lines('', 'Name : a', 'V1   : 1', 'V2   : 2', 'V3   : 3', 'V4   : 4', '', 'Name : bb', 'V1   : 5', 'V2   : 6', 'V3   : 7', 'V4   : 8', ''),
    );
  });

  test('scalars print as their display strings, one per line', () => {
    expect(outDefault(['text', 42, 1.5, new PSDouble(3), true, false, null])).toBe(lines('text', '42', '1.5', '3', 'True', 'False'));
  });

  test('arrays are enumerated', () => {
    expect(outDefault([[1, 'two', [3]]])).toBe(lines('1', 'two', '3'));
  });

  test('a date prints as its long form between blank lines', () => {
    const d = new Date(2024, 10, 29, 1, 4, 5);
    expect(outDefault([d])).toBe(lines('', 'Friday, 29 November 2024 01:04:05', ''));
  });

  test('a hashtable is a Name/Value table with a 30-column Name', () => {
    const h = ht([
      ['b', 2],
      ['a', 'one'],
    ]);
    expect(trim(outDefault([h]))).toBe(
      lines('', 'Name                           Value', '----                           -----', 'b                              2', 'a                              one', ''),
    );
  });

  test('a hashtable value longer than the console is cut with an ellipsis (console width - 1)', () => {
    const h = ht([['k', 'x'.repeat(100)]]);
    const row = trim(outDefault([h], 60)).split('\n')[3];
    // 59 usable columns: Name 30, a blank, Value 28.
    expect(row).toBe('k' + ' '.repeat(30) + 'x'.repeat(27) + '…');
  });

  test('a TimeSpan uses its list view', () => {
    const t = TimeSpan.fromParts(1, 2, 3, 4, 500);
    expect(outDefault([t])).toBe(
      lines(
        '',
        'Days              : 1',
        'Hours             : 2',
        'Minutes           : 3',
        'Seconds           : 4',
        'Milliseconds      : 500',
        'Ticks             : 937845000000',
        'TotalDays         : 1.08546875',
        'TotalHours        : 26.05125',
        'TotalMinutes      : 1563.075',
        'TotalSeconds      : 93784.5',
        'TotalMilliseconds : 93784500',
        '',
      ),
    );
  });
});

describe('Format-Table layout', () => {
  test('numbers and booleans are right-aligned, their headers too', () => {
    const rows = [obj({ Name: 'a', Count: 5, Ok: true }), obj({ Name: 'bbb', Count: 12345, Ok: false })];
    expect(formatTable(rows, { width: 120 })).toEqual(['', 'Name Count    Ok', '---- -----    --', 'a        5  True', 'bbb  12345 False', '']);
  });

  test('the dash row is as long as the header, aligned like it (PowerShell test "right/left")', () => {
    expect(formatTable([obj({ a: 123, b: 'abc' })], { width: 120 })).toEqual(['', '  a b', '  - -', '123 abc', '']);
    expect(formatTable([obj({ a: 'abc', b: 123 })], { width: 120 })).toEqual(['', 'a     b', '-     -', 'abc 123', '']);
  });

  test('columns are as wide as the widest value of any row (implicit autosize)', () => {
    const rows = [obj({ abc: '1234', bcd: '123' }), obj({ abc: '1', bcd: '1234' })];
    expect(formatTable(rows, { width: 120 })).toEqual(['', 'abc  bcd', '---  ---', '1234 123', '1    1234', '']);
  });

  test('doubles show two decimals in a property table, and all their digits in a list', () => {
    const o = obj({ Ratio: 1234.56789, Whole: new PSDouble(3) });
    expect(formatTable([o], { width: 120 })).toEqual(['', '  Ratio Whole', '  ----- -----', '1234.57  3.00', '']);
    expect(formatList([o], { width: 120 })).toEqual(['', 'Ratio : 1234.56789', 'Whole : 3', '']);
  });

  test('a table wider than the line shrinks its last column and cuts values with …', () => {
    const rows = [obj({ Name: 'Internet', Description: 'Mail to partners that must use mutual TLS, every time' })];
    const out = formatTable(rows, { width: 40 }) as string[];
    expect(out).toEqual(['', 'Name     Description', '----     -----------', 'Internet Mail to partners that must use…', '']);
    expect(out.every((l) => l.length <= 40)).toBe(true);
  });

  test('a header longer than its shrunk column wraps onto more lines', () => {
    const rows = [obj({ Name: 'x'.repeat(30), Description: 'short' })];
    expect(formatTable(rows, { width: 36 })).toEqual(['', 'Name' + ' '.repeat(27) + 'Descr', ' '.repeat(31) + 'iptio', ' '.repeat(31) + 'n', '----' + ' '.repeat(27) + '-----', 'x'.repeat(30) + ' short', '']);
  });

  test('-Wrap wraps long values instead of cutting them (PowerShell test "middle")', () => {
    const o = obj({ A: 1, Name: 'This\nIs some random\nmultiline content', B: 2 });
    expect((formatTable([o], { width: 120, wrap: true }) as string[]).map((l) => l.trimEnd())).toEqual([
      '',
      'A Name' + ' '.repeat(34) + 'B',
      '- ----' + ' '.repeat(34) + '-',
      '1 This' + ' '.repeat(34) + '2',
      '  Is some random',
      '  multiline content',
      '',
    ]);
    // Without -Wrap only the first line shows, marked with an ellipsis.
    expect((formatTable([o], { width: 120 }) as string[])[3]).toBe('1 This…' + ' '.repeat(33) + '2');
  });

  test('narrow view columns wrap their headers and cut values per alignment (PowerShell test "wide values")', () => {
    registerViews([
      {
        typeName: 'Test.Format',
        table: {
          columns: [
            { label: 'LongLongHeader', property: 'First', width: 4, align: 'left' },
            { label: 'Header2', property: 'Second', width: 7, align: 'right' },
            { label: 'Header3', property: 'Third', width: 5 },
          ],
        },
      },
    ]);
    const o = obj({ First: '12345', Second: '12345678', Third: '123456' }, 'Test.Format');
    const star = (ls: string[]) => ls.map((l) => l.replace(/ /g, '*'));
    expect(star(formatTable([o], { width: 120 }) as string[])).toEqual(['', 'Long*Header2*Heade', 'Long*********r3', 'Head', 'er', '----*-------*-----', '123…*…345678*1234…', '']);
    expect(star(formatTable([o], { width: 120, wrap: true }) as string[])).toEqual([
      '',
      'Long*Header2*Heade',
      'Long*********r3',
      'Head',
      'er',
      '----*-------*-----',
      '1234*1234567*12345',
      '5**********8*6',
      '',
    ]);
  });

  test('-HideTableHeaders leaves only the rows', () => {
    expect(formatTable([obj({ a: 1, b: 2 })], { width: 120, hideTableHeaders: true })).toEqual(['', '1 2', '']);
  });

  test('-Property takes names (in the property\'s own spelling), wildcards and unknown names', () => {
    const o = obj({ Name: 'Inet', MaxSendSize: 10, MaxReceiveSize: 20, Fqdn: 'mail' });
    expect((formatTable([o], { width: 120, properties: ['name', 'Max*', 'Missing'] }) as string[]).map((l) => l.trimEnd())).toEqual([
      '',
      'Name MaxSendSize MaxReceiveSize Missing',
      '---- ----------- -------------- -------',
      'Inet          10             20',
      '',
    ]);
  });

  test('calculated properties: Name/Label, Expression, Width, Alignment, FormatString', () => {
    const rows = [obj({ Name: 'a', Size: 1536 }), obj({ Name: 'bb', Size: 10 })];
    const props = [
      'Name',
      ht([
        ['N', 'KB'],
        ['E', sb(' $_.Size / 1024 ', (x) => x.get('Size') / 1024)],
        ['FormatString', 'N1'],
      ]),
      ht([
        ['Label', 'Twice'],
        ['Expression', sb('$_.Size * 2', (x) => x.get('Size') * 2)],
        ['Width', 8],
        ['Alignment', 'left'],
      ]),
      sb(' $_.Name.Length ', (x) => x.get('Name').length),
    ];
    // The first column has no width, so every width comes from the data (Twice's 8 too), as in PowerShell.
    expect(formatTable(rows, { width: 120, properties: props })).toEqual([
      '',
      'Name  KB Twice  $_.Name.Length ',
      '----  -- ----- ----------------',
      'a    1.5 3072                 1',
      'bb   0.0 20                   2',
      '',
    ]);
  });

  test('a centered column of a given width (PowerShell test)', () => {
    const out = formatTable([obj({ one: 1 })], {
      width: 120,
      properties: [
        ht([
          ['l', 'one'],
          ['e', 'one'],
          ['width', 10],
          ['alignment', 'center'],
        ]),
      ],
    });
    expect(out).toEqual(['', '   one', '   ---', '    1', '']);
  });

  test('script blocks that wait make the result a promise', async () => {
    const r = formatTable([obj({ N: 2 })], { width: 120, properties: [ht([['e', sb('$_.N + 1', (x) => x.get('N') + 1, true)]])] });
    expect(r).toBeInstanceOf(Promise);
    expect(await r).toEqual(['', '$_.N + 1', '--------', '       3', '']);
  });

  test('bad calculated properties fail as PowerShell does', () => {
    expect(() => formatTable([obj({ a: 1 })], { width: 120, properties: [ht([['Foo', 1]])] })).toThrow('The Foo key is not valid.');
    expect(() => formatTable([obj({ a: 1 })], { width: 120, properties: [ht([['Label', 'x']])] })).toThrow('A mandatory entry for Expression is missing.');
    expect(() => formatTable([obj({ a: 1 })], { width: 120, properties: [ht([['e', 'a'], ['Width', 0]])] })).toThrow(
      'The value "0" for key "Width" should be greater than 0.',
    );
  });

  test('-AutoSize sizes the columns of a view that fixes their widths', () => {
    registerViews([
      {
        typeName: 'Test.Connector',
        table: {
          columns: [
            { label: 'Name', width: 20 },
            { label: 'Enabled', width: 8, align: 'right' },
            { label: 'Fqdn', property: 'Fqdn' },
          ],
        },
      },
    ]);
    const c = obj({ Name: 'Internet', Enabled: true, Fqdn: 'mail.contoso.com', Extra: 1 }, 'Test.Connector');
    expect(formatTable([c], { width: 60 }).toString()).toBe(
      ['', 'Name' + ' '.repeat(18) + 'Enabled Fqdn', '----' + ' '.repeat(18) + '------- ----', 'Internet' + ' '.repeat(17) + 'True mail.contoso.com', ''].toString(),
    );
    expect(formatTable([c], { width: 60, autoSize: true })).toEqual(['', 'Name     Enabled Fqdn', '----     ------- ----', 'Internet    True mail.contoso.com', '']);
  });

  test('-GroupBy starts a new table under an indented header for each value', () => {
    const rows = [obj({ Type: 'Send', Name: 'a' }), obj({ Type: 'Send', Name: 'bb' }), obj({ Type: 'Receive', Name: 'c' })];
    expect(formatTable(rows, { width: 120, properties: ['Name'], groupBy: 'Type' })).toEqual([
      '',
      '   Type: Send',
      '',
      'Name',
      '----',
      'a',
      'bb',
      '',
      '   Type: Receive',
      '',
      'Name',
      '----',
      'c',
      '',
    ]);
  });

  test('strings are printed as they are unless -Force', () => {
    expect(formatTable(['hello'], { width: 120, properties: ['Length'] })).toEqual(['hello']);
    expect(formatTable(['hello'], { width: 120, properties: ['Length'], force: true })).toEqual(['', 'Length', '------', '     5', '']);
  });

  test('no input, no output', () => {
    expect(formatTable([], { width: 120, properties: ['foo'] })).toEqual([]);
    expect(formatTable([new PSHashtable()], { width: 120 })).toEqual([]);
  });
});

describe('Format-List layout', () => {
  test('labels are padded to the longest; long values wrap under the value column', () => {
    const o = obj({ Name: 'x', Description: 'the quick brown fox jumps over the lazy dog' });
    expect((formatList([o], { width: 30 }) as string[]).map((l) => l.trimEnd())).toEqual([
      '',
      'Name        : x',
      'Description : the quick brown',
      '              fox jumps over',
      '              the lazy dog',
      '',
    ]);
  });

  test('embedded newlines continue under the value column', () => {
    expect(formatList([obj({ Banner: '220 hello\nsecond line' })], { width: 120 })).toEqual(['', 'Banner : 220 hello', ' '.repeat(9) + 'second line', '']);
  });

  test('collections show four items, then …; an empty one {}; $null nothing', () => {
    const o = obj({ Domains: ['a', 'b', 'c', 'd', 'e'], Four: [1, 2, 3, 4], Empty: [], None: null, Nested: [null, 'x'] });
    expect((formatList([o], { width: 120 }) as string[]).map((l) => l.trimEnd())).toEqual([
      '',
      'Domains : {a, b, c, d…}',
      'Four    : {1, 2, 3, 4}',
      'Empty   : {}',
      'None    :',
      'Nested  : {$null, x}',
      '',
    ]);
    expect(formatList([o], { width: 120, properties: ['Domains'], enumerationLimit: -1 })).toEqual(['', 'Domains : {a, b, c, d, e}', '']);
    expect(formatList([o], { width: 120, properties: ['Domains'], enumerationLimit: 1 })).toEqual(['', 'Domains : {a…}', '']);
  });

  test("'*' shows every property; unknown names are left out", () => {
    const o = obj({ A: 1, B: 2 });
    expect(formatList([o], { width: 120, properties: ['*'] })).toEqual(['', 'A : 1', 'B : 2', '']);
    expect(formatList([o], { width: 120, properties: ['B', 'Nope'] })).toEqual(['', 'B : 2', '']);
  });

  test('a registered list view, and * to see past it', () => {
    registerViews([{ typeName: 'Test.Cert', list: { properties: ['Thumbprint', { label: 'Subj', property: 'Subject' }] } }]);
    const c = obj({ Thumbprint: 'AB12', Subject: 'CN=mail', Hidden: 1 }, 'Test.Cert');
    expect(formatList([c], { width: 120 })).toEqual(['', 'Thumbprint : AB12', 'Subj       : CN=mail', '']);
    expect(formatList([c], { width: 120, properties: ['*'] })).toEqual(['', 'Thumbprint : AB12', 'Subject    : CN=mail', 'Hidden     : 1', '']);
  });

  test('a hashtable lists Name and Value per entry', () => {
    expect(formatList([ht([['array', [0, 1, 2, 3, 4, 5]]])], { width: 120 })).toEqual(['', 'Name  : array', 'Value : {0, 1, 2, 3…}', '']);
  });
});

describe('registered views and mixed output', () => {
  const certView = () =>
    registerViews([
      {
        typeName: 'Test.Cert',
        table: {
          columns: [
            { label: 'Thumbprint', property: 'Thumbprint' },
            { label: 'Services', property: 'Services' },
            { label: 'Subject', property: 'Subject' },
          ],
        },
        list: { properties: ['Thumbprint', 'Subject'] },
      },
    ]);

  test('a registered table view is used by Out-Default even for many properties', () => {
    certView();
    const c = obj({ Thumbprint: 'A1B2', Services: '....S.', Subject: 'CN=mail1', A: 1, B: 2, C: 3 }, 'Test.Cert');
    expect(outDefault([c])).toBe(lines('', 'Thumbprint Services Subject', '---------- -------- -------', 'A1B2       ....S.   CN=mail1', ''));
  });

  test('an object the view does not apply to is listed out of band, and the table goes on', () => {
    certView();
    const c1 = obj({ Thumbprint: 'A1', Services: 'S', Subject: 'CN=a' }, 'Test.Cert');
    const other = obj({ Name: 'Inet', Port: 25 }, 'Test.Connector');
    const c2 = obj({ Thumbprint: 'B2', Services: 'S', Subject: 'CN=b' }, 'Test.Cert');
    expect(outDefault([c1, other, 'note', c2])).toBe(
      lines('', 'Thumbprint Services Subject', '---------- -------- -------', 'A1         S        CN=a', '', 'Name : Inet', 'Port : 25', '', 'note', 'B2         S        CN=b', ''),
    );
  });

  test('after a property table, later objects fill the first object\'s columns', () => {
    expect(trim(outDefault([obj({ a: 1 }), obj({ b: 2 }), obj({ a: 3, c: 4 })]))).toBe(lines('', 'a', '-', '1', '', '3', ''));
  });

  test('a view groups its rows under "   Label: value" headers', () => {
    registerViews([
      {
        typeName: 'Test.Member',
        table: { columns: [{ label: 'Name' }, { label: 'MemberType' }], groupBy: { label: 'TypeName', property: 'TypeName' } },
      },
    ]);
    const m = (t: string, n: string) => obj({ TypeName: t, Name: n, MemberType: 'Method' }, 'Test.Member');
    expect(outDefault([m('System.String', 'Clone'), m('System.String', 'Trim'), m('System.Int32', 'Abs')])).toBe(
      lines(
        '',
        '   TypeName: System.String',
        '',
        'Name  MemberType',
        '----  ----------',
        'Clone Method',
        'Trim  Method',
        '',
        '   TypeName: System.Int32',
        '',
        'Name MemberType',
        '---- ----------',
        'Abs  Method',
        '',
      ),
    );
  });

  test('Format-Table output passes through Out-Default and is laid out for its width', () => {
    const ft = formatTable([obj({ Name: 'Inet' })], { width: 119 }) as string[];
    expect(outDefault([new FormattedText(ft), 'after'])).toBe(lines('', 'Name', '----', 'Inet', '', 'after'));
  });
});

describe('Out-String, Out-File and redirection text', () => {
  test('Out-String renders like Out-Default; every line ends with a newline', () => {
    const text = renderOutput([obj({ Name: 'Inet', Port: 25 })], { columns: UNLIMITED, tableColumns: 120 })
      .map((l) => l + '\n')
      .join('');
    expect(text).toBe('\nName Port\n---- ----\nInet   25\n\n');
  });

  test('Out-String does not wrap lists without -Width', () => {
    const long = 'word '.repeat(40).trim();
    expect(renderOutput([obj({ A: long, B: 1, C: 2, D: 3, E: 4 })], { columns: UNLIMITED, tableColumns: 120 })[1]).toBe('A : ' + long);
  });

  test('redirection text is laid out to width - 1 and ends every line', () => {
    expect(formatToText(['a', obj({ N: 1 })], 120)).toBe('a\n\nN\n-\n1\n\n');
  });
});

describe('Format-Wide', () => {
  test('shares the width between the columns', () => {
    const rows = ['a', 'b', 'c'].map((n) => obj({ Name: n, Other: 1 }));
    expect((formatWide(rows, { width: 20, column: 2 }) as string[]).map((l) => l.trimEnd())).toEqual(['', 'a' + ' '.repeat(10) + 'b', 'c', '']);
  });

  test('-AutoSize fits as many columns as the widest value allows', () => {
    const rows = ['alpha', 'b', 'c', 'd'].map((n) => obj({ Name: n }));
    expect((formatWide(rows, { width: 20, autoSize: true }) as string[]).map((l) => l.trimEnd())).toEqual(['', 'alpha  b      c', 'd', '']);
  });
});
