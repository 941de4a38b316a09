import type { LeadQuery } from '@relate/common';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, LeadTable } from '../../db/schema.ts';
import { dayEnd, dayStart } from '../../db/time.ts';
import { countedPage } from '../../platform/list-page.ts';
import {
  countUpTo,
  keysetOf,
  type ListPageQuery,
  orderBySpec,
  type SortColumns,
  sortSpec,
} from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import type { Dialect } from '../../db/database.ts';
import { whereTextMatches } from '../../platform/search.ts';
import { keysetBatches } from '../../db/keyset.ts';

const sortColumns: SortColumns = {
  code: { column: 'leads.code' },
  name: { column: 'leads.name' },
  company: { column: 'leads.company', nullable: true },
  status: { column: 'leads.status' },
  score: { column: 'leads.score' },
  source: { column: 'leads.source', nullable: true },
  createdAt: { column: 'leads.createdAt' },
  updatedAt: { column: 'leads.updatedAt' },
  lastFollowupAt: { column: 'leads.lastFollowupAt', nullable: true },
  nextFollowupAt: { column: 'leads.nextFollowupAt', nullable: true },
};

function withColumns<QB extends ReturnType<Kysely<DB>['selectFrom']>>(qb: QB) {
  return (qb as unknown as ReturnType<typeof base>)
    .leftJoin('users as owner', 'owner.id', 'leads.ownerId')
    .selectAll('leads')
    .select('owner.displayName as ownerName');
}
const base = (db: Kysely<DB>) => db.selectFrom('leads');

export type LeadRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;
export type LeadFilter = Omit<LeadQuery, 'page' | 'pageSize' | 'sort'>;

export function filteredLeads(db: Kysely<DB>, dialect: Dialect, scope: Scope, filter: LeadFilter, timezone: string) {
  let qb = whereInScope(base(db), 'leads', scope).where('leads.deletedAt', 'is', null);
  if (filter.status?.length) qb = qb.where('leads.status', 'in', filter.status);
  if (filter.source?.length) qb = qb.where('leads.source', 'in', filter.source);
  if (filter.industry?.length) qb = qb.where('leads.industry', 'in', filter.industry);
  if (filter.ownerId?.length) qb = qb.where('leads.ownerId', 'in', filter.ownerId);
  if (filter.departmentId?.length) qb = qb.where('leads.departmentId', 'in', filter.departmentId);
  if (filter.province) qb = qb.where('leads.province', '=', filter.province);
  if (filter.city) qb = qb.where('leads.city', '=', filter.city);
  if (filter.scoreMin !== undefined) qb = qb.where('leads.score', '>=', filter.scoreMin);
  if (filter.scoreMax !== undefined) qb = qb.where('leads.score', '<=', filter.scoreMax);
  if (filter.createdFrom) qb = qb.where('leads.createdAt', '>=', dayStart(filter.createdFrom, timezone));
  if (filter.createdTo) qb = qb.where('leads.createdAt', '<=', dayEnd(filter.createdTo, timezone));
  if (filter.q) qb = whereTextMatches(qb, dialect, 'leads', filter.q);
  return qb;
}

export function listLeads(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  query: LeadQuery & ListPageQuery,
  timezone: string,
) {
  const filtered = filteredLeads(db, dialect, scope, query, timezone);
  const keyset = keysetOf(query, sortSpec(query.sort, sortColumns, 'updatedAt:desc'));
  return countedPage(
    () => countUpTo(db, filtered, query.count),
    orderBySpec(withColumns(filtered), keyset.spec),
    { ...query, keyset },
    dialect,
  );
}

/** Streams leads for export in id order (keyset pagination). */
export async function* iterateLeads(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: LeadFilter,
  timezone: string,
  batchSize = 2000,
) {
  yield* keysetBatches((afterId) =>
    withColumns(filteredLeads(db, dialect, scope, filter, timezone))
      .where('leads.id', '>', afterId)
      .orderBy('leads.id')
      .limit(batchSize)
      .execute(),
  );
}

export function findLead(db: Kysely<DB>, scope: Scope, id: number, state: 'active' | 'deleted' = 'active') {
  return withColumns(whereInScope(base(db), 'leads', scope))
    .where('leads.id', '=', id)
    .where('leads.deletedAt', state === 'active' ? 'is' : 'is not', null)
    .executeTakeFirst();
}

export async function insertLeads(db: Kysely<DB>, rows: Array<Insertable<LeadTable>>): Promise<number[]> {
  if (!rows.length) return [];
  return (await db.insertInto('leads').values(rows).returning('id').execute()).map((r) => r.id);
}

export function updateLead(db: Kysely<DB>, id: number, values: Updateable<LeadTable>) {
  return db.updateTable('leads').set(values).where('id', '=', id).execute();
}

