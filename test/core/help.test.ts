import { describe, expect, test } from 'vitest';
import type { CommandInfo } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { run } from './harness.js';
import { renderHelp, syntaxLines } from '../../cmdlets/core/help-text.js';
import whereObject from '../../cmdlets/core/where-object.js';
import testPath from '../../cmdlets/core/test-path.js';
import getHelp from '../../cmdlets/core/get-help.js';
import getCommand from '../../cmdlets/core/get-command.js';
import getMember from '../../cmdlets/core/get-member.js';
import getContent from '../../cmdlets/core/get-content.js';
import joinPath from '../../cmdlets/core/join-path.js';
import removeItem from '../../cmdlets/core/remove-item.js';

const commands: CommandInfo[] = [
  { name: 'Get-Content', commandType: 'Cmdlet', definition: 'Get-Content', decl: getContent, source: 'Microsoft.PowerShell.Core' },
  { name: 'Join-Path', commandType: 'Cmdlet', definition: 'Join-Path', decl: joinPath, source: 'Microsoft.PowerShell.Core' },
  { name: 'Where-Object', commandType: 'Cmdlet', definition: 'Where-Object', decl: whereObject, source: 'Microsoft.PowerShell.Core' },
  { name: 'gc', commandType: 'Alias', definition: 'Get-Content', decl: getContent, source: 'Microsoft.PowerShell.Core' },
  { name: 'cat', commandType: 'Alias', definition: 'Get-Content', decl: getContent, source: 'Microsoft.PowerShell.Core' },
];

describe('syntax', () => {
  test('one line per parameter set: positional names bracketed, optional parameters bracketed', () => {
    const lines = syntaxLines('Where-Object', whereObject);
    expect(lines).toContain('Where-Object [-FilterScript] <ScriptBlock> [-InputObject <PSObject>] [<CommonParameters>]');
    expect(lines[0]).toBe('Where-Object [-Property] <String> [[-Value] <Object>] [-InputObject <PSObject>] [-EQ] [<CommonParameters>]');
    expect(lines).toContain('Where-Object [-Property] <String> [[-Value] <Object>] -Like [-InputObject <PSObject>] [<CommonParameters>]');
    expect(lines).toHaveLength(32);
  });

  test('ValidateSet values are listed and -WhatIf/-Confirm come with ShouldProcess', () => {
    expect(syntaxLines('Test-Path', testPath)[0]).toBe(
      'Test-Path [-Path] <String[]> [-PathType {Any | Container | Leaf}] [-IsValid] [-OlderThan <DateTime>] [-NewerThan <DateTime>] [<CommonParameters>]',
    );
    expect(syntaxLines('Remove-Item', removeItem)[0]).toBe('Remove-Item [-Path] <String[]> [-Recurse] [-Force] [-Include <String[]>] [-Exclude <String[]>] [-WhatIf] [-Confirm] [<CommonParameters>]');
  });
});

