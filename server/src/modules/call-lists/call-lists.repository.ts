import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import type { CallAttemptTable, CallListEntryTable, CallListTable, DB } from '../../db/schema.ts';
import { applySort, type SortColumns } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

export type ListRow = Selectable<CallListTable> & { ownerName: string | null; surveyName: string | null };
export type EntryRow = Selectable<CallListEntryTable> & { agentName: string | null; customerName: string | null };
export type AttemptRow = Selectable<CallAttemptTable> & { agentName: string | null };

// Lists

function lists(db: Kysely<DB>) {
  return db
    .selectFrom('callLists')
    .leftJoin('users', 'users.id', 'callLists.ownerId')
    .leftJoin('surveys', 'surveys.id', 'callLists.surveyId')
    .selectAll('callLists')
    .select(['users.displayName as ownerName', 'surveys.name as surveyName']);
}

export function findList(db: Kysely<DB>, id: number): Promise<ListRow | undefined> {
  return lists(db).where('callLists.id', '=', id).executeTakeFirst();
}

export function findListInScope(db: Kysely<DB>, scope: Scope, id: number): Promise<ListRow | undefined> {
  return whereInScope(lists(db).where('callLists.id', '=', id), 'call_lists', scope).executeTakeFirst();
}

export async function listLists(
  db: Kysely<DB>,
  scope: Scope,
  filter: { status?: string; purpose?: string; q?: string },
  page: { page: number; pageSize: number },
) {
  let qb = whereInScope(db.selectFrom('callLists'), 'call_lists', scope);
  if (filter.status) qb = qb.where('callLists.status', '=', filter.status as 'active');
  if (filter.purpose) qb = qb.where('callLists.purpose', '=', filter.purpose);
  if (filter.q) qb = qb.where('callLists.name', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = (
    await qb
      .select('callLists.id')
      .orderBy('callLists.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute()
  ).map((r) => r.id);
  const rows = ids.length
    ? await lists(db).where('callLists.id', 'in', ids).orderBy('callLists.id', 'desc').execute()
    : [];
  return { rows, total: Number(total) };
}

export async function insertList(db: Kysely<DB>, row: Insertable<CallListTable>): Promise<number> {
  const { id } = await db.insertInto('callLists').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateList(db: Kysely<DB>, id: number, patch: Updateable<CallListTable>): Promise<void> {
  await db.updateTable('callLists').set(patch).where('id', '=', id).execute();
}

export async function deleteList(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('callListEntries').where('listId', '=', id).execute();
  await db.deleteFrom('callLists').where('id', '=', id).execute();
}

/** Per list: its entries by status, those due by `now`, its attempts and how many reached someone. */
export async function countsOfLists(db: Kysely<DB>, listIds: number[], now: string) {
  if (!listIds.length) return { entries: [], attempts: [] };
  const [entries, attempts] = await Promise.all([
    db
      .selectFrom('callListEntries')
      .select((eb) => [
        'listId',
        'status',
        eb.fn.countAll<number>().as('n'),
        sql<number>`sum(case when ${sql.ref('next_call_at')} <= ${now} then 1 else 0 end)`.as('due'),
      ])
      .where('listId', 'in', listIds)
      .groupBy(['listId', 'status'])
      .execute(),
    db
      .selectFrom('callAttempts')
      .select((eb) => [
        'listId',
        eb.fn.count<number>('outcome').as('n'),
        sql<number>`sum(case when ${sql.ref('reached')} = 1 then 1 else 0 end)`.as('reached'),
      ])
      .where('listId', 'in', listIds)
      .groupBy('listId')
      .execute(),
  ]);
  return { entries, attempts };
}

export async function hasAttempts(db: Kysely<DB>, listId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('callAttempts').select('id').where('listId', '=', listId).executeTakeFirst());
}

// Entries

function entries(db: Kysely<DB>) {
  return db
    .selectFrom('callListEntries')
    .leftJoin('users', 'users.id', 'callListEntries.agentId')
    .leftJoin('customers', 'customers.id', 'callListEntries.customerId')
    .selectAll('callListEntries')
    .select(['users.displayName as agentName', 'customers.name as customerName']);
}

export function findEntry(db: Kysely<DB>, id: number): Promise<EntryRow | undefined> {
  return entries(db).where('callListEntries.id', '=', id).executeTakeFirst();
}

export async function sourceKeysOf(db: Kysely<DB>, listId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('callListEntries').select('sourceKey').where('listId', '=', listId).execute();
  return new Set(rows.map((r) => r.sourceKey));
}

export async function insertEntries(db: Kysely<DB>, rows: Array<Insertable<CallListEntryTable>>): Promise<void> {
  await insertRows(db, 'callListEntries', rows);
}

export const entrySorts: SortColumns = {
  id: { column: 'callListEntries.id' },
  name: { column: 'callListEntries.name' },
  status: { column: 'callListEntries.status' },
  attempts: { column: 'callListEntries.attempts' },
  lastOutcome: { column: 'callListEntries.lastOutcome', nullable: true },
  lastAttemptAt: { column: 'callListEntries.lastAttemptAt', nullable: true },
  nextCallAt: { column: 'callListEntries.nextCallAt', nullable: true },
};

export async function listEntries(
  db: Kysely<DB>,
  listId: number,
  filter: { status?: string; agentId?: number; outcome?: string; q?: string },
  page: { page: number; pageSize: number; sort?: string },
) {
  let qb = db.selectFrom('callListEntries').where('callListEntries.listId', '=', listId);
  if (filter.status) qb = qb.where('callListEntries.status', '=', filter.status as 'open');
  if (filter.agentId) qb = qb.where('callListEntries.agentId', '=', filter.agentId);
  if (filter.outcome) qb = qb.where('callListEntries.lastOutcome', '=', filter.outcome);
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '')}%`;
    qb = qb.where((eb) => eb.or([eb('callListEntries.name', 'like', like), eb('callListEntries.phone', 'like', like)]));
  }
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = (
    await applySort(qb.select('callListEntries.id'), page.sort, entrySorts, 'id:asc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute()
  ).map((r) => r.id);
  const place = new Map(ids.map((id, i) => [id, i]));
  const rows = ids.length ? await entries(db).where('callListEntries.id', 'in', ids).execute() : [];
  return { rows: rows.sort((a, b) => place.get(a.id)! - place.get(b.id)!), total: Number(total) };
}

/** The open entries of a list that are given to no one or (when named) to these agents. */
export function openEntriesToAssign(db: Kysely<DB>, listId: number, fromAgentIds?: number[]) {
  let qb = db
    .selectFrom('callListEntries')
    .select(['id', 'recordOwnerId', 'agentId'])
    .where('listId', '=', listId)
    .where('status', '=', 'open');
  if (fromAgentIds) qb = qb.where('agentId', 'in', fromAgentIds.length ? fromAgentIds : [0]);
  return qb.orderBy('id').execute();
}

/** How many open entries each agent holds (across lists): the even split tops up the lightest first. */
export async function openLoadOf(db: Kysely<DB>, agentIds: number[]): Promise<Map<number, number>> {
  if (!agentIds.length) return new Map();
  const rows = await db
    .selectFrom('callListEntries')
    .select((eb) => ['agentId', eb.fn.countAll<number>().as('n')])
    .where('agentId', 'in', agentIds)
    .where('status', '=', 'open')
    .groupBy('agentId')
    .execute();
  return new Map(rows.map((r) => [r.agentId!, Number(r.n)]));
}

export async function assignEntries(
  db: Kysely<DB>,
  ids: number[],
  agent: { agentId: number | null; departmentId: number | null },
  now: string,
): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('callListEntries')
      .set({ ...agent, updatedAt: now })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}

/** Active users among these ids, with their departments. */
export function activeUsers(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'departmentId', 'displayName'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
}

export async function updateEntry(db: Kysely<DB>, id: number, patch: Updateable<CallListEntryTable>) {
  await db.updateTable('callListEntries').set(patch).where('id', '=', id).execute();
}

/**
 * Writes an outcome onto an entry unless another was written since the entry was read (two tabs of one
 * agent): answers whether it was this one.
 */
export async function updateEntryIfUnchanged(
  db: Kysely<DB>,
  id: number,
  attempts: number,
  patch: Updateable<CallListEntryTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('callListEntries')
    .set(patch)
    .where('id', '=', id)
    .where('attempts', '=', attempts)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The agent's next open entry of these lists due by `now`, the soonest due first. */
export function nextDueEntry(db: Kysely<DB>, agentId: number, listIds: number[], now: string) {
  return entries(db)
    .where('callListEntries.agentId', '=', agentId)
    .where('callListEntries.status', '=', 'open')
    .where('callListEntries.listId', 'in', listIds)
    .where('callListEntries.nextCallAt', '<=', now)
    .orderBy('callListEntries.nextCallAt')
    .orderBy('callListEntries.id')
    .executeTakeFirst();
}

/** The agent's open entries of these lists: how many, and when the soonest comes due. */
export function openEntriesOf(db: Kysely<DB>, agentId: number, listIds: number[]) {
  return db
    .selectFrom('callListEntries')
    .where('agentId', '=', agentId)
    .where('status', '=', 'open')
    .where('listId', 'in', listIds.length ? listIds : [0])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('nextCallAt').as('soonest')])
    .executeTakeFirstOrThrow();
}

/** The active lists an agent has open entries in. */
export function activeListsOfAgent(db: Kysely<DB>, agentId: number) {
  return db
    .selectFrom('callLists')
    .selectAll()
    .where('status', '=', 'active')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('callListEntries')
          .select('callListEntries.id')
          .whereRef('callListEntries.listId', '=', 'callLists.id')
          .where('callListEntries.agentId', '=', agentId)
          .where('callListEntries.status', '=', 'open'),
      ),
    )
    .execute();
}

// Attempts

function attempts(db: Kysely<DB>) {
  return db
    .selectFrom('callAttempts')
    .leftJoin('users', 'users.id', 'callAttempts.agentId')
    .selectAll('callAttempts')
    .select('users.displayName as agentName');
}

export function attemptsOfEntry(db: Kysely<DB>, entryId: number): Promise<AttemptRow[]> {
  return attempts(db)
    .where('callAttempts.entryId', '=', entryId)
    .orderBy('callAttempts.id', 'desc')
    .limit(50)
    .execute();
}

export function findAttempt(db: Kysely<DB>, id: number): Promise<AttemptRow | undefined> {
  return attempts(db).where('callAttempts.id', '=', id).executeTakeFirst();
}

/** The agent's dialled attempt on an entry still waiting for its outcome. */
export function openAttempt(db: Kysely<DB>, entryId: number, agentId: number) {
  return db
    .selectFrom('callAttempts')
    .selectAll()
    .where('entryId', '=', entryId)
    .where('agentId', '=', agentId)
    .where('outcome', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function insertAttempt(db: Kysely<DB>, row: Insertable<CallAttemptTable>): Promise<number> {
  const { id } = await db.insertInto('callAttempts').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateAttempt(db: Kysely<DB>, id: number, patch: Updateable<CallAttemptTable>): Promise<void> {
  await db.updateTable('callAttempts').set(patch).where('id', '=', id).execute();
}

/** The customer facts the preview shows: level, phone, address, owner. */
export function customerFacts(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('customers')
    .leftJoin('users', 'users.id', 'customers.ownerId')
    .select([
      'customers.id',
      'customers.name',
      'customers.level',
      'customers.phone',
      'customers.province',
      'customers.city',
      'customers.address',
      'users.displayName as ownerName',
    ])
    .where('customers.id', '=', id)
    .where('customers.deletedAt', 'is', null)
    .executeTakeFirst();
}

export function contactFacts(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('contacts')
    .select(['id', 'name', 'title', 'mobile', 'phone', 'email', 'birthday'])
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export function leadFacts(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('leads')
    .leftJoin('users', 'users.id', 'leads.ownerId')
    .select(['leads.id', 'leads.name', 'leads.company', 'leads.status', 'users.displayName as ownerName'])
    .where('leads.id', '=', id)
    .where('leads.deletedAt', 'is', null)
    .executeTakeFirst();
}

/** Customers' names by id. */
export async function customerNames(db: Kysely<DB>, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('customers').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Handover: a leaving user's lists, and their open entries, go to a successor. Returns the lists moved. */
export async function transferLists(
  db: Kysely<DB>,
  fromUserId: number,
  to: { id: number; departmentId: number | null },
  now: string,
): Promise<number[]> {
  const moved = await db
    .updateTable('callLists')
    .set({ ownerId: to.id, departmentId: to.departmentId, updatedAt: now })
    .where('ownerId', '=', fromUserId)
    .returning('id')
    .execute();
  await db
    .updateTable('callListEntries')
    .set({ agentId: to.id, departmentId: to.departmentId, updatedAt: now })
    .where('agentId', '=', fromUserId)
    .where('status', '=', 'open')
    .execute();
  return moved.map((row) => row.id);
}
