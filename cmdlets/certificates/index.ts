import type { CmdletDecl } from '../../src/engine/cmdlet.js';

export const cmdlets: CmdletDecl<any>[] = [];
