import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, InvoiceTable } from '../../db/schema.ts';
import { newestPageByIds } from '../../platform/list-page.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import type { ListPageQuery } from '../../platform/list-query.ts';
import type { Dialect } from '../../db/database.ts';

const columns = (db: Kysely<DB>) =>
  db
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customerId')
    .leftJoin('orders', 'orders.id', 'invoices.orderId')
    .leftJoin('invoices as original', 'original.id', 'invoices.redOfId')
    .selectAll('invoices')
    .select(['customers.name as customerName', 'orders.number as orderNumber', 'original.number as redOfNumber']);
export type InvoiceRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export function findInvoice(db: Kysely<DB>, scope: Scope, id: number) {
  return whereInScope(columns(db), 'invoices', scope).where('invoices.id', '=', id).executeTakeFirst();
}

export type InvoiceFilter = { customerId?: number; orderId?: number; status?: string; redOfId?: number };

/** A page of invoices in scope, latest issued first, and the total of all that match. */
export function listInvoices(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: InvoiceFilter,
  page: ListPageQuery,
) {
  let qb = whereInScope(db.selectFrom('invoices'), 'invoices', scope);
  if (filter.customerId) qb = qb.where('invoices.customerId', '=', filter.customerId);
  if (filter.orderId) qb = qb.where('invoices.orderId', '=', filter.orderId);
  if (filter.status) qb = qb.where('invoices.status', '=', filter.status);
  if (filter.redOfId) qb = qb.where('invoices.redOfId', '=', filter.redOfId);
  return newestPageByIds(db, dialect, qb, columns(db), 'invoices', 'issuedOn', page);
}

/** The amount of an order's issued invoices, in minor units. */
export async function issuedAmountOfOrder(db: Kysely<DB>, orderId: number): Promise<number> {
  const row = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('sum'))
    .where('orderId', '=', orderId)
    .where('status', '=', 'issued')
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

/** What the red-letter invoices of an invoice offset so far (a positive amount and tax, minor units), and how many there are. */
export async function redLettersOf(db: Kysely<DB>, invoiceId: number) {
  const row = await db
    .selectFrom('invoices')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('amount'),
      eb.fn.coalesce(eb.fn.sum<number>('tax'), eb.val(0)).as('tax'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('redOfId', '=', invoiceId)
    .where('status', '=', 'issued')
    .executeTakeFirstOrThrow();
  return { amount: -Number(row.amount), tax: -Number(row.tax), count: Number(row.count) };
}

export function findInvoiceByNumber(db: Kysely<DB>, type: string, number: string) {
  return db
    .selectFrom('invoices')
    .select('id')
    .where('type', '=', type)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function insertInvoice(db: Kysely<DB>, row: Insertable<InvoiceTable>): Promise<number> {
  return (await db.insertInto('invoices').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateInvoice(db: Kysely<DB>, id: number, values: Updateable<InvoiceTable>): Promise<void> {
  await db.updateTable('invoices').set(values).where('id', '=', id).execute();
}

/** Issued invoices in scope, of one customer or order when given, summed per currency (minor units). */
export async function issuedByCurrency(
  db: Kysely<DB>,
  scope: Scope,
  filter: { customerId?: number; orderId?: number },
): Promise<Map<string, number>> {
  let qb = whereInScope(db.selectFrom('invoices'), 'invoices', scope).where('invoices.status', '=', 'issued');
  if (filter.customerId) qb = qb.where('invoices.customerId', '=', filter.customerId);
  if (filter.orderId) qb = qb.where('invoices.orderId', '=', filter.orderId);
  const rows = await qb
    .select(['invoices.currency', (eb) => eb.fn.coalesce(eb.fn.sum<number>('invoices.amount'), eb.val(0)).as('sum')])
    .groupBy('invoices.currency')
    .execute();
  return new Map(rows.map((r) => [r.currency, Number(r.sum)]));
}
