// ForEach-Object: runs script blocks for each pipeline object (with -Begin/-End blocks), or reads
// a property / calls a method of each object (`ForEach-Object Name`, `% ToUpper`).
import { defineCmdlet, type CmdletContext } from '../../src/engine/cmdlet.js';
import { PSHashtable, PSObject, isScriptBlock, type ScriptBlock } from '../../src/engine/values.js';
import { toStr } from '../../src/engine/convert.js';
import { invokeMethod, memberList } from '../../src/engine/members.js';
import { hasWildcard, wildcardToRegex } from '../../src/engine/wildcard.js';
import { errorRecord, firstTypeName, propertyValue, remainingArguments, type MP } from './lib/common.js';

type Ctx = CmdletContext<Params>;

interface Params {
  InputObject?: unknown;
  Begin?: ScriptBlock;
  Process?: unknown[];
  End?: ScriptBlock;
  RemainingScripts?: unknown[];
  MemberName?: string;
  ArgumentList?: unknown[];
}

const asList = (v: unknown): unknown[] => (v === null || v === undefined ? [null] : Array.isArray(v) ? v : [v]);

interface MemberInfo {
  name: string;
  isMethod: boolean;
}

/** The members of `obj` named `name` (wildcards allowed), methods and properties alike. */
function findMembers(obj: unknown, name: string): MemberInfo[] {
  let list: { name: string; memberType: string }[];
  try {
    list = memberList(obj);
  } catch {
    list = [];
  }
  const matches = hasWildcard(name) ? ((re) => list.filter((m) => re.test(m.name)))(wildcardToRegex(name)) : list.filter((m) => m.name.toLowerCase() === name.toLowerCase());
  const seen = new Set<string>();
  const out: MemberInfo[] = [];
  for (const m of matches) {
    const k = m.name.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ name: m.name, isMethod: /Method$/.test(m.memberType) });
  }
  return out;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'ForEach-Object',
  aliases: ['foreach', '%'],
  synopsis: 'Performs an operation against each item in a collection of input objects.',
  description:
    'ForEach-Object runs a script block for each pipeline object, with $_ set to the object, and writes what the ' +
    'block outputs. -Begin runs once before the first object and -End once after the last. Several script blocks ' +
    'given by position follow PowerShell: with two, the first is the begin block; with three or more, the first is ' +
    'the begin block, the last the end block and the ones between run for each object. ' +
    'Given a name instead of a script block (`ForEach-Object Name`), it writes that property of each object, or ' +
    'calls the method of that name with the -ArgumentList values (`ForEach-Object Replace a b`).',
  defaultParameterSet: 'ScriptBlockSet',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to process. Usually piped in.' },
    { name: 'Begin', type: 'ScriptBlock', parameterSets: ['ScriptBlockSet'], description: 'A script block that runs once, before the first input object.' },
    {
      name: 'Process',
      type: 'ScriptBlock[]',
      position: 0,
      mandatory: true,
      parameterSets: ['ScriptBlockSet'],
      // A name given by position lands here in the default set; it is then the member name.
      convert: asList,
      description: 'The script block (or blocks) to run for each input object; $_ is the object.',
    },
    { name: 'End', type: 'ScriptBlock', parameterSets: ['ScriptBlockSet'], description: 'A script block that runs once, after the last input object.' },
    remainingArguments({
      name: 'RemainingScripts',
      type: 'ScriptBlock[]',
      parameterSets: ['ScriptBlockSet'],
      convert: asList,
      description: 'Script blocks after the first positional one: they complete the begin/process/end sequence.',
    }),
    {
      name: 'MemberName',
      type: 'String',
      position: 0,
      mandatory: true,
      parameterSets: ['PropertyAndMethodSet'],
      validateNotNullOrEmpty: true,
      description: 'The property to read or the method to call on each object. Wildcards are permitted when they match one member.',
    },
    remainingArguments({
      name: 'ArgumentList',
      type: 'Object[]',
      aliases: ['Args'],
      parameterSets: ['PropertyAndMethodSet'],
      description: 'The arguments of the method named by -MemberName.',
    }),
  ],
  outputTypes: ['System.Object'],
  examples: [
    {
      title: 'Run a script block for each object',
      code: '1..3 | ForEach-Object { $_ * 10 }',
      remarks: '$_ is the current object; what the block outputs is written to the pipeline.',
      output: '10\n20\n30',
    },
    {
      title: 'Begin, process and end blocks',
      code: '1..4 | ForEach-Object -Begin { $sum = 0 } -Process { $sum += $_ } -End { "Total: $sum" }',
      remarks: 'The begin block runs once before the input, the end block once after it.',
      output: 'Total: 10',
    },
    {
      title: 'Read a property of each object',
      code: "[pscustomobject]@{Name='Internet'}, [pscustomobject]@{Name='Partner'} | ForEach-Object Name",
      remarks: 'A name instead of a script block reads that property.',
      output: 'Internet\nPartner',
    },
    {
      title: 'Call a method of each object',
      code: "'contoso.com', 'woodgrovebank.com' | % ToUpper",
      remarks: 'With the % alias and a method name, the method is called on each string.',
      output: 'CONTOSO.COM\nWOODGROVEBANK.COM',
    },
  ],
  begin(ctx) {
    const p = ctx.params;
    const st = ctx.state;
    const given = [...(p.Process ?? [])];
    if (ctx.parameterSetName !== 'PropertyAndMethodSet' && given.length > 0 && !isScriptBlock(given[0]) && given[0] !== null && !ctx.bound.has('Begin') && !ctx.bound.has('End')) {
      // `% Name`: a name given by position is the member name (PowerShell binds it to -MemberName)
      st.member = toStr(given[0]);
      st.args = [...given.slice(1), ...(p.RemainingScripts ?? [])];
      return;
    }
    if (ctx.parameterSetName === 'PropertyAndMethodSet') {
      st.member = p.MemberName;
      st.args = p.ArgumentList ?? [];
      return;
    }
    if (ctx.bound.has('WhatIf') || ctx.bound.has('Confirm')) {
      const whatIf = ctx.bound.has('WhatIf') && (ctx.params as Record<string, unknown>).WhatIf;
      const confirm = ctx.bound.has('Confirm') && (ctx.params as Record<string, unknown>).Confirm;
      if (whatIf || confirm) {
        ctx.throwTerminating(
          errorRecord(ctx, 'The -WhatIf and -Confirm parameters are not supported for script blocks.', 'NoShouldProcessForScriptBlockSet', 'InvalidOperation', undefined, 'System.InvalidOperationException'),
        );
      }
    }
    const scripts: (ScriptBlock | null)[] = [];
    for (const s of [...given, ...(p.RemainingScripts ?? [])]) {
      if (s !== null && s !== undefined && !isScriptBlock(s)) {
        ctx.throwTerminating(
          errorRecord(
            ctx,
            `Cannot bind parameter 'Process'. Cannot convert the "${toStr(s)}" value of type "${firstTypeName(s)}" to type "System.Management.Automation.ScriptBlock".`,
            'CannotConvertArgumentNoMessage',
            'InvalidArgument',
            undefined,
            'System.Management.Automation.ParameterBindingException',
          ),
        );
      }
      scripts.push((s as ScriptBlock) ?? null);
    }
    if (ctx.bound.has('Begin')) scripts.unshift(p.Begin ?? null);
    const start = scripts.length > 1 ? 1 : 0;
    let end = scripts.length;
    let endScript: ScriptBlock | null = p.End ?? null;
    if (!ctx.bound.has('End') && scripts.length > 2) {
      end = scripts.length - 1;
      endScript = scripts[end];
    }
    const processScripts = scripts.slice(start, end).filter((s): s is ScriptBlock => s !== null);
    if (processScripts.length === 1) st.single = processScripts[0];
    st.scripts = processScripts;
    st.endScript = endScript;
    if (end >= 2 && scripts[0]) {
      const r = scripts[0].invoke({});
      if (r instanceof Promise) return r.then((out) => ctx.write(out));
      ctx.write(r);
    }
  },
  process(ctx) {
    const st = ctx.state;
    const item = ctx.params.InputObject;
    const single: ScriptBlock | undefined = st.single;
    if (single) {
      const r = single.invoke({ dollarUnder: item });
      if (r instanceof Promise) return r.then((out) => ctx.write(out));
      ctx.write(r);
      return;
    }
    if (st.member !== undefined) return processMember(ctx, item);
    const scripts: ScriptBlock[] = st.scripts;
    let i = 0;
    const step = (): MP<void> => {
      for (; i < scripts.length; i++) {
        const r = scripts[i].invoke({ dollarUnder: item });
        if (r instanceof Promise) {
          i++;
          return r.then((out) => {
            ctx.write(out);
            return step();
          });
        }
        ctx.write(r);
      }
    };
    return step();
  },
  end(ctx) {
    const e: ScriptBlock | null | undefined = ctx.state.endScript;
    if (!e) return;
    const r = e.invoke({});
    if (r instanceof Promise) return r.then((out) => ctx.write(out));
    ctx.write(r);
  },
});

