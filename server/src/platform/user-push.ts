import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../db/dialect.ts';
import { writeJson } from '../db/json.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../db/time.ts';
import { runAsUnitOfWork } from '../db/unit-of-work.ts';

/**
 * Events pushed at once to a user's open browsers (the screen pop of a ringing call, a new notification),
 * through the server-sent events stream they already hold (notifications.stream.ts).
 *
 * A server instance keeps its open streams in a `PushHub`. On SQLite (one process) an event is handed to
 * the hubs of this process. On PostgreSQL each instance runs a push channel (push-channel.ts): an event is
 * a row of `push_messages` announced by NOTIFY, and every instance's channel hands it to its own hub, so a
 * browser connected to any instance gets it. `setUserPushTransport` is the seam where such a channel
 * (or another, such as Redis) is put in for `pushToUser`.
 */
export type UserPushEvent = { event: string; data: unknown };
type Listener = (event: UserPushEvent) => void;

/**
 * Asks the unread count of the bell to be read again now: raised with a notification, never written to
 * the browser itself (the stream writes the new count).
 */
export const unreadChanged = 'unread-changed';

/** The streams open on one server instance, by user. A test process may hold several instances. */
export class PushHub {
  readonly #listeners = new Map<number, Set<Listener>>();

  /** Subscribes one open stream of a user; returns the unsubscribe. */
  subscribe(userId: number, listener: Listener): () => void {
    let set = this.#listeners.get(userId);
    if (!set) this.#listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.#listeners.delete(userId);
    };
  }

  /** Hands an event to the user's streams on this hub; how many there were. */
  deliver(userId: number, event: UserPushEvent): number {
    const set = this.#listeners.get(userId);
    for (const listener of [...(set ?? [])]) listener(event);
    return set?.size ?? 0;
  }
}

/** The hub of a server process that has only one instance (and of every test app not given its own). */
export const defaultPushHub = new PushHub();
const hubsByDb = new WeakMap<object, PushHub>();
const hubs = new Set<PushHub>([defaultPushHub]);

/** Gives the instance built on this database handle a hub of its own (a second instance in one process). */
export function usePushHub(db: Kysely<DB>, hub: PushHub): () => void {
  hubsByDb.set(db, hub);
  hubs.add(hub);
  return () => {
    hubsByDb.delete(db);
    if (hub !== defaultPushHub) hubs.delete(hub);
  };
}

/** The hub of the instance built on this (root) database handle. */
export function pushHubOf(db: Kysely<DB>): PushHub {
  return hubsByDb.get(db) ?? defaultPushHub;
}

/** Subscribes one open stream of a user on the process's default hub; returns the unsubscribe. */
export function subscribeUser(userId: number, listener: Listener): () => void {
  return defaultPushHub.subscribe(userId, listener);
}

/** Hands an event to the streams of the user open in this process; how many there were. */
export function deliverLocally(userId: number, event: UserPushEvent): number {
  let count = 0;
  for (const hub of hubs) count += hub.deliver(userId, event);
  return count;
}

/**
 * How events leave this process. `publish` sends at once; `publishWith` writes with the caller's
 * transaction, so the event goes out when (and only if) it commits.
 */
export type UserPushTransport = {
  publish: (userId: number, event: UserPushEvent) => void;
  publishWith: (db: Kysely<DB>, userIds: number[], event: UserPushEvent) => Promise<void>;
};

/**
 * In-process delivery. An event written with a transaction is handed over on a unit of work of its own,
 * so what its listeners read waits for the transaction's connection (SQLite has one) instead of being
 * refused as a second handle, and sees what the transaction wrote once it has committed.
 */
export const inProcessTransport: UserPushTransport = {
  publish: (userId, event) => void deliverLocally(userId, event),
  publishWith: async (_db, userIds, event) => {
    setImmediate(() => runAsUnitOfWork(() => userIds.forEach((userId) => deliverLocally(userId, event)), {}));
  },
};

let transport: UserPushTransport = inProcessTransport;

/** Replaces the in-process delivery by one across instances (see above). */
export function setUserPushTransport(next: UserPushTransport): void {
  transport = next;
}

export function pushToUser(userId: number, event: string, data: unknown): void {
  transport.publish(userId, { event, data });
}

/**
 * Pushes an event to users with the caller's transaction (or handle): on PostgreSQL a row per user and a
 * NOTIFY, which PostgreSQL delivers at commit; on SQLite in this process.
 */
export async function pushWith(db: Kysely<DB>, userIds: number[], event: string, data: unknown): Promise<void> {
  const users = [...new Set(userIds)];
  if (!users.length) return;
  if (dialectOf(db) === 'postgres') return writePushMessages(db, users, { event, data });
  return transport.publishWith(db, users, { event, data });
}

/** The PostgreSQL channel every instance LISTENs on; a notification names the new rows' ids only. */
export const pushChannelName = 'relate_push';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more: ids are sent in parts well below it. */
export const maxPushPayloadBytes = 4000;

/** Every hub of this process (for delivery to those no channel feeds). */
export function pushHubs(): PushHub[] {
  return [...hubs];
}

/** Writes an event for users as rows of `push_messages` and announces their ids by NOTIFY (PostgreSQL). */
export async function writePushMessages(
  db: Kysely<DB>,
  userIds: number[],
  event: UserPushEvent,
  beforeNotify?: (ids: number[]) => void,
): Promise<void> {
  const createdAt = nowIso();
  const data = writeJson(event.data);
  const ids: number[] = [];
  for (let i = 0; i < userIds.length; i += 1000) {
    const rows = await db
      .insertInto('pushMessages')
      .values(userIds.slice(i, i + 1000).map((userId) => ({ userId, event: event.event, data, createdAt })))
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  beforeNotify?.(ids);
  for (const payload of idPayloads(ids)) await sql`select pg_notify(${pushChannelName}, ${payload})`.execute(db);
}

/** Ids joined by commas, in parts shorter than `maxPushPayloadBytes`. */
export function idPayloads(ids: number[], maxBytes = maxPushPayloadBytes): string[] {
  const parts: string[] = [];
  let current = '';
  for (const id of ids) {
    const next = current ? `${current},${id}` : String(id);
    if (next.length > maxBytes) {
      parts.push(current);
      current = String(id);
    } else current = next;
  }
  if (current) parts.push(current);
  return parts;
}
