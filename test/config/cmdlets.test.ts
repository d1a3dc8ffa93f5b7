// The configuration cmdlets through a hand-built CmdletContext: the seed's steps, -WhatIf changing
// nothing, errors that name the rule, pipeline binding by identity, the objects and their views.
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { PSHashtable, PSObject, TimeSpan } from '../../src/engine/values.js';
import { configFile, loadConfig } from '../../src/state/config.js';
import { cmdlets, views } from '../../cmdlets/config/index.js';
import { BindError, prop, run, shown, tempDir, type HarnessOptions } from './harness.js';

const cmd = (name: string) => {
  const d = cmdlets.find((c) => c.name === name);
  if (!d) throw new Error(`no ${name}`);
  return d;
};

async function ok(name: string, given: Record<string, unknown>, opts: HarnessOptions, input?: unknown[]) {
  const r = await run(cmd(name), given, opts, input);
  expect(r.errors.map((e) => e.message)).toEqual([]);
  expect(r.terminating).toBeUndefined();
  return r;
}

async function lab(): Promise<HarnessOptions> {
  const opts = { home: tempDir() };
  await ok('Set-TransportServer', { Name: 'EDGE', Fqdn: 'edge.contoso.com' }, opts);
  await ok('New-SendConnector', { Name: 'Internet', Usage: 'Internet', AddressSpaces: 'SMTP:*;1', Fqdn: 'mail.contoso.com' }, opts);
  await ok('New-ReceiveConnector', { Name: 'Inet', Usage: 'Internet', Bindings: '127.0.0.1:2525' }, opts);
  return opts;
}

describe('the seed\'s configuration steps', () => {
  it('run as written and Get-TransportConfig shows the lists', async () => {
    const opts = await lab();
    await ok('Set-TransportConfig', { TLSSendDomainSecureList: 'woodgrovebank.com' }, opts);
    await ok('Set-TransportConfig', { TLSReceiveDomainSecureList: 'woodgrovebank.com' }, opts);
    await ok('Set-SendConnector', { Identity: 'Internet', DomainSecureEnabled: true }, opts);
    await ok('Set-ReceiveConnector', { Identity: 'Inet', DomainSecureEnabled: true, AuthMechanism: 'TLS' }, opts);
    await ok('Set-ReceiveConnector', { Identity: 'Inet', ProtocolLoggingLevel: 'verbose' }, opts);
    await ok('Set-SendConnector', { Identity: 'Internet', ProtocolLoggingLevel: 'Verbose' }, opts);

    const tc = (await ok('Get-TransportConfig', {}, opts)).output[0] as PSObject;
    expect(tc.typeNames[0]).toBe('Microsoft.Exchange.Data.Directory.SystemConfiguration.TransportConfigContainer');
    expect(shown(tc, 'TLSSendDomainSecureList')).toBe('{woodgrovebank.com}');
    expect(shown(tc, 'TLSReceiveDomainSecureList')).toBe('{woodgrovebank.com}');
    expect(shown(tc, 'MaxSendSize')).toBe('10 MB (10,485,760 bytes)');

    const inet = (await ok('Get-ReceiveConnector', { Identity: 'Inet' }, opts)).output[0] as PSObject;
    expect(inet.typeNames[0]).toBe('Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector');
    expect(prop(inet, 'Identity')).toBe('EDGE\\Inet');
    expect(prop(inet, 'AuthMechanism')).toBe('Tls');
    expect(prop(inet, 'DomainSecureEnabled')).toBe(true);
    expect(prop(inet, 'ProtocolLoggingLevel')).toBe('Verbose');
    expect(prop(inet, 'Fqdn')).toBe('edge.contoso.com');

    const internet = (await ok('Get-SendConnector', { Identity: 'Internet' }, opts)).output[0] as PSObject;
    expect(internet.typeNames[0]).toBe('Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig');
    expect(prop(internet, 'DomainSecureEnabled')).toBe(true);
    expect(prop(internet, 'ProtocolLoggingLevel')).toBe('Verbose');
    expect(shown(internet, 'AddressSpaces')).toBe('{SMTP:*;1}');

    // a second shell on the same home
    const again = loadConfig(opts.home);
    expect(again.transportConfig.tlsSendDomainSecureList).toEqual(['woodgrovebank.com']);
    expect(again.receiveConnectors.find((c) => c.name === 'Inet')).toMatchObject({ domainSecureEnabled: true, authMechanism: ['Tls'], protocolLoggingLevel: 'Verbose' });
  });
});

