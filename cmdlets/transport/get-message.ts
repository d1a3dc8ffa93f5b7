import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { TYPE, opathFilter, serverSettings, transportModules, typed } from './common.js';

interface Params {
  Identity?: string;
  Queue?: string;
  Filter?: string;
  IncludeRecipientInfo?: boolean;
}

export default defineCmdlet<Params>({
  name: 'Get-Message',
  synopsis: 'Shows the messages waiting in the queues of this server.',
  description:
    'One object per message and queue: Identity (Server\\Queue\\InternalId), FromAddress, Status, Size, Subject, ' +
    'the recipients waiting in that queue, LastError and RetryCount, DateReceived and ExpirationTime.',
  outputTypes: [TYPE.message],
  parameters: [
    { name: 'Identity', type: 'String', position: 0, valueFromPipelineByPropertyName: true, description: 'Server\\Queue\\InternalId, or the internal id alone.' },
    { name: 'Queue', type: 'String', valueFromPipelineByPropertyName: true, aliases: ['QueueIdentity'], description: 'Only the messages of this queue (Server\\NextHopDomain or the next hop).' },
    { name: 'Filter', type: 'String', description: "An OPATH filter such as \"FromAddress -like '*@contoso.com'\"." },
    { name: 'IncludeRecipientInfo', type: 'SwitchParameter', description: 'Accepted for compatibility: Recipients is always filled.' },
  ],
  examples: [
    {
      title: 'No messages on an idle server',
      code: '@(Get-Message).Count',
      remarks: 'The queues are empty.',
      output: '0',
    },
  ],
  async process(ctx) {
    const home = ctx.session.home;
    const { server } = await serverSettings(ctx);
    const { queues, service } = await transportModules();
    let filter: ((get: (n: string) => unknown) => boolean) | undefined;
    try {
      filter = ctx.params.Filter ? opathFilter(ctx.params.Filter) : undefined;
    } catch (e) {
      return ctx.throwTerminating(new ErrorRecord((e as Error).message, `InvalidFilter,${ctx.commandName}`, 'InvalidArgument', ctx.params.Filter));
    }
    const id = ctx.params.Identity?.trim();
    for (const m of queues.listMessages(server.name, service.spoolFor(home), server.messageExpirationTimeoutMs)) {
      if (id && !(m.identity.toLowerCase() === id.toLowerCase() || m.internalId === id || m.identity.toLowerCase().endsWith('\\' + id.toLowerCase()))) continue;
      if (ctx.params.Queue && !queues.queueIdentityMatches(ctx.params.Queue, m.queue)) continue;
      const o = typed(TYPE.message, {
        Identity: m.identity,
        FromAddress: m.fromAddress,
        Status: m.status,
        Size: m.size,
        SCL: -1,
        Queue: m.queue,
        Subject: m.subject,
        InternetMessageId: m.internetMessageId,
        MessageSourceName: m.sourceName,
        Recipients: m.recipients,
        LastError: m.lastError,
        RetryCount: m.retryCount,
        DateReceived: m.dateReceived,
        ExpirationTime: m.expirationTime ?? null,
        InternalMessageId: m.internalId,
        DomainSecured: m.domainSecured,
      });
      if (filter && !filter((n) => o.get(n))) continue;
      ctx.write(o);
    }
  },
});
