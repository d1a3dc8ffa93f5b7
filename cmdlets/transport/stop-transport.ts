import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { SERVICE_KEY, runningHere, sleep } from './common.js';

interface Params {
  Force?: boolean;
}

export default defineCmdlet<Params>({
  name: 'Stop-Transport',
  synopsis: 'Stops the SMTP transport of this server gracefully.',
  description:
    'Closes the receive connectors (a session in the middle of a message finishes it; its next command gets ' +
    '421 4.3.2), lets deliveries in progress finish, and keeps the queue for the next Start-Transport. A transport ' +
    'started by another shell on the same EDGESHELL_HOME is asked to stop and this command waits until it has.',
  parameters: [{ name: 'Force', type: 'SwitchParameter', description: 'Does not wait for sessions in flight: they are cut after one second.' }],
  examples: [
    {
      title: 'Stop the transport started in this shell',
      code: 'Start-Transport | Out-Null\nStop-Transport\n(Get-Counter "\\MSExchange Secure Mail Transport(_Total)\\Domain Secure Messages Received").CounterSamples[0].CookedValue',
      remarks: 'The counters keep their last values until the next start.',
      setup: 'Set-ReceiveConnector "Default internal receive connector $((Get-TransportServer).Name)" -Bindings 127.0.0.1:25872 | Out-Null',
      output: '0',
    },
  ],
  async end(ctx) {
    const home = ctx.session.home;
    const svc = runningHere(ctx);
    if (svc) {
      await svc.stop(ctx.params.Force ? 1000 : 10_000);
      ctx.session.services.delete(SERVICE_KEY);
      return;
    }
    const { readServiceStatus, requestStop } = await import('../../src/transport/service.js');
    const other = readServiceStatus(home);
    if (!other) {
      ctx.writeError(new ErrorRecord('The transport service is not running on this server.', `TransportNotRunning,${ctx.commandName}`, 'InvalidOperation'));
      return;
    }
    requestStop(home);
    const deadline = Date.now() + 30_000;
    while (readServiceStatus(home) && Date.now() < deadline && !ctx.signal.aborted) await sleep(100, ctx.signal);
    if (readServiceStatus(home)) {
      ctx.writeError(new ErrorRecord(`The transport service in process ${other.pid} did not stop within 30 seconds.`, `TransportStopTimeout,${ctx.commandName}`, 'OperationTimeout'));
    }
  },
});
