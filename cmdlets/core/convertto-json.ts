// ConvertTo-Json: objects to JSON text, as PowerShell 7 writes it.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { toJsonTree, writeJson } from './lib/json.js';

interface Params {
  InputObject?: unknown;
  Depth?: number;
  Compress?: boolean;
  EnumsAsStrings?: boolean;
  AsArray?: boolean;
  EscapeHandling?: 'Default' | 'EscapeNonAscii' | 'EscapeHtml';
}

export const cmdlet = defineCmdlet<Params>({
  name: 'ConvertTo-Json',
  synopsis: 'Converts an object to a JSON-formatted string.',
  description:
    'ConvertTo-Json writes objects as JSON: custom objects and hashtables as JSON objects (properties in order), ' +
    'arrays as JSON arrays, dates as ISO 8601 strings. Piped objects are collected into one JSON array (one object ' +
    'alone is written as itself, unless -AsArray). Objects nested deeper than -Depth (2 by default) are written as ' +
    'their string form, with a warning. The text is indented by two spaces unless -Compress.',
  parameters: [
    { name: 'InputObject', type: 'Object', position: 0, mandatory: true, valueFromPipeline: true, description: 'The objects to convert. Usually piped in.' },
    { name: 'Depth', type: 'Int32', validateRange: [0, 100], defaultValue: 2, description: 'How many levels of contained objects are written.' },
    { name: 'Compress', type: 'SwitchParameter', description: 'Writes the JSON without white space.' },
    { name: 'EnumsAsStrings', type: 'SwitchParameter', description: 'Accepted for compatibility; enumerations are strings already.' },
    { name: 'AsArray', type: 'SwitchParameter', description: 'Writes a JSON array even for a single object.' },
    { name: 'EscapeHandling', type: 'StringEscapeHandling', validateSet: ['Default', 'EscapeNonAscii', 'EscapeHtml'], defaultValue: 'Default', description: 'Which characters are escaped: control characters only (Default), also non-ASCII, or also HTML characters.' },
  ],
  outputTypes: ['System.String'],
  examples: [
    {
      title: 'An object as JSON',
      code: "[pscustomobject]@{Name='Internet'; Port=25; AddressSpaces=@('SMTP:*;1')} | ConvertTo-Json",
      remarks: 'Properties in order, two-space indentation.',
      output: '{\n  "Name": "Internet",\n  "Port": 25,\n  "AddressSpaces": [\n    "SMTP:*;1"\n  ]\n}',
    },
    {
      title: 'Compressed',
      code: "@{Domain='woodgrovebank.com'} | ConvertTo-Json -Compress",
      remarks: '-Compress leaves out the white space.',
      output: '{"Domain":"woodgrovebank.com"}',
    },
    {
      title: 'Deeper than -Depth',
      code: '@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress',
      remarks: 'The level below the depth limit is written as its string form, with a warning.',
      output: 'WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.\n{"a":{"b":{"c":"System.Collections.Hashtable"}}}',
    },
  ],
  begin(ctx) {
    ctx.state.items = [];
  },
  process(ctx) {
    if (ctx.params.InputObject !== undefined) (ctx.state.items as unknown[]).push(ctx.params.InputObject);
  },
  end(ctx) {
    const p = ctx.params;
    const items: unknown[] = ctx.state.items;
    if (items.length === 0) return;
    const depth = p.Depth ?? 2;
    const value = items.length === 1 && !p.AsArray ? items[0] : items;
    const state = { truncated: false };
    const tree = toJsonTree(value, 0, depth, state);
    if (state.truncated) ctx.writeWarning(`Resulting JSON is truncated as serialization has exceeded the set depth of ${depth}.`);
    ctx.write(writeJson(tree, { depth, compress: !!p.Compress, escapeHandling: p.EscapeHandling ?? 'Default' }), false);
  },
});

export default cmdlet;
