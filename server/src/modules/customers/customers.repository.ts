import type { CustomerQuery } from '@relate/common';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { CustomerTable, DB } from '../../db/schema.ts';
import { dayEnd, dayStart } from '../../db/time.ts';
import {
  countUpTo,
  keysetOf,
  type ListTotal,
  listCountCap,
  orderBySpec,
  pageWindow,
  type SortColumns,
  sortSpec,
} from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import {
  type SearchBreadth,
  searchBreadth,
  searchCountCap,
  searchTargets,
  whereTextMatches,
} from '../../platform/search.ts';
import { keysetBatches } from '../../db/keyset.ts';
import { inIdOrder, mergesDepartments, newestIdsByDepartment, searchedPage } from '../../platform/list-page.ts';
import { walkingSortIndexWhenMany } from '../../db/plan-hints.ts';
import { customerPlainFields } from './customers.fields.ts';

const sortColumns: SortColumns = {
  code: { column: 'customers.code' },
  name: { column: 'customers.name' },
  level: { column: 'customers.level', nullable: true },
  stage: { column: 'customers.stage', nullable: true },
  industry: { column: 'customers.industry', nullable: true },
  source: { column: 'customers.source', nullable: true },
  province: { column: 'customers.province', nullable: true },
  city: { column: 'customers.city', nullable: true },
  createdAt: { column: 'customers.createdAt' },
  updatedAt: { column: 'customers.updatedAt' },
  lastFollowupAt: { column: 'customers.lastFollowupAt', nullable: true },
  nextFollowupAt: { column: 'customers.nextFollowupAt', nullable: true },
};

export type ListFilter = Omit<CustomerQuery, 'page' | 'pageSize' | 'sort'>;

function baseQuery(db: Kysely<DB>) {
  return db.selectFrom('customers');
}

/** Every column a reader needs; the search index columns (bigram text and arrays) stay in the database. */
const readColumns = [
  ...customerPlainFields,
  'id',
  'code',
  'nameNorm',
  'phoneNorm',
  'customFields',
  'lastFollowupAt',
  'nextFollowupAt',
  'mergedIntoId',
  'poolId',
  'claimedAt',
  'returnWarnedAt',
  'ownerId',
  'departmentId',
  'createdBy',
  'updatedBy',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'deletedBy',
] as const;

/** The owner's name is joined only where rows are read, never into counts. */
function withOwnerName(qb: ReturnType<typeof baseQuery>) {
  return qb.leftJoin('users as owner', 'owner.id', 'customers.ownerId').select('owner.displayName as ownerName');
}

function withColumns(qb: ReturnType<typeof baseQuery>) {
  return withOwnerName(qb).select(readColumns.map((c) => `customers.${c}` as const));
}

export type CustomerRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

const searchTarget = searchTargets.customers;

/** How a text search is served (see `searchBreadth`); a list without one reads no bigram index. */
function breadthOf(db: Kysely<DB>, dialect: Dialect, q: string | undefined): Promise<SearchBreadth> {
  return q ? searchBreadth(db, dialect, searchTarget, q) : Promise.resolve('few');
}

/** The active customers of a scope that match the list filters. */
export function filteredCustomers(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: ListFilter,
  timezone: string,
  searchIndex: boolean | 'firstOnly' = true,
) {
  let qb = whereInScope(baseQuery(db), 'customers', scope).where('customers.deletedAt', 'is', null);
  const inList = (column: 'level' | 'creditLevel' | 'stage' | 'industry' | 'source', values?: string[]) => {
    if (values?.length) qb = qb.where(`customers.${column}`, 'in', values);
  };
  inList('level', filter.level);
  inList('creditLevel', filter.creditLevel);
  inList('stage', filter.stage);
  inList('industry', filter.industry);
  inList('source', filter.source);
  if (filter.type) qb = qb.where('customers.type', '=', filter.type);
  if (filter.province) qb = qb.where('customers.province', '=', filter.province);
  if (filter.city) qb = qb.where('customers.city', '=', filter.city);
  if (filter.district) qb = qb.where('customers.district', '=', filter.district);
  if (filter.ownerId?.length) qb = qb.where('customers.ownerId', 'in', filter.ownerId);
  if (filter.departmentId?.length) qb = qb.where('customers.departmentId', 'in', filter.departmentId);
  if (filter.tags?.length) {
    const tags = filter.tags;
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('customerTags')
          .select(sql`1`.as('one'))
          .whereRef('customerTags.customerId', '=', 'customers.id')
          .where('customerTags.tag', 'in', tags),
      ),
    );
  }
  if (filter.rfmClass?.length) {
    const classes = filter.rfmClass;
    qb = qb.where('customers.id', 'in', (eb) =>
      eb.selectFrom('customerValues').select('customerValues.customerId').where('customerValues.class', 'in', classes),
    );
  }
  if (filter.createdFrom) qb = qb.where('customers.createdAt', '>=', dayStart(filter.createdFrom, timezone));
  if (filter.createdTo) qb = qb.where('customers.createdAt', '<=', dayEnd(filter.createdTo, timezone));
  if (filter.lastFollowupFrom)
    qb = qb.where('customers.lastFollowupAt', '>=', dayStart(filter.lastFollowupFrom, timezone));
  if (filter.lastFollowupTo) qb = qb.where('customers.lastFollowupAt', '<=', dayEnd(filter.lastFollowupTo, timezone));
  if (filter.q)
    qb = whereTextMatches(qb, dialect, 'customers', filter.q, searchIndex ? searchTarget : undefined, {
      firstOnly: searchIndex === 'firstOnly',
    });
  return qb;
}

