/**
 * Events pushed at once to a user's open browsers (the screen pop of a ringing call), through the
 * server-sent events stream they already hold (notifications.stream.ts). Delivery here reaches the
 * streams connected to this server instance only: `setUserPushTransport` is the seam where a shared
 * channel (PostgreSQL LISTEN/NOTIFY, Redis) is put in for several instances — it then publishes every
 * event to all instances, each of which calls `deliverLocally`.
 */
export type UserPushEvent = { event: string; data: unknown };
type Listener = (event: UserPushEvent) => void;

const listeners = new Map<number, Set<Listener>>();

/** Subscribes one open stream of a user; returns the unsubscribe. */
export function subscribeUser(userId: number, listener: Listener): () => void {
  let set = listeners.get(userId);
  if (!set) listeners.set(userId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (!set.size) listeners.delete(userId);
  };
}

/** Hands an event to the streams of the user open on this instance; how many there were. */
export function deliverLocally(userId: number, event: UserPushEvent): number {
  const set = listeners.get(userId);
  for (const listener of set ?? []) listener(event);
  return set?.size ?? 0;
}

export type UserPushTransport = (userId: number, event: UserPushEvent) => void;
let transport: UserPushTransport = (userId, event) => void deliverLocally(userId, event);

/** Replaces the in-process delivery by one across instances (see above). */
export function setUserPushTransport(next: UserPushTransport): void {
  transport = next;
}

export function pushToUser(userId: number, event: string, data: unknown): void {
  transport(userId, { event, data });
}
