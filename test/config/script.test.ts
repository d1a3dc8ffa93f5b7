// The seed's configuration steps as a script, through the real engine: positional identities,
// `-DomainSecureEnabled:$True`, pipeline binding by identity, -WhatIf, the rule errors as the
// console shows them, and a second shell on the same home.
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { configFile } from '../../src/state/config.js';

import * as shell from '../helpers/shell.js';

/** What the lab adds before the seed: a named server, the "Internet" and "Inet" connectors. */
const PREAMBLE = [
  'Set-TransportServer -Name EDGE -Fqdn mail.contoso.com',
  "New-SendConnector -Name Internet -Usage Internet -AddressSpaces 'SMTP:*;1' -Fqdn mail.contoso.com | Out-Null",
  'New-ReceiveConnector -Name Inet -Usage Internet -Bindings 127.0.0.1:2525 | Out-Null',
].join('\n');

/** The seed's configuration commands, as written. */
const SEED = [
  'Set-TransportConfig -TLSSendDomainSecureList woodgrovebank.com',
  'Set-SendConnector Internet -DomainSecureEnabled:$True',
  'Set-TransportConfig -TLSReceiveDomainSecureList woodgrovebank.com',
  'Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS',
  'Set-ReceiveConnector Inet -ProtocolLoggingLevel Verbose',
  'Set-SendConnector Internet -ProtocolLoggingLevel Verbose',
].join('\n');

