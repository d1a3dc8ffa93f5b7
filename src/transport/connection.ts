// smtp-server's connection without its fixed greeting delay. SMTPConnection.init() waits a
// hard-coded 100 ms before connectionReady() (which runs onConnect and sends the 220), to catch
// clients that talk before the greeting; there is no option for it, and it caps new sessions at
// 10 per second per concurrent client. Here init() runs the library's own init (listeners,
// maxClients) and then connectionReady() at once; the library's timer still fires and finds the
// connection ready (connectionReady runs once). Only the public init()/connectionReady() pair is
// used: if a later smtp-server renames or drops connectionReady, the class does nothing and the
// library's behaviour stays (test/transport/perf-greeting.test.ts notices).
//
// Early talkers: with the greeting sent in the same tick as the accept, no client byte can arrive
// before it, so the library's "421 You talk too soon" check had nothing left to catch; a client
// that pipelines EHLO right after connecting is answered normally. `greetingDelay: 'library'`
// keeps the library's delay and its check.
import type * as net from 'node:net';
import type * as tls from 'node:tls';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

export type GreetingDelay = 'none' | 'library';

export class PromptSmtpConnection extends SMTPConnection {
  private edgeReadied = false;
  private readonly prompt: boolean;

  constructor(server: ConstructorParameters<typeof SMTPConnection>[0], socket: net.Socket | tls.TLSSocket, options?: unknown, delay: GreetingDelay = 'none') {
    super(server, socket, options as never);
    this.prompt = delay === 'none' && typeof SMTPConnection.prototype.connectionReady === 'function';
  }

  override init(): void {
    super.init();
    // implicit TLS (needsUpgrade) readies the connection after the handshake: the library's path
    if (this.prompt && !this.needsUpgrade && !this._closing && !this._closed) this.connectionReady();
  }

  override connectionReady(next?: () => void): void {
    if (this.edgeReadied) return;
    this.edgeReadied = true;
    super.connectionReady(next);
  }
}