function processMember(ctx: Ctx, item: unknown): MP<void> {
  const st = ctx.state;
  const name: string = st.member;
  const args: unknown[] = st.args;
  if (item === null || item === undefined) {
    if (!args.length) ctx.write(null, false);
    return;
  }
  const target = `InputObject: ${toStr(item)}`;
  if (args.length > 0) {
    const methods = findMembers(item, name).filter((m) => m.isMethod);
    if (methods.length > 1) {
      ctx.writeError(errorRecord(ctx, `Input name "${name}" is ambiguous. It can be resolved to multiple matched methods. Possible matches include: ${methods.map((m) => m.name).join(' ')}.`, 'AmbiguousMethodName', 'InvalidArgument', item, 'System.Management.Automation.PSArgumentException'));
      return;
    }
    if (methods.length === 0) {
      ctx.writeError(errorRecord(ctx, `Input name "${name}" cannot be resolved to a method.`, 'MethodNotFound', 'InvalidArgument', item, 'System.Management.Automation.PSArgumentException'));
      return;
    }
    return callMethod(ctx, item, methods[0].name, args, `Invoke method '${methods[0].name}' with arguments: ${args.map((a) => (a === null || a === undefined ? 'null' : toStr(a))).join(', ')}`, target);
  }
  if (item instanceof PSHashtable && item.has(name)) return writeUnrolled(ctx, item.get(name));
  const members = findMembers(item, name);
  if (members.length > 1) {
    ctx.writeError(errorRecord(ctx, `Input name "${name}" is ambiguous. It can be resolved to multiple matched members. Possible matches include: ${members.map((m) => m.name).join(' ')}.`, 'AmbiguousPropertyOrMethodName', 'InvalidArgument', item, 'System.Management.Automation.PSArgumentException'));
    return;
  }
  const m = members[0];
  if (m?.isMethod) return callMethod(ctx, item, m.name, [], `Invoke method '${m.name}'`, target);
  const prop = m ? m.name : name;
  if (ctx.bound.has('WhatIf') || ctx.bound.has('Confirm')) {
    return ctx.shouldProcess(target, `Retrieve the value for property '${prop}'`).then((ok) => {
      if (ok) writeUnrolled(ctx, propertyValue(item, prop) ?? null);
    });
  }
  const v = item instanceof PSObject && !m ? undefined : propertyValue(item, prop);
  writeUnrolled(ctx, v === undefined ? null : v);
}

function callMethod(ctx: Ctx, item: unknown, method: string, args: unknown[], action: string, target: string): MP<void> {
  const run = () => {
    let r: unknown;
    try {
      r = invokeMethod(item, method, args);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      ctx.writeError(errorRecord(ctx, msg, 'MethodInvocationError', 'InvalidOperation', item));
      return;
    }
    if (r instanceof Promise) return r.then((x) => writeUnrolled(ctx, x));
    writeUnrolled(ctx, r);
  };
  if (ctx.bound.has('WhatIf') || ctx.bound.has('Confirm')) {
    return ctx.shouldProcess(target, action).then((ok) => (ok ? run() : undefined));
  }
  return run();
}

function writeUnrolled(ctx: { write(v: unknown, e?: boolean): void }, v: unknown): void {
  if (v === undefined) return;
  ctx.write(v, true);
}

export default cmdlet;