/** Rows by id, in the order of `ids`. */
async function rowsInOrder(db: Kysely<DB>, ids: number[]): Promise<CustomerRow[]> {
  if (!ids.length) return [];
  return inIdOrder(ids, await withColumns(baseQuery(db)).where('customers.id', 'in', ids).execute());
}

/**
 * A page of the list in the requested order, the department scopes merged when sorted by update; a
 * list of many rows (its `total`) walks its sort's index.
 */
function pageInOrder(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  query: CustomerListQuery,
  timezone: string,
  searchIndex: boolean,
  total: ListTotal,
  keyset: Keyset,
) {
  const [sortField, sortDirection] = (query.sort ?? 'updatedAt:desc').split(':');
  const merges =
    sortField === 'updatedAt' && scope.kind === 'departments' && mergesDepartments(scope.departmentIds, total);
  return merges
    ? newestIdsByDepartment(
        db,
        dialect,
        'customers',
        scope.departmentIds.map((departmentId) =>
          filteredCustomers(db, dialect, { ...scope, departmentIds: [departmentId] }, query, timezone, searchIndex),
        ),
        sortDirection === 'asc' ? 'asc' : 'desc',
        { ...query, after: keyset.after },
      ).then((ids) => rowsInOrder(db, ids))
    : keyset
        .limit(
          orderBySpec(
            walkingSortIndexWhenMany(
              filteredCustomers(db, dialect, scope, query, timezone, searchIndex).select('customers.id'),
              dialect,
              total,
            ),
            keyset.spec,
          ),
        )
        .execute()
        // The page's ids first, then its rows: the walk down a list index that carries the search text
        // stays in the index (PostgreSQL checks such a condition without the row only when reading no column outside the index).
        .then((page) =>
          rowsInOrder(
            db,
            page.map((r) => r.id),
          ),
        );
}

/** The customer list's query, with the key its cursor gave (see `keysetOf`). */
type CustomerListQuery = CustomerQuery & { afterKey?: unknown[] };

type Keyset = ReturnType<typeof keysetOf>;

export async function listCustomers(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  query: CustomerListQuery,
  timezone: string,
): Promise<{ items: CustomerRow[]; nextKey?: unknown[] } & ListTotal> {
  const keyset = keysetOf(query, sortSpec(query.sort, sortColumns, 'updatedAt:desc'));
  /** The total (through the bigram index or not, up to `cap`) and the page in order (idem). */
  const countedPage = async (countIndex: boolean | 'firstOnly', cap: number, pageIndex: boolean) => {
    const total = await countUpTo(
      db,
      filteredCustomers(db, dialect, scope, query, timezone, countIndex),
      query.count,
      cap,
    );
    return keyset.keyed(await pageInOrder(db, dialect, scope, query, timezone, pageIndex, total, keyset), total);
  };
  if (!query.q) return countedPage(true, listCountCap, true);
  if (query.count === 'glance')
    return searchedPage(
      db,
      dialect,
      searchTarget,
      query.q,
      (index) => filteredCustomers(db, dialect, scope, query, timezone, index),
      (rows) => orderBySpec(withColumns(rows), keyset.spec),
      query,
      { narrowScope: scope.kind === 'own' },
    );
  // One person's customers are read from their own list index, which carries the search text: the
  // bigram index would offer a common fragment's matches of every other owner first.
  if (scope.kind === 'own') return countedPage(false, listCountCap, false);
  const breadth = await breadthOf(db, dialect, query.q);
  if (breadth === 'few') {
    // Few matches: the index names them all, and one read of their sort keys both orders and counts them.
    const { limit, offset } = pageWindow(query.page, query.pageSize);
    const matches = await orderBySpec(
      filteredCustomers(db, dialect, scope, query, timezone).select('customers.id'),
      keyset.spec,
    ).execute();
    return keyset.keyed(
      await rowsInOrder(
        db,
        matches.slice(offset, offset + limit).map((r) => r.id),
      ),
      { total: matches.length },
    );
  }
  // Many matches (or a single character): the page is read in its order, the count stops at a cap.
  return countedPage(breadth === 'dense' ? false : 'firstOnly', searchCountCap, false);
}