export async function idsInScope(db: Kysely<DB>, scope: Scope, ids: number[]): Promise<number[]> {
  const rows = await whereInScope(db.selectFrom('leads'), 'leads', scope)
    .select('leads.id')
    .where('leads.id', 'in', ids)
    .where('leads.deletedAt', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Ids among `ids` of leads, customers or contacts that lie in the scope (deleted ones too). */
export async function idsInScopeOf(
  db: Kysely<DB>,
  module: 'leads' | 'customers' | 'contacts',
  scope: Scope,
  ids: number[],
): Promise<number[]> {
  const table = module as 'leads';
  const rows = await whereInScope(db.selectFrom(table), table, scope)
    .select(`${table}.id`)
    .where(`${table}.id`, 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

/** The owner of each of these leads. */
export function ownersOf(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('leads').select(['id', 'ownerId']).where('id', 'in', ids).execute();
}

export function softDelete(db: Kysely<DB>, ids: number[], by: number, at: string) {
  return db.updateTable('leads').set({ deletedAt: at, deletedBy: by }).where('id', 'in', ids).execute();
}

export function assignOwner(
  db: Kysely<DB>,
  ids: number[],
  owner: { id: number; departmentId: number | null },
  by: number,
  at: string,
) {
  return db
    .updateTable('leads')
    .set({ ownerId: owner.id, departmentId: owner.departmentId, updatedBy: by, updatedAt: at })
    .where('id', 'in', ids)
    .execute();
}

type DuplicateKeys = { nameNorm?: string; companyNorm?: string | null; phoneNorms: string[]; email?: string | null };

/** Leads and contacts sharing a normalised name, company, phone or email with the keys. */
export async function findPossibleDuplicates(db: Kysely<DB>, keys: DuplicateKeys, excludeLeadId?: number) {
  const leads = await db
    .selectFrom('leads')
    .leftJoin('users as owner', 'owner.id', 'leads.ownerId')
    .select([
      'leads.id',
      'leads.name',
      'leads.company',
      'leads.nameNorm',
      'leads.companyNorm',
      'leads.phoneNorm',
      'leads.email',
      'leads.ownerId',
      'leads.departmentId',
      'owner.displayName as ownerName',
    ])
    .where('leads.deletedAt', 'is', null)
    .where('leads.id', '!=', excludeLeadId ?? 0)
    .where((eb) => {
      const ors = [];
      if (keys.nameNorm && keys.companyNorm)
        ors.push(eb.and([eb('leads.nameNorm', '=', keys.nameNorm), eb('leads.companyNorm', '=', keys.companyNorm)]));
      else if (keys.companyNorm) ors.push(eb('leads.companyNorm', '=', keys.companyNorm));
      if (keys.phoneNorms.length) ors.push(eb('leads.phoneNorm', 'in', keys.phoneNorms));
      if (keys.email) ors.push(eb('leads.email', '=', keys.email));
      return ors.length ? eb.or(ors) : eb.lit(false);
    })
    .limit(20)
    .execute();
  const contacts = await db
    .selectFrom('contacts')
    .innerJoin('customers', 'customers.id', 'contacts.customerId')
    .leftJoin('users as owner', 'owner.id', 'contacts.ownerId')
    .select([
      'contacts.id',
      'contacts.name',
      'contacts.mobile',
      'contacts.phone',
      'contacts.email',
      'contacts.ownerId',
      'contacts.departmentId',
      'customers.name as customerName',
      'owner.displayName as ownerName',
    ])
    .where('contacts.deletedAt', 'is', null)
    .where((eb) => {
      const ors = [];
      if (keys.phoneNorms.length) {
        ors.push(
          eb(
            sql<string>`replace(replace(replace(${sql.ref('contacts.mobile')}, '-', ''), ' ', ''), '+86', '')`,
            'in',
            keys.phoneNorms,
          ),
        );
        ors.push(
          eb(
            sql<string>`replace(replace(replace(${sql.ref('contacts.phone')}, '-', ''), ' ', ''), '+86', '')`,
            'in',
            keys.phoneNorms,
          ),
        );
      }
      if (keys.email) ors.push(eb('contacts.email', '=', keys.email));
      return ors.length ? eb.or(ors) : eb.lit(false);
    })
    .limit(20)
    .execute();
  return { leads, contacts };
}

/** Active leads each user owns, for least-loaded assignment. */
export async function openLeadCounts(db: Kysely<DB>, userIds: number[]): Promise<Map<number, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('leads')
    .select(['ownerId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ownerId', 'in', userIds)
    .where('deletedAt', 'is', null)
    .where('status', 'in', ['new', 'contacting', 'qualified'])
    .groupBy('ownerId')
    .execute();
  return new Map(rows.map((r) => [r.ownerId!, Number(r.n)]));
}

// Round-robin assignment: where each department's turn stopped.

export function findAssignmentCursor(db: Kysely<DB>, scopeKey: string) {
  return db.selectFrom('assignmentCursors').select('lastUserId').where('scopeKey', '=', scopeKey).executeTakeFirst();
}

export function saveAssignmentCursor(db: Kysely<DB>, scopeKey: string, lastUserId: number) {
  return db
    .insertInto('assignmentCursors')
    .values({ scopeKey, lastUserId })
    .onConflict((oc) => oc.column('scopeKey').doUpdateSet({ lastUserId }))
    .execute();
}

/** Gives these leads a source campaign where they have none. */
export async function setCampaignWhereNone(db: Kysely<DB>, ids: number[], campaignId: number) {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('leads')
      .set({ campaignId })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('campaignId', 'is', null)
      .execute();
}
