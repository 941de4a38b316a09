import type { Kysely } from 'kysely';
import type pg from 'pg';
import { postgresDriver } from '../db/database.ts';
import { readJson } from '../db/json.ts';
import type { DB } from '../db/schema.ts';
import { runAsUnitOfWork } from '../db/unit-of-work.ts';
import {
  inProcessTransport,
  type PushHub,
  pushChannelName,
  pushHubs,
  setUserPushTransport,
  writePushMessages,
} from './user-push.ts';

/**
 * The push channel of one server instance on PostgreSQL. One dedicated connection LISTENs on
 * `relate_push`; a NOTIFY names the ids of new `push_messages` rows, which the channel reads and hands
 * to its instance's hub. While that connection is down (it is opened again after 0.5 s, doubling to
 * 30 s) the channel polls the table instead. Rows are kept a minute, long enough for every instance to
 * read them either way; any instance removes older ones.
 */
export type PushChannelOptions = {
  /** How often the table is read while the LISTEN connection is down. */
  pollMs?: number;
  onError?: (error: unknown) => void;
};

const keptMs = 60_000;
/** How far back a poll looks: a row committed late (its transaction was long) is still found. */
const lookBackMs = 30_000;
const maxBackoffMs = 30_000;

type Row = { id: number; userId: number; event: string; data: unknown };

export class PushChannel {
  readonly #db: Kysely<DB>;
  readonly #url: string;
  readonly #hub: PushHub;
  readonly #pollMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #startedAt = Date.now();
  /** Ids handed over already (with when), so that a poll and a NOTIFY never deliver one row twice. */
  readonly #delivered = new Map<number, number>();
  readonly #pending = new Set<number>();
  #client: pg.Client | null = null;
  #listening = false;
  #closed = false;
  #backoffMs = 500;
  #reconnect: NodeJS.Timeout | null = null;
  #poll: NodeJS.Timeout | null = null;
  #sweep: NodeJS.Timeout | null = null;
  #reading: Promise<void> = Promise.resolve();

  constructor(db: Kysely<DB>, url: string, hub: PushHub, options: PushChannelOptions = {}) {
    this.#db = db;
    this.#url = url;
    this.#hub = hub;
    this.#pollMs = options.pollMs ?? 500;
    this.#onError = options.onError ?? (() => {});
  }

  get database(): Kysely<DB> {
    return this.#db;
  }

  get url(): string {
    return this.#url;
  }

  get hub(): PushHub {
    return this.#hub;
  }

  /** Whether the LISTEN connection is up (otherwise the table is polled). */
  get listening(): boolean {
    return this.#listening;
  }

  start(): void {
    this.#startPolling();
    void this.#connect();
    this.#sweep = setInterval(() => void this.#removeOld(), keptMs / 2);
    this.#sweep.unref();
  }

