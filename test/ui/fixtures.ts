// A small fake command table for completion and hint tests: declarations shaped like the real ones.
import type { CommandInfo, CmdletDecl } from '../../src/engine/cmdlet.js';

function decl(d: Partial<CmdletDecl> & { name: string }): CmdletDecl {
  return { synopsis: `${d.name} synopsis`, description: '', parameters: [], examples: [], ...d };
}

export const getExchangeCertificate = decl({
  name: 'Get-ExchangeCertificate',
  parameters: [
    { name: 'Thumbprint', type: 'String', position: 0, description: 'The thumbprint.', complete: (_c, w) => ['A1B2C3', 'D4E5F6'].filter((t) => t.startsWith(w.toUpperCase())) },
    { name: 'DomainName', type: 'MultiValuedProperty', description: 'Domains.' },
    { name: 'Server', type: 'String', description: 'The server.' },
  ],
});

export const enableExchangeCertificate = decl({
  name: 'Enable-ExchangeCertificate',
  supportsShouldProcess: true,
  parameters: [
    { name: 'Thumbprint', type: 'String', position: 0, description: 'The thumbprint.' },
    { name: 'Services', type: 'AllowedServices', validateSet: ['IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation', 'UMCallRouter'], description: 'The services to enable.' },
    { name: 'Force', type: 'SwitchParameter', description: 'No confirmation.' },
  ],
});

export const setReceiveConnector = decl({
  name: 'Set-ReceiveConnector',
  parameters: [
    { name: 'Identity', type: 'ReceiveConnectorIdKey', position: 0, description: 'The connector.', complete: async () => ['Inet', 'Default internal', 'Client Frontend'] },
    { name: 'AuthMechanism', type: 'AuthMechanisms', validateSet: ['None', 'Tls', 'Integrated', 'BasicAuth', 'ExchangeServer'], description: 'How clients authenticate.' },
    { name: 'ProtocolLoggingLevel', type: 'ProtocolLoggingLevel', validateSet: ['None', 'Verbose'], description: 'Protocol logging.' },
    { name: 'DomainSecureEnabled', type: 'Boolean', description: 'Mutual TLS.' },
  ],
});

export const getChildItem = decl({
  name: 'Get-ChildItem',
  aliases: ['gci', 'ls', 'dir'],
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, description: 'Where to look.' },
    { name: 'Recurse', type: 'SwitchParameter', description: 'Also subdirectories.' },
  ],
});

export const getHelp = decl({ name: 'Get-Help', parameters: [{ name: 'Name', type: 'String', position: 0, description: 'Topic.' }] });

export const decls = [getExchangeCertificate, enableExchangeCertificate, setReceiveConnector, getChildItem, getHelp];

export const commands: CommandInfo[] = [
  ...decls.flatMap((d) => (d.aliases ?? []).map((a): CommandInfo => ({ name: a, commandType: 'Alias', definition: d.name, decl: d, source: 'Test' }))),
  ...decls.map((d): CommandInfo => ({ name: d.name, commandType: 'Cmdlet', definition: d.name, decl: d, source: 'Test' })),
  { name: 'Get-Greeting', commandType: 'Function', definition: '', source: '', parameters: [{ name: 'Name', type: 'Object', description: '' }] },
];
