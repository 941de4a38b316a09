import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, QuoteLineTable, QuoteTable } from '../../db/schema.ts';
import { type DocumentFilter, whereDocumentMatches } from '../../platform/document-filter.ts';
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

const sortColumns: SortColumns = {
  number: { column: 'quotes.number' },
  total: { column: 'quotes.total' },
  createdAt: { column: 'quotes.createdAt' },
  updatedAt: { column: 'quotes.updatedAt' },
  validUntil: { column: 'quotes.validUntil', nullable: true },
};

function withColumns<QB extends ReturnType<Kysely<DB>['selectFrom']>>(qb: QB) {
  return (qb as unknown as ReturnType<typeof base>)
    .innerJoin('customers', 'customers.id', 'quotes.customerId')
    .leftJoin('contacts', 'contacts.id', 'quotes.contactId')
    .leftJoin('opportunities', 'opportunities.id', 'quotes.opportunityId')
    .leftJoin('users as owner', 'owner.id', 'quotes.ownerId')
    .selectAll('quotes')
    .select([
      'customers.name as customerName',
      'contacts.name as contactName',
      'opportunities.name as opportunityName',
      'owner.displayName as ownerName',
    ]);
}
const base = (db: Kysely<DB>) => db.selectFrom('quotes');
export type QuoteRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

export type QuoteFilter = DocumentFilter & { allVersions?: boolean };

export function listQuotes(db: Kysely<DB>, dialect: Dialect, scope: Scope, filter: QuoteFilter, page: ListPageQuery) {
  const keyset = keysetOf(page, sortSpec(page.sort, sortColumns, 'updatedAt:desc'));
  let qb = whereInScope(base(db), 'quotes', scope).where('quotes.deletedAt', 'is', null);
  if (!filter.allVersions) qb = qb.where('quotes.isLatest', '=', 1);
  qb = whereDocumentMatches(qb, 'quotes', filter);
  return countedPage(
    () => countUpTo(db, qb, page.count),
    orderBySpec(withColumns(qb), keyset.spec),
    { ...page, keyset },
    dialect,
  );
}

export function findQuote(db: Kysely<DB>, scope: Scope, id: number) {
  return withColumns(whereInScope(base(db), 'quotes', scope))
    .where('quotes.id', '=', id)
    .where('quotes.deletedAt', 'is', null)
    .executeTakeFirst();
}

export function linesOf(db: Kysely<DB>, quoteId: number) {
  return db.selectFrom('quoteLines').selectAll().where('quoteId', '=', quoteId).orderBy('position').execute();
}

export function versionsOf(db: Kysely<DB>, rootId: number) {
  return db
    .selectFrom('quotes')
    .select(['id', 'version', 'status', 'total', 'updatedAt'])
    .where('rootId', '=', rootId)
    .where('deletedAt', 'is', null)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertQuote(db: Kysely<DB>, row: Insertable<QuoteTable>): Promise<number> {
  return (await db.insertInto('quotes').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateQuote(db: Kysely<DB>, id: number, values: Updateable<QuoteTable>) {
  return db.updateTable('quotes').set(values).where('id', '=', id).execute();
}

/** Changes a quote unless it is waiting for approval. */
export function updateQuoteNotPending(db: Kysely<DB>, id: number, values: Updateable<QuoteTable>) {
  return db
    .updateTable('quotes')
    .set(values)
    .where('id', '=', id)
    .where('approvalStatus', 'is distinct from', 'pending')
    .execute();
}

/** Marks a quote as no longer the latest version; false when it already was not. */
export async function supersedeQuote(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db
    .updateTable('quotes')
    .set({ isLatest: 0 })
    .where('id', '=', id)
    .where('isLatest', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function quoteDepartmentId(db: Kysely<DB>, id: number) {
  return (await db.selectFrom('quotes').select('departmentId').where('id', '=', id).executeTakeFirstOrThrow())
    .departmentId;
}

/** Soft-deletes every version of a quote. */
export function deleteQuoteVersions(db: Kysely<DB>, rootId: number, at: string, by: number) {
  return db.updateTable('quotes').set({ deletedAt: at, deletedBy: by }).where('rootId', '=', rootId).execute();
}

export function expireSentQuotes(db: Kysely<DB>, today: string, at: string) {
  return db
    .updateTable('quotes')
    .set({ status: 'expired', updatedAt: at })
    .where('status', '=', 'sent')
    .where('validUntil', '<', today)
    .where('deletedAt', 'is', null)
    .execute();
}

/** The approval facts of a quote: whether it may be submitted. */
export function findQuoteState(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('quotes')
    .select(['status', 'isLatest', 'approvalStatus'])
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export async function replaceQuoteLines(
  db: Kysely<DB>,
  quoteId: number,
  lines: Array<Omit<Insertable<QuoteLineTable>, 'quoteId'>>,
) {
  await db.deleteFrom('quoteLines').where('quoteId', '=', quoteId).execute();
  await db
    .insertInto('quoteLines')
    .values(lines.map((line) => ({ ...line, quoteId })))
    .execute();
}

/** The customer of an opportunity in the given scope. */
export function findOpportunityCustomer(db: Kysely<DB>, scope: Scope, opportunityId: number) {
  return whereInScope(db.selectFrom('opportunities'), 'opportunities', scope)
    .select('opportunities.customerId')
    .where('opportunities.id', '=', opportunityId)
    .where('opportunities.deletedAt', 'is', null)
    .executeTakeFirst();
}

export function findCustomerCountry(db: Kysely<DB>, customerId: number) {
  return db.selectFrom('customers').select('country').where('id', '=', customerId).executeTakeFirst();
}

export function findUserEmail(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
}

/** Catalogue products that lines may refer to (not deleted). */
export function findLineProducts(db: Kysely<DB>, productIds: number[]) {
  return db
    .selectFrom('products')
    .select(['id', 'code', 'name', 'unit', 'taxRateBp', 'status'])
    .where('id', 'in', productIds)
    .where('deletedAt', 'is', null)
    .execute();
}
