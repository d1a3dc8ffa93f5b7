import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { wildcardMatch } from '../../src/engine/wildcard.js';
import { TYPE, runningHere, serverSettings, sleep, typed } from './common.js';

interface Params {
  Counter?: string[];
  ListSet?: string[];
  SampleInterval?: number;
  MaxSamples?: number;
  Continuous?: boolean;
  ComputerName?: string[];
}

interface ParsedPath {
  computer?: string;
  object: string;
  instance?: string;
  counter: string;
}

/** `\\computer\object(instance)\counter`, `\object(instance)\counter`, `\object\counter`. */
export function parseCounterPath(text: string): ParsedPath | undefined {
  const m = /^(?:\\\\([^\\]+))?\\([^\\(]+?)(?:\(([^)]*)\))?\\([^\\]+)$/.exec(text.trim());
  if (!m) return undefined;
  return { computer: m[1], object: m[2]!.trim(), instance: m[3]?.trim(), counter: m[4]!.trim() };
}

const DEFAULT_PATHS = ['\\MSExchange Secure Mail Transport(*)\\*'];

export default defineCmdlet<Params>({
  name: 'Get-Counter',
  synopsis: 'Gets performance counter samples of this server, as PowerShell does.',
  description:
    'Reads the counters of the transport: the MSExchange Secure Mail Transport set (Domain Secure Messages ' +
    'Received, Domain Secure Messages Sent, Domain Secure Outbound Session Failures) and the MSExchangeTransport ' +
    'SmtpReceive, SmtpSend and Queues sets. Paths take the form \\Object(Instance)\\Counter, optionally after ' +
    '\\\\Computer, with wildcards. Each sample is a PerformanceCounterSampleSet whose CounterSamples carry Path, ' +
    'InstanceName and CookedValue. -ListSet lists counter sets. The values are those of the transport running on ' +
    'this server (in this shell or another one on the same EDGESHELL_HOME); they start from 0 when it starts and ' +
    'keep their last values after it stops.',
  outputTypes: [TYPE.sampleSet, TYPE.counterSet],
  defaultParameterSet: 'GetCounterSet',
  parameters: [
    { name: 'Counter', type: 'String[]', position: 0, valueFromPipeline: true, parameterSets: ['GetCounterSet'], description: 'Counter paths, wildcards allowed. Default: the MSExchange Secure Mail Transport counters.' },
    { name: 'ListSet', type: 'String[]', position: 0, mandatory: false, parameterSets: ['ListSetSet'], setOverrides: { ListSetSet: { mandatory: true } }, description: 'Counter set names to list, wildcards allowed.' },
    { name: 'SampleInterval', type: 'Int32', parameterSets: ['GetCounterSet'], defaultValue: 1, validateRange: [1, 2147483647], description: 'Seconds between samples (default 1).' },
    { name: 'MaxSamples', type: 'Int64', parameterSets: ['GetCounterSet'], defaultValue: 1, validateRange: [1, 9223372036854775807], description: 'How many samples to take (default 1).' },
    { name: 'Continuous', type: 'SwitchParameter', parameterSets: ['GetCounterSet'], description: 'Samples until Ctrl+C.' },
    { name: 'ComputerName', type: 'String[]', description: 'This server only (its name, localhost or .).' },
  ],
  examples: [
    {
      title: 'Read one counter',
      code: "(Get-Counter '\\MSExchange Secure Mail Transport(_Total)\\Domain Secure Messages Received').CounterSamples[0].CookedValue",
      remarks: 'CounterSamples[0] is the one sample of the one path; CookedValue is its value.',
      output: '0',
    },
    {
      title: 'List the counters of a set',
      code: "(Get-Counter -ListSet 'MSExchange Secure Mail Transport').Paths",
      remarks: 'Paths use (*) for the instance; PathsWithInstances name _total.',
      output:
        '\\MSExchange Secure Mail Transport(*)\\Domain Secure Messages Received\n\\MSExchange Secure Mail Transport(*)\\Domain Secure Messages Sent\n\\MSExchange Secure Mail Transport(*)\\Domain Secure Outbound Session Failures',
    },
  ],
  async end(ctx) {
    const { COUNTER_SETS, readCounters } = await import('../../src/transport/counters.js');
    const { dotnetTicks } = await import('../../src/transport/protocol-log.js');
    const { server } = await serverSettings(ctx);
    const machine = server.name.toLowerCase();
    for (const c of ctx.params.ComputerName ?? []) {
      const n = c.replace(/^\\\\/, '').toLowerCase();
      if (!['.', 'localhost', machine, server.fqdn.toLowerCase(), '127.0.0.1'].includes(n)) {
        return ctx.throwTerminating(new ErrorRecord('Unable to connect to the specified computer or the computer is offline.', `CounterApiError,${ctx.commandName}`, 'InvalidResult', c));
      }
    }

    if (ctx.parameterSetName === 'ListSetSet' || ctx.bound.has('ListSet')) {
      for (const pattern of ctx.params.ListSet ?? ['*']) {
        const sets = COUNTER_SETS.filter((s) => wildcardMatch(s.name, pattern));
        if (sets.length === 0) {
          ctx.writeError(new ErrorRecord(`Cannot find any performance counter sets on the localhost computer that match the following: ${pattern}.`, `NoMatchingCounterSetsFound,${ctx.commandName}`, 'ObjectNotFound', pattern));
          continue;
        }
        for (const s of sets) {
          const paths = s.counters.map((c) => `\\${s.name}(*)\\${c.name}`);
          ctx.write(
            typed(TYPE.counterSet, {
              CounterSetName: s.name,
              MachineName: '.',
              CounterSetType: 'MultiInstance',
              Description: s.description,
              Paths: paths,
              PathsWithInstances: s.instances.flatMap((i) => s.counters.map((c) => `\\${s.name}(${i})\\${c.name}`)),
              Counter: paths,
            }),
          );
        }
      }
      return;
    }

    // resolve the paths once: every counter the patterns name
    const targets: { path: string; instance: string; key: (typeof COUNTER_SETS)[number]['counters'][number]['key']; type: string }[] = [];
    for (const text of ctx.params.Counter ?? DEFAULT_PATHS) {
      const p = parseCounterPath(text);
      if (!p) {
        ctx.writeError(new ErrorRecord(`The specified counter path could not be interpreted: ${text}`, `CounterPathTranslationFailed,${ctx.commandName}`, 'InvalidResult', text));
        continue;
      }
      if (p.computer && !['.', 'localhost', machine].includes(p.computer.toLowerCase())) {
        ctx.writeError(new ErrorRecord('Unable to connect to the specified computer or the computer is offline.', `CounterApiError,${ctx.commandName}`, 'InvalidResult', text));
        continue;
      }
      let matched = 0;
      for (const s of COUNTER_SETS) {
        if (!wildcardMatch(s.name, p.object)) continue;
        for (const inst of s.instances) {
          if (p.instance !== undefined && !wildcardMatch(inst, p.instance)) continue;
          for (const c of s.counters) {
            if (!wildcardMatch(c.name, p.counter)) continue;
            matched++;
            const path = `\\\\${machine}\\${s.name}(${inst})\\${c.name}`.toLowerCase();
            if (!targets.some((t) => t.path === path)) targets.push({ path, instance: inst, key: c.key, type: c.type });
          }
        }
      }
      if (matched === 0) {
        ctx.writeError(new ErrorRecord('The specified object was not found on the computer.', `CounterApiError,${ctx.commandName}`, 'InvalidResult', text));
      }
    }
    if (targets.length === 0) return;

    const interval = (ctx.params.SampleInterval ?? 1) * 1000;
    const max = ctx.params.Continuous ? Infinity : (ctx.params.MaxSamples ?? 1);
    for (let n = 0; n < max && !ctx.signal.aborted; n++) {
      if (n > 0) {
        await sleep(interval, ctx.signal);
        if (ctx.signal.aborted) break;
      }
      const here = runningHere(ctx);
      const values = here ? here.counters.values : readCounters(ctx.session.home).values;
      const now = new Date();
      const samples = targets.map((t) =>
        typed(TYPE.sample, {
          Path: t.path,
          InstanceName: t.instance,
          CookedValue: values[t.key],
          RawValue: values[t.key],
          SecondValue: 0,
          MultipleCount: 1,
          CounterType: t.type,
          Timestamp: now,
          Timestamp100NSec: Number(dotnetTicks(now.getTime())),
          Status: 0,
          DefaultScale: 0,
          TimeBase: 10000000,
        }),
      );
      ctx.write(
        typed(TYPE.sampleSet, {
          Timestamp: now,
          CounterSamples: samples,
          Readings: targets.map((t, i) => `${t.path} :\n${samples[i]!.get('CookedValue')}\n`).join('\n'),
        }),
      );
    }
  },
});
