// The transport cmdlets. Cheap to import: smtp-server, nodemailer and src/transport load inside
// begin/process/end.
import type { CmdletDecl } from '../../src/engine/cmdlet.js';
import { registerViews } from '../../src/format/views.js';
import { views } from './views.js';
import startTransport from './start-transport.js';
import stopTransport from './stop-transport.js';
import getQueue from './get-queue.js';
import retryQueue from './retry-queue.js';
import getMessage from './get-message.js';
import getMessageTrackingLog from './get-messagetrackinglog.js';
import getCounter from './get-counter.js';
import sendMailMessage from './send-mailmessage.js';

export const cmdlets: CmdletDecl<any>[] = [startTransport, stopTransport, getQueue, retryQueue, getMessage, getMessageTrackingLog, getCounter, sendMailMessage];

export { views };
registerViews(views);