describe('Get-Help', () => {
  test('the default view: NAME, SYNOPSIS, SYNTAX, DESCRIPTION, ALIASES, REMARKS', () => {
    const text = renderHelp(getContent, { width: 120 });
    const sections = text.split('\n').filter((l) => /^[A-Z]+$/.test(l));
    expect(sections).toEqual(['NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'ALIASES', 'REMARKS']);
    expect(text).toContain('    Get-Content [-Path] <String[]>');
    expect(text).toContain('    To see the examples, type: "Get-Help Get-Content -Examples"');
  });

  test('-Full adds the parameter details, inputs, outputs and examples', () => {
    const text = renderHelp(getContent, { full: true, width: 120 });
    expect(text).toContain('    -Path <String[]>\n        The files to read. Wildcards are permitted.\n\n        Required?                    true\n        Position?                    0\n        Default value                None\n        Accept pipeline input?       True (ByPropertyName)\n        Accept wildcard characters?  true');
    expect(text).toContain('INPUTS\n    System.String[]');
    expect(text).toContain('    -------------------------- EXAMPLE 1 --------------------------\n\n    PS C:\\> Get-Content -Path domains.txt');
  });

  test('an alias shows the help of its command; an unknown name is HelpNotFound', async () => {
    const r = await run(getHelp, { params: { Name: 'cat' }, commands });
    expect(String(r.output[0])).toMatch(/^NAME\n    Get-Content\n/);
    const missing = await run(getHelp, { params: { Name: 'Get-Nothing' }, commands });
    expect(missing.errors[0].message).toBe(
      'Get-Help could not find Get-Nothing in a help file in this session. To download updated help topics type: "Update-Help". To get help online, search for the help topic in the TechNet library at https://go.microsoft.com/fwlink/?LinkID=107116.',
    );
    expect(missing.errors[0].fullyQualifiedErrorId).toBe('HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand');
  });

  test('a wildcard matching several commands lists them', async () => {
    const one = await run(getHelp, { params: { Name: '*-Path' }, commands });
    expect(String(one.output[0])).toMatch(/^NAME\n    Join-Path\n/);
    const many = await run(getHelp, { params: { Name: '*-*' }, commands });
    expect(many.output.map((o) => (o as PSObject).get('Name'))).toEqual(['Get-Content', 'Join-Path', 'Where-Object']);
  });
});

describe('Get-Command', () => {
  test('by name with wildcards, by noun, and an alias', async () => {
    const r = await run(getCommand, { params: { Name: ['*-Content', 'gc'] }, parameterSet: 'AllCommandSet', commands });
    expect(r.output.map((o) => (o as PSObject).get('Name'))).toEqual(['Get-Content', 'gc']);
    const alias = r.output[1] as PSObject;
    expect(alias.typeNames[0]).toBe('System.Management.Automation.AliasInfo');
    expect(alias.get('DisplayName')).toBe('gc -> Get-Content');
    const noun = await run(getCommand, { params: { Noun: ['Path'] }, commands });
    expect(noun.output.map((o) => (o as PSObject).get('Name'))).toEqual(['Join-Path']);
  });

  test('an unknown name is CommandNotFoundException', async () => {
    const r = await run(getCommand, { params: { Name: ['Get-Nothing'] }, parameterSet: 'AllCommandSet', commands });
    expect(r.errors[0].fullyQualifiedErrorId).toBe('CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand');
    expect(r.errors[0].message.split('\n')[0]).toBe("The term 'Get-Nothing' is not recognized as a name of a cmdlet, function, script file, or executable program.");
  });

  test('-Syntax writes the syntax', async () => {
    const r = await run(getCommand, { params: { Name: ['Join-Path'], Syntax: true }, parameterSet: 'AllCommandSet', commands });
    expect(r.output).toEqual(['Join-Path [-Path] <String[]> [-ChildPath] <String> [[-AdditionalChildPath] <String[]>] [-Resolve] [<CommonParameters>]']);
  });
});

describe('Get-Member', () => {
  test('lists the members of each distinct type once, sorted by member type then name', async () => {
    const r = await run(getMember, { input: [new PSObject(undefined, { B: 1, A: 'x' }), new PSObject(undefined, { C: 2 }), 'str'] });
    const rows = r.output as PSObject[];
    expect(new Set(rows.map((m) => m.get('TypeName')))).toEqual(new Set(['System.Management.Automation.PSCustomObject', 'System.String']));
    const notes = rows.filter((m) => m.get('MemberType') === 'NoteProperty').map((m) => m.get('Name'));
    expect(notes).toEqual(['A', 'B']);
    const kinds = rows.filter((m) => m.get('TypeName') === 'System.String').map((m) => m.get('MemberType') as string);
    expect([...kinds]).toEqual([...kinds].sort());
  });

  test('-MemberType and -Name narrow the list; no input is an error', async () => {
    const r = await run(getMember, { params: { Name: ['Len*'] }, input: ['abc'] });
    expect(r.output.map((m) => (m as PSObject).get('Name'))).toEqual(['Length']);
    const none = await run(getMember, {});
    expect(none.errors[0].message).toBe('You must specify an object for the Get-Member cmdlet.');
  });
});
