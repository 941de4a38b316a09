import { openTicketStatuses } from '@relate/common';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, ServiceUsageTable, TicketMessageTable, TicketTable } from '../../db/schema.ts';
import { listPage } from '../../platform/list-page.ts';
import { keysetOf, type ListPageQuery, orderBySpec, type SortColumns, sortSpec } from '../../platform/list-query.ts';
import type { Scope } from '../../platform/scope.ts';
import { contains, normalizeSearchText, searchTargets, whereIndexHolds } from '../../platform/search.ts';
import type { Dialect } from '../../db/database.ts';

const sortColumns: SortColumns = {
  number: { column: 'tickets.number' },
  priority: { column: 'tickets.priority' },
  createdAt: { column: 'tickets.createdAt' },
  updatedAt: { column: 'tickets.updatedAt' },
  resolutionDue: { column: 'tickets.resolutionDue', nullable: true },
};

const base = (db: Kysely<DB>) => db.selectFrom('tickets');

/**
 * The tickets of a data scope — by assignee, or by team department — and always those the caller
 * opened, so a rep follows the tickets they raised for their customers.
 */
export function inTicketScope(qb: ReturnType<typeof base>, scope: Scope) {
  if (scope.kind === 'all') return qb;
  return qb.where((eb) =>
    eb.or([
      eb('tickets.ownerId', '=', scope.userId),
      eb('tickets.createdBy', '=', scope.userId),
      ...(scope.kind === 'departments' ? [eb('tickets.departmentId', 'in', scope.departmentIds)] : []),
    ]),
  );
}
function withColumns(qb: ReturnType<typeof base>) {
  return qb
    .leftJoin('customers', 'customers.id', 'tickets.customerId')
    .leftJoin('contacts', 'contacts.id', 'tickets.contactId')
    .leftJoin('departments as team', 'team.id', 'tickets.teamId')
    .leftJoin('users as assignee', 'assignee.id', 'tickets.ownerId')
    .selectAll('tickets')
    .select([
      'customers.name as customerName',
      'contacts.name as contactName',
      'team.name as teamName',
      'assignee.displayName as assigneeName',
    ]);
}
export type TicketRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

export type TicketFilter = {
  q?: string;
  status?: string[];
  type?: string;
  priority?: string;
  teamId?: number;
  assigneeIds?: number[];
  unassigned?: boolean;
  customerId?: number;
  contactId?: number;
  breached?: boolean;
};

const open = openTicketStatuses as readonly string[];

/**
 * Statuses go into the SQL as literals (they are the schema's own values), so the database can see
 * that a query for open tickets is one the partial queue index answers. The open statuses are written
 * as that index's own text; other statuses name the column, so that a long list's page may walk its
 * sort's index and check the status on the way (plan-hints.ts).
 */
const statusIn = (statuses: string[]) => {
  const values = sql.join(statuses.map((s) => sql.lit(s)));
  const isOpenSet = statuses.length === open.length && open.every((s) => statuses.includes(s));
  return isOpenSet
    ? sql<boolean>`tickets.status in (${values})`
    : sql<boolean>`${sql.ref('tickets.status')} in (${values})`;
};

/** Past either SLA deadline, written as the partial index of breached tickets is (migration 0046). */
const breachedCondition = sql<boolean>`(${sql.ref('tickets.firstResponseBreached')} = 1 or ${sql.ref('tickets.resolutionBreached')} = 1)`;