export type CustomerColumn = (typeof readColumns)[number];
export type CustomerExportRow<C extends CustomerColumn> = Pick<CustomerRow, C | 'id' | 'ownerName'>;

/**
 * Streams rows for export in id order, one page at a time (keyset pagination), with only the columns
 * asked for (and the owner's name): an export reads every row in scope, so each column costs.
 */
export async function* iterateCustomers<C extends CustomerColumn>(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: ListFilter,
  timezone: string,
  columns: readonly C[],
  batchSize = 2000,
): AsyncGenerator<Array<CustomerExportRow<C>>> {
  const searchIndex = (await breadthOf(db, dialect, filter.q)) === 'few';
  const selected = [...new Set<CustomerColumn>(['id', ...columns])].map((c) => `customers.${c}` as const);
  yield* keysetBatches(
    async (afterId) =>
      (await withOwnerName(filteredCustomers(db, dialect, scope, filter, timezone, searchIndex))
        .select(selected)
        .where('customers.id', '>', afterId)
        .orderBy('customers.id')
        .limit(batchSize)
        .execute()) as unknown as Array<CustomerExportRow<C>>,
  );
}

export function findCustomer(db: Kysely<DB>, scope: Scope, id: number, state: 'active' | 'deleted' = 'active') {
  return withColumns(whereInScope(baseQuery(db), 'customers', scope))
    .where('customers.id', '=', id)
    .where('customers.deletedAt', state === 'active' ? 'is' : 'is not', null)
    .executeTakeFirst();
}

export async function insertCustomers(db: Kysely<DB>, rows: Array<Insertable<CustomerTable>>): Promise<number[]> {
  if (!rows.length) return [];
  const result = await db.insertInto('customers').values(rows).returning('id').execute();
  return result.map((r) => r.id);
}

export function updateCustomer(db: Kysely<DB>, id: number, values: Updateable<CustomerTable>) {
  return db.updateTable('customers').set(values).where('id', '=', id).execute();
}

export async function tagsOf(db: Kysely<DB>, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return map;
  const rows = await db
    .selectFrom('customerTags')
    .select(['customerId', 'tag'])
    .where('customerId', 'in', ids)
    .orderBy('tag')
    .execute();
  for (const row of rows) map.get(row.customerId)?.push(row.tag);
  return map;
}

export async function replaceTags(db: Kysely<DB>, id: number, tags: string[]): Promise<void> {
  await db.deleteFrom('customerTags').where('customerId', '=', id).execute();
  await addTags(db, [id], tags);
}

export function addTags(db: Kysely<DB>, ids: number[], tags: string[]): Promise<void> {
  return insertTags(
    db,
    ids.flatMap((customerId) => [...new Set(tags)].map((tag) => ({ customerId, tag }))),
  );
}

export async function insertTags(db: Kysely<DB>, rows: Array<{ customerId: number; tag: string }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('customerTags')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['customerId', 'tag']).doNothing())
      .execute();
  }
}

export async function removeTags(db: Kysely<DB>, ids: number[], tags: string[]): Promise<void> {
  if (!ids.length || !tags.length) return;
  await db.deleteFrom('customerTags').where('customerId', 'in', ids).where('tag', 'in', tags).execute();
}

/** The owner of each of these customers. */
export function ownersOf(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('customers').select(['id', 'ownerId']).where('id', 'in', ids).execute();
}

/** Stamps customers as changed by `by` at `at` (when only their tags changed, say). */
export function markUpdated(db: Kysely<DB>, ids: number[], by: number, at: string) {
  return db.updateTable('customers').set({ updatedAt: at, updatedBy: by }).where('id', 'in', ids).execute();
}

