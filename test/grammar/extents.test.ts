import { describe, expect, it } from 'vitest';
import type * as A from '../../grammar/ast.js';
import { parseScript } from '../../grammar/index.js';

const ext = (e: A.Extent) => [e.startOffset, e.endOffset, e.startLine, e.startColumn, e.endLine, e.endColumn, e.text];

describe('extents', () => {
  const text = 'Get-X -Name a |\n  Where-Object { $_.Size -gt 10MB }\n$y = "v: $x"';
  const sb = parseScript(text, 'e.ps1');

  it('cover the script and each statement (end exclusive, columns 1-based)', () => {
    expect(ext(sb.extent)).toEqual([0, text.length, 1, 1, 3, 13, text]);
    const [p, a] = sb.end as [A.PipelineAst, A.AssignmentAst];
    expect(ext(p.extent)).toEqual([0, 51, 1, 1, 2, 36, 'Get-X -Name a |\n  Where-Object { $_.Size -gt 10MB }']);
    expect(ext(a.extent)).toEqual([52, 64, 3, 1, 3, 13, '$y = "v: $x"']);
    expect(sb.extent.file).toBe('e.ps1');
  });

  it('cover commands, parameters and arguments', () => {
    const p = sb.end![0] as A.PipelineAst;
    const c = p.elements[0] as A.CommandAst;
    expect(ext(c.extent)).toEqual([0, 13, 1, 1, 1, 14, 'Get-X -Name a']);
    expect(c.elements.map((e) => e.extent.text)).toEqual(['Get-X', '-Name', 'a']);
    const w = p.elements[1] as A.CommandAst;
    const block = w.elements[1] as A.ScriptBlockExpressionAst;
    expect(ext(block.extent)).toEqual([31, 51, 2, 16, 2, 36, '{ $_.Size -gt 10MB }']);
    const cond = ((block.scriptBlock.end![0] as A.PipelineAst).elements[0] as A.CommandExpressionAst).expression as A.BinaryExpressionAst;
    expect(cond.extent.text).toBe('$_.Size -gt 10MB');
    expect(cond.left.extent.text).toBe('$_.Size');
    expect(ext(cond.right.extent)).toEqual([45, 49, 2, 30, 2, 34, '10MB']);
  });

  it('cover parts of expandable strings', () => {
    const a = sb.end![1] as A.AssignmentAst;
    const s = ((a.right as A.PipelineAst).elements[0] as A.CommandExpressionAst).expression as A.ExpandableStringExpressionAst;
    expect(ext((s.parts[1] as A.VariableExpressionAst).extent)).toEqual([61, 63, 3, 10, 3, 12, '$x']);
  });

  it('an assignment starts at its left-hand side, parentheses inside it notwithstanding', () => {
    const a = parseScript('  $x[(1)] = (Get-A)').end![0] as A.AssignmentAst;
    expect(ext(a.extent)).toEqual([2, 19, 1, 3, 1, 20, '$x[(1)] = (Get-A)']);
  });

  it('serialise to plain data', () => {
    expect(JSON.parse(JSON.stringify(sb.extent))).toEqual({ file: 'e.ps1', startOffset: 0, endOffset: text.length, startLine: 1, startColumn: 1, endLine: 3, endColumn: 13, text });
  });
});