describe('-WhatIf changes nothing', () => {
  it.each([
    ['Set-TransportConfig', { TLSSendDomainSecureList: 'woodgrovebank.com' }, 'What if: Performing the operation "Setting Transport configuration" on target "Transport Settings".'],
    ['Set-ReceiveConnector', { Identity: 'Inet', ProtocolLoggingLevel: 'Verbose' }, 'What if: Performing the operation "Setting Receive connector" on target "EDGE\\Inet".'],
    ['Set-SendConnector', { Identity: 'Internet', DomainSecureEnabled: true }, 'What if: Performing the operation "Setting Send connector" on target "Internet".'],
    ['New-SendConnector', { Name: 'Partners', AddressSpaces: 'woodgrovebank.com' }, 'What if: Performing the operation "Creating Send connector" on target "Partners".'],
    ['New-ReceiveConnector', { Name: 'Other', Usage: 'Internet', Bindings: '127.0.0.1:2600' }, 'What if: Performing the operation "Creating Receive connector" on target "EDGE\\Other".'],
    ['Remove-ReceiveConnector', { Identity: 'Inet' }, 'What if: Performing the operation "Removing Receive connector" on target "EDGE\\Inet".'],
    ['Remove-SendConnector', { Identity: 'Internet' }, 'What if: Performing the operation "Removing Send connector" on target "Internet".'],
    ['New-AcceptedDomain', { Name: 'Contoso', DomainName: 'contoso.com' }, 'What if: Performing the operation "Creating accepted domain" on target "Contoso".'],
    ['Set-TransportServer', { MessageRetryInterval: '00:00:05' }, 'What if: Performing the operation "Setting Transport server" on target "EDGE".'],
    ['Add-StaticMxRecord', { Domain: 'woodgrovebank.com', Target: '127.0.0.1:2526' }, 'What if: Performing the operation "Adding static MX record" on target "woodgrovebank.com -> 127.0.0.1:2526".'],
  ])('%s', async (name, given, line) => {
    const opts = await lab();
    const before = fs.readFileSync(configFile(opts.home), 'utf8');
    const r = await run(cmd(name), given, { ...opts, whatIf: true });
    expect(r.errors).toEqual([]);
    expect(r.prompts).toEqual([line]);
    expect(r.output).toEqual([]);
    expect(fs.readFileSync(configFile(opts.home), 'utf8')).toBe(before);
  });

  it('a change that breaks a rule is reported even with -WhatIf (validation comes first)', async () => {
    const opts = await lab();
    const r = await run(cmd('Set-ReceiveConnector'), { Identity: 'Inet', DomainSecureEnabled: true, AuthMechanism: 'None' }, { ...opts, whatIf: true });
    expect(r.prompts).toEqual([]);
    expect(r.errors.map((e) => e.fullyQualifiedErrorId)).toEqual(['DomainSecureEnabledWithoutTls,Set-ReceiveConnector']);
  });
});

