import * as net from 'node:net';
import * as os from 'node:os';
import { defineCmdlet, type CmdletContext } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { SecureString } from '../../src/engine/values.js';

interface Params {
  To: string[];
  Subject?: string;
  Body?: string;
  SmtpServer?: string;
  From: string;
  Attachments?: string[];
  Bcc?: string[];
  Cc?: string[];
  BodyAsHtml?: boolean;
  Encoding?: string;
  DeliveryNotificationOption?: string[];
  Priority?: string;
  ReplyTo?: string[];
  Credential?: unknown;
  UseSsl?: boolean;
  Port?: number;
}

const OBSOLETE =
  "The command 'Send-MailMessage' is obsolete. This cmdlet does not guarantee secure connections to SMTP servers. While there is no immediate replacement available in PowerShell, we recommend you do not use Send-MailMessage at this time. See https://aka.ms/SendMailMessage for more information.";

/** .NET SmtpException texts by reply code, as Send-MailMessage reports them. */
function smtpMessage(code: number): string {
  switch (code) {
    case 421:
      return 'Service not available, closing transmission channel.';
    case 450:
    case 550:
      return 'Mailbox unavailable.';
    case 451:
      return 'Error in processing.';
    case 452:
      return 'Insufficient system storage.';
    case 530:
      return 'The SMTP server requires a secure connection or the client was not authenticated.';
    case 552:
      return 'Exceeded storage allocation.';
    case 553:
      return 'Mailbox name not allowed.';
    default:
      return 'Transaction failed.';
  }
}

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
    .flatMap((x) => String(x).split(/[;,]/))
    .map((x) => x.trim())
    .filter(Boolean);

/** `Name <a@b>` or `a@b` → the address. */
const addressOf = (s: string) => (/<([^>]+)>/.exec(s)?.[1] ?? s).trim();

function failure(ctx: CmdletContext, message: string, id: string, category: ErrorRecord['category'] = 'InvalidOperation'): never {
  return ctx.throwTerminating(new ErrorRecord(message, `SmtpException,${ctx.commandName}`, category, undefined, id));
}