/** The queue's order — VIP first, then by urgency, oldest first — written exactly as the queue index is. */
export const queueUrgency = sql`case tickets.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/** The active tickets of a scope that match the filters; a search goes through the bigram index when `dialect` is given and `searchIndex` is not false. */
function filtered(
  db: Kysely<DB>,
  scope: Scope,
  filter: TicketFilter,
  dialect?: Dialect,
  searchIndex: boolean | 'firstOnly' = true,
) {
  let qb = inTicketScope(base(db), scope).where('tickets.deletedAt', 'is', null);
  if (filter.status?.length) {
    const statuses = [...new Set(filter.status.flatMap((s) => (s === 'open' ? open : [s])))];
    qb = qb.where(statusIn(statuses));
  }
  if (filter.type) qb = qb.where('tickets.type', '=', filter.type);
  if (filter.priority) qb = qb.where('tickets.priority', '=', filter.priority);
  if (filter.teamId) qb = qb.where('tickets.teamId', '=', filter.teamId);
  if (filter.assigneeIds?.length) qb = qb.where('tickets.ownerId', 'in', filter.assigneeIds);
  if (filter.unassigned) qb = qb.where('tickets.ownerId', 'is', null);
  if (filter.customerId) qb = qb.where('tickets.customerId', '=', filter.customerId);
  if (filter.contactId) qb = qb.where('tickets.contactId', '=', filter.contactId);
  if (filter.breached !== undefined) {
    qb = filter.breached
      ? qb.where(breachedCondition)
      : qb.where((eb) =>
          eb.and([
            eb.or([eb('tickets.firstResponseBreached', 'is', null), eb('tickets.firstResponseBreached', '=', 0)]),
            eb.or([eb('tickets.resolutionBreached', 'is', null), eb('tickets.resolutionBreached', '=', 0)]),
          ]),
        );
  }
  if (filter.q) {
    qb = qb.where(contains('tickets.searchText', normalizeSearchText(filter.q)));
    if (dialect && searchIndex)
      qb = whereIndexHolds(qb, dialect, searchTargets.tickets, filter.q, { firstOnly: searchIndex === 'firstOnly' });
  }
  return qb;
}

const smallScope = 5000;

/**
 * The ids of a user's tickets when they are few (at most `smallScope`), gathered through the indexes of
 * owner, creator and department; null for everyone's tickets or a large scope. A list walks its sort
 * index and tests each ticket against the scope, which finds a large scope's tickets at once but reads
 * every ticket when the scope holds few of them (seconds at two million): those few are read by id.
 */
async function fewTicketsInScope(db: Kysely<DB>, scope: Scope): Promise<number[] | null> {
  if (scope.kind === 'all') return null;
  const active = () => db.selectFrom('tickets').select('tickets.id').where('tickets.deletedAt', 'is', null);
  let scoped = active()
    .where('tickets.ownerId', '=', scope.userId)
    .unionAll(active().where('tickets.createdBy', '=', scope.userId));
  if (scope.kind === 'departments' && scope.departmentIds.length)
    scoped = scoped.unionAll(active().where('tickets.departmentId', 'in', scope.departmentIds));
  const rows = await db
    .selectFrom(scoped.as('scoped'))
    .select('scoped.id')
    .limit(smallScope + 1)
    .execute();
  return rows.length <= smallScope ? [...new Set(rows.map((r) => r.id))] : null;
}

/** A queue: VIP first, then by urgency, then oldest first, unless another order is asked for. */
export async function listTickets(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: TicketFilter,
  page: ListPageQuery,
) {
  // The queue's own order (VIP, urgency) has no index to walk: only a chosen sort is read by keys.
  const keyset = page.sort ? keysetOf(page, sortSpec(page.sort, sortColumns, 'updatedAt:desc')) : undefined;
  const few = await fewTicketsInScope(db, scope);
  const inScope = (qb: ReturnType<typeof filtered>) =>
    few === null ? qb : few.length ? qb.where('tickets.id', 'in', few) : qb.where(sql<boolean>`1 = 0`);
  const sorted = (qb: ReturnType<typeof filtered>) => {
    const rows = withColumns(qb);
    return keyset
      ? orderBySpec(rows, keyset.spec)
      : rows.orderBy('tickets.vip', 'desc').orderBy(queueUrgency).orderBy('tickets.id', 'asc');
  };
  return listPage(
    db,
    dialect,
    searchTargets.tickets,
    filter.q,
    // A small scope is read by id: its tickets are checked for the text without the bigram index.
    (index) => inScope(filtered(db, scope, filter, dialect, few === null ? index : false)),
    sorted,
    { ...page, keyset },
    { narrowScope: few !== null, gatherable: Boolean(filter.status?.length || filter.assigneeIds?.length) },
  );
}

export function findTicket(db: Kysely<DB>, scope: Scope, id: number) {
  return withColumns(inTicketScope(base(db), scope))
    .where('tickets.id', '=', id)
    .where('tickets.deletedAt', 'is', null)
    .executeTakeFirst();
}

export function messagesOf(db: Kysely<DB>, ticketId: number) {
  return db
    .selectFrom('ticketMessages')
    .leftJoin('users', 'users.id', 'ticketMessages.authorId')
    .leftJoin('portalAccounts', 'portalAccounts.id', 'ticketMessages.portalAccountId')
    .leftJoin('contacts', 'contacts.id', 'portalAccounts.contactId')
    .select((eb) => [
      'ticketMessages.id',
      'ticketMessages.kind',
      'ticketMessages.body',
      'ticketMessages.authorId',
      eb.fn.coalesce('users.displayName', 'contacts.name').as('authorName'),
      'ticketMessages.createdAt',
    ])
    .where('ticketMessages.ticketId', '=', ticketId)
    .orderBy('ticketMessages.id')
    .execute();
}

/** Open tickets per agent, for least-busy routing. */
export async function openTicketCounts(db: Kysely<DB>, userIds: number[]): Promise<Map<number, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['ownerId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ownerId', 'in', userIds)
    .where(statusIn([...open]))
    .where('deletedAt', 'is', null)
    .groupBy('ownerId')
    .execute();
  return new Map(rows.map((r) => [r.ownerId as number, Number(r.n)]));
}

/** The counts a queue page shows: by status (within scope), the caller's open tickets, unassigned and breached ones. */
export async function ticketCounts(db: Kysely<DB>, scope: Scope, userId: number) {
  const live = inTicketScope(base(db), scope).where('tickets.deletedAt', 'is', null);
  const byStatus = await live
    .select(['tickets.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('tickets.status')
    .execute();
  const openLive = live.where(statusIn([...open]));
  const [mine, unassigned, breached] = await Promise.all([
    openLive
      .where('tickets.ownerId', '=', userId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    openLive
      .where('tickets.ownerId', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    openLive
      .where((eb) => eb.or([eb('tickets.firstResponseBreached', '=', 1), eb('tickets.resolutionBreached', '=', 1)]))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    byStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
    mine: Number(mine.n),
    unassigned: Number(unassigned.n),
    breached: Number(breached.n),
  };
}

/**
 * Open tickets in scope past their SLA (flagged breached, or a running deadline gone by) and those not past
 * it whose deadline comes by `soon`, counted over every such ticket by the database.
 */
export async function slaRiskCounts(db: Kysely<DB>, scope: Scope, now: string, soon: string) {
  const row = await filtered(db, scope, { status: ['open'] })
    .select((eb) => {
      const dueBy = (at: string, strictly: boolean) =>
        eb.or([
          eb('tickets.resolutionDue', strictly ? '<' : '<=', at),
          eb.and([
            eb('tickets.firstRespondedAt', 'is', null),
            eb('tickets.firstResponseDue', strictly ? '<' : '<=', at),
          ]),
        ]);
      const past = eb.or([
        eb('tickets.firstResponseBreached', '=', 1),
        eb('tickets.resolutionBreached', '=', 1),
        dueBy(now, true),
      ]);
      // A flag is null until the sweep sets it, so "not past" is left to the first branch of a case.
      return [
        eb.fn.sum<string | number | null>(eb.case().when(past).then(1).else(0).end()).as('past'),
        eb.fn
          .sum<string | number | null>(eb.case().when(past).then(0).when(dueBy(soon, false)).then(1).else(0).end())
          .as('near'),
      ];
    })
    .executeTakeFirstOrThrow();
  return { past: Number(row.past ?? 0), near: Number(row.near ?? 0) };
}

export async function insertTicket(db: Kysely<DB>, row: Insertable<TicketTable>): Promise<number> {
  return (await db.insertInto('tickets').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTicket(db: Kysely<DB>, id: number, values: Updateable<TicketTable>): Promise<void> {
  await db.updateTable('tickets').set(values).where('id', '=', id).execute();
}

/** Gives every ticket of one agent that is not closed to another; answers the ids moved. */
export async function transferUnclosedTickets(db: Kysely<DB>, fromUserId: number, toUserId: number, at: string) {
  const rows = await db
    .updateTable('tickets')
    .set({ ownerId: toUserId, updatedAt: at })
    .where('ownerId', '=', fromUserId)
    .where('status', 'not in', ['closed'])
    .where('deletedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertTicketMessage(db: Kysely<DB>, row: Insertable<TicketMessageTable>): Promise<void> {
  await db.insertInto('ticketMessages').values(row).execute();
}

export async function moveTicketMessages(db: Kysely<DB>, fromTicketId: number, toTicketId: number): Promise<void> {
  await db.updateTable('ticketMessages').set({ ticketId: toTicketId }).where('ticketId', '=', fromTicketId).execute();
}

/** Where a reply to the customer goes: the contact's address or the requester's, and their portal account if any. */
export function findReplyRecipient(db: Kysely<DB>, ticketId: number) {
  return db
    .selectFrom('tickets')
    .leftJoin('contacts', 'contacts.id', 'tickets.contactId')
    .leftJoin('portalAccounts', 'portalAccounts.contactId', 'tickets.contactId')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.requesterEmail',
      'contacts.email',
      'portalAccounts.status as portalStatus',
      'portalAccounts.locale as portalLocale',
    ])
    .where('tickets.id', '=', ticketId)
    .executeTakeFirst();
}

export async function insertServiceUsage(db: Kysely<DB>, row: Insertable<ServiceUsageTable>): Promise<void> {
  await db.insertInto('serviceUsage').values(row).execute();
}

/** A ticket as an email reply needs it, by id or by its number (a merged ticket leads to the one it went into). */
export function findTicketForEmail(db: Kysely<DB>, by: { id: number } | { number: string }) {
  return db
    .selectFrom('tickets')
    .select([
      'id',
      'number',
      'subject',
      'status',
      'ownerId as assigneeId',
      'pausedAt',
      'firstResponseDue',
      'resolutionDue',
      'firstRespondedAt',
      'mergedIntoId',
      'deletedAt',
      'customerId',
      'requesterEmail',
    ])
    .where('id' in by ? 'id' : 'number', '=', 'id' in by ? by.id : by.number)
    .executeTakeFirst();
}
