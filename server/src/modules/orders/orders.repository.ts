import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, OrderLineTable, OrderTable } from '../../db/schema.ts';
import { type DocumentFilter, whereDocumentMatches } from '../../platform/document-filter.ts';
import { listPage, listsByDepartment } from '../../platform/list-page.ts';
import { keysetOf, type ListPageQuery, orderBySpec, type SortColumns, sortSpec } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { searchTargets, whereIndexHolds } from '../../platform/search.ts';
import type { Dialect } from '../../db/database.ts';

const sortColumns: SortColumns = {
  number: { column: 'orders.number' },
  total: { column: 'orders.total' },
  createdAt: { column: 'orders.createdAt' },
  updatedAt: { column: 'orders.updatedAt' },
  requestedDeliveryDate: { column: 'orders.requestedDeliveryDate', nullable: true },
};

const base = (db: Kysely<DB>) => db.selectFrom('orders');
function withColumns(qb: ReturnType<typeof base>) {
  return qb
    .innerJoin('customers', 'customers.id', 'orders.customerId')
    .leftJoin('contacts', 'contacts.id', 'orders.contactId')
    .leftJoin('quotes', 'quotes.id', 'orders.quoteId')
    .leftJoin('users as owner', 'owner.id', 'orders.ownerId')
    .leftJoin('warehouses', 'warehouses.id', 'orders.warehouseId')
    .selectAll('orders')
    .select([
      'customers.name as customerName',
      'contacts.name as contactName',
      'quotes.number as quoteNumber',
      'owner.displayName as ownerName',
      'warehouses.name as warehouseName',
    ]);
}
export type OrderRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

export type OrderFilter = DocumentFilter & { quoteId?: number };

/** The active orders of a scope that match the filters; a search goes through the bigram index unless `searchIndex` is false. */
function filteredOrders(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: OrderFilter,
  searchIndex: boolean | 'firstOnly' = true,
) {
  let qb = whereInScope(base(db), 'orders', scope).where('orders.deletedAt', 'is', null);
  if (filter.quoteId) qb = qb.where('orders.quoteId', '=', filter.quoteId);
  qb = whereDocumentMatches(qb, 'orders', filter);
  if (filter.q && searchIndex)
    qb = whereIndexHolds(qb, dialect, searchTargets.orders, filter.q, { firstOnly: searchIndex === 'firstOnly' });
  return qb;
}

export function listOrders(db: Kysely<DB>, dialect: Dialect, scope: Scope, filter: OrderFilter, page: ListPageQuery) {
  const keyset = keysetOf(page, sortSpec(page.sort, sortColumns, 'updatedAt:desc'));
  const sorted = (rows: ReturnType<typeof filteredOrders>) => orderBySpec(withColumns(rows), keyset.spec);
  return listPage(
    db,
    dialect,
    searchTargets.orders,
    filter.q,
    (index) => filteredOrders(db, dialect, scope, filter, index),
    sorted,
    { ...page, keyset },
    {
      narrowScope: scope.kind === 'own',
      gatherable: Boolean(filter.ownerId?.length || filter.status?.length),
      byDepartment: listsByDepartment(scope, (departments) => filteredOrders(db, dialect, departments, filter)),
    },
  );
}

export function findOrder(db: Kysely<DB>, scope: Scope, id: number) {
  return withColumns(whereInScope(base(db), 'orders', scope))
    .where('orders.id', '=', id)
    .where('orders.deletedAt', 'is', null)
    .executeTakeFirst();
}

export function linesOf(db: Kysely<DB>, orderId: number) {
  return db.selectFrom('orderLines').selectAll().where('orderId', '=', orderId).orderBy('position').execute();
}

export async function insertOrder(db: Kysely<DB>, row: Insertable<OrderTable>): Promise<number> {
  return (await db.insertInto('orders').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateOrder(db: Kysely<DB>, id: number, values: Updateable<OrderTable>) {
  return db.updateTable('orders').set(values).where('id', '=', id).execute();
}

export function findOrderOfQuote(db: Kysely<DB>, quoteId: number) {
  return db
    .selectFrom('orders')
    .select('id')
    .where('quoteId', '=', quoteId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export async function replaceOrderLines(
  db: Kysely<DB>,
  orderId: number,
  lines: Array<Omit<Insertable<OrderLineTable>, 'orderId'>>,
) {
  await db.deleteFrom('orderLines').where('orderId', '=', orderId).execute();
  await db
    .insertInto('orderLines')
    .values(lines.map((line) => ({ ...line, orderId })))
    .execute();
}

export function findActiveWarehouse(db: Kysely<DB>, warehouseId: number) {
  return db
    .selectFrom('warehouses')
    .select('id')
    .where('id', '=', warehouseId)
    .where('active', '=', 1)
    .executeTakeFirst();
}
