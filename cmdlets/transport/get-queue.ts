import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { TYPE, opathFilter, serverSettings, transportModules, typed } from './common.js';

interface Params {
  Identity?: string;
  Filter?: string;
  Server?: string;
}

export default defineCmdlet<Params>({
  name: 'Get-Queue',
  synopsis: 'Shows the delivery queues of this server.',
  description:
    'One queue per next hop (the recipient domain for DNS routing, the smart hosts of a connector, the local ' +
    'mailboxes of an authoritative domain), plus Submission for messages not yet routed. Status is Active while ' +
    'a message is being delivered, Retry after a failed attempt (LastError says why, NextRetryTime when the next ' +
    'attempt is), Ready otherwise. TlsDomain names the domain a queue is domain-secured for. Read from the spool ' +
    'under $env:EDGESHELL_HOME\\queue, so another shell on the same server sees the same queues.',
  outputTypes: [TYPE.queue],
  parameters: [
    { name: 'Identity', type: 'String', position: 0, valueFromPipelineByPropertyName: true, description: 'Server\\NextHopDomain, or the next hop alone; wildcards allowed.' },
    { name: 'Filter', type: 'String', description: "An OPATH filter such as \"Status -eq 'Retry'\" or 'MessageCount -gt 0'." },
    { name: 'Server', type: 'String', description: 'Accepted for compatibility: this server.' },
  ],
  examples: [
    {
      title: 'The queues of an idle server',
      code: 'Get-Queue | Format-List Identity,DeliveryType,Status,MessageCount',
      remarks: 'Submission is always there; other queues appear when messages wait for a next hop.',
      check: /Identity     : [^\n]+\\Submission\nDeliveryType : Undefined\nStatus       : Ready\nMessageCount : 0\n/,
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
    const list = queues.listQueues(server.name, service.spoolFor(home), queues.readQueueStates(home));
    let found = 0;
    for (const q of list) {
      if (ctx.params.Identity && !queues.queueIdentityMatches(ctx.params.Identity, q.identity)) continue;
      const o = typed(TYPE.queue, {
        Identity: q.identity,
        DeliveryType: q.deliveryType,
        NextHopDomain: q.nextHopDomain,
        TlsDomain: q.tlsDomain,
        NextHopConnector: '',
        Status: q.status,
        MessageCount: q.messageCount,
        LastError: q.lastError,
        LastRetryTime: q.lastRetryTime ?? null,
        NextRetryTime: q.nextRetryTime ?? null,
      });
      if (filter && !filter((n) => o.get(n))) continue;
      found++;
      ctx.write(o);
    }
    if (ctx.params.Identity && found === 0 && !/[*?]/.test(ctx.params.Identity)) {
      ctx.writeError(new ErrorRecord(`The queue '${ctx.params.Identity}' was not found.`, `QueueNotFound,${ctx.commandName}`, 'ObjectNotFound', ctx.params.Identity));
    }
  },
});
