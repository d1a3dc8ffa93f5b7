// Write-Progress: shows a progress bar in the host.
import { defineCmdlet } from '../../src/engine/cmdlet.js';

interface Params {
  Activity?: string;
  Status?: string;
  Id?: number;
  PercentComplete?: number;
  SecondsRemaining?: number;
  CurrentOperation?: string;
  ParentId?: number;
  Completed?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Write-Progress',
  synopsis: 'Displays a progress bar within a PowerShell command window.',
  description:
    'Write-Progress shows (or updates) a progress bar in the console: the activity, a status line and the ' +
    'percentage done. -Id distinguishes several bars; -Completed removes the bar. Progress is not part of the ' +
    'output and is hidden when $ProgressPreference is SilentlyContinue.',
  parameters: [
    { name: 'Activity', type: 'String', position: 0, description: 'The first line of the bar: what is being done.' },
    { name: 'Status', type: 'String', position: 1, description: 'The second line: the current state.', defaultValue: 'Processing' },
    { name: 'Id', type: 'Int32', position: 2, description: 'Identifies the bar, to update or complete it later.', defaultValue: 0 },
    { name: 'PercentComplete', type: 'Int32', validateRange: [-1, 100], description: 'How much is done, 0 to 100 (-1: unknown).' },
    { name: 'SecondsRemaining', type: 'Int32', description: 'The estimated time left.' },
    { name: 'CurrentOperation', type: 'String', description: 'The operation in progress, shown below the bar.' },
    { name: 'ParentId', type: 'Int32', description: 'The bar this one is a child of.' },
    { name: 'Completed', type: 'SwitchParameter', description: 'Removes the bar.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Report progress through a loop',
      code: "foreach ($i in 1..3) { Write-Progress -Activity 'Testing mail flow' -Status \"Message $i\" -PercentComplete ($i * 33) }\nWrite-Progress -Activity 'Testing mail flow' -Completed\n'done'",
      remarks: 'The bar is drawn by the host and is not part of the output.',
      output: 'done',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    ctx.writeProgress({
      activity: p.Activity ?? '',
      status: p.Status ?? 'Processing',
      percentComplete: p.PercentComplete ?? -1,
      id: p.Id ?? 0,
      completed: !!p.Completed,
    });
  },
});

export default cmdlet;