  async close(): Promise<void> {
    channels.delete(this);
    if (!channels.size) setUserPushTransport(inProcessTransport);
    this.#closed = true;
    this.#listening = false;
    if (this.#reconnect) clearTimeout(this.#reconnect);
    if (this.#poll) clearInterval(this.#poll);
    if (this.#sweep) clearInterval(this.#sweep);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
    await this.#reading.catch(() => undefined);
  }

  /**
   * Publishes an event outside any transaction for the other instances: the hubs of this process have
   * had it already, so no channel here hands it over again.
   */
  publish(userIds: number[], event: { event: string; data: unknown }): Promise<void> {
    return runAsUnitOfWork(
      () =>
        writePushMessages(this.#db, userIds, event, (ids) => {
          for (const channel of channels) channel.markDelivered(ids);
        }),
      {},
    );
  }

  markDelivered(ids: number[]): void {
    const now = Date.now();
    for (const id of ids) this.#delivered.set(id, now);
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new (postgresDriver().Client)({ connectionString: this.#url });
    this.#client = client;
    const lost = (error?: unknown) => {
      if (this.#client !== client) return;
      this.#client = null;
      this.#listening = false;
      if (error) this.#onError(error);
      void client.end().catch(() => undefined);
      if (this.#closed) return;
      this.#startPolling();
      this.#reconnect = setTimeout(() => void this.#connect(), this.#backoffMs);
      this.#reconnect.unref();
      this.#backoffMs = Math.min(this.#backoffMs * 2, maxBackoffMs);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== pushChannelName || !message.payload) return;
      for (const id of message.payload.split(',')) if (/^\d+$/.test(id)) this.#pending.add(Number(id));
      this.#read();
    });
    try {
      await client.connect();
      await client.query(`listen ${pushChannelName}`);
    } catch (error) {
      lost(error);
      return;
    }
    if (this.#client !== client || this.#closed) return;
    this.#listening = true;
    this.#backoffMs = 500;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
    // What was written while the connection was being opened.
    this.#read(true);
  }

  #startPolling(): void {
    if (this.#poll || this.#closed) return;
    this.#poll = setInterval(() => this.#read(true), this.#pollMs);
    this.#poll.unref();
  }

  /** Reads the rows named by NOTIFYs (and with `recent`, the last seconds' rows), one read at a time. */
  #read(recent = false): void {
    this.#reading = this.#reading
      .then(() => runAsUnitOfWork(() => this.#readNow(recent), {}))
      .catch((error) => this.#onError(error));
  }

  async #readNow(recent: boolean): Promise<void> {
    if (this.#closed) return;
    const ids = [...this.#pending];
    this.#pending.clear();
    const rows: Row[] = [];
    for (let i = 0; i < ids.length; i += 1000)
      rows.push(
        ...(await this.#db
          .selectFrom('pushMessages')
          .select(['id', 'userId', 'event', 'data'])
          .where('id', 'in', ids.slice(i, i + 1000))
          .execute()),
      );
    if (recent) {
      const since = new Date(Math.max(Date.now() - lookBackMs, this.#startedAt - 1000)).toISOString();
      rows.push(
        ...(await this.#db
          .selectFrom('pushMessages')
          .select(['id', 'userId', 'event', 'data'])
          .where('createdAt', '>=', since)
          .orderBy('id')
          .execute()),
      );
    }
    const now = Date.now();
    for (const row of rows.sort((a, b) => a.id - b.id)) {
      if (this.#delivered.has(row.id)) continue;
      this.#delivered.set(row.id, now);
      this.#hub.deliver(row.userId, { event: row.event, data: readJson(row.data, null) });
    }
    for (const [id, at] of this.#delivered) if (now - at > keptMs * 2) this.#delivered.delete(id);
  }

  async #removeOld(): Promise<void> {
    const before = new Date(Date.now() - keptMs).toISOString();
    await runAsUnitOfWork(
      () => this.#db.deleteFrom('pushMessages').where('createdAt', '<', before).execute(),
      {},
    ).catch((error) => this.#onError(error));
  }
}

const channels = new Set<PushChannel>();

/**
 * `pushToUser` while channels run in this process: handed at once to the hubs of this process (a
 * screen pop must not wait for a round trip), and written once per database the channels serve for
 * the other instances.
 */
const channelTransport = {
  publish: (userId: number, event: { event: string; data: unknown }) => {
    for (const hub of pushHubs()) hub.deliver(userId, event);
    const byUrl = new Map<string, PushChannel>();
    for (const channel of channels) byUrl.set(channel.url, channel);
    for (const channel of byUrl.values()) void channel.publish([userId], event).catch(() => undefined);
  },
  publishWith: inProcessTransport.publishWith,
};

/** Starts the push channel of an instance on PostgreSQL; `close` it when the instance stops. */
export function startPushChannel(
  db: Kysely<DB>,
  url: string,
  hub: PushHub,
  options: PushChannelOptions = {},
): PushChannel {
  const channel = new PushChannel(db, url, hub, options);
  channels.add(channel);
  setUserPushTransport(channelTransport);
  channel.start();
  return channel;
}

/** The channels running in this process (tests look at whether they listen). */
export function runningPushChannels(): PushChannel[] {
  return [...channels];
}
