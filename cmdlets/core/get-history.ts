// Get-History: the command lines run in this interactive session. The interactive shell registers
// the 'history' service; in a script there is none and the cmdlet writes nothing, as in pwsh -File.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSObject, TimeSpan } from '../../src/engine/values.js';
import { registerViews } from '../../src/format/index.js';
import type { HistoryEntry, HistoryService } from '../../src/ui/services.js';
import { errorRecord } from './lib/common.js';

interface Params {
  Id?: number[];
  Count?: number;
}

const HISTORY_INFO = 'Microsoft.PowerShell.Commands.HistoryInfo';

registerViews([
  {
    typeName: HISTORY_INFO,
    table: {
      columns: [
        { label: 'Id', property: 'Id', width: 4, align: 'right' },
        {
          label: 'Duration',
          width: 12,
          align: 'right',
          expression: (o) => {
            const d = o instanceof PSObject ? o.get('Duration') : undefined;
            return d instanceof TimeSpan ? (d.ms / 1000).toFixed(3) : '';
          },
        },
        { label: 'CommandLine', property: 'CommandLine' },
      ],
    },
    list: { properties: ['Id', 'CommandLine', 'ExecutionStatus', 'StartExecutionTime', 'EndExecutionTime', 'Duration'] },
  },
]);

function historyInfo(e: HistoryEntry): PSObject {
  const o = new PSObject([HISTORY_INFO, 'System.Object']);
  o.add('Id', e.id);
  o.add('CommandLine', e.commandLine);
  o.add('ExecutionStatus', e.executionStatus);
  o.add('StartExecutionTime', e.startExecutionTime);
  o.add('EndExecutionTime', e.endExecutionTime);
  o.add('Duration', new TimeSpan(e.endExecutionTime.getTime() - e.startExecutionTime.getTime()));
  o.addMethod('ToString', () => e.commandLine);
  return o;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-History',
  aliases: ['h', 'history', 'ghy'],
  synopsis: 'Gets a list of the commands entered during the current session.',
  description:
    'Get-History writes a HistoryInfo object for each command line run in this interactive session: its Id, ' +
    'the CommandLine, the ExecutionStatus (Completed, Failed or Stopped), the start and end times and the ' +
    'Duration. -Count limits the list to the most recent lines; -Id picks lines by number. The history of ' +
    'earlier sessions (Up arrow, Ctrl+R) is kept in $env:EDGESHELL_HOME/history.txt. A script has no ' +
    'session history, so there Get-History writes nothing.',
  parameters: [
    { name: 'Id', type: 'Int64[]', position: 0, valueFromPipeline: true, description: 'The Id numbers of the entries to get.' },
    { name: 'Count', type: 'Int32', position: 1, validateRange: [0, 32767], description: 'The number of most recent entries to get.' },
  ],
  outputTypes: [HISTORY_INFO],
  examples: [
    {
      title: 'The five most recent command lines',
      code: 'Get-History -Count 5',
      remarks:
        'In the interactive shell this lists the Id, Duration and CommandLine of the last five lines. A script has ' +
        'no session history, so run as an example it writes nothing.',
      output: '',
    },
    {
      title: 'Count the lines of this session',
      code: '@(Get-History).Count',
      remarks: 'Zero in a script; the number of lines run so far in the interactive shell.',
      output: '0',
    },
  ],
  process(ctx) {
    const service = ctx.session.services.get('history') as HistoryService | undefined;
    const entries = service ? service.entries() : [];
    const p = ctx.params;
    if (p.Id && p.Id.length) {
      for (const id of p.Id) {
        const e = entries.find((x) => x.id === Number(id));
        if (e) ctx.write(historyInfo(e), false);
        else ctx.writeError(errorRecord(ctx, `Cannot locate history for Id ${id}.`, 'GetHistoryObjectNotFound', 'ObjectNotFound', id, 'System.ArgumentException'));
      }
      return;
    }
    const count = p.Count ?? entries.length;
    for (const e of count > 0 ? entries.slice(-count) : []) ctx.write(historyInfo(e), false);
  },
});

export default cmdlet;