describe('errors name the rule and save nothing', () => {
  it('Set-ReceiveConnector -DomainSecureEnabled without Tls', async () => {
    const opts = await lab();
    const before = fs.readFileSync(configFile(opts.home), 'utf8');
    const r = await run(cmd('Set-ReceiveConnector'), { Identity: 'Inet', DomainSecureEnabled: true, AuthMechanism: 'BasicAuth' }, opts);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].fullyQualifiedErrorId).toBe('DomainSecureEnabledWithoutTls,Set-ReceiveConnector');
    expect(r.errors[0].category).toBe('InvalidOperation');
    expect(r.errors[0].message).toBe('DomainSecureEnabled requires Tls in AuthMechanism: domain security is mutually authenticated TLS. Add -AuthMechanism Tls or set -DomainSecureEnabled $false.');
    expect(fs.readFileSync(configFile(opts.home), 'utf8')).toBe(before);
  });

  it('every broken rule is its own error', async () => {
    const opts = await lab();
    const r = await run(cmd('Set-ReceiveConnector'), { Identity: 'Inet', AuthMechanism: 'None,Tls', RequireTLS: true, PermissionGroups: 'None,Partners' }, opts);
    expect(r.errors.map((e) => e.fullyQualifiedErrorId.split(',')[0])).toEqual(['AuthMechanismNoneWithOthers', 'PermissionGroupsNoneWithOthers']);
  });

  it('Set-SendConnector to smart hosts on a domain-secure connector', async () => {
    const opts = await lab();
    await ok('Set-SendConnector', { Identity: 'Internet', DomainSecureEnabled: true }, opts);
    const r = await run(cmd('Set-SendConnector'), { Identity: 'Internet', DNSRoutingEnabled: false, SmartHosts: 'relay.contoso.com' }, opts);
    expect(r.errors.map((e) => e.fullyQualifiedErrorId)).toEqual(['DomainSecureWithoutDNSRoutingEnabled,Set-SendConnector']);
    expect(loadConfig(opts.home).sendConnectors[0].dnsRoutingEnabled).toBe(true);
  });

  it('syntax rules fail at binding, as a parameter conversion', async () => {
    const opts = await lab();
    await expect(run(cmd('Set-TransportConfig'), { TLSSendDomainSecureList: '*.woodgrovebank.com' }, opts)).rejects.toThrow(
      "Cannot bind parameter 'TLSSendDomainSecureList'. Wildcards aren't allowed in TLSSendDomainSecureList",
    );
    await expect(run(cmd('New-SendConnector'), { Name: 'X', AddressSpaces: 'SMTP:*;500' }, opts)).rejects.toThrow("The cost of the address space 'SMTP:*;500' must be between 1 and 100.");
    await expect(run(cmd('Set-ReceiveConnector'), { Identity: 'Inet', Banner: 'Hello' }, opts)).rejects.toThrow(/it must be an SMTP response that starts with 220/);
    await expect(run(cmd('Set-ReceiveConnector'), { Identity: 'Inet', AuthMechanism: 'Kerberos' }, opts)).rejects.toThrow(BindError);
  });

  it('an unknown connector is ObjectNotFound', async () => {
    const opts = await lab();
    const r = await run(cmd('Set-SendConnector'), { Identity: 'Nowhere', Enabled: false }, opts);
    expect(r.errors[0].message).toBe("The operation couldn't be performed because object 'Nowhere' couldn't be found on 'EDGE'.");
    expect(r.errors[0].category).toBe('ObjectNotFound');
    const g = await run(cmd('Get-ReceiveConnector'), { Identity: 'Nowhere' }, opts);
    expect(g.errors[0].category).toBe('ObjectNotFound');
  });

  it('a damaged configuration file is a terminating error naming it', async () => {
    const opts = await lab();
    fs.writeFileSync(configFile(opts.home), '{ not json');
    const r = await run(cmd('Get-TransportConfig'), {}, opts);
    expect(r.terminating?.message).toContain(`The state file '${configFile(opts.home)}' is damaged and was not changed`);
    const s = await run(cmd('Set-TransportConfig'), { MaxSendSize: 1024 }, opts);
    expect(s.errors[0].message).toContain(configFile(opts.home));
  });
});

