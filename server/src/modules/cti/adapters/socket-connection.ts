import { Socket } from 'node:net';

/**
 * What a PBX's TCP protocol (AMI, ESL) does on one connection: the adapter's framing reads whole messages
 * off the bytes received, and its handshake says when the connection is up (logged in) or refused.
 */
export type Handshake = {
  /** Logged in: `start()` resolves, and a later drop reconnects. */
  ready(): void;
  /** Refused: the socket is closed and `start()` rejects. */
  fail(error: Error): void;
};

export type Session = {
  /** Consumes the whole messages at the start of what was read so far; returns the rest, for the next read. */
  read(buffer: Buffer): Buffer;
  /** The socket closed: whatever waits for a reply will get none. */
  closed(): void;
};

/** How long after a drop the connection is tried again. */
export const defaultReconnectMs = 5000;

/**
 * The life of a PBX connection, the same for every TCP adapter: a socket to the PBX, the bytes read so far,
 * a session of the adapter's framing per connection, status reports, and reconnection after a drop of a
 * connection that had been up — until `stop()`.
 */
export class SocketConnection {
  private socket: Socket | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  /** connected, or the last error's message. */
  onStatus: (status: string) => void = () => {};

  constructor(
    private readonly address: { host: string; port: number },
    private readonly openSession: (handshake: Handshake) => Session,
    private readonly reconnectMs = defaultReconnectMs,
  ) {}

  /** Connects and waits for the handshake; rejects when the PBX cannot be reached or refuses. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      this.socket = socket;
      let buffer: Buffer = Buffer.alloc(0);
      let ready = false;
      const session = this.openSession({
        ready: () => {
          ready = true;
          this.onStatus('connected');
          resolve();
        },
        fail: (error) => {
          this.onStatus(error.message);
          socket.destroy();
          reject(error);
        },
      });
      socket.on('data', (chunk: Buffer) => {
        buffer = session.read(buffer.length ? Buffer.concat([buffer, chunk]) : chunk);
      });
      socket.on('error', (error) => {
        this.onStatus(error.message);
        if (!ready) reject(error);
      });
      socket.on('close', () => {
        session.closed();
        if (!this.stopped && ready) {
          this.retry = setTimeout(() => void this.connect().catch(() => {}), this.reconnectMs);
          this.retry.unref();
        }
      });
      socket.connect(this.address.port, this.address.host);
    });
  }

  get connected(): boolean {
    return Boolean(this.socket && !this.socket.destroyed);
  }

  /** Sends bytes on the current connection; false when there is none. */
  write(text: string): boolean {
    if (!this.socket || this.socket.destroyed) return false;
    this.socket.write(text);
    return true;
  }

  /** Closes the connection as the PBX asked (a disconnect notice); it reconnects like after any drop. */
  end(): void {
    this.socket?.end();
  }

  /** Stops for good: no reconnection; `farewell` (a logoff) is said first when connected. */
  async stop(farewell?: () => Promise<unknown> | void): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await farewell?.();
    socket.destroy();
  }
}
