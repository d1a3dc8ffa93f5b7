// Get-Help's text, generated from a cmdlet's declaration: NAME, SYNOPSIS, SYNTAX (one line per
// parameter set), DESCRIPTION, PARAMETERS, INPUTS, OUTPUTS, EXAMPLES, ALIASES and REMARKS.
import type { CmdletDecl, CommandInfo, ParameterDecl } from '../../src/engine/cmdlet.js';
import { toStr } from '../../src/engine/convert.js';
import { dotNetType } from '../../src/engine/binder.js';

const ALL = '__AllParameterSets';

export interface HelpOptions {
  full?: boolean;
  detailed?: boolean;
  examples?: boolean;
  /** -Parameter: only these parameters (wildcards allowed), as Get-Help prints them. */
  parameters?: string[];
  /** Wrap width for the prose (the console width). */
  width?: number;
  aliases?: string[];
}

const isSwitch = (p: ParameterDecl) => /^(switchparameter|switch)$/i.test(p.type);

/** The parameter sets of a declaration, the default one first. */
export function parameterSets(decl: Pick<CmdletDecl, 'parameters' | 'defaultParameterSet'>): string[] {
  const sets: string[] = [];
  for (const p of decl.parameters) for (const s of p.parameterSets ?? []) if (!sets.includes(s)) sets.push(s);
  if (sets.length === 0) return [ALL];
  const def = decl.defaultParameterSet;
  if (def && sets.includes(def)) return [def, ...sets.filter((s) => s !== def)];
  return sets;
}

function inSet(p: ParameterDecl, set: string): boolean {
  return !p.parameterSets || set === ALL || p.parameterSets.includes(set);
}
function mandatoryIn(p: ParameterDecl, set: string): boolean {
  return p.setOverrides?.[set]?.mandatory ?? p.mandatory ?? false;
}
function positionIn(p: ParameterDecl, set: string): number | undefined {
  return p.setOverrides?.[set]?.position ?? p.position;
}

/** `<String>` or `{A | B | C}` for a ValidateSet. */
function typeText(p: ParameterDecl): string {
  if (p.validateSet && p.validateSet.length) return `{${p.validateSet.join(' | ')}}`;
  return `<${p.type}>`;
}

function paramText(p: ParameterDecl, set: string): string {
  const mandatory = mandatoryIn(p, set);
  const pos = positionIn(p, set);
  if (isSwitch(p)) return mandatory ? `-${p.name}` : `[-${p.name}]`;
  const name = pos !== undefined ? `[-${p.name}]` : `-${p.name}`;
  const body = `${name} ${typeText(p)}`;
  return mandatory ? body : `[${body}]`;
}

/** The syntax lines of a command: positional parameters by position, then mandatory, then optional named. */
export function syntaxLines(name: string, decl: Pick<CmdletDecl, 'parameters' | 'defaultParameterSet' | 'supportsShouldProcess'>): string[] {
  return parameterSets(decl).map((set) => {
    const ps = decl.parameters.filter((p) => inSet(p, set));
    const positional = ps.filter((p) => positionIn(p, set) !== undefined).sort((a, b) => positionIn(a, set)! - positionIn(b, set)!);
    const named = ps.filter((p) => positionIn(p, set) === undefined);
    const ordered = [...positional, ...named.filter((p) => mandatoryIn(p, set)), ...named.filter((p) => !mandatoryIn(p, set))];
    const parts = [name, ...ordered.map((p) => paramText(p, set))];
    if (decl.supportsShouldProcess) parts.push('[-WhatIf]', '[-Confirm]');
    parts.push('[<CommonParameters>]');
    return parts.join(' ');
  });
}

/** Words of `text` wrapped to `width` columns, each line indented. Blank lines separate paragraphs. */
export function wrap(text: string, indent: number, width: number): string[] {
  const pad = ' '.repeat(indent);
  const max = Math.max(width - indent, 20);
  const out: string[] = [];
  for (const para of text.split(/\n/)) {
    if (para.trim() === '') {
      out.push('');
      continue;
    }
    let line = '';
    for (const word of para.split(/ +/)) {
      if (word === '') continue;
      if (line && line.length + 1 + word.length > max) {
        out.push(pad + line);
        line = word;
      } else line = line ? line + ' ' + word : word;
    }
    if (line) out.push(pad + line);
  }
  return out;
}

