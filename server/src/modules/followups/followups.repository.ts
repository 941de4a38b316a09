import type { FollowupQuery } from '@relate/common';
import { type Insertable, type Kysely, type RawBuilder, sql, type Updateable } from 'kysely';
import type { DB, FollowupTable } from '../../db/schema.ts';
import { dayEnd, dayStart } from '../../db/time.ts';
import { pageOfIds } from '../../platform/list-page.ts';
import {
  countUpTo,
  keysetOf,
  type ListPageQuery,
  orderBySpec,
  type SortColumns,
  sortSpec,
} from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains } from '../../platform/search.ts';
import type { Dialect } from '../../db/database.ts';
import { walkingSortIndexWhenMany } from '../../db/plan-hints.ts';

const sortColumns: SortColumns = {
  occurredAt: { column: 'followups.occurredAt' },
  createdAt: { column: 'followups.createdAt' },
  nextFollowupAt: { column: 'followups.nextFollowupAt', nullable: true },
  type: { column: 'followups.type' },
};

function withColumns(db: Kysely<DB>) {
  return db
    .selectFrom('followups')
    .leftJoin('users as owner', 'owner.id', 'followups.ownerId')
    .leftJoin('customers', 'customers.id', 'followups.customerId')
    .leftJoin('leads', 'leads.id', 'followups.leadId')
    .selectAll('followups')
    .select(['owner.displayName as ownerName', 'customers.name as customerName', 'leads.name as leadName'])
    .select((eb) =>
      eb
        .selectFrom('attachments')
        .select(eb.fn.countAll<number>().as('n'))
        .where('attachments.entity', '=', 'followups')
        .whereRef('attachments.entityId', '=', 'followups.id')
        .as('attachmentCount'),
    );
}

export type FollowupRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

/** Follow-ups written by people in the scope, matching the list filters. */
export async function listFollowups(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  query: FollowupQuery & ListPageQuery,
  timezone: string,
) {
  const keyset = keysetOf(query, sortSpec(query.sort, sortColumns, 'occurredAt:desc'));
  let qb = whereInScope(db.selectFrom('followups'), 'followups', scope).where('followups.deletedAt', 'is', null);
  if (query.customerId) qb = qb.where('followups.customerId', '=', query.customerId);
  if (query.leadId) qb = qb.where('followups.leadId', '=', query.leadId);
  if (query.contactId) qb = qb.where('followups.contactId', '=', query.contactId);
  if (query.opportunityId) qb = qb.where('followups.opportunityId', '=', query.opportunityId);
  if (query.type?.length) qb = qb.where('followups.type', 'in', query.type);
  if (query.ownerId?.length) qb = qb.where('followups.ownerId', 'in', query.ownerId);
  if (query.from) qb = qb.where('followups.occurredAt', '>=', dayStart(query.from, timezone));
  if (query.to) qb = qb.where('followups.occurredAt', '<=', dayEnd(query.to, timezone));
  if (query.q) qb = qb.where(contains('followups.content', query.q));
  const total = await countUpTo(db, qb, query.count);
  const items = await pageOfIds(
    walkingSortIndexWhenMany(qb, dialect, total),
    (rows) => orderBySpec(rows, keyset.spec),
    'followups',
    (ids) => withColumns(db).where('followups.id', 'in', ids).execute(),
    { ...query, keyset },
  );
  return keyset.keyed(items, total);
}

export function findFollowup(db: Kysely<DB>, id: number) {
  return withColumns(db).where('followups.id', '=', id).where('followups.deletedAt', 'is', null).executeTakeFirst();
}

/** Follow-ups of one customer for its timeline, newest first, after an optional cursor condition. */
export function followupsOfCustomer(db: Kysely<DB>, customerId: number, limit: number, after?: RawBuilder<boolean>) {
  let qb = withColumns(db).where('followups.deletedAt', 'is', null).where('followups.customerId', '=', customerId);
  if (after) qb = qb.where(after);
  return qb.orderBy('followups.occurredAt', 'desc').orderBy('followups.id', 'desc').limit(limit).execute();
}

export async function insertFollowup(db: Kysely<DB>, row: Insertable<FollowupTable>): Promise<number> {
  const { id } = await db.insertInto('followups').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function updateFollowup(db: Kysely<DB>, id: number, values: Updateable<FollowupTable>) {
  return db.updateTable('followups').set(values).where('id', '=', id).execute();
}

/**
 * Recomputes a customer's (or lead's) follow-up dates: the last one is the latest follow-up's time,
 * and the next one is what the latest follow-up planned (past means overdue, none means nothing planned).
 */
export async function refreshFollowupDates(db: Kysely<DB>, table: 'customers' | 'leads', id: number) {
  const column = table === 'customers' ? 'customerId' : 'leadId';
  const latest = await db
    .selectFrom('followups')
    .select(['occurredAt', 'nextFollowupAt'])
    .where(column, '=', id)
    .where('deletedAt', 'is', null)
    .orderBy('occurredAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  await db
    .updateTable(table)
    .set({ lastFollowupAt: latest?.occurredAt ?? null, nextFollowupAt: latest?.nextFollowupAt ?? null })
    .where('id', '=', id)
    .execute();
}

/** Moves a lead's follow-ups onto the customer it became. */
export function moveLeadFollowups(db: Kysely<DB>, leadId: number, customerId: number, contactId: number | null) {
  return db
    .updateTable('followups')
    .set({ customerId, contactId: sql`coalesce(contact_id, ${contactId})` })
    .where('leadId', '=', leadId)
    .execute();
}

/** Planned follow-ups with the name of their customer or lead, as reminders and calendars show them. */
function plannedWithRecordName(db: Kysely<DB>) {
  return db
    .selectFrom('followups')
    .leftJoin('customers', 'customers.id', 'followups.customerId')
    .leftJoin('leads', 'leads.id', 'followups.leadId')
    .select([
      'followups.nextFollowupAt',
      'followups.nextStep',
      'followups.customerId',
      'followups.leadId',
      'customers.name as customerName',
      'leads.name as leadName',
    ])
    .where('followups.deletedAt', 'is', null);
}

/** What a reminder of a planned follow-up tells, and to whom. */
export function findFollowupToRemind(db: Kysely<DB>, id: number) {
  return plannedWithRecordName(db).select('followups.ownerId').where('followups.id', '=', id).executeTakeFirst();
}

/** The next follow-ups one person planned between two instants, soonest first (a calendar's). */
export function plannedFollowupsBetween(db: Kysely<DB>, ownerId: number, from: string, to: string) {
  return plannedWithRecordName(db)
    .select('followups.id')
    .where('followups.ownerId', '=', ownerId)
    .where('followups.nextFollowupAt', '>=', from)
    .where('followups.nextFollowupAt', '<', to)
    .orderBy('followups.nextFollowupAt')
    .limit(2000)
    .execute();
}

/** Gives one user's follow-ups planned from `now` on to another; returns their ids. */
export async function transferPlannedFollowups(
  db: Kysely<DB>,
  fromUserId: number,
  to: { id: number; departmentId: number | null },
  now: string,
): Promise<number[]> {
  const rows = await db
    .updateTable('followups')
    .set({ ownerId: to.id, departmentId: to.departmentId })
    .where('ownerId', '=', fromUserId)
    .where('deletedAt', 'is', null)
    .where('nextFollowupAt', '>=', now)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
