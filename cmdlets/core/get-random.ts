// Get-Random: a random number, or random objects from a collection.
import { randomInt } from 'node:crypto';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSDouble } from '../../src/engine/values.js';
import { errorRecord } from './lib/common.js';

interface Params {
  Maximum?: unknown;
  Minimum?: unknown;
  InputObject?: unknown[];
  Count?: number;
  SetSeed?: number;
  Shuffle?: boolean;
}

let seeded: (() => number) | undefined;

/** mulberry32: reproducible numbers after -SetSeed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = () => (seeded ? seeded() : Math.random());

function isDouble(v: unknown): boolean {
  return v instanceof PSDouble || (typeof v === 'number' && !Number.isInteger(v)) || (typeof v === 'string' && /[.eE]/.test(v));
}

function num(v: unknown): number {
  return v instanceof PSDouble ? v.value : Number(v);
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Random',
  synopsis: 'Gets a random number, or selects objects randomly from a collection.',
  description:
    'Get-Random writes a random integer from -Minimum (0 by default) up to but not including -Maximum ' +
    '(Int32.MaxValue by default); with a double bound it writes a double. Given objects (-InputObject or piped), it ' +
    'writes -Count of them chosen at random without repetition; -Shuffle writes all of them in random order. ' +
    '-SetSeed makes the sequence reproducible.',
  defaultParameterSet: 'RandomNumberParameterSet',
  parameters: [
    { name: 'Maximum', type: 'Object', position: 0, parameterSets: ['RandomNumberParameterSet'], description: 'The upper bound (excluded).' },
    { name: 'Minimum', type: 'Object', parameterSets: ['RandomNumberParameterSet'], description: 'The lower bound (included).' },
    { name: 'InputObject', type: 'Object[]', position: 0, mandatory: true, valueFromPipeline: true, parameterSets: ['RandomListItemParameterSet', 'ShuffleParameterSet'], description: 'The objects to choose from.' },
    { name: 'Count', type: 'Int32', validateRange: [1, 2147483647], description: 'How many numbers or objects to write.' },
    { name: 'SetSeed', type: 'Int32', description: 'Seeds the generator, for a reproducible sequence.' },
    { name: 'Shuffle', type: 'SwitchParameter', mandatory: true, parameterSets: ['ShuffleParameterSet'], description: 'Writes all the objects in random order.' },
  ],
  outputTypes: ['System.Int32', 'System.Int64', 'System.Double', 'System.Object'],
  examples: [
    {
      title: 'A random port',
      code: '$port = Get-Random -Minimum 2525 -Maximum 2600\n$port -ge 2525 -and $port -lt 2600',
      remarks: 'The number is at least -Minimum and below -Maximum.',
      output: 'True',
    },
    {
      title: 'Pick objects at random',
      code: "('a','b','c','d' | Get-Random -Count 4 | Sort-Object) -join ','",
      remarks: 'Each object is chosen at most once.',
      output: 'a,b,c,d',
    },
  ],
  begin(ctx) {
    if (ctx.params.SetSeed !== undefined) seeded = seededRandom(ctx.params.SetSeed);
    ctx.state.items = [];
  },
  process(ctx) {
    if (ctx.parameterSetName !== 'RandomNumberParameterSet') {
      for (const x of ctx.params.InputObject ?? []) (ctx.state.items as unknown[]).push(x);
    }
  },
  end(ctx) {
    const p = ctx.params;
    if (ctx.parameterSetName !== 'RandomNumberParameterSet') {
      const items = [...(ctx.state.items as unknown[])];
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      const n = p.Shuffle ? items.length : Math.min(p.Count ?? 1, items.length);
      for (const x of items.slice(0, n)) ctx.write(x, false);
      return;
    }
    const useDouble = isDouble(p.Maximum) || isDouble(p.Minimum);
    const min = p.Minimum === undefined || p.Minimum === null ? 0 : num(p.Minimum);
    const max = p.Maximum === undefined || p.Maximum === null ? (useDouble ? Number.MAX_VALUE : 2147483647) : num(p.Maximum);
    if (!(min < max)) {
      ctx.throwTerminating(
        errorRecord(ctx, `The Minimum value (${min}) cannot be greater than or equal to the Maximum value (${max}).`, 'MinGreaterThanOrEqualMax', 'InvalidArgument', undefined, 'System.ArgumentException'),
      );
    }
    for (let i = 0; i < (p.Count ?? 1); i++) {
      if (useDouble) ctx.write(min + rand() * (max - min), false);
      else if (!seeded && max - min <= 2 ** 48 - 1 && Number.isSafeInteger(min) && Number.isSafeInteger(max)) ctx.write(randomInt(min, max), false);
      else ctx.write(min + Math.floor(rand() * (max - min)), false);
    }
  },
});

export default cmdlet;
