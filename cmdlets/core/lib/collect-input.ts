// begin/process for the cmdlets that lay out their whole input at the end (Format-*, Out-File,
// Out-Host): every non-null input object, piped or given as -InputObject, lands in ctx.state.items.
import type { CmdletContext } from '../../../src/engine/cmdlet.js';

export const collectInput = {
  begin(ctx: CmdletContext<any>): void {
    ctx.state.items = [];
  },
  process(ctx: CmdletContext<any>): void {
    const v = ctx.bound.has('InputObject') ? ctx.params.InputObject : ctx.input;
    if (v !== undefined && v !== null) (ctx.state.items as unknown[]).push(v);
  },
};