describe('parameters', () => {
  it('TLS lists: a value replaces, @{Add=..; Remove=..} edits', async () => {
    const opts = await lab();
    await ok('Set-TransportConfig', { TLSSendDomainSecureList: ['contoso.com', 'fabrikam.com'] }, opts);
    await ok('Set-TransportConfig', { TLSSendDomainSecureList: 'woodgrovebank.com' }, opts);
    expect(loadConfig(opts.home).transportConfig.tlsSendDomainSecureList).toEqual(['woodgrovebank.com']);
    await ok('Set-TransportConfig', { TLSSendDomainSecureList: PSHashtable.from({ Add: ['fabrikam.com', 'tailspintoys.com'] }) }, opts);
    await ok('Set-TransportConfig', { TLSSendDomainSecureList: PSHashtable.from({ remove: 'fabrikam.com' }) }, opts);
    expect(loadConfig(opts.home).transportConfig.tlsSendDomainSecureList).toEqual(['woodgrovebank.com', 'tailspintoys.com']);
    const dup = await run(cmd('Set-TransportConfig'), { TLSSendDomainSecureList: PSHashtable.from({ Add: 'woodgrovebank.com' }) }, opts);
    expect(dup.errors[0].fullyQualifiedErrorId).toBe('DuplicateValue,Set-TransportConfig');
  });

  it('sizes: a number from a bareword 10MB, text, Unlimited', async () => {
    const opts = await lab();
    await ok('Set-TransportConfig', { MaxSendSize: 20971520, MaxReceiveSize: '15 MB', MaxRecipientEnvelopeLimit: 'Unlimited' }, opts);
    const tc = (await ok('Get-TransportConfig', {}, opts)).output[0];
    expect(shown(tc, 'MaxSendSize')).toBe('20 MB (20,971,520 bytes)');
    expect(shown(tc, 'MaxReceiveSize')).toBe('15 MB (15,728,640 bytes)');
    expect(prop(tc, 'MaxRecipientEnvelopeLimit')).toBe('Unlimited');
    const size = prop(tc, 'MaxSendSize') as PSObject;
    expect(size.get('IsUnlimited')).toBe(false);
    expect((size.get('Value') as PSObject).method('ToMB')!.fn()).toBe(20);
  });

  it('enum values are normalized to Exchange\'s spelling', async () => {
    const opts = await lab();
    await ok('Set-ReceiveConnector', { Identity: 'inet', AuthMechanism: 'tls,EXTERNALAUTHORITATIVE', PermissionGroups: 'exchangeservers' }, opts);
    const c = (await ok('Get-ReceiveConnector', { Identity: 'Inet' }, opts)).output[0];
    expect(prop(c, 'AuthMechanism')).toBe('Tls, ExternalAuthoritative');
    expect(prop(c, 'PermissionGroups')).toBe('ExchangeServers');
    const d = cmd('Set-ReceiveConnector').parameters.find((p) => p.name === 'ProtocolLoggingLevel')!;
    expect(d.validateSet).toEqual(['None', 'Verbose']);
    expect(d.convert!('VERBOSE')).toBe('Verbose');
  });

  it('time spans: 00:00:05 strings and [timespan] values; shown as 00:05:00', async () => {
    const opts = await lab();
    await ok('Set-TransportServer', { MessageRetryInterval: '00:00:05', TransientFailureRetryInterval: new TimeSpan(10_000) }, opts);
    const s = (await ok('Get-TransportServer', {}, opts)).output[0] as PSObject;
    expect(String(prop(s, 'MessageRetryInterval'))).toBe('00:00:05');
    expect(String(prop(s, 'TransientFailureRetryInterval'))).toBe('00:00:10');
    expect(String(prop(s, 'MessageExpirationTimeout'))).toBe('2.00:00:00');
    expect(prop(s, 'ReceiveProtocolLogPath')).toMatch(/TransportRoles[\\/]Logs[\\/]ProtocolLog[\\/]SmtpReceive$/);
    expect(s.typeNames[0]).toBe('Microsoft.Exchange.Data.Directory.Management.TransportServer');
    await expect(run(cmd('Set-TransportServer'), { MessageRetryInterval: 'soon' }, opts)).rejects.toThrow(/isn't a valid time span for MessageRetryInterval/);
  });

  it('Set-TransportServer -Name renames the server and its default receive connector', async () => {
    const opts = { home: tempDir() };
    await ok('Set-TransportServer', { Name: 'EDGE01' }, opts);
    const ids = (await ok('Get-ReceiveConnector', {}, opts)).output.map((o) => prop(o, 'Identity'));
    expect(ids).toEqual(['EDGE01\\Default internal receive connector EDGE01']);
  });
});

describe('pipeline by identity', () => {
  it('Get-ReceiveConnector | Set-ReceiveConnector -ProtocolLoggingLevel Verbose sets every connector', async () => {
    const opts = await lab();
    const got = await ok('Get-ReceiveConnector', {}, opts);
    expect(got.output).toHaveLength(2);
    await ok('Set-ReceiveConnector', { ProtocolLoggingLevel: 'Verbose' }, opts, got.output);
    expect(loadConfig(opts.home).receiveConnectors.map((c) => c.protocolLoggingLevel)).toEqual(['Verbose', 'Verbose']);
  });

  it('the object itself binds by value too', async () => {
    const opts = await lab();
    const identity = cmd('Set-SendConnector').parameters.find((p) => p.name === 'Identity')!;
    const obj = (await ok('Get-SendConnector', {}, opts)).output[0];
    expect(identity.convert!(obj)).toBe('Internet');
    expect(identity.position).toBe(0);
    expect(identity.valueFromPipeline && identity.valueFromPipelineByPropertyName).toBe(true);
  });

  it('Get-StaticMxRecord | Remove-StaticMxRecord removes each record', async () => {
    const opts = await lab();
    await ok('Add-StaticMxRecord', { Domain: 'woodgrovebank.com', Target: '127.0.0.1:2526' }, opts);
    await ok('Add-StaticMxRecord', { Domain: 'woodgrovebank.com', Target: '127.0.0.1:2527', Preference: 20 }, opts);
    const recs = await ok('Get-StaticMxRecord', {}, opts);
    expect(recs.output.map((o) => prop(o, 'Target'))).toEqual(['127.0.0.1:2526', '127.0.0.1:2527']);
    await ok('Remove-StaticMxRecord', {}, opts, recs.output);
    expect(loadConfig(opts.home).staticMxRecords).toEqual([]);
  });
});

describe('Remove-* confirm', () => {
  it('ConfirmImpact High: a declined confirmation removes nothing', async () => {
    const opts = await lab();
    expect(cmd('Remove-ReceiveConnector').confirmImpact).toBe('High');
    const r = await run(cmd('Remove-ReceiveConnector'), { Identity: 'Inet' }, { ...opts, confirm: false });
    expect(r.prompts).toEqual(['Performing the operation "Removing Receive connector" on target "EDGE\\Inet".']);
    expect(loadConfig(opts.home).receiveConnectors.map((c) => c.name)).toContain('Inet');
    await ok('Remove-ReceiveConnector', { Identity: 'EDGE\\Inet' }, { ...opts, confirm: true });
    expect(loadConfig(opts.home).receiveConnectors.map((c) => c.name)).not.toContain('Inet');
  });

  it('accepted domains: the default one is kept while others exist', async () => {
    const opts = await lab();
    await ok('New-AcceptedDomain', { Name: 'Contoso', DomainName: 'contoso.com' }, opts);
    await ok('New-AcceptedDomain', { Name: 'Fabrikam', DomainName: 'fabrikam.com', DomainType: 'internalrelay' }, opts);
    const r = await run(cmd('Remove-AcceptedDomain'), { Identity: 'Contoso' }, opts);
    expect(r.errors[0].fullyQualifiedErrorId).toBe('CannotRemoveDefaultAcceptedDomain,Remove-AcceptedDomain');
    const list = (await ok('Get-AcceptedDomain', {}, opts)).output;
    expect(list.map((o) => [prop(o, 'Name'), prop(o, 'DomainType'), prop(o, 'Default')])).toEqual([
      ['Contoso', 'Authoritative', true],
      ['Fabrikam', 'InternalRelay', false],
    ]);
  });
});

describe('declarations and views', () => {
  it('every parameter has a type and a description; enums declare their set', () => {
    for (const c of cmdlets) {
      expect(c.examples.length, c.name).toBeGreaterThan(0);
      for (const ex of c.examples) expect(ex.output !== undefined || ex.check !== undefined, `${c.name}: ${ex.code}`).toBe(true);
      for (const p of c.parameters) {
        expect(p.type, `${c.name} -${p.name}`).toBeTruthy();
        expect(p.description, `${c.name} -${p.name}`).toBeTruthy();
      }
      if (c.name.startsWith('New-') || c.name.startsWith('Set-') || c.name.startsWith('Remove-') || c.name.startsWith('Add-')) expect(c.supportsShouldProcess, c.name).toBe(true);
      if (c.name.startsWith('Remove-')) expect(c.confirmImpact, c.name).toBe('High');
    }
    const auth = cmd('Set-ReceiveConnector').parameters.find((p) => p.name === 'AuthMechanism')!;
    expect(auth.validateSet).toEqual(['None', 'Tls', 'Integrated', 'BasicAuth', 'BasicAuthRequireTLS', 'ExchangeServer', 'ExternalAuthoritative']);
    expect(cmd('Set-ReceiveConnector').parameters.find((p) => p.name === 'DomainSecureEnabled')!.type).toBe('Boolean');
  });

  it('default tables show the columns Exchange shows; lists show every property in order', async () => {
    const cols = (t: string) => views.find((v) => v.typeName.endsWith(t))!.table?.columns.map((c) => c.label);
    expect(cols('.ReceiveConnector')).toEqual(['Identity', 'Bindings', 'Enabled']);
    expect(cols('.SmtpSendConnectorConfig')).toEqual(['Identity', 'AddressSpaces', 'Enabled']);
    expect(cols('.AcceptedDomain')).toEqual(['Name', 'DomainName', 'DomainType', 'Default']);
    expect(cols('.TransportConfigContainer')).toBeUndefined();
    const opts = await lab();
    for (const [name, suffix] of [
      ['Get-TransportConfig', '.TransportConfigContainer'],
      ['Get-ReceiveConnector', '.ReceiveConnector'],
      ['Get-SendConnector', '.SmtpSendConnectorConfig'],
      ['Get-TransportServer', '.TransportServer'],
    ] as const) {
      const o = (await ok(name, {}, opts)).output[0] as PSObject;
      expect(views.find((v) => v.typeName.endsWith(suffix))!.list!.properties).toEqual(o.propertyNames());
    }
  });
});

describe('more of the surface', () => {
  it("Exchange 2007's usage switches, and only one usage at a time", async () => {
    const opts = await lab();
    const r = await ok('New-ReceiveConnector', { Name: 'Partner', Partner: true, Bindings: '127.0.0.1:2526', RemoteIPRanges: '10.1.0.0/16' }, opts);
    expect([prop(r.output[0], 'PermissionGroups'), prop(r.output[0], 'DomainSecureEnabled')]).toEqual(['Partners', true]);
    const two = await run(cmd('New-ReceiveConnector'), { Name: 'X', Internet: true, Usage: 'Internal', Bindings: '127.0.0.1:2527' }, opts);
    expect(two.errors[0].fullyQualifiedErrorId).toBe('NewReceiveConnectorIncorrectUsageParameters,New-ReceiveConnector');
    const s = await ok('New-SendConnector', { Name: 'Woodgrove', Partner: true, AddressSpaces: 'woodgrovebank.com' }, opts);
    expect(prop(s.output[0], 'DomainSecureEnabled')).toBe(true);
  });

  it('bindings and remote ranges edit with @{Add=..; Remove=..}', async () => {
    const opts = await lab();
    await ok('Set-ReceiveConnector', { Identity: 'Inet', Bindings: PSHashtable.from({ Add: '[::1]:2525' }), RemoteIPRanges: ['10.0.0.0/8', '192.168.1.10-192.168.1.20'] }, opts);
    const c = (await ok('Get-ReceiveConnector', { Identity: 'EDGE\\Inet' }, opts)).output[0];
    expect(shown(c, 'Bindings')).toBe('{127.0.0.1:2525, [::1]:2525}');
    expect(shown(c, 'RemoteIPRanges')).toBe('{10.0.0.0/8, 192.168.1.10-192.168.1.20}');
  });

  it('Get-* accept wildcards; an identity naming another server finds nothing', async () => {
    const opts = await lab();
    expect((await ok('Get-ReceiveConnector', { Identity: '*Inet*' }, opts)).output.map((o) => prop(o, 'Name'))).toEqual(['Inet']);
    expect((await ok('Get-ReceiveConnector', { Identity: 'EDGE\\*' }, opts)).output).toHaveLength(2);
    expect((await run(cmd('Get-ReceiveConnector'), { Identity: 'OTHER\\Inet' }, opts)).errors[0].category).toBe('ObjectNotFound');
    expect((await ok('Get-SendConnector', { Identity: 'Inter*' }, opts)).output).toHaveLength(1);
    expect((await ok('Get-SendConnector', { Identity: 'Nothing*' }, opts)).output).toHaveLength(0);
  });

  it('Set-TransportServer resolves log paths against the current location; $null restores the default', async () => {
    const opts = { ...(await lab()), cwd: tempDir('edgeshell-config-cwd-') };
    await ok('Set-TransportServer', { ReceiveProtocolLogPath: 'logs\\recv' }, opts);
    let s = (await ok('Get-TransportServer', {}, opts)).output[0];
    expect(prop(s, 'ReceiveProtocolLogPath')).toBe(`${opts.cwd}/logs/recv`);
    await ok('Set-TransportServer', { ReceiveProtocolLogPath: null }, opts);
    s = (await ok('Get-TransportServer', {}, opts)).output[0];
    expect(prop(s, 'ReceiveProtocolLogPath')).toMatch(/TransportRoles\/Logs\/ProtocolLog\/SmtpReceive$/);
    const wrong = await run(cmd('Set-TransportServer'), { Identity: 'OTHER', MessageRetryInterval: '00:00:05' }, opts);
    expect(wrong.errors[0].category).toBe('ObjectNotFound');
  });

  it('accepted domains are found by name or by domain', async () => {
    const opts = await lab();
    await ok('New-AcceptedDomain', { Name: 'Contoso', DomainName: 'contoso.com' }, opts);
    expect((await ok('Get-AcceptedDomain', { Identity: 'contoso.com' }, opts)).output.map((o) => prop(o, 'Name'))).toEqual(['Contoso']);
    await ok('Set-AcceptedDomain', { Identity: 'contoso.com', Name: 'Contoso Ltd' }, opts);
    expect(loadConfig(opts.home).acceptedDomains[0].name).toBe('Contoso Ltd');
  });
});
