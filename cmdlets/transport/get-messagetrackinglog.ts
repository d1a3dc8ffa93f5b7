import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { TYPE, serverSettings, transportModules, typed } from './common.js';

interface Params {
  Start?: Date;
  End?: Date;
  Sender?: string;
  Recipients?: string[];
  EventId?: string;
  MessageId?: string;
  InternalMessageId?: string;
  MessageSubject?: string;
  ResultSize?: number | 'Unlimited';
  Server?: string;
}

const EVENT_IDS = ['RECEIVE', 'SEND', 'DELIVER', 'FAIL', 'DEFER', 'DSN', 'SUBMIT', 'RESUBMIT', 'EXPAND', 'REDIRECT', 'TRANSFER', 'POISONMESSAGE', 'BADMAIL'];

export default defineCmdlet<Params>({
  name: 'Get-MessageTrackingLog',
  synopsis: 'Searches the message tracking logs of this server.',
  description:
    'Reads the MSGTRK*.LOG files under the server\'s MessageTrackingLogPath: one event per step of a message ' +
    '(RECEIVE when it is accepted, DELIVER to a local mailbox, SEND to a next hop, DEFER when it waits for a ' +
    'retry, FAIL when a recipient fails, DSN for the non-delivery report). Filters combine; without -ResultSize ' +
    'at most 1000 events are returned.',
  outputTypes: [TYPE.tracking],
  parameters: [
    { name: 'Start', type: 'DateTime', description: 'Events at or after this time.' },
    { name: 'End', type: 'DateTime', description: 'Events at or before this time.' },
    { name: 'Sender', type: 'String', description: 'The sender address.' },
    { name: 'Recipients', type: 'String[]', description: 'Events with any of these recipients.' },
    { name: 'EventId', type: 'String', validateSet: EVENT_IDS, description: 'RECEIVE, SEND, DELIVER, FAIL, DEFER, DSN, ...' },
    { name: 'MessageId', type: 'String', description: 'The Message-ID header, with or without angle brackets.' },
    { name: 'InternalMessageId', type: 'String', description: 'The internal id of the message on this server.' },
    { name: 'MessageSubject', type: 'String', description: 'Events whose subject contains this text.' },
    {
      name: 'ResultSize',
      type: 'Unlimited',
      defaultValue: 1000,
      convert: (v) => {
        if (typeof v === 'string' && v.toLowerCase() === 'unlimited') return 'Unlimited';
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new Error(`'${String(v)}' is not a valid ResultSize: use a positive number or Unlimited.`);
        return n;
      },
      description: 'The most events to return (1000 by default), or Unlimited.',
    },
    { name: 'Server', type: 'String', description: 'Accepted for compatibility: this server.' },
  ],
  examples: [
    {
      title: 'No tracking events before the transport ran',
      code: '@(Get-MessageTrackingLog -EventId RECEIVE).Count',
      remarks: 'The tracking log is written by Start-Transport.',
      output: '0',
    },
  ],
  async process(ctx) {
    const { server } = await serverSettings(ctx);
    const { tracking } = await transportModules();
    const p = ctx.params;
    if (p.Start && p.End && p.Start > p.End) {
      return ctx.throwTerminating(new ErrorRecord('The Start date must be earlier than the End date.', `InvalidTimeRange,${ctx.commandName}`, 'InvalidArgument'));
    }
    const events = tracking.readTrackingLog(server.messageTrackingLogPath, {
      start: p.Start,
      end: p.End,
      sender: p.Sender,
      recipients: p.Recipients,
      eventId: p.EventId,
      messageId: p.MessageId,
      internalMessageId: p.InternalMessageId,
      messageSubject: p.MessageSubject,
      resultSize: p.ResultSize === 'Unlimited' ? 0 : (p.ResultSize ?? 1000),
    });
    for (const e of events) {
      ctx.write(
        typed(TYPE.tracking, {
          Timestamp: e.timestamp,
          ClientIp: e.clientIp ?? null,
          ClientHostname: e.clientHostname ?? '',
          ServerIp: e.serverIp ?? null,
          ServerHostname: e.serverHostname ?? '',
          SourceContext: e.sourceContext ?? null,
          ConnectorId: e.connectorId ?? null,
          Source: e.source,
          EventId: e.eventId,
          InternalMessageId: e.internalMessageId,
          MessageId: e.messageId,
          Recipients: e.recipients,
          RecipientStatus: e.recipientStatus,
          TotalBytes: e.totalBytes,
          RecipientCount: e.recipientCount,
          RelatedRecipientAddress: e.relatedRecipientAddress ?? null,
          Reference: e.reference ?? null,
          MessageSubject: e.messageSubject,
          Sender: e.sender,
          ReturnPath: e.returnPath,
          MessageInfo: e.messageInfo ?? null,
        }),
      );
    }
  },
});