export default defineCmdlet<Params>({
  name: 'Send-MailMessage',
  synopsis: 'Sends an email message through an SMTP server, as PowerShell does.',
  description:
    'Builds a MIME message (text or -BodyAsHtml, -Attachments from files, -Cc and -Bcc, -Priority) and submits ' +
    'it to -SmtpServer (default $PSEmailServer) on -Port (default 25). -UseSsl requires STARTTLS, and the ' +
    "server's certificate must validate against this server's trust store (or the system's roots). The reply of " +
    'the server that refused the message is reported as .NET does: "Mailbox unavailable. The server response ' +
    'was: 5.7.1 Unable to relay". Like PowerShell 7, it warns that the command is obsolete.',
  parameters: [
    { name: 'To', type: 'String[]', position: 0, mandatory: true, description: 'Recipient addresses.' },
    { name: 'Subject', type: 'String', position: 1, aliases: ['sub'], description: 'The subject.' },
    { name: 'Body', type: 'String', position: 2, description: 'The text of the message.' },
    { name: 'SmtpServer', type: 'String', position: 3, aliases: ['ComputerName'], description: 'The SMTP server (name or address); default $PSEmailServer.' },
    { name: 'From', type: 'String', mandatory: true, description: 'The sender address.' },
    { name: 'Attachments', type: 'String[]', aliases: ['PsPath'], valueFromPipeline: true, description: 'Files to attach.' },
    { name: 'Bcc', type: 'String[]', description: 'Blind copy recipients.' },
    { name: 'Cc', type: 'String[]', description: 'Copy recipients.' },
    { name: 'BodyAsHtml', type: 'SwitchParameter', aliases: ['BAH'], description: 'The body is HTML.' },
    { name: 'Encoding', type: 'String', aliases: ['BE'], defaultValue: 'utf8', description: 'Accepted for compatibility: the message is UTF-8.' },
    { name: 'DeliveryNotificationOption', type: 'String[]', aliases: ['DNO'], validateSet: ['None', 'OnSuccess', 'OnFailure', 'Delay', 'Never'], description: 'Accepted for compatibility.' },
    { name: 'Priority', type: 'String', validateSet: ['Normal', 'Low', 'High'], defaultValue: 'Normal', description: 'Normal, Low or High.' },
    { name: 'ReplyTo', type: 'String[]', description: 'Reply-To addresses.' },
    { name: 'Credential', type: 'PSCredential', description: 'Sent with AUTH when the server offers it.' },
    { name: 'UseSsl', type: 'SwitchParameter', description: 'Requires STARTTLS and a valid server certificate.' },
    { name: 'Port', type: 'Int32', defaultValue: 25, validateRange: [1, 65535], description: 'The port (default 25).' },
  ],
  examples: [
    {
      title: 'Nothing listening: a clear error',
      code: "try { Send-MailMessage -From ann@contoso.com -To bob@woodgrovebank.com -Subject Test -SmtpServer 127.0.0.1 -Port 9 -WarningAction SilentlyContinue } catch { $_.Exception.Message }",
      remarks: 'The connection is refused.',
      check: /Unable to connect to the remote server/,
    },
  ],
  begin(ctx) {
    ctx.state.attachments = [] as string[];
  },
  process(ctx) {
    if (ctx.expectingInput && ctx.input !== undefined && ctx.bound.has('Attachments')) (ctx.state.attachments as string[]).push(...list(ctx.params.Attachments));
  },
  async end(ctx) {
    const p = ctx.params;
    ctx.writeWarning(OBSOLETE);
    const server = p.SmtpServer ?? (ctx.session.getVariable('PSEmailServer') as string | undefined);
    if (!server) {
      return failure(ctx, 'The email cannot be sent because no SMTP server was specified. You must specify an SMTP server by using either the SmtpServer parameter or the $PSEmailServer variable.', 'System.InvalidOperationException');
    }
    const fs = await import('node:fs');
    const path = await import('node:path');
    const files = ctx.expectingInput ? (ctx.state.attachments as string[]) : list(p.Attachments);
    const attachments = [];
    for (const f of files) {
      const full = ctx.session.resolvePath(f);
      let content: Buffer;
      try {
        content = fs.readFileSync(full);
      } catch {
        return ctx.throwTerminating(new ErrorRecord(`Could not find file '${full}'.`, `FileNotFound,${ctx.commandName}`, 'ObjectNotFound', full, 'System.IO.FileNotFoundException'));
      }
      attachments.push({ filename: path.basename(full), content });
    }
    const headers: Record<string, string> = {};
    if (p.Priority === 'High') Object.assign(headers, { 'X-Priority': '1', Priority: 'urgent', Importance: 'high' });
    if (p.Priority === 'Low') Object.assign(headers, { 'X-Priority': '5', Priority: 'non-urgent', Importance: 'low' });
    const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
    const { default: SMTPConnection } = await import('nodemailer/lib/smtp-connection');
    const to = list(p.To);
    const cc = list(p.Cc);
    const bcc = list(p.Bcc);
    const mail = new MailComposer({
      from: p.From,
      to,
      cc: cc.length ? cc : undefined,
      replyTo: p.ReplyTo?.length ? list(p.ReplyTo) : undefined,
      subject: p.Subject ?? '',
      ...(p.BodyAsHtml ? { html: p.Body ?? '' } : { text: p.Body ?? '' }),
      attachments,
      headers,
      xMailer: false,
      newline: 'win',
    } as never);
    const message: Buffer = await mail.compile().build();
    const envelope = { from: addressOf(p.From), to: [...to, ...cc, ...bcc].map(addressOf) };

    const home = ctx.session.home;
    const result = await new Promise<{ error?: Error & { code?: string; response?: string; responseCode?: number; command?: string } }>((resolve) => {
      let settled = false;
      const done = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', abort);
        resolve({ error: error as never });
        try {
          conn.quit();
        } catch {
          /* closed */
        }
      };
      const conn = new SMTPConnection({
        host: server,
        port: p.Port ?? 25,
        name: os.hostname(),
        requireTLS: !!p.UseSsl,
        ignoreTLS: !p.UseSsl,
        tls: { rejectUnauthorized: false, servername: net.isIP(server) ? undefined : server, minVersion: 'TLSv1.2' },
        allowInternalNetworkInterfaces: true,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 100_000,
      });
      const abort = () => {
        done(Object.assign(new Error('The operation was canceled.'), { code: 'ECANCELED' }));
        conn.close();
      };
      ctx.signal.addEventListener('abort', abort, { once: true });
      const timer = setTimeout(() => done(Object.assign(new Error('The operation has timed out.'), { code: 'ETIMEDOUT' })), 120_000);
      conn.on('error', (e: Error) => done(e));
      conn.connect(async () => {
        if (p.UseSsl) {
          const err = await checkServerCertificate(home, conn, server);
          if (err) return done(err);
        }
        const send = () =>
          conn.send(envelope, message, (err) => {
            done(err ?? undefined);
          });
        const cred = p.Credential as { get?: (n: string) => unknown } | undefined;
        if (cred && (conn as unknown as { allowsAuth: boolean }).allowsAuth) {
          const pw = cred.get?.('Password');
          conn.login({ user: String(cred.get?.('UserName') ?? ''), pass: pw instanceof SecureString ? pw.reveal() : String(pw ?? '') }, (err) => (err ? done(err) : send()));
        } else send();
      });
    });
    const e = result.error;
    if (!e) return;
    if (e.code === 'ECANCELED') return failure(ctx, 'The operation was canceled.', 'System.OperationCanceledException', 'OperationStopped');
    if (e.code === 'ECERT') return failure(ctx, e.message, 'System.Security.Authentication.AuthenticationException', 'SecurityError');
    const reply = e.response && /^\d{3}[ -]/.test(e.response) ? e.response.trim() : undefined;
    if (reply) {
      const code = Number(reply.slice(0, 3));
      const text = reply.slice(4).trim();
      if (e.command === 'STARTTLS' || (e.code === 'ETLS' && !reply)) return failure(ctx, 'Server does not support secure connections.', 'System.Net.Mail.SmtpException');
      return failure(ctx, `${smtpMessage(code)} The server response was: ${text}`, code >= 500 && /RCPT/.test(e.command ?? '') ? 'System.Net.Mail.SmtpFailedRecipientException' : 'System.Net.Mail.SmtpException');
    }
    if (e.code === 'ETLS') return failure(ctx, /STARTTLS/i.test(e.message) ? 'Server does not support secure connections.' : `The SSL connection could not be established: ${e.message}`, 'System.Net.Mail.SmtpException');
    if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(e.message)) {
      return failure(ctx, `Unable to connect to the remote server (${e.message.replace(/^connect /, '')})`, 'System.Net.Mail.SmtpException', 'ConnectionError');
    }
    return failure(ctx, `Failure sending mail. ${e.message}`, 'System.Net.Mail.SmtpException');
  },
});

/** The server certificate must validate against this server's trust store, or Node's own roots. */
async function checkServerCertificate(home: string, conn: unknown, server: string): Promise<Error | undefined> {
  const tls = await import('node:tls');
  const sock = (conn as { _socket?: unknown })._socket;
  if (!(sock instanceof tls.TLSSocket)) return Object.assign(new Error('Server does not support secure connections.'), { code: 'ETLS' });
  const { peerChain } = await import('../../src/transport/tls.js');
  const { validatePeerCertificate } = await import('../../src/state/certstore.js');
  const chain = peerChain(sock);
  if (!chain[0]) return Object.assign(new Error('The remote certificate is invalid according to the validation procedure.'), { code: 'ECERT' });
  const hostname = net.isIP(server) ? undefined : server;
  const r = validatePeerCertificate(home, chain[0], chain.slice(1), { purpose: 'server', hostname });
  if (r.status === 'Valid') return undefined;
  if (sock.authorized && (!hostname || !tls.checkServerIdentity(hostname, sock.getPeerCertificate()))) return undefined;
  return Object.assign(new Error(`The remote certificate is invalid according to the validation procedure: ${r.reason}`), { code: 'ECERT' });
}
