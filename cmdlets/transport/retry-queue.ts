import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { opathFilter, runningHere, serverSettings, transportModules } from './common.js';

interface Params {
  Identity?: string;
  Filter?: string;
  Resubmit?: boolean;
}

export default defineCmdlet<Params>({
  name: 'Retry-Queue',
  synopsis: 'Makes a queue in Retry try its next hop now.',
  description:
    'Forces a connection attempt for the queue (or every queue that matches -Filter) instead of waiting for its ' +
    'NextRetryTime; the messages are routed again, so a corrected send connector, static MX record or certificate ' +
    'takes effect. Works on a transport running in this shell or in another shell on the same server.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    { name: 'Identity', type: 'String', position: 0, valueFromPipelineByPropertyName: true, parameterSets: ['Identity'], setOverrides: { Identity: { mandatory: true } }, description: 'Server\\NextHopDomain or the next hop alone.' },
    { name: 'Filter', type: 'String', parameterSets: ['Filter'], setOverrides: { Filter: { mandatory: true } }, description: "An OPATH filter such as \"Status -eq 'Retry'\"." },
    { name: 'Resubmit', type: 'Boolean', description: 'Accepted for compatibility: messages are always routed again.' },
  ],
  defaultParameterSet: 'Identity',
  examples: [
    {
      title: 'Retry every queue in Retry',
      code: "Retry-Queue -Filter \"Status -eq 'Retry'\"",
      remarks: 'Nothing happens when no queue is in Retry.',
      output: '',
    },
  ],
  async process(ctx) {
    const home = ctx.session.home;
    const { server } = await serverSettings(ctx);
    const { queues, service } = await transportModules();
    const spool = service.spoolFor(home);
    let targets: string[];
    const all = queues.listQueues(server.name, spool, queues.readQueueStates(home));
    if (ctx.params.Filter) {
      let f;
      try {
        f = opathFilter(ctx.params.Filter);
      } catch (e) {
        return ctx.throwTerminating(new ErrorRecord((e as Error).message, `InvalidFilter,${ctx.commandName}`, 'InvalidArgument', ctx.params.Filter));
      }
      const get = (q: (typeof all)[number]) => (n: string) => (q as unknown as Record<string, unknown>)[n.charAt(0).toLowerCase() + n.slice(1)];
      targets = all.filter((q) => f(get(q))).map((q) => q.identity);
    } else {
      const id = ctx.params.Identity ?? '';
      targets = all.filter((q) => queues.queueIdentityMatches(id, q.identity)).map((q) => q.identity);
      if (targets.length === 0) {
        ctx.writeError(new ErrorRecord(`The queue '${id}' was not found.`, `QueueNotFound,${ctx.commandName}`, 'ObjectNotFound', id));
        return;
      }
    }
    const here = runningHere(ctx);
    const elsewhere = !here && service.readServiceStatus(home);
    for (const t of targets) {
      if (!(await ctx.shouldProcess(t, 'Retry-Queue'))) continue;
      if (here) here.retryQueue(t);
      else spool.requestFlush(t);
    }
    if (targets.length && !here && !elsewhere) ctx.writeWarning('The transport service is not running; the queue will be retried when it starts.');
  },
});
