import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { applySort, pageWindow, type SortColumns } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains } from '../../platform/search.ts';

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

export type QuoteFilter = {
  q?: string;
  status?: string[];
  customerId?: number;
  opportunityId?: number;
  ownerId?: number[];
  allVersions?: boolean;
};

export async function listQuotes(
  db: Kysely<DB>,
  scope: Scope,
  filter: QuoteFilter,
  page: { page: number; pageSize: number; sort?: string },
) {
  let qb = whereInScope(base(db), 'quotes', scope).where('quotes.deletedAt', 'is', null);
  if (!filter.allVersions) qb = qb.where('quotes.isLatest', '=', 1);
  if (filter.status?.length) qb = qb.where('quotes.status', 'in', filter.status);
  if (filter.customerId) qb = qb.where('quotes.customerId', '=', filter.customerId);
  if (filter.opportunityId) qb = qb.where('quotes.opportunityId', '=', filter.opportunityId);
  if (filter.ownerId?.length) qb = qb.where('quotes.ownerId', 'in', filter.ownerId);
  if (filter.q) {
    const q = filter.q;
    qb = qb.where((eb) => eb.or([contains('quotes.number', q), contains('quotes.title', q)]));
  }
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  const items = await applySort(withColumns(qb), page.sort, sortColumns, 'updatedAt:desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { items, total: Number(total) };
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
