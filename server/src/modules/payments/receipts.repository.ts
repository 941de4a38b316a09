import type { Insertable, Kysely } from 'kysely';
import type { DB, ReceiptAllocationTable, ReceiptTable } from '../../db/schema.ts';
import { newestPageByIds } from '../../platform/list-page.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import type { ListPageQuery } from '../../platform/list-query.ts';
import type { Dialect } from '../../db/database.ts';

const columns = (db: Kysely<DB>) =>
  db
    .selectFrom('receipts')
    .innerJoin('customers', 'customers.id', 'receipts.customerId')
    .leftJoin('users as owner', 'owner.id', 'receipts.ownerId')
    .selectAll('receipts')
    .select(['customers.name as customerName', 'owner.displayName as ownerName']);
export type ReceiptRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export function findReceipt(db: Kysely<DB>, scope: Scope, id: number) {
  return whereInScope(columns(db), 'receipts', scope).where('receipts.id', '=', id).executeTakeFirst();
}

export type ReceiptFilter = { number?: string; customerId?: number; orderId?: number; status?: string };

/** A page of receipts in scope, latest received first, and the total of all that match. */
export function listReceipts(
  db: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  filter: ReceiptFilter,
  page: ListPageQuery,
) {
  let qb = whereInScope(db.selectFrom('receipts'), 'receipts', scope);
  if (filter.number) qb = qb.where('receipts.number', '=', filter.number);
  if (filter.customerId) qb = qb.where('receipts.customerId', '=', filter.customerId);
  if (filter.status) qb = qb.where('receipts.status', '=', filter.status);
  if (filter.orderId) {
    const orderId = filter.orderId;
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('receiptAllocations as a')
          .innerJoin('instalments as i', 'i.id', 'a.instalmentId')
          .select('a.receiptId')
          .whereRef('a.receiptId', '=', 'receipts.id')
          .where('i.orderId', '=', orderId),
      ),
    );
  }
  return newestPageByIds(db, dialect, qb, columns(db), 'receipts', 'receivedOn', page);
}

/** How these receipts were matched to instalments, with each instalment's order number. */
export function allocationsOf(db: Kysely<DB>, receiptIds: number[]) {
  return db
    .selectFrom('receiptAllocations')
    .innerJoin('instalments', 'instalments.id', 'receiptAllocations.instalmentId')
    .innerJoin('orders', 'orders.id', 'instalments.orderId')
    .select([
      'receiptAllocations.receiptId',
      'receiptAllocations.instalmentId',
      'receiptAllocations.amount',
      'instalments.seq',
      'orders.number as orderNumber',
    ])
    .where('receiptAllocations.receiptId', 'in', receiptIds)
    .execute();
}

/** One receipt's matches with the currency of each instalment. */
export function allocationCurrencies(db: Kysely<DB>, receiptId: number) {
  return db
    .selectFrom('receiptAllocations')
    .innerJoin('instalments', 'instalments.id', 'receiptAllocations.instalmentId')
    .select(['receiptAllocations.instalmentId', 'receiptAllocations.amount', 'instalments.currency'])
    .where('receiptAllocations.receiptId', '=', receiptId)
    .execute();
}

export async function insertReceipt(db: Kysely<DB>, row: Insertable<ReceiptTable>): Promise<number> {
  return (await db.insertInto('receipts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertAllocations(db: Kysely<DB>, rows: Insertable<ReceiptAllocationTable>[]): Promise<void> {
  await db.insertInto('receiptAllocations').values(rows).execute();
}

/** Confirms a receipt that is still unconfirmed; answers whether it was. */
export async function confirmUnconfirmed(db: Kysely<DB>, id: number, confirmedBy: number, at: string) {
  const result = await db
    .updateTable('receipts')
    .set({ status: 'confirmed', confirmedBy, confirmedAt: at, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'unconfirmed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteUnconfirmed(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('receipts').where('id', '=', id).where('status', '=', 'unconfirmed').execute();
}

/** What decides whether a refund may go for approval. */
export function findRefundState(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('receipts')
    .select(['status', 'approvalStatus', 'amount'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Sets the approval state of a receipt not approved yet; answers whether it changed. */
export async function setApprovalState(db: Kysely<DB>, id: number, state: string | null, at: string) {
  const result = await db
    .updateTable('receipts')
    .set({ approvalStatus: state, updatedAt: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('approvalStatus', 'is', null), eb('approvalStatus', '!=', 'approved')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
