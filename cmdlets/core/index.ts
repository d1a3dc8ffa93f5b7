// The core cmdlets (Microsoft.PowerShell.*): pipeline, output streams, items and content, data
// conversion, help. The formatting and output cmdlets come from format-cmdlets.ts.
import type { CmdletDecl } from '../../src/engine/cmdlet.js';
import './lib/views.js';
import { formatCmdlets } from './format-cmdlets.js';
import { cmdlet as getHistory } from './get-history.js';
import { cmdlet as clearHost } from './clear-host.js';
import { cmdlet as whereObject } from './where-object.js';
import { cmdlet as foreachObject } from './foreach-object.js';
import { cmdlet as selectObject } from './select-object.js';
import { cmdlet as sortObject } from './sort-object.js';
import { cmdlet as groupObject } from './group-object.js';
import { cmdlet as measureObject } from './measure-object.js';
import { cmdlet as teeObject } from './tee-object.js';
import { cmdlet as getUnique } from './get-unique.js';
import { cmdlet as newObject } from './new-object.js';
import { cmdlet as getMember } from './get-member.js';
import { cmdlet as writeOutput } from './write-output.js';
import { cmdlet as writeHost } from './write-host.js';
import { cmdlet as writeError } from './write-error.js';
import { cmdlet as writeWarning } from './write-warning.js';
import { cmdlet as writeVerbose } from './write-verbose.js';
import { cmdlet as writeDebug } from './write-debug.js';
import { cmdlet as writeInformation } from './write-information.js';
import { cmdlet as writeProgress } from './write-progress.js';
import { cmdlet as getCommand } from './get-command.js';
import { cmdlet as getHelp } from './get-help.js';
import { cmdlet as getContent } from './get-content.js';
import { cmdlet as setContent } from './set-content.js';
import { cmdlet as addContent } from './add-content.js';
import { cmdlet as testPath } from './test-path.js';
import { cmdlet as joinPath } from './join-path.js';
import { cmdlet as splitPath } from './split-path.js';
import { cmdlet as getChildItem } from './get-childitem.js';
import { cmdlet as getItem } from './get-item.js';
import { cmdlet as newItem } from './new-item.js';
import { cmdlet as removeItem } from './remove-item.js';
import { cmdlet as getLocation } from './get-location.js';
import { cmdlet as setLocation } from './set-location.js';
import { cmdlet as getDate } from './get-date.js';
import { cmdlet as getVariable } from './get-variable.js';
import { cmdlet as setVariable } from './set-variable.js';
import { cmdlet as newVariable } from './new-variable.js';
import { cmdlet as removeVariable } from './remove-variable.js';
import { cmdlet as convertToJson } from './convertto-json.js';
import { cmdlet as convertFromJson } from './convertfrom-json.js';
import { cmdlet as convertToCsv } from './convertto-csv.js';
import { cmdlet as convertFromCsv } from './convertfrom-csv.js';
import { cmdlet as exportCsv } from './export-csv.js';
import { cmdlet as importCsv } from './import-csv.js';
import { cmdlet as selectString } from './select-string.js';
import { cmdlet as convertToSecureString } from './convertto-securestring.js';
import { cmdlet as startSleep } from './start-sleep.js';
import { cmdlet as readHost } from './read-host.js';
import { cmdlet as invokeExpression } from './invoke-expression.js';
import { cmdlet as getRandom } from './get-random.js';
import { cmdlet as measureCommand } from './measure-command.js';
import { cmdlet as getAlias } from './get-alias.js';
import { cmdlet as copyItem } from './copy-item.js';
import { cmdlet as moveItem } from './move-item.js';
import { cmdlet as renameItem } from './rename-item.js';

export const cmdlets: CmdletDecl<any>[] = [
  whereObject,
  foreachObject,
  selectObject,
  sortObject,
  groupObject,
  measureObject,
  teeObject,
  getUnique,
  newObject,
  getMember,
  writeOutput,
  writeHost,
  writeError,
  writeWarning,
  writeVerbose,
  writeDebug,
  writeInformation,
  writeProgress,
  getCommand,
  getHelp,
  getContent,
  setContent,
  addContent,
  testPath,
  joinPath,
  splitPath,
  getChildItem,
  getItem,
  newItem,
  removeItem,
  getLocation,
  setLocation,
  getDate,
  getVariable,
  setVariable,
  newVariable,
  removeVariable,
  convertToJson,
  convertFromJson,
  convertToCsv,
  convertFromCsv,
  exportCsv,
  importCsv,
  selectString,
  convertToSecureString,
  startSleep,
  readHost,
  invokeExpression,
  getRandom,
  measureCommand,
  getAlias,
  copyItem,
  moveItem,
  renameItem,
  getHistory,
  clearHost,
  ...formatCmdlets,
];
