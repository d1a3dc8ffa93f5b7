// Non-delivery reports (RFC 3464 multipart/report), from the postmaster of the sender's side.
import * as crypto from 'node:crypto';
import { headerEnd } from './message.js';
import { rfc2822Date } from './message.js';
import type { SpoolEnvelope } from './spool.js';

export interface FailedRecipient {
  address: string;
  reply: string;
  remoteMta?: string;
}

export interface Ndr {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  content: Buffer;
}

/** `550 5.7.3 text` → `5.7.3`; a 4.x.x reply that became final (expiry) reports 4.4.7 as Exchange does. */
export function statusOf(reply: string): string {
  const m = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})/.exec(reply);
  if (!m) return /^4/.test(reply) ? '4.4.7' : '5.0.0';
  return m[1]!;
}

export function buildNdr(opts: { fqdn: string; postmaster: string; original: SpoolEnvelope; originalContent: Buffer; failed: FailedRecipient[]; now?: Date }): Ndr {
  const now = opts.now ?? new Date();
  const o = opts.original;
  const boundary = `----=_NDR_${crypto.randomBytes(8).toString('hex')}`;
  const messageId = `<${crypto.randomUUID()}@${opts.fqdn}>`;
  const subject = `Undeliverable: ${o.subject}`;
  const headers = opts.originalContent.subarray(0, headerEnd(opts.originalContent)).toString('latin1').replace(/(\r?\n)+$/, '');
  const list = opts.failed.map((f) => `${f.address}\r\n${f.reply}`).join('\r\n\r\n');
  const diag = opts.failed.map((f) => `${f.address}\r\n#${f.reply} ##`).join('\r\n');
  const perRecipient = opts.failed
    .map((f) => [`Final-Recipient: rfc822;${f.address}`, `Action: failed`, `Status: ${statusOf(f.reply)}`, `Diagnostic-Code: smtp;${f.reply}`, ...(f.remoteMta ? [`Remote-MTA: dns;${f.remoteMta}`] : [])].join('\r\n'))
    .join('\r\n\r\n');
  const text = [
    `From: Microsoft Exchange <${opts.postmaster}>`,
    `To: <${o.mailFrom}>`,
    `Date: ${rfc2822Date(now)}`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    `In-Reply-To: ${o.messageId}`,
    `References: ${o.messageId}`,
    'MIME-Version: 1.0',
    'Auto-Submitted: auto-replied',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Delivery has failed to these recipients or groups:',
    '',
    list,
    '',
    'Diagnostic information for administrators:',
    '',
    `Generating server: ${opts.fqdn}`,
    '',
    diag,
    '',
    'Original message headers:',
    '',
    headers,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns;${opts.fqdn}`,
    ...(o.receive ? [`Received-From-MTA: dns;${o.receive.clientHostname}`] : []),
    `Arrival-Date: ${rfc2822Date(new Date(o.receivedAt))}`,
    '',
    perRecipient,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    headers,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { from: '', to: o.mailFrom, subject, messageId, content: Buffer.from(text, 'latin1') };
}
