// Turns a function's or script's param() block into the same metadata cmdlets declare, so that
// functions bind through the one binder.
import type * as A from '../../grammar/ast.js';
import type { ParameterDecl } from './cmdlet.js';
import { CommandMetadata, isSwitchType } from './binder.js';
import { compileExpr, type CompiledBlock, type ExprFn } from './compile.js';
import { convertTo, toBool, toNumber, toStr } from './convert.js';
import { psError } from './errors.js';

export interface FunctionMetadata {
  command: CommandMetadata;
  defaults: Map<string, ExprFn>;
  hasPipelineParams: boolean;
  isAdvanced: boolean;
  convertDefault(name: string, v: unknown): unknown;
}

/** Attribute arguments are constants in practice: evaluate them without a scope. */
function constant(e: A.ExpressionAst | undefined): unknown {
  if (!e) return true;
  switch (e.kind) {
    case 'Constant':
      return e.value;
    case 'StringConstant':
      return e.value;
    case 'Variable': {
      const n = e.name.toLowerCase();
      if (n === 'true') return true;
      if (n === 'false') return false;
      if (n === 'null') return null;
      break;
    }
    case 'ArrayLiteral':
      return e.elements.map(constant);
    case 'UnaryExpression':
      if (e.operator === '-') return -toNumber(constant(e.operand));
      break;
    case 'ParenExpression':
      if (e.pipeline.kind === 'Pipeline' && e.pipeline.elements[0]?.kind === 'CommandExpression') return constant(e.pipeline.elements[0].expression);
      break;
    case 'ExpandableString':
      return e.parts.filter((p) => typeof p === 'string').join('');
  }
  throw psError(`Attribute argument must be a constant or a script block.`, 'ParameterAttributeArgumentNeedsToBeConstant', 'ParserError', undefined, 'System.Management.Automation.ParseException');
}

export function functionMetadata(block: CompiledBlock, name: string): FunctionMetadata {
  const params = block.parameters ?? [];
  const cmdletBinding = block.paramBlock?.attributes.find((a) => a.typeName.toLowerCase() === 'cmdletbinding');
  const isAdvanced = !!cmdletBinding || params.some((p) => p.attributes.some((a) => a.kind === 'Attribute' && a.typeName.toLowerCase() === 'parameter'));
  let defaultSet: string | undefined;
  let supportsShouldProcess = false;
  let confirmImpact: string | undefined;
  for (const na of cmdletBinding?.namedArguments ?? []) {
    const n = na.name.toLowerCase();
    if (n === 'defaultparametersetname') defaultSet = toStr(constant(na.value));
    if (n === 'supportsshouldprocess') supportsShouldProcess = toBool(constant(na.value));
    if (n === 'confirmimpact') confirmImpact = toStr(constant(na.value));
  }
  void confirmImpact;

  const decls: ParameterDecl[] = [];
  const defaults = new Map<string, ExprFn>();
  const types = new Map<string, string>();
  let anyExplicitPosition = false;
  for (const p of params) {
    let type = 'Object';
    const d: ParameterDecl = { name: p.name, type, description: '' };
    const sets: string[] = [];
    for (const a of p.attributes) {
      if (a.kind === 'TypeConstraint') {
        type = a.typeName;
        continue;
      }
      const an = a.typeName.toLowerCase();
      const named = (k: string) => a.namedArguments.find((x) => x.name.toLowerCase() === k);
      if (an === 'parameter') {
        for (const na of a.namedArguments) {
          const k = na.name.toLowerCase();
          const v = constant(na.value);
          if (k === 'mandatory') d.mandatory = toBool(v);
          else if (k === 'position') {
            d.position = toNumber(v);
            anyExplicitPosition = true;
          } else if (k === 'valuefrompipeline') d.valueFromPipeline = toBool(v);
          else if (k === 'valuefrompipelinebypropertyname') d.valueFromPipelineByPropertyName = toBool(v);
          else if (k === 'parametersetname') sets.push(toStr(v));
          else if (k === 'helpmessage') d.description = toStr(v);
        }
      } else if (an === 'alias') {
        d.aliases = a.positionalArguments.flatMap((x) => [constant(x)].flat().map(toStr));
      } else if (an === 'validateset') {
        d.validateSet = a.positionalArguments.flatMap((x) => [constant(x)].flat().map(toStr));
      } else if (an === 'validaterange') {
        const [lo, hi] = a.positionalArguments.map((x) => toNumber(constant(x)));
        d.validateRange = [lo, hi];
      } else if (an === 'validatecount') {
        const [lo, hi] = a.positionalArguments.map((x) => toNumber(constant(x)));
        d.validateCount = [lo, hi];
      } else if (an === 'validatenotnullorempty' || an === 'validatenotnull') {
        d.validateNotNullOrEmpty = true;
      } else if (an === 'allownull' || an === 'allowemptystring' || an === 'allowemptycollection') {
        d.allowEmpty = true;
      } else if (an === 'validatepattern') {
        d.validatePattern = toStr(constant(a.positionalArguments[0]));
      }
      void named;
    }
    d.type = type;
    if (sets.length) d.parameterSets = sets;
    decls.push(d);
    types.set(p.name, type);
    if (p.defaultValue) defaults.set(p.name, compileExpr(p.defaultValue));
  }
  // without explicit positions, parameters are positional in declaration order (switches never are)
  if (!anyExplicitPosition) {
    let pos = 0;
    for (const d of decls) if (!isSwitchType(d.type)) d.position = pos++;
  }
  const command = new CommandMetadata(name, decls, defaultSet, supportsShouldProcess, isAdvanced, !isAdvanced);
  return {
    command,
    defaults,
    isAdvanced,
    hasPipelineParams: decls.some((d) => d.valueFromPipeline || d.valueFromPipelineByPropertyName),
    convertDefault: (n, v) => {
      const t = types.get(n);
      return t && t.toLowerCase() !== 'object' && !isSwitchType(t) ? convertTo(v, t) : v;
    },
  };
}
