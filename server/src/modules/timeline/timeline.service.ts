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

/** What a module gives for a customer: its rows (newest first) after a position on the timeline. */
type Reader<Row> = (
  db: Kysely<DB>,
  customerId: number,
  limit: number,
  after: ReturnType<typeof afterCursor> | undefined,
) => Promise<Row[]>;

/**
 * A kind of entry: read from its module after the cursor — its position found by the row's time and id
 * columns — and each row made an entry.
 */
function timelineSource<Row>(
  kind: TimelineKind,
  [atColumn, idColumn]: readonly [string, string],
  read: Reader<Row>,
  entry: (row: Row) => SourceItem,
): Source {
  return async (db, customerId, limit, cursor) => {
    const rows = await read(db, customerId, limit, cursor ? afterCursor(kind, cursor, atColumn, idColumn) : undefined);
    return rows.map(entry);
  };
}

/** Each kind of entry comes from its own module; later modules (opportunities, orders, tickets …) add theirs here. */
const sources: Record<TimelineKind, Source> = {
  followup: timelineSource('followup', ['followups.occurredAt', 'followups.id'], followupsOfCustomer, (row) => ({
    kind: 'followup',
    id: row.id,
    at: row.occurredAt,
    userName: row.ownerName,
    followup: toFollowup(row),
  })),
  task: timelineSource('task', ['tasks.dueAt', 'tasks.id'], tasksOfCustomer, (row) => ({
    kind: 'task',
    id: row.id,
    at: row.dueAt,
    userName: row.assigneeName,
    task: toTask(row),
  })),
  // Emails read from the mailboxes, matched to the customer or one of its contacts by address.
  email: timelineSource('email', ['emailMessages.sentAt', 'emailMessages.id'], emailsOfCustomer, (email) => ({
    kind: 'email',
    id: email.id,
    at: email.sentAt,
    userName: null,
    email,
  })),
  // SMS sent from the customer's contacts and the replies to them.
  sms: timelineSource('sms', ['smsMessages.createdAt', 'smsMessages.id'], smsOfCustomer, (sms) => ({
    kind: 'sms',
    id: sms.id,
    at: sms.createdAt,
    userName: sms.userName,
    sms,
  })),
  // Calls with the customer (or one of its contacts), from the telephony module.
  call: timelineSource('call', ['calls.ringAt', 'calls.id'], callsOfCustomer, (call) => ({
    kind: 'call',
    id: call.id,
    at: call.ringAt,
    userName: call.agentName,
    call,
  })),
  change: timelineSource('change', ['auditLogs.createdAt', 'auditLogs.id'], customerChanges, (change) => ({
    kind: 'change',
    id: change.id,
    at: change.createdAt,
    userName: change.username,
    change,
  })),
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
