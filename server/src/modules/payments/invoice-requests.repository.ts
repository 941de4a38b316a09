import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, InvoiceRequestTable } from '../../db/schema.ts';
import type { Dialect } from '../../db/database.ts';
import { newestPageByIds } from '../../platform/list-page.ts';
import type { ListPageQuery } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

const columns = (db: Kysely<DB>) =>
  db
    .selectFrom('invoiceRequests')
    .innerJoin('customers', 'customers.id', 'invoiceRequests.customerId')
    .leftJoin('orders', 'orders.id', 'invoiceRequests.orderId')
    .leftJoin('invoices', 'invoices.id', 'invoiceRequests.invoiceId')
    .leftJoin('users as owner', 'owner.id', 'invoiceRequests.ownerId')
    .selectAll('invoiceRequests')
    .select([
      'customers.name as customerName',
      'orders.number as orderNumber',
      'invoices.number as invoiceNumber',
      'owner.displayName as ownerName',
    ]);
export type InvoiceRequestRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export function findRequest(db: Kysely<DB>, scope: Scope, id: number) {
  return whereInScope(columns(db), 'invoice_requests', scope).where('invoiceRequests.id', '=', id).executeTakeFirst();
}

export type RequestFilter = { status?: string; customerId?: number; orderId?: number };

/** A page of requests in scope, newest first, and the number of all that match. */
export function listRequests(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: RequestFilter,
  page: ListPageQuery,
) {
  let qb = whereInScope(db.selectFrom('invoiceRequests'), 'invoice_requests', scope);
  if (filter.status) qb = qb.where('invoiceRequests.status', '=', filter.status);
  if (filter.customerId) qb = qb.where('invoiceRequests.customerId', '=', filter.customerId);
  if (filter.orderId) qb = qb.where('invoiceRequests.orderId', '=', filter.orderId);
  return newestPageByIds(db, dialect, qb, columns(db), 'invoiceRequests', 'createdAt', page);
}

/** What open requests (not yet issued, not rejected) of an order ask for, minor units. */
export async function openAmountOfOrder(db: Kysely<DB>, orderId: number, except?: number): Promise<number> {
  let qb = db
    .selectFrom('invoiceRequests')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('sum'))
    .where('orderId', '=', orderId)
    .where('status', 'in', ['draft', 'pending', 'approved']);
  if (except) qb = qb.where('id', '!=', except);
  return Number((await qb.executeTakeFirstOrThrow()).sum);
}

export async function insertRequest(db: Kysely<DB>, row: Insertable<InvoiceRequestTable>): Promise<number> {
  return (await db.insertInto('invoiceRequests').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Moves a request from one of `from` to a new status; false when it was in none of them. */
export async function moveRequest(
  db: Kysely<DB>,
  id: number,
  from: string[],
  values: Updateable<InvoiceRequestTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('invoiceRequests')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function findRequestState(db: Kysely<DB>, id: number) {
  return db.selectFrom('invoiceRequests').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
}
