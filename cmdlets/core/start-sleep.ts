// Start-Sleep: waits (Ctrl+C ends the wait).
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { TimeSpan } from '../../src/engine/values.js';
import { PipelineStoppedSignal } from '../../src/engine/runtime.js';

interface Params {
  Seconds?: number;
  Milliseconds?: number;
  Duration?: TimeSpan;
}

/** Resolves after `ms`, or early (rejecting with PipelineStoppedSignal) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new PipelineStoppedSignal());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new PipelineStoppedSignal());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Start-Sleep',
  aliases: ['sleep'],
  synopsis: 'Suspend shell, script, or runspace activity for the specified period of time.',
  description:
    'Start-Sleep waits for the given number of seconds (fractions allowed), milliseconds or a TimeSpan before the ' +
    'script goes on, for example between checks of a queue. Ctrl+C ends the wait and stops the pipeline.',
  defaultParameterSet: 'Seconds',
  parameters: [
    { name: 'Seconds', type: 'Double', position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['Seconds'], validateRange: [0, 2147483], description: 'How many seconds to wait.' },
    { name: 'Milliseconds', type: 'Int32', mandatory: true, aliases: ['ms'], valueFromPipelineByPropertyName: true, parameterSets: ['Milliseconds'], validateRange: [0, 2147483647], description: 'How many milliseconds to wait.' },
    { name: 'Duration', type: 'TimeSpan', mandatory: true, aliases: ['ts'], valueFromPipelineByPropertyName: true, parameterSets: ['FromTimeSpan'], description: 'How long to wait, as a TimeSpan.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Wait before checking again',
      code: "Start-Sleep -Milliseconds 50\n'checked'",
      remarks: 'The script waits 50 milliseconds, then goes on.',
      output: 'checked',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const ms = p.Duration ? p.Duration.ms : p.Milliseconds !== undefined ? p.Milliseconds : (p.Seconds ?? 0) * 1000;
    return sleep(ms, ctx.signal);
  },
});

export default cmdlet;
