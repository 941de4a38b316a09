import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
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

export async function deliveriesOf(db: Kysely<DB>, orderId: number) {
  const deliveries = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
  const lines = deliveries.length
    ? await db
        .selectFrom('deliveryLines')
        .innerJoin('orderLines', 'orderLines.id', 'deliveryLines.orderLineId')
        .select([
          'deliveryLines.deliveryId',
          'deliveryLines.orderLineId',
          'deliveryLines.quantityMilli',
          'deliveryLines.revenueMinor',
          'deliveryLines.costMinor',
          'orderLines.name',
        ])
        .where(
          'deliveryLines.deliveryId',
          'in',
          deliveries.map((d) => d.id),
        )
        .execute()
    : [];
  return { deliveries, lines };
}