function pipelineText(p: ParameterDecl): string {
  const kinds: string[] = [];
  if (p.valueFromPipelineByPropertyName) kinds.push('ByPropertyName');
  if (p.valueFromPipeline) kinds.push('ByValue');
  return kinds.length ? `True (${kinds.join(', ')})` : 'False';
}

function positionText(p: ParameterDecl): string {
  if (p.position !== undefined) return String(p.position);
  const over = Object.values(p.setOverrides ?? {}).find((o) => o.position !== undefined);
  return over?.position !== undefined ? String(over.position) : 'named';
}

function requiredText(p: ParameterDecl): string {
  if (p.mandatory) return 'true';
  return Object.values(p.setOverrides ?? {}).some((o) => o.mandatory) ? 'true' : 'false';
}

function defaultText(p: ParameterDecl): string {
  if (p.defaultValue !== undefined) return toStr(p.defaultValue);
  return isSwitch(p) ? 'False' : 'None';
}

/** Declarations say so in their description ("Wildcards are permitted."). */
export function acceptsWildcards(p: ParameterDecl): boolean {
  return /wildcards? (are |is )?(permitted|accepted|allowed)/i.test(p.description);
}

/** One parameter as Get-Help -Full and -Parameter show it. */
export function parameterHelp(p: ParameterDecl, width: number): string[] {
  const lines = [`    -${p.name} ${isSwitch(p) ? '[<SwitchParameter>]' : `<${p.type}>`}`];
  lines.push(...wrap(p.description, 8, width));
  if (p.validateSet?.length) {
    lines.push('');
    lines.push(...wrap(`Possible values: ${p.validateSet.join(', ')}`, 8, width));
  }
  lines.push('');
  const row = (label: string, value: string) => `        ${label.padEnd(29)}${value}`.replace(/\s+$/, '');
  lines.push(row('Required?', requiredText(p)));
  lines.push(row('Position?', positionText(p)));
  lines.push(row('Default value', defaultText(p)));
  lines.push(row('Accept pipeline input?', pipelineText(p)));
  if (p.aliases?.length) lines.push(row('Aliases', p.aliases.join(', ')));
  lines.push(row('Accept wildcard characters?', acceptsWildcards(p) ? 'true' : 'false'));
  return lines;
}

const COMMON_PARAMETERS_TEXT =
  'This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, ErrorVariable, WarningAction, ' +
  'WarningVariable, OutBuffer, PipelineVariable, and OutVariable. For more information, see ' +
  'about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).';

export function exampleLines(decl: CmdletDecl, width: number): string[] {
  const out: string[] = [];
  decl.examples.forEach((ex, i) => {
    out.push(`    -------------------------- EXAMPLE ${i + 1} --------------------------`);
    out.push('');
    const code = ex.code.split('\n');
    out.push(`    PS C:\\> ${code[0]}`);
    for (const l of code.slice(1)) out.push(`    ${l}`);
    out.push('');
    if (ex.title) {
      out.push(...wrap(ex.title, 4, width));
      out.push('');
    }
    out.push(...wrap(ex.remarks, 4, width));
    if (ex.output !== undefined && ex.output.replace(/\n/g, '') !== '') {
      out.push('');
      for (const l of ex.output.replace(/^\n+/, '').replace(/\n+$/, '').split('\n')) out.push(('    ' + l).replace(/\s+$/, ''));
    }
    out.push('');
    out.push('');
  });
  return out;
}

function typeList(types: string[]): string[] {
  return types.length ? types.map((t) => `    ${dotNetType(t)}`) : ['    None'];
}

