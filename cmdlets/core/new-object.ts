// New-Object: creates a PSObject with properties, or one of the few .NET types scripts use.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSHashtable, PSObject, SecureString } from '../../src/engine/values.js';
import { convertTo, resolveTypeName, toStr } from '../../src/engine/convert.js';
import { setMember } from '../../src/engine/members.js';
import { errorRecord } from './lib/common.js';

interface Params {
  TypeName?: string;
  ArgumentList?: unknown[];
  Property?: PSHashtable;
  ComObject?: string;
  Strict?: boolean;
}

/** A PSCredential: UserName, Password and GetNetworkCredential(). */
export function credential(user: string, password: SecureString): PSObject {
  const o = new PSObject(['System.Management.Automation.PSCredential', 'System.Object']);
  o.addProperty({ name: 'UserName', memberType: 'Property', value: user, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'Password', memberType: 'Property', value: password, typeName: 'System.Security.SecureString', readOnly: true });
  o.addMethod('GetNetworkCredential', () => {
    const n = new PSObject(['System.Net.NetworkCredential', 'System.Object']);
    const [domain, name] = user.includes('\\') ? user.split('\\', 2) : ['', user];
    n.add('UserName', name, 'Property');
    n.add('Password', password.reveal(), 'Property');
    n.add('Domain', domain, 'Property');
    return n;
  });
  return o;
}

function create(typeName: string, args: unknown[]): unknown {
  const t = typeName.replace(/^System\./i, '').toLowerCase();
  switch (t) {
    case 'management.automation.psobject':
    case 'psobject':
    case 'object':
    case 'management.automation.pscustomobject':
    case 'pscustomobject':
      return new PSObject();
    case 'collections.arraylist':
    case 'arraylist':
      return [];
    case 'collections.hashtable':
    case 'hashtable':
      return new PSHashtable();
    case 'collections.specialized.ordereddictionary':
      return new PSHashtable(true);
    case 'security.securestring':
    case 'securestring':
      return new SecureString('');
    case 'management.automation.pscredential':
    case 'pscredential': {
      if (args.length !== 2) throw new Error(`Cannot find an overload for "PSCredential" and the argument count: "${args.length}".`);
      const pw = args[1];
      if (!(pw instanceof SecureString)) throw new Error('Cannot convert argument "password", with value: "' + toStr(pw) + '", for "PSCredential" to type "System.Security.SecureString".');
      return credential(toStr(args[0]), pw);
    }
    case 'datetime':
      if (args.length >= 3) return new Date(Number(args[0]), Number(args[1]) - 1, Number(args[2]), Number(args[3] ?? 0), Number(args[4] ?? 0), Number(args[5] ?? 0));
      return new Date(0);
    case 'text.stringbuilder': {
      const sb = new PSObject(['System.Text.StringBuilder', 'System.Object']);
      let text = args.length ? toStr(args[0]) : '';
      sb.addScriptProperty('Length', () => text.length);
      sb.addMethod('Append', (v: unknown) => ((text += toStr(v)), sb));
      sb.addMethod('AppendLine', (v?: unknown) => ((text += (v === undefined ? '' : toStr(v)) + '\n'), sb));
      sb.addMethod('ToString', () => text);
      return sb;
    }
  }
  if (/^collections\.generic\.(list|hashset)(`1)?\[/.test(t)) return [];
  if (/^collections\.generic\.dictionary/.test(t)) return new PSHashtable();
  const resolved = resolveTypeName(typeName);
  if (resolved) return convertTo(args.length === 1 ? args[0] : args.length === 0 ? null : args, resolved);
  throw Object.assign(new Error(`Cannot find type [${typeName}]: verify that the assembly containing this type is loaded.`), { typeNotFound: true });
}

export const cmdlet = defineCmdlet<Params>({
  name: 'New-Object',
  synopsis: 'Creates an instance of a Microsoft .NET Framework or COM object.',
  description:
    'New-Object creates an object: `New-Object PSObject -Property @{...}` a custom object with those properties (as ' +
    '[pscustomobject]@{...} does), `New-Object System.Management.Automation.PSCredential(user, securePassword)` a ' +
    'credential, and ArrayList, Hashtable, StringBuilder, DateTime and the other simple .NET types scripts use. ' +
    '-Property sets properties on the new object.',
  defaultParameterSet: 'Net',
  parameters: [
    { name: 'TypeName', type: 'String', position: 0, mandatory: true, parameterSets: ['Net'], description: 'The type of the object.' },
    { name: 'ArgumentList', type: 'Object[]', position: 1, aliases: ['Args'], parameterSets: ['Net'], description: 'The arguments of the constructor.' },
    { name: 'Property', type: 'Hashtable', description: 'Property names and values to set on the new object.' },
    { name: 'ComObject', type: 'String', mandatory: true, parameterSets: ['Com'], description: 'Not available: there is no COM on this platform.' },
    { name: 'Strict', type: 'SwitchParameter', parameterSets: ['Com'], description: 'Not available.' },
  ],
  outputTypes: ['System.Object'],
  examples: [
    {
      title: 'A custom object from a hashtable',
      code: "$o = New-Object -TypeName PSObject -Property @{Domain='woodgrovebank.com'}\n$o.Domain",
      remarks: 'The keys of -Property become note properties of the object.',
      output: 'woodgrovebank.com',
    },
    {
      title: 'A credential',
      code: "$pw = ConvertTo-SecureString 'P@ssw0rd' -AsPlainText -Force\n$cred = New-Object System.Management.Automation.PSCredential('CONTOSO\\admin', $pw)\n$cred.UserName",
      remarks: 'The PSCredential holds the user name and the SecureString password.',
      output: 'CONTOSO\\admin',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    if (ctx.parameterSetName === 'Com') {
      ctx.throwTerminating(errorRecord(ctx, 'A COM object cannot be created: COM is not supported on this platform.', 'NoCOMClassIdentified', 'ResourceUnavailable', p.ComObject, 'System.PlatformNotSupportedException'));
    }
    let obj: unknown;
    try {
      obj = create(p.TypeName ?? '', p.ArgumentList ?? []);
    } catch (e) {
      if ((e as { typeNotFound?: boolean }).typeNotFound) {
        ctx.throwTerminating(errorRecord(ctx, (e as Error).message, 'TypeNotFound', 'InvalidType', p.TypeName, 'System.Management.Automation.PSArgumentException'));
      }
      ctx.throwTerminating(errorRecord(ctx, `Exception calling ".ctor" with "${(p.ArgumentList ?? []).length}" argument(s): "${(e as Error).message}"`, 'ConstructorInvokedThrowException', 'InvalidOperation', undefined, 'System.Management.Automation.MethodInvocationException'));
    }
    if (p.Property) {
      for (const [k, v] of p.Property.entries()) {
        const name = toStr(k);
        if (obj instanceof PSObject) {
          if (obj.has(name)) obj.set(name, v);
          else obj.add(name, v, 'NoteProperty');
        } else {
          try {
            setMember(obj, name, v);
          } catch {
            ctx.writeError(errorRecord(ctx, `The member "${name}" was not found for the specified .NET object.`, 'InvalidOperationException', 'InvalidOperation', obj, 'System.InvalidOperationException'));
          }
        }
      }
    }
    ctx.write(obj, false);
  },
});

export default cmdlet;
