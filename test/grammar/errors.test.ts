import { describe, expect, it } from 'vitest';
import { isIncomplete, parseScript, ParseError } from '../../grammar/index.js';

/** The error parseScript throws, as [errorId, message, line, column, length, incomplete]. */
function failure(text: string): [string, string, number, number, number, boolean] {
  try {
    parseScript(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    const p = e as ParseError;
    return [p.errorId, p.message, p.line, p.column, p.length, p.incomplete];
  }
  throw new Error(`parsed without error: ${text}`);
}

describe('ParseError', () => {
  it('carries the source, the file and the offset', () => {
    try {
      parseScript('Get-X\nif ($x) {', 'script.ps1');
      expect.unreachable();
    } catch (e) {
      const p = e as ParseError;
      expect(p).toBeInstanceOf(Error);
      expect(p.name).toBe('ParseError');
      expect(p.file).toBe('script.ps1');
      expect(p.source).toBe('Get-X\nif ($x) {');
      expect([p.offset, p.line, p.column, p.length]).toEqual([14, 2, 9, 1]);
    }
  });
});

describe('parse errors: PowerShell wording and position', () => {
  it('missing closing brace points at the opening one', () => {
    expect(failure('if ($x) {')).toEqual(['MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", 1, 9, 1, true]);
    expect(failure('function f {\n  Get-X\n')).toEqual(['MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", 1, 12, 1, true]);
    expect(failure('1..3 | % { $_')).toEqual(['MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", 1, 10, 1, true]);
  });

  it('unterminated strings, here-strings and comments', () => {
    expect(failure('Write-Host "abc')).toEqual(['TerminatorExpectedAtEndOfString', 'The string is missing the terminator: ".', 1, 12, 4, true]);
    expect(failure("$x = 'abc\ndef")).toEqual(['TerminatorExpectedAtEndOfString', "The string is missing the terminator: '.", 1, 6, 4, true]);
    expect(failure('$x = @"\nabc')).toEqual(['TerminatorExpectedAtEndOfString', 'The string is missing the terminator: "@.', 1, 6, 2, true]);
    expect(failure("@'\nabc\n '@")).toEqual(['TerminatorExpectedAtEndOfString', "The string is missing the terminator: '@.", 1, 1, 2, true]);
    expect(failure('<# abc')).toEqual(['MissingTerminatorMultiLineComment', "The terminator '#>' is missing from the multiline comment.", 1, 1, 2, true]);
    expect(failure("@'abc'@")).toEqual(['UnexpectedCharactersAfterHereStringHeader', 'No characters are allowed after a here-string header but before the end of the line.', 1, 3, 5, false]);
  });

  it('unexpected tokens', () => {
    expect(failure('$x = 1 $y')).toEqual(['UnexpectedToken', "Unexpected token '$y' in expression or statement.", 1, 8, 2, false]);
    expect(failure('Get-X }')).toEqual(['UnexpectedToken', "Unexpected token '}' in expression or statement.", 1, 7, 1, false]);
    expect(failure('"a" "b"')).toEqual(['UnexpectedToken', `Unexpected token '"b"' in expression or statement.`, 1, 5, 3, false]);
  });

  it('missing operands', () => {
    expect(failure('-not')).toEqual(['MissingExpressionAfterOperator', "Missing expression after unary operator '-not'.", 1, 5, 0, true]);
    expect(failure('$a -and -not')).toEqual(['MissingExpressionAfterOperator', "Missing expression after unary operator '-not'.", 1, 13, 0, true]);
    expect(failure('1 +')).toEqual(['ExpectedValueExpression', "You must provide a value expression following the '+' operator.", 1, 4, 0, true]);
    expect(failure('$a -eq\n')).toEqual(['ExpectedValueExpression', "You must provide a value expression following the '-eq' operator.", 1, 7, 0, true]);
    expect(failure('$x =')).toEqual(['ExpectedValueExpression', "You must provide a value expression following the '=' operator.", 1, 5, 0, true]);
    expect(failure('$x += )')).toEqual(['ExpectedValueExpression', "You must provide a value expression following the '+=' operator.", 1, 6, 0, false]);
    expect(failure('1,')).toEqual(['MissingExpressionAfterToken', "Missing expression after ','.", 1, 3, 0, true]);
    expect(failure('Get-X -Services SMTP,')).toEqual(['MissingExpressionAfterToken', "Missing expression after ','.", 1, 22, 0, true]);
  });

  it('pipelines', () => {
    expect(failure('Get-X |')).toEqual(['EmptyPipeElement', 'An empty pipe element is not allowed.', 1, 8, 0, true]);
    expect(failure('| Get-X')).toEqual(['EmptyPipeElement', 'An empty pipe element is not allowed.', 1, 1, 1, false]);
    expect(failure('Get-X | | Get-Y')).toEqual(['EmptyPipeElement', 'An empty pipe element is not allowed.', 1, 9, 1, false]);
    expect(failure('Get-X | $x')).toEqual(['ExpressionsMustBeFirstInPipeline', 'Expressions are only allowed as the first element of a pipeline.', 1, 9, 2, false]);
    expect(failure('Get-X >')).toEqual(['MissingFileSpecification', 'Missing file specification after redirection operator.', 1, 8, 0, true]);
    expect(failure('&')).toEqual(['MissingExpression', "Missing expression after '&' in pipeline element.", 1, 2, 0, true]);
  });

  it('brackets', () => {
    expect(failure('(1 + 2')).toEqual(['MissingEndParenthesisInExpression', "Missing closing ')' in expression.", 1, 7, 0, true]);
    expect(failure('(1 }')).toEqual(['MissingEndParenthesisInExpression', "Missing closing ')' in expression.", 1, 3, 0, false]);
    expect(failure('$(1')).toEqual(['MissingEndParenthesisInSubexpression', "Missing closing ')' in subexpression.", 1, 4, 0, true]);
    expect(failure('@(1')).toEqual(['MissingEndParenthesisInSubexpression', "Missing closing ')' in subexpression.", 1, 4, 0, true]);
    expect(failure('$s.M(1')).toEqual(['MissingEndParenthesisInMethodCall', "Missing ')' in method call.", 1, 7, 0, true]);
    expect(failure('$a[0')).toEqual(['MissingEndSquareBracket', "Missing ']' after array index expression.", 1, 5, 0, true]);
    expect(failure('$a[]')).toEqual(['MissingArrayIndexExpression', 'Array index expression is missing or not valid.', 1, 4, 0, false]);
    expect(failure('@{a=1')).toEqual(['IncompleteHashLiteral', 'The hash literal was incomplete.', 1, 6, 0, true]);
    expect(failure('@{a}')).toEqual(['MissingEqualsInHashLiteral', "Missing '=' operator after key in hash literal.", 1, 4, 0, false]);
    expect(failure('$x.')).toEqual(['MissingPropertyName', 'Missing property name after reference operator.', 1, 4, 0, true]);
    expect(failure('()')).toEqual(['ExpectedExpression', "An expression was expected after '('.", 1, 2, 0, false]);
    expect(failure('[int')).toEqual(['EndSquareBracketExpectedAtEndOfAttribute', 'Missing ] at end of attribute or type literal.', 1, 5, 0, true]);
  });

  it('statements', () => {
    expect(failure('if')).toEqual(['MissingOpenParenthesisInIfStatement', "Missing '(' after 'if' in if statement.", 1, 3, 0, true]);
    expect(failure('if (')).toEqual(['IfStatementMissingCondition', "Missing condition in if statement after 'if ('.", 1, 5, 0, true]);
    expect(failure('if ($x')).toEqual(['MissingEndParenthesisAfterStatement', "Missing closing ')' after expression in 'if' statement.", 1, 7, 0, true]);
    expect(failure('if ($x)')).toEqual(['MissingStatementBlock', 'Missing statement block after if ( condition ).', 1, 8, 0, true]);
    expect(failure('if ($x) { } elseif ($y)')).toEqual(['MissingStatementBlock', 'Missing statement block after elseif ( condition ).', 1, 24, 0, true]);
    expect(failure('if ($x) { } else')).toEqual(['MissingStatementBlockAfterElse', "Missing statement block after 'else' keyword.", 1, 17, 0, true]);
    expect(failure('foreach $x')).toEqual(['MissingOpenParenthesisAfterKeyword', "Missing opening '(' after keyword 'foreach'.", 1, 8, 0, false]);
    expect(failure('foreach ($x $y) {}')).toEqual(['MissingInInForeach', "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}", 1, 12, 0, false]);
    expect(failure('foreach ($x in $y)')).toEqual(['MissingForeachStatement', 'Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}', 1, 19, 0, true]);
    expect(failure('while ($x)')).toEqual(['MissingLoopStatement', 'Missing statement body in while loop.', 1, 11, 0, true]);
    expect(failure('do { }')).toEqual(['MissingWhileOrUntilInDoWhile', 'Missing while or until keyword in do loop.', 1, 7, 0, true]);
    expect(failure('switch ($x)')).toEqual(['MissingCurlyBraceInSwitchStatement', "Missing '{' in switch statement.", 1, 12, 0, true]);
    expect(failure('function')).toEqual(['MissingNameAfterKeyword', 'Missing name after function keyword.', 1, 9, 0, true]);
    expect(failure('function f')).toEqual(['MissingFunctionBody', 'Missing function body in function declaration.', 1, 11, 0, true]);
    expect(failure('try')).toEqual(['MissingTryStatementBlock', 'The Try statement is missing its statement block.', 1, 4, 0, true]);
    expect(failure('try { }')).toEqual(['MissingCatchOrFinally', 'The Try statement is missing its Catch or Finally block.', 1, 8, 0, true]);
    expect(failure('try { } catch')).toEqual(['MissingCatchHandlerBlock', 'The Catch block is missing its statement block.', 1, 14, 0, true]);
    expect(failure('try { } finally')).toEqual(['MissingFinallyStatementBlock', 'The Finally block is missing its statement block.', 1, 16, 0, true]);
    expect(failure('1 = 2')).toEqual([
      'InvalidLeftHandSide',
      'The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.',
      1,
      1,
      1,
      false,
    ]);
  });

  it('an error inside a string sub-expression is not incomplete', () => {
    expect(failure('"a $(1 +) b"')).toEqual(['ExpectedValueExpression', "You must provide a value expression following the '+' operator.", 1, 9, 0, false]);
    expect(isIncomplete('"a $(1 +) b"')).toBe(false);
  });

  it('reports the line and column of an error further down', () => {
    expect(failure('Get-X\n\n  $a = (1 +\n  2\n')).toEqual(['MissingEndParenthesisInExpression', "Missing closing ')' in expression.", 4, 4, 0, true]);
  });
});

describe('isIncomplete', () => {
  it('is true for input that more lines could complete', () => {
    for (const text of [
      'if ($x) {',
      'function f {\n  Get-X',
      '"abc',
      "'abc",
      '@"\nline',
      "@'\n",
      '<# comment',
      'Get-X |',
      'Get-X |\n',
      'Get-X `',
      'Get-X `\n',
      'if ($x)',
      'if (',
      '(1 +',
      '$x = @(',
      '@{ a = 1',
      '$x =',
      'foreach ($i in 1..3)',
      'try { }',
      'do { }',
    ]) {
      expect([text, isIncomplete(text)]).toEqual([text, true]);
    }
  });

  it('is false for complete or invalid input', () => {
    for (const text of ['Get-X', 'if ($x) { }', '$x = 1', 'Get-X }', '$x = 1 $y', '| Get-X', "'abc'", 'Get-X ``', '@{ a }', '(1 }', '']) {
      expect([text, isIncomplete(text)]).toEqual([text, false]);
    }
  });
});
