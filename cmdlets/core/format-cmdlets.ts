// The formatting and output cmdlets, for cmdlets/core/index.ts.
import type { CmdletDecl } from '../../src/engine/cmdlet.js';
import { cmdlet as formatTable } from './format-table.js';
import { cmdlet as formatList } from './format-list.js';
import { cmdlet as formatWide } from './format-wide.js';
import { cmdlet as outString } from './out-string.js';
import { cmdlet as outFile } from './out-file.js';
import { cmdlet as outNull } from './out-null.js';
import { cmdlet as outHost } from './out-host.js';

export const formatCmdlets: CmdletDecl<any>[] = [formatTable, formatList, formatWide, outString, outFile, outNull, outHost];
