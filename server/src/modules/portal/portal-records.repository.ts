import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The orders of one customer that it may see: none deleted, none in a hidden status. */
export type CustomerOrders = { customerId: number; hiddenStatuses: string[] };

function customerOrders(db: Kysely<DB>, { customerId, hiddenStatuses }: CustomerOrders) {
  return db
    .selectFrom('orders')
    .where('customerId', '=', customerId)
    .where('deletedAt', 'is', null)
    .where('status', 'not in', hiddenStatuses);
}

const orderColumns = ['id', 'number', 'title', 'status', 'currency', 'total', 'createdAt', 'approvedAt'] as const;

export async function countCustomerOrders(db: Kysely<DB>, orders: CustomerOrders) {
  const { total } = await customerOrders(db, orders)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(total);
}

/** One page of the customer's orders, newest first. */
export function listCustomerOrders(db: Kysely<DB>, orders: CustomerOrders, limit: number, offset: number) {
  return customerOrders(db, orders)
    .select(orderColumns)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export type CustomerOrderRow = Awaited<ReturnType<typeof listCustomerOrders>>[number];

export function findCustomerOrder(db: Kysely<DB>, orders: CustomerOrders, id: number) {
  return customerOrders(db, orders).select(orderColumns).where('id', '=', id).executeTakeFirst();
}

export function listOrderLines(db: Kysely<DB>, orderId: number) {
  return db
    .selectFrom('orderLines')
    .select(['name', 'unit', 'quantity', 'unitPrice', 'total', 'deliveredMilli'])
    .where('orderId', '=', orderId)
    .orderBy('position')
    .execute();
}

export function listOrderDeliveries(db: Kysely<DB>, orderId: number) {
  return db
    .selectFrom('deliveries')
    .select(['number', 'deliveredOn', 'carrier', 'trackingNumber', 'recipient'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
}

const customerInvoices = (db: Kysely<DB>, customerId: number) =>
  db
    .selectFrom('invoices')
    .leftJoin('orders', 'orders.id', 'invoices.orderId')
    .where('invoices.customerId', '=', customerId);

const invoiceColumns = [
  'invoices.id',
  'invoices.number',
  'invoices.type',
  'invoices.issuedOn',
  'orders.number as orderNumber',
  'invoices.currency',
  'invoices.amount',
  'invoices.tax',
  'invoices.status',
] as const;

export function findCustomerInvoice(db: Kysely<DB>, customerId: number, id: number) {
  return customerInvoices(db, customerId).select(invoiceColumns).where('invoices.id', '=', id).executeTakeFirst();
}

export async function countCustomerInvoices(db: Kysely<DB>, customerId: number) {
  const { total } = await customerInvoices(db, customerId)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(total);
}

/** One page of the customer's invoices, the latest issued first. */
export function listCustomerInvoices(db: Kysely<DB>, customerId: number, limit: number, offset: number) {
  return customerInvoices(db, customerId)
    .select(invoiceColumns)
    .orderBy('invoices.issuedOn', 'desc')
    .orderBy('invoices.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Instalments of the customer's live orders not yet fully received. */
const openInstalments = (db: Kysely<DB>, customerId: number) =>
  db
    .selectFrom('instalments')
    .innerJoin('orders', 'orders.id', 'instalments.orderId')
    .where('instalments.customerId', '=', customerId)
    .where('orders.deletedAt', 'is', null)
    .whereRef('instalments.received', '<', 'instalments.amount');

const outstanding = sql<number>`${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')}`;

/** By currency: how many instalments are open, what they still owe, and how much of it was due before `today`. */
export function openInstalmentTotals(db: Kysely<DB>, customerId: number, today: string) {
  return openInstalments(db, customerId)
    .select([
      'instalments.currency',
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(${outstanding}), 0)`.as('outstanding'),
      sql<number>`coalesce(sum(case when ${sql.ref('instalments.dueDate')} < ${today} then ${outstanding} else 0 end), 0)`.as(
        'overdue',
      ),
    ])
    .groupBy('instalments.currency')
    .orderBy('instalments.currency')
    .execute();
}

/** One page of the open instalments, the earliest due first. */
export function listOpenInstalments(db: Kysely<DB>, customerId: number, limit: number, offset: number) {
  return openInstalments(db, customerId)
    .select([
      'orders.number as orderNumber',
      'instalments.seq',
      'instalments.dueDate',
      'instalments.currency',
      'instalments.amount',
      'instalments.received',
    ])
    .orderBy('instalments.dueDate')
    .orderBy('instalments.id')
    .limit(limit)
    .offset(offset)
    .execute();
}
