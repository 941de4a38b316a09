import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, OrderLineTable, OrderTable } from '../../db/schema.ts';
import { applySort, pageWindow, type SortColumns } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains } from '../../platform/search.ts';

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

export type OrderFilter = {
  q?: string;
  status?: string[];
  customerId?: number;
  opportunityId?: number;
  quoteId?: number;
  ownerId?: number[];
};

export async function listOrders(
  db: Kysely<DB>,
  scope: Scope,
  filter: OrderFilter,
  page: { page: number; pageSize: number; sort?: string },
) {
  let qb = whereInScope(base(db), 'orders', scope).where('orders.deletedAt', 'is', null);
  if (filter.status?.length) qb = qb.where('orders.status', 'in', filter.status);
  if (filter.customerId) qb = qb.where('orders.customerId', '=', filter.customerId);
  if (filter.opportunityId) qb = qb.where('orders.opportunityId', '=', filter.opportunityId);
  if (filter.quoteId) qb = qb.where('orders.quoteId', '=', filter.quoteId);
  if (filter.ownerId?.length) qb = qb.where('orders.ownerId', 'in', filter.ownerId);
  if (filter.q) {
    const q = filter.q;
    qb = qb.where((eb) => eb.or([contains('orders.number', q), contains('orders.title', q)]));
  }
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  const items = await applySort(withColumns(qb), page.sort, sortColumns, 'updatedAt:desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { items, total: Number(total) };
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

/** Changes an order only while it has the given status (or one of them); false when it no longer has. */
export async function updateOrderInStatus(
  db: Kysely<DB>,
  id: number,
  status: string | string[],
  values: Updateable<OrderTable>,
): Promise<boolean> {
  const qb = db.updateTable('orders').set(values).where('id', '=', id);
  const result = await (
    typeof status === 'string' ? qb.where('status', '=', status) : qb.where('status', 'in', status)
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findOrderStatus(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('orders')
    .select('status')
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
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

export async function transferOwnership(
  db: Kysely<DB>,
  fromUserId: number,
  to: { id: number; departmentId: number | null },
  at: string,
) {
  const rows = await db
    .updateTable('orders')
    .set({ ownerId: to.id, departmentId: to.departmentId, updatedAt: at })
    .where('ownerId', '=', fromUserId)
    .where('status', 'not in', ['completed', 'cancelled', 'terminated'])
    .where('deletedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
