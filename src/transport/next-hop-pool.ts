// What the send side keeps between messages, per next hop (as Exchange's queues do): established
// sessions waiting for the next message of their queue, and the TLS session of each host for
// resumption. A session is only handed to a message with the same key: host, connector, domain
// security requirement and client certificate, so the policy verdict it passed still holds.
// Everything here is dropped when the configuration or a certificate changes.

/** An established session that can carry another message. */
export interface PooledSession {
  readonly key: string;
  /** Messages it carried so far. */
  readonly messages: number;
  /** False once the peer or a timeout ended it. */
  usable(): boolean;
  /** QUIT (logged), when it is not wanted any more; resolves once the connection is closed. */
  close(): Promise<void>;
}

/**
 * A TLS session and the certificate chain its server presented in the full handshake. A client
 * socket that resumed has no peer certificate to show (Node reports none), yet the server proved
 * it holds that session's secret, so it is the same server: the chain is validated again as it was.
 */
export interface ResumableTls {
  session: Buffer;
  chain: Buffer[];
}

/** Exchange's default SmtpMaxMessagesPerConnection: a session is renewed after this many messages. */
export const MAX_MESSAGES_PER_CONNECTION = 20;
/** How long a session waits for the next message of its queue before it says QUIT. */
export const IDLE_MS = 5_000;

export class NextHopPool {
  private readonly idle = new Map<string, { session: PooledSession; timer: NodeJS.Timeout }[]>();
  private readonly tlsSessions = new Map<string, ResumableTls>();

  constructor(
    private readonly idleMs = IDLE_MS,
    readonly maxMessagesPerConnection = MAX_MESSAGES_PER_CONNECTION,
  ) {}

  /** An idle session for the key, if one is still usable. */
  take(key: string): PooledSession | undefined {
    const list = this.idle.get(key);
    while (list?.length) {
      const { session, timer } = list.pop()!;
      clearTimeout(timer);
      if (session.usable()) return session;
      void session.close();
    }
    return undefined;
  }

  /** Puts a session back after a message; one that has carried its share is closed instead. */
  release(session: PooledSession): void {
    if (!session.usable() || session.messages >= this.maxMessagesPerConnection) return void session.close();
    let list = this.idle.get(session.key);
    if (!list) this.idle.set(session.key, (list = []));
    const entry = {
      session,
      timer: setTimeout(() => {
        const i = list!.indexOf(entry);
        if (i >= 0) list!.splice(i, 1);
        void session.close();
      }, this.idleMs),
    };
    entry.timer.unref();
    list.push(entry);
  }

  /** The TLS session to offer a host again (TLS 1.3 ticket or 1.2 session), with its server's chain. */
  tlsSession(key: string): ResumableTls | undefined {
    return this.tlsSessions.get(key);
  }

  rememberTlsSession(key: string, tls: ResumableTls): void {
    if (this.tlsSessions.size >= 1000) this.tlsSessions.clear();
    this.tlsSessions.set(key, tls);
  }

  /** Closes every idle session and forgets the TLS sessions (configuration change, stop). */
  clear(): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const list of this.idle.values()) {
      for (const { session, timer } of list) {
        clearTimeout(timer);
        closing.push(session.close());
      }
    }
    this.idle.clear();
    this.tlsSessions.clear();
    return Promise.all(closing).then(() => undefined);
  }

  /** Idle sessions held (tests and status). */
  get size(): number {
    let n = 0;
    for (const l of this.idle.values()) n += l.length;
    return n;
  }
}