describe('the seed\'s configuration, literally', () => {
  it('runs without errors and a second shell on the same home sees the changes', async () => {
    const home = shell.tempDir('edgeshell-config-seed-');
    const first = await shell.runScript(PREAMBLE + '\n' + SEED, { home });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);

    const second = await shell.runScript('Get-TransportConfig | fl', { home });
    expect(second.stderr).toBe('');
    expect(shell.trimLines(second.stdout).replace(/^\n+|\n+$/g, '')).toBe(
      [
        'ClearCategories            : True',
        'InternalSMTPServers        : {}',
        'MaxReceiveSize             : 10 MB (10,485,760 bytes)',
        'MaxRecipientEnvelopeLimit  : 5000',
        'MaxSendSize                : 10 MB (10,485,760 bytes)',
        'TLSReceiveDomainSecureList : {woodgrovebank.com}',
        'TLSSendDomainSecureList    : {woodgrovebank.com}',
        'Name                       : Transport Settings',
        'Identity                   : Transport Settings',
      ].join('\n'),
    );

    const conn = await shell.runScript(
      'Get-ReceiveConnector Inet | fl Identity, AuthMechanism, DomainSecureEnabled, ProtocolLoggingLevel\nGet-SendConnector Internet | fl Identity, DNSRoutingEnabled, DomainSecureEnabled, ProtocolLoggingLevel',
      { home },
    );
    expect(conn.stderr).toBe('');
    expect(conn.stdout).toMatch(/Identity\s+: EDGE\\Inet\nAuthMechanism\s+: Tls\nDomainSecureEnabled\s+: True\nProtocolLoggingLevel\s+: Verbose/);
    expect(conn.stdout).toMatch(/Identity\s+: Internet\nDNSRoutingEnabled\s+: True\nDomainSecureEnabled\s+: True\nProtocolLoggingLevel\s+: Verbose/);
  });

  it('setting the list again replaces it; @{Add=..} adds to it', async () => {
    const home = shell.tempDir('edgeshell-config-seed-');
    const r = await shell.runScript(
      [
        'Set-TransportConfig -TLSSendDomainSecureList woodgrovebank.com',
        'Set-TransportConfig -TLSSendDomainSecureList fabrikam.com',
        '(Get-TransportConfig).TLSSendDomainSecureList -join ","',
        "Set-TransportConfig -TLSSendDomainSecureList @{Add='woodgrovebank.com'}",
        '(Get-TransportConfig).TLSSendDomainSecureList -join ","',
      ].join('\n'),
      { home },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('fabrikam.com\nfabrikam.com,woodgrovebank.com\n');
  });

  it('Get-ReceiveConnector | Set-ReceiveConnector binds each connector by identity', async () => {
    const home = shell.tempDir('edgeshell-config-seed-');
    const r = await shell.runScript(PREAMBLE + '\nGet-ReceiveConnector | Set-ReceiveConnector -ProtocolLoggingLevel Verbose\nGet-ReceiveConnector | ForEach-Object { "$($_.Identity)=$($_.ProtocolLoggingLevel)" }', { home });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('EDGE\\Default internal receive connector EDGE=Verbose\nEDGE\\Inet=Verbose\n');
  });

  it('-WhatIf prints what would happen and changes nothing', async () => {
    const home = shell.tempDir('edgeshell-config-seed-');
    await shell.runScript(PREAMBLE, { home });
    const before = fs.readFileSync(configFile(home), 'utf8');
    const r = await shell.runScript('Set-TransportConfig -TLSSendDomainSecureList woodgrovebank.com -WhatIf\nSet-SendConnector Internet -DomainSecureEnabled:$True -WhatIf\nRemove-ReceiveConnector Inet -WhatIf', { home });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'What if: Performing the operation "Setting Transport configuration" on target "Transport Settings".\n' +
        'What if: Performing the operation "Setting Send connector" on target "Internet".\n' +
        'What if: Performing the operation "Removing Receive connector" on target "EDGE\\Inet".\n',
    );
    expect(fs.readFileSync(configFile(home), 'utf8')).toBe(before);
  });

  it('a broken rule is an error naming it; nothing is saved', async () => {
    const home = shell.tempDir('edgeshell-config-seed-');
    await shell.runScript(PREAMBLE, { home });
    const before = fs.readFileSync(configFile(home), 'utf8');
    const r = await shell.runScript(
      [
        'Set-SendConnector Internet -DNSRoutingEnabled $false -SmartHosts relay.contoso.com -DomainSecureEnabled $true',
        'Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism None',
        "Set-ReceiveConnector Inet -Banner 'Welcome'",
        'Set-TransportConfig -TLSReceiveDomainSecureList *.woodgrovebank.com',
        '$Error[3].FullyQualifiedErrorId',
      ].join('\n'),
      { home },
    );
    expect(r.stderr).toContain("Set-SendConnector: DomainSecureEnabled requires DNS routing: a Send connector that routes through smart hosts can't be domain secure.");
    expect(r.stderr).toContain('Set-ReceiveConnector: DomainSecureEnabled requires Tls in AuthMechanism');
    expect(r.stderr).toContain("Set-ReceiveConnector: Cannot bind parameter 'Banner'. The banner 'Welcome' isn't valid: it must be an SMTP response that starts with 220");
    expect(r.stderr).toContain("Set-TransportConfig: Cannot bind parameter 'TLSReceiveDomainSecureList'. Wildcards aren't allowed in TLSReceiveDomainSecureList");
    expect(r.stdout).toBe('DomainSecureWithoutDNSRoutingEnabled,Set-SendConnector\n');
    expect(fs.readFileSync(configFile(home), 'utf8')).toBe(before);
  });

  it('Remove-* asks; a non-interactive run needs -Confirm:$false', async () => {
    const home = shell.tempDir('edgeshell-config-seed-');
    await shell.runScript(PREAMBLE, { home });
    const refused = await shell.runScript('Remove-SendConnector Internet', { home });
    expect(refused.stderr).toContain('Remove-SendConnector needs confirmation');
    const done = await shell.runScript('Remove-SendConnector Internet -Confirm:$false\n@(Get-SendConnector).Count', { home });
    expect(done.stderr).toBe('');
    expect(done.stdout).toBe('0\n');
  });

  it('static MX and the transport server settings', async () => {
    const home = shell.tempDir('edgeshell-config-seed-');
    const r = await shell.runScript(
      [
        'Add-StaticMxRecord -Domain woodgrovebank.com -Target 127.0.0.1:2526 -Name mxhost | Out-Null',
        'Set-TransportServer -MessageRetryInterval 00:00:05',
        '(Get-StaticMxRecord woodgrovebank.com).Target',
        '(Get-TransportServer).MessageRetryInterval.ToString()',
      ].join('\n'),
      { home },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('127.0.0.1:2526\n00:00:05\n');
  });
});

// Two real processes on one EDGESHELL_HOME (the built binary: `npm test` builds it first).
describe('two edgeshell processes on one home', () => {
  it('the second process sees what the first one configured', async () => {
    const env = { EDGESHELL_HOME: shell.tempDir('edgeshell-config-cli-') };
    const first = await shell.runCli(['-NoProfile', '-Command', PREAMBLE + '\n' + SEED], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = await shell.runCli(['-NoProfile', '-Command', 'Get-TransportConfig | Format-List TLS*; (Get-ReceiveConnector Inet).DomainSecureEnabled'], { env });
    expect(second.stderr).toBe('');
    expect(shell.trimLines(second.stdout)).toBe('\nTLSReceiveDomainSecureList : {woodgrovebank.com}\nTLSSendDomainSecureList    : {woodgrovebank.com}\n\nTrue\n');
  });
});