/** Ids among `ids` that exist, are active and lie in the scope. */
export async function idsInScope(db: Kysely<DB>, scope: Scope, ids: number[]): Promise<number[]> {
  const rows = await whereInScope(db.selectFrom('customers'), 'customers', scope)
    .select('customers.id')
    .where('customers.id', 'in', ids)
    .where('customers.deletedAt', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Active customers (20 at most) sharing a normalised name, a normalised phone or the email with the keys. */
export function findPossibleDuplicates(
  db: Kysely<DB>,
  keys: { nameNorm?: string | null; phoneNorms: string[]; email?: string | null },
  excludeId?: number,
) {
  let qb = baseQuery(db)
    .leftJoin('users as owner', 'owner.id', 'customers.ownerId')
    .select([
      'customers.id',
      'customers.code',
      'customers.name',
      'customers.nameNorm',
      'customers.phoneNorm',
      'customers.email',
      'customers.ownerId',
      'customers.departmentId',
      'owner.displayName as ownerName',
    ])
    .where('customers.deletedAt', 'is', null)
    .where((eb) => {
      const ors = [];
      if (keys.nameNorm) ors.push(eb('customers.nameNorm', '=', keys.nameNorm));
      if (keys.phoneNorms.length) ors.push(eb('customers.phoneNorm', 'in', keys.phoneNorms));
      if (keys.email) ors.push(eb('customers.email', '=', keys.email));
      return ors.length ? eb.or(ors) : eb.lit(false);
    })
    .limit(20);
  if (excludeId) qb = qb.where('customers.id', '!=', excludeId);
  return qb.execute();
}

/** Active customers whose normalised names are among `names` (used by import). */
export function findByNameNorms(db: Kysely<DB>, names: string[]) {
  if (!names.length) return Promise.resolve([]);
  return db
    .selectFrom('customers')
    .select(['id', 'nameNorm', 'ownerId', 'departmentId'])
    .where('deletedAt', 'is', null)
    .where('nameNorm', 'in', names)
    .execute();
}

export async function softDelete(db: Kysely<DB>, ids: number[], by: number, at: string) {
  await db.updateTable('customers').set({ deletedAt: at, deletedBy: by }).where('id', 'in', ids).execute();
  await db
    .updateTable('contacts')
    .set({ deletedAt: at, deletedBy: by })
    .where('customerId', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
}

/** Restores a customer and the contacts deleted together with it. */
export async function restore(db: Kysely<DB>, id: number, deletedAt: string) {
  await db.updateTable('customers').set({ deletedAt: null, deletedBy: null }).where('id', '=', id).execute();
  await db
    .updateTable('contacts')
    .set({ deletedAt: null, deletedBy: null })
    .where('customerId', '=', id)
    .where('deletedAt', '=', deletedAt)
    .execute();
}

// Merging one customer into another.

/** Gives a customer's contacts to another customer, and to that customer's owner. */
export function moveContacts(
  db: Kysely<DB>,
  fromCustomerId: number,
  to: { id: number; ownerId: number | null; departmentId: number | null },
  at: string,
) {
  return db
    .updateTable('contacts')
    .set({ customerId: to.id, ownerId: to.ownerId, departmentId: to.departmentId, updatedAt: at })
    .where('customerId', '=', fromCustomerId)
    .execute();
}

export function moveAttachments(db: Kysely<DB>, fromCustomerId: number, toCustomerId: number) {
  return db
    .updateTable('attachments')
    .set({ entityId: toCustomerId })
    .where('entity', '=', 'customers')
    .where('entityId', '=', fromCustomerId)
    .execute();
}

/** Sends a merged customer to the recycle bin, marked with the customer it went into. */
export function markMergedInto(db: Kysely<DB>, sourceId: number, targetId: number, by: number, at: string) {
  return db
    .updateTable('customers')
    .set({ deletedAt: at, deletedBy: by, mergedIntoId: targetId })
    .where('id', '=', sourceId)
    .execute();
}

export async function assignOwner(
  db: Kysely<DB>,
  ids: number[],
  owner: { id: number; departmentId: number | null },
  by: number,
  at: string,
) {
  await db
    .updateTable('customers')
    .set({ ownerId: owner.id, departmentId: owner.departmentId, updatedBy: by, updatedAt: at })
    .where('id', 'in', ids)
    .execute();
  // Contacts follow their customer's owner so the owner sees them.
  await db
    .updateTable('contacts')
    .set({ ownerId: owner.id, departmentId: owner.departmentId, updatedAt: at })
    .where('customerId', 'in', ids)
    .execute();
}

export function countCustomers(db: Kysely<DB>) {
  return db
    .selectFrom('customers')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
}
