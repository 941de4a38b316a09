import type { Generated } from 'kysely';

/**
 * An event for a user's open browsers (platform/push-channel.ts): written by the instance that raises it,
 * read by every instance (after a NOTIFY naming its id, or by polling while that channel is down) and
 * removed after a minute.
 */
export type PushMessageTable = {
  id: Generated<number>;
  userId: number;
  event: string;
  /** The event's data, JSON. */
  data: unknown;
  createdAt: string;
};

/** One rate limit's count of requests for one key (a rule and an address or account) in its window. */
export type RateLimitCountTable = {
  key: string;
  hits: number;
  /** When the window ends, in milliseconds since the epoch. */
  resetsAt: number;
};

/** The contents of an uploaded file kept in the database (platform/file-store.ts), by its storage key. */
export type StoredFileTable = {
  storageKey: string;
  content: Buffer;
  size: number;
  createdAt: string;
};

export type InstanceTables = {
  pushMessages: PushMessageTable;
  rateLimitCounts: RateLimitCountTable;
  storedFiles: StoredFileTable;
};
