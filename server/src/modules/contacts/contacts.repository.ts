import { type ExpressionBuilder, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { AnniversaryTable, ContactTable, DB } from '../../db/schema.ts';
import { listPage, listsByDepartment } from '../../platform/list-page.ts';
import { keysetOf, type ListPageQuery, orderBySpec, type SortColumns, sortSpec } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { searchTargets, whereTextMatches } from '../../platform/search.ts';
import type { Dialect } from '../../db/database.ts';
import { keysetBatches } from '../../db/keyset.ts';

const sortColumns: SortColumns = {
  name: { column: 'contacts.name' },
  // Customer by customer (the name each contact carries of its customer), each one's contacts in order.
  customerName: {
    column: 'contacts.customerName',
    ties: ['contacts.customerId', 'contacts.id'],
    keyFields: ['customerName', 'customerId', 'id'],
  },
  title: { column: 'contacts.title', nullable: true },
  createdAt: { column: 'contacts.createdAt' },
  updatedAt: { column: 'contacts.updatedAt' },
};

export type ContactFilter = { q?: string; customerId?: number; ownerId?: number[]; sort?: string };

function baseQuery(db: Kysely<DB>) {
  return db.selectFrom('contacts');
}

function withColumns(qb: ReturnType<typeof baseQuery>) {
  return qb.selectAll('contacts');
}

export type ContactRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

/** The active contacts of a scope that match the filters; a search goes through the bigram index unless `searchIndex` is false. */
export function filteredContacts(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: ContactFilter,
  searchIndex: boolean | 'firstOnly' = true,
) {
  let qb = whereInScope(baseQuery(db), 'contacts', scope).where('contacts.deletedAt', 'is', null);
  if (filter.customerId) qb = qb.where('contacts.customerId', '=', filter.customerId);
  if (filter.ownerId?.length) qb = qb.where('contacts.ownerId', 'in', filter.ownerId);
  if (filter.q)
    qb = whereTextMatches(qb, dialect, 'contacts', filter.q, searchIndex ? searchTargets.contacts : undefined, {
      firstOnly: searchIndex === 'firstOnly',
    });
  return qb;
}

export function listContacts(db: Kysely<DB>, dialect: Dialect, scope: Scope, query: ContactFilter & ListPageQuery) {
  const keyset = keysetOf(query, sortSpec(query.sort, sortColumns, 'updatedAt:desc'));
  const sorted = (rows: ReturnType<typeof filteredContacts>) => orderBySpec(withColumns(rows), keyset.spec);
  return listPage(
    db,
    dialect,
    searchTargets.contacts,
    query.q,
    (index) => filteredContacts(db, dialect, scope, query, index),
    sorted,
    { ...query, keyset },
    {
      narrowScope: scope.kind === 'own',
      gatherable: Boolean(query.ownerId?.length || query.customerId),
      byDepartment: listsByDepartment(scope, (departments) => filteredContacts(db, dialect, departments, query)),
    },
  );
}

export async function* iterateContacts(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: ContactFilter,
  batchSize = 2000,
) {
  yield* keysetBatches((afterId) =>
    withColumns(filteredContacts(db, dialect, scope, filter))
      .where('contacts.id', '>', afterId)
      .orderBy('contacts.id')
      .limit(batchSize)
      .execute(),
  );
}

export function findContact(db: Kysely<DB>, scope: Scope, id: number) {
  return withColumns(whereInScope(baseQuery(db), 'contacts', scope))
    .where('contacts.id', '=', id)
    .where('contacts.deletedAt', 'is', null)
    .executeTakeFirst();
}

export async function insertContacts(db: Kysely<DB>, rows: Array<Insertable<ContactTable>>): Promise<number[]> {
  if (!rows.length) return [];
  return (await db.insertInto('contacts').values(rows).returning('id').execute()).map((r) => r.id);
}

export function updateContact(db: Kysely<DB>, id: number, values: Updateable<ContactTable>) {
  return db.updateTable('contacts').set(values).where('id', '=', id).execute();
}

export async function clearOtherPrimary(db: Kysely<DB>, customerId: number, keepId: number) {
  await db
    .updateTable('contacts')
    .set({ isPrimary: 0 })
    .where('customerId', '=', customerId)
    .where('id', '!=', keepId)
    .execute();
}

export async function anniversariesOf(db: Kysely<DB>, contactIds: number[]) {
  const map = new Map<
    number,
    Array<{
      id: number;
      contactId: number;
      type: string;
      date: string;
      calendar: string;
      monthDay: number;
      lunarLeap: number;
      leapRule: string;
      remindDaysBefore: number;
      remark: string | null;
    }>
  >(contactIds.map((id) => [id, []]));
  if (!contactIds.length) return map;
  const rows = await db
    .selectFrom('anniversaries')
    .select([
      'id',
      'contactId',
      'type',
      'date',
      'calendar',
      'monthDay',
      'lunarLeap',
      'leapRule',
      'remindDaysBefore',
      'remark',
    ])
    .where('contactId', 'in', contactIds)
    .orderBy('id')
    .execute();
  for (const row of rows) map.get(row.contactId)?.push(row);
  return map;
}

export async function replaceAnniversaries(
  db: Kysely<DB>,
  contactId: number,
  rows: Array<Omit<Insertable<AnniversaryTable>, 'contactId'>>,
) {
  await db.deleteFrom('anniversaries').where('contactId', '=', contactId).execute();
  if (rows.length)
    await db
      .insertInto('anniversaries')
      .values(rows.map((r) => ({ ...r, contactId })))
      .execute();
}

/** Month-day ranges of each calendar: candidates read through the (calendar, month-day) index. */
export type AnniversaryRanges = { solar: Array<[number, number]>; lunar: Array<[number, number]> };

function inRanges(eb: ExpressionBuilder<DB, 'anniversaries'>, ranges: AnniversaryRanges) {
  return (['solar', 'lunar'] as const).flatMap((calendar) =>
    ranges[calendar].map(([from, to]) =>
      eb.and([
        eb('anniversaries.calendar', '=', calendar),
        eb('anniversaries.monthDay', '>=', from),
        eb('anniversaries.monthDay', '<=', to),
      ]),
    ),
  );
}

const anniversaryDateColumns = [
  'anniversaries.calendar',
  'anniversaries.monthDay',
  'anniversaries.lunarLeap',
  'anniversaries.leapRule',
] as const;

/** Anniversaries whose month-day falls in the given ranges, for contacts in scope. */
export function anniversariesBetween(db: Kysely<DB>, scope: Scope, ranges: AnniversaryRanges) {
  return whereInScope(
    db.selectFrom('anniversaries').innerJoin('contacts', 'contacts.id', 'anniversaries.contactId'),
    'contacts',
    scope,
  )
    .select([
      'anniversaries.id',
      'anniversaries.contactId',
      'anniversaries.type',
      'anniversaries.date',
      ...anniversaryDateColumns,
      'contacts.name as contactName',
      'contacts.customerId',
      'contacts.customerName',
    ])
    .where('contacts.deletedAt', 'is', null)
    .where((eb) => eb.or(inRanges(eb, ranges)))
    .limit(500)
    .execute();
}

/**
 * Anniversaries of owned, active contacts whose month-day falls in the given ranges, or whose
 * reminder comes more than `longerThanDays` days before: the candidates of the daily reminder sweep.
 */
export function anniversariesToRemind(db: Kysely<DB>, ranges: AnniversaryRanges, longerThanDays: number) {
  return db
    .selectFrom('anniversaries')
    .innerJoin('contacts', 'contacts.id', 'anniversaries.contactId')
    .select(['anniversaries.id', ...anniversaryDateColumns, 'anniversaries.remindDaysBefore', 'contacts.ownerId'])
    .where('contacts.deletedAt', 'is', null)
    .where('contacts.ownerId', 'is not', null)
    .where((eb) => eb.or([...inRanges(eb, ranges), eb('anniversaries.remindDaysBefore', '>', longerThanDays)]))
    .execute();
}

/** One anniversary as its reminder tells it: the contact, its owner's language and the type's labels. */
export function findAnniversaryReminder(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('anniversaries')
    .innerJoin('contacts', 'contacts.id', 'anniversaries.contactId')
    .innerJoin('users', 'users.id', 'contacts.ownerId')
    .leftJoin('dictionaryOptions as type', (join) =>
      join.onRef('type.code', '=', 'anniversaries.type').on('type.type', '=', 'anniversary_type'),
    )
    .select([
      'anniversaries.type',
      'contacts.id as contactId',
      'contacts.name',
      'contacts.ownerId',
      'contacts.deletedAt',
      'users.locale',
      'type.labelZh',
      'type.labelEn',
    ])
    .where('anniversaries.id', '=', id)
    .executeTakeFirst();
}

export async function idsInScope(db: Kysely<DB>, scope: Scope, ids: number[]) {
  const rows = await whereInScope(db.selectFrom('contacts'), 'contacts', scope)
    .select('contacts.id')
    .where('contacts.id', 'in', ids)
    .where('contacts.deletedAt', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}