/** The whole help text of a cmdlet. */
export function renderHelp(decl: CmdletDecl, opts: HelpOptions = {}): string {
  const width = opts.width ?? 120;
  const name = decl.name;
  const out: string[] = [];
  const aliases = opts.aliases ?? decl.aliases ?? [];
  if (opts.parameters) {
    for (const p of selectParameters(decl, opts.parameters)) {
      out.push(...parameterHelp(p, width));
      out.push('');
    }
    return out.join('\n').replace(/\n+$/, '');
  }
  if (opts.examples) {
    out.push('NAME', `    ${name}`, '', 'SYNOPSIS', ...wrap(decl.synopsis, 4, width), '', '');
    out.push(...exampleLines(decl, width));
    out.push('REMARKS', ...remarks(name));
    return out.join('\n');
  }
  out.push('NAME', `    ${name}`, '');
  out.push('SYNOPSIS', ...wrap(decl.synopsis, 4, width), '', '');
  out.push('SYNTAX');
  for (const l of syntaxLines(name, decl)) {
    out.push(...wrap(l, 4, width), '');
  }
  out.push('');
  out.push('DESCRIPTION', ...wrap(decl.description, 4, width), '', '');
  if (opts.full || opts.detailed) {
    out.push('PARAMETERS');
    for (const p of decl.parameters) {
      if (opts.full) out.push(...parameterHelp(p, width));
      else out.push(`    -${p.name} ${isSwitch(p) ? '[<SwitchParameter>]' : `<${p.type}>`}`, ...wrap(p.description, 8, width));
      out.push('');
    }
    if (decl.supportsShouldProcess) {
      const wi: ParameterDecl = { name: 'WhatIf', type: 'SwitchParameter', description: 'Shows what would happen if the cmdlet runs. The cmdlet is not run.' };
      const cf: ParameterDecl = { name: 'Confirm', type: 'SwitchParameter', description: 'Prompts you for confirmation before running the cmdlet.' };
      for (const p of [wi, cf]) {
        if (opts.full) out.push(...parameterHelp(p, width));
        else out.push(`    -${p.name} [<SwitchParameter>]`, ...wrap(p.description, 8, width));
        out.push('');
      }
    }
    out.push('    <CommonParameters>', ...wrap(COMMON_PARAMETERS_TEXT, 8, width), '', '');
  }
  if (opts.full) {
    const inputs = [...new Set(decl.parameters.filter((p) => p.valueFromPipeline || p.valueFromPipelineByPropertyName).map((p) => p.type))];
    out.push('INPUTS', ...typeList(inputs), '', '');
    out.push('OUTPUTS', ...typeList(decl.outputTypes ?? []), '', '');
    if (decl.notes) out.push('NOTES', '', ...wrap(decl.notes, 8, width), '', '');
  }
  if (opts.full || opts.detailed) out.push(...exampleLines(decl, width));
  if (aliases.length) out.push('ALIASES', ...aliases.map((a) => `    ${a}`), '', '');
  out.push('REMARKS', ...(opts.full || opts.detailed ? [`    To see the examples, type: "Get-Help ${name} -Examples"`] : remarks(name)));
  return out.join('\n');
}

function remarks(name: string): string[] {
  return [
    `    To see the examples, type: "Get-Help ${name} -Examples"`,
    `    For more information, type: "Get-Help ${name} -Detailed"`,
    `    For technical information, type: "Get-Help ${name} -Full"`,
  ];
}

export function selectParameters(decl: CmdletDecl, names: string[]): ParameterDecl[] {
  const res = names.map((n) => new RegExp('^' + n.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i'));
  return decl.parameters.filter((p) => res.some((re) => re.test(p.name) || (p.aliases ?? []).some((a) => re.test(a))));
}

/** Help for a function or an alias without a declaration: the name and the syntax. */
export function renderFunctionHelp(info: CommandInfo): string {
  const params = info.parameters ?? [];
  const syntax = `${info.name}${params.map((p) => ` [[-${p.name}] <${p.type}>]`).join('')}`;
  return ['NAME', `    ${info.name}`, '', 'SYNTAX', `    ${syntax}`, '', '', 'ALIASES', '    None', '', '', 'REMARKS', '    None'].join('\n');
}
