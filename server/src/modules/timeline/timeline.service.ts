import { type AuditLog, type TimelineItem, type TimelineKind, type TimelinePage, timelineKinds } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { customerChanges } from '../audit/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { callsOfCustomer } from '../cti/index.ts';
import { followupsOfCustomer, toFollowup } from '../followups/index.ts';
import { emailsOfCustomer } from '../mailboxes/index.ts';
import { smsOfCustomer } from '../sms/index.ts';
import { tasksOfCustomer, toTask } from '../tasks/index.ts';
import { nameAuditRows } from './timeline.labels.ts';
import { afterCursor, compareEntries, decodeCursor, encodeCursor, type TimelineCursor } from './timeline.cursor.ts';

/** An entry before the records of its changes are named (that is done once for the page kept, not per source). */
type SourceItem =
  | Exclude<TimelineItem, { kind: 'change' }>
  | (Omit<Extract<TimelineItem, { kind: 'change' }>, 'change'> & { change: AuditLog });

type Source = (
  db: Kysely<DB>,
  customerId: number,
  limit: number,
  cursor: TimelineCursor | null,
) => Promise<SourceItem[]>;

/** Each kind of entry comes from its own module; later modules (opportunities, orders, tickets …) add theirs here. */
const sources: Record<TimelineKind, Source> = {
  followup: async (db, customerId, limit, cursor) => {
    const rows = await followupsOfCustomer(
      db,
      customerId,
      limit,
      cursor ? afterCursor('followup', cursor, 'followups.occurredAt', 'followups.id') : undefined,
    );
    return rows.map((row) => ({
      kind: 'followup',
      id: row.id,
      at: row.occurredAt,
      userName: row.ownerName,
      followup: toFollowup(row),
    }));
  },
  task: async (db, customerId, limit, cursor) => {
    const rows = await tasksOfCustomer(
      db,
      customerId,
      limit,
      cursor ? afterCursor('task', cursor, 'tasks.dueAt', 'tasks.id') : undefined,
    );
    return rows.map((row) => ({
      kind: 'task',
      id: row.id,
      at: row.dueAt,
      userName: row.assigneeName,
      task: toTask(row),
    }));
  },
  // Emails read from the mailboxes, matched to the customer or one of its contacts by address.
  email: async (db, customerId, limit, cursor) => {
    const rows = await emailsOfCustomer(
      db,
      customerId,
      limit,
      cursor ? afterCursor('email', cursor, 'emailMessages.sentAt', 'emailMessages.id') : undefined,
    );
    return rows.map((email) => ({ kind: 'email', id: email.id, at: email.sentAt, userName: null, email }));
  },
  // SMS sent from the customer's contacts and the replies to them.
  sms: async (db, customerId, limit, cursor) => {
    const rows = await smsOfCustomer(
      db,
      customerId,
      limit,
      cursor ? afterCursor('sms', cursor, 'smsMessages.createdAt', 'smsMessages.id') : undefined,
    );
    return rows.map((sms) => ({ kind: 'sms', id: sms.id, at: sms.createdAt, userName: sms.userName, sms }));
  },
  // Calls with the customer (or one of its contacts), from the telephony module.
  call: async (db, customerId, limit, cursor) => {
    const rows = await callsOfCustomer(
      db,
      customerId,
      limit,
      cursor ? afterCursor('call', cursor, 'calls.ringAt', 'calls.id') : undefined,
    );
    return rows.map((call) => ({ kind: 'call', id: call.id, at: call.ringAt, userName: call.agentName, call }));
  },
  change: async (db, customerId, limit, cursor) => {
    const rows = await customerChanges(
      db,
      customerId,
      limit,
      cursor ? afterCursor('change', cursor, 'auditLogs.createdAt', 'auditLogs.id') : undefined,
    );
    return rows.map((change) => ({
      kind: 'change',
      id: change.id,
      at: change.createdAt,
      userName: change.username,
      change,
    }));
  },
};

/**
 * Everything that happened with a customer on one timeline, newest first: each source gives its
 * next page after the cursor, and the merged page keeps the newest `limit` entries.
 */
export async function customerTimeline(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  query: { cursor?: string; limit: number; kinds?: TimelineKind[] },
): Promise<TimelinePage> {
  orNotFound(await findVisibleCustomer(ctx, actor, customerId));
  const cursor = decodeCursor(query.cursor);
  const kinds = query.kinds?.length ? query.kinds : timelineKinds;
  const pages = await Promise.all(kinds.map((kind) => sources[kind](ctx.db, customerId, query.limit, cursor)));
  const kept = pages
    .flat()
    .sort((a, b) => compareEntries(a, b))
    .slice(0, query.limit);
  // The records the changes are about are named for the whole page at once: one query per kind of record.
  const changes = kept.flatMap((item) => (item.kind === 'change' ? [item.change] : []));
  const named = new Map((await nameAuditRows(ctx.db, actor, changes)).map((change) => [change.id, change]));
  const items = kept.map((item): TimelineItem =>
    item.kind === 'change' ? { ...item, change: named.get(item.change.id)! } : item,
  );
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      items.length === query.limit && last ? encodeCursor({ at: last.at, kind: last.kind, id: last.id }) : null,
  };
}
