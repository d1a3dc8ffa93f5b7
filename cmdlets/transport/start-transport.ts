import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { SERVICE_KEY, TYPE, runningHere, stateError, typed } from './common.js';

interface Params {
  Wait?: boolean;
}

export default defineCmdlet<Params>({
  name: 'Start-Transport',
  synopsis: 'Starts the SMTP transport of this server: its receive connectors, queue and send side.',
  description:
    'Opens every enabled receive connector on its Bindings, recovers the queue under $env:EDGESHELL_HOME\\queue ' +
    '(messages accepted before a stop or a crash are delivered or sent), and starts routing through the send ' +
    'connectors. STARTTLS uses the certificate enabled for SMTP (chosen by the connector FQDN, else the default ' +
    'SMTP certificate); domain security follows TLSSendDomainSecureList and TLSReceiveDomainSecureList. ' +
    'Configuration and certificate changes made while it runs take effect for new sessions. The service runs ' +
    'inside this shell, which stays usable; -Wait blocks until Ctrl+C (or SIGTERM) and then stops gracefully. ' +
    'A binding already in use, or a connector that needs TLS while no certificate is enabled for SMTP, is an error.',
  outputTypes: [TYPE.service],
  parameters: [{ name: 'Wait', type: 'SwitchParameter', description: 'Blocks until Ctrl+C, SIGINT or SIGTERM, then stops the transport gracefully.' }],
  examples: [
    {
      title: 'Start the transport for this shell session',
      code: 'Start-Transport | Format-List Name,Status,Bindings\nStop-Transport',
      remarks: 'The receive connectors listen until Stop-Transport (or the end of the shell).',
      setup: 'Set-ReceiveConnector "Default internal receive connector $((Get-TransportServer).Name)" -Bindings 127.0.0.1:25871 | Out-Null',
      check: /Status\s+: Running/,
    },
  ],
  async end(ctx) {
    const home = ctx.session.home;
    if (runningHere(ctx)) {
      return ctx.throwTerminating(new ErrorRecord('The transport service is already running in this shell.', `TransportAlreadyRunning,${ctx.commandName}`, 'ResourceExists'));
    }
    const [{ TransportService }, { stateEnvironment }] = await Promise.all([import('../../src/transport/service.js'), import('../../src/transport/environment.js')]);
    const warnings: string[] = [];
    let svc;
    try {
      svc = await TransportService.start(stateEnvironment(home), { onWarning: (m) => warnings.push(m) });
    } catch (e) {
      const err = e as Error;
      const category = /already in use|already running/.test(err.message) ? 'ResourceUnavailable' : /certificate/.test(err.message) ? 'NotEnabled' : 'InvalidOperation';
      return ctx.throwTerminating(err.name === 'StateError' ? stateError(ctx, e, 'StartTransportFailed') : new ErrorRecord(err.message, `StartTransportFailed,${ctx.commandName}`, category));
    }
    ctx.session.services.set(SERVICE_KEY, svc.view);
    ctx.write(
      typed(TYPE.service, {
        Name: svc.serverName,
        Status: 'Running',
        Fqdn: svc.fqdn,
        Bindings: svc.bindings,
        Certificate: svc.certificateThumbprint ?? '',
        StartTime: svc.startedAt,
        ProcessId: process.pid,
      }),
    );
    if (!ctx.params.Wait) return;
    // -Wait: until Ctrl+C (the pipeline's signal), SIGINT/SIGTERM, or a Stop-Transport from another shell
    const service = svc;
    await new Promise<void>((resolve) => {
      let done = false;
      const poll = setInterval(() => {
        for (const w of warnings.splice(0)) ctx.writeWarning(w);
      }, 250);
      const finish = () => {
        if (done) return;
        done = true;
        clearInterval(poll);
        process.off('SIGINT', finish);
        process.off('SIGTERM', finish);
        ctx.signal.removeEventListener('abort', finish);
        resolve();
      };
      ctx.signal.addEventListener('abort', finish, { once: true });
      process.on('SIGINT', finish);
      process.on('SIGTERM', finish);
      void service.whenStopped().then(finish);
    });
    await service.stop();
  },
});
