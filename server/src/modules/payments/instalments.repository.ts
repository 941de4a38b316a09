import type { Insertable, Kysely } from 'kysely';
import type { DB, InstalmentTable } from '../../db/schema.ts';

/** Instalments with their order's number and customer's name. */
export function instalmentRows(db: Kysely<DB>) {
  return db
    .selectFrom('instalments')
    .innerJoin('orders', 'orders.id', 'instalments.orderId')
    .innerJoin('customers', 'customers.id', 'instalments.customerId')
    .selectAll('instalments')
    .select(['orders.number as orderNumber', 'customers.name as customerName']);
}
export type InstalmentRow = Awaited<ReturnType<ReturnType<typeof instalmentRows>['executeTakeFirstOrThrow']>>;

export function instalmentsOfOrder(db: Kysely<DB>, orderId: number) {
  return instalmentRows(db).where('instalments.orderId', '=', orderId).orderBy('instalments.seq').execute();
}

export function findInstalments(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('instalments').selectAll().where('id', 'in', ids).execute();
}

export async function hasReceivedInstalment(db: Kysely<DB>, orderId: number): Promise<boolean> {
  const row = await db
    .selectFrom('instalments')
    .select('id')
    .where('orderId', '=', orderId)
    .where('received', '>', 0)
    .executeTakeFirst();
  return Boolean(row);
}

export async function deleteInstalmentsOfOrder(db: Kysely<DB>, orderId: number): Promise<void> {
  await db.deleteFrom('instalments').where('orderId', '=', orderId).execute();
}

export async function insertInstalments(db: Kysely<DB>, rows: Insertable<InstalmentTable>[]): Promise<void> {
  await db.insertInto('instalments').values(rows).execute();
}

/**
 * Adds `change` (negative for a refund) to what an instalment received, in one guarded statement:
 * never below nothing (`atLeastZero`), never above the amount (`atMostAmount`). Answers whether it changed.
 */
export async function addToReceived(
  db: Kysely<DB>,
  id: number,
  change: number,
  guard: 'atLeastZero' | 'atMostAmount' | 'none',
  updatedAt: string,
): Promise<boolean> {
  let update = db
    .updateTable('instalments')
    .set((eb) => ({ received: eb('received', '+', change), updatedAt }))
    .where('id', '=', id);
  if (guard === 'atLeastZero') update = update.where((eb) => eb(eb('received', '+', change), '>=', 0));
  else if (guard === 'atMostAmount')
    update = update.where((eb) => eb(eb('received', '+', change), '<=', eb.ref('amount')));
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Owned instalments not fully received whose due date is in [since, before). */
export function instalmentsDueBetween(db: Kysely<DB>, since: string, before: string) {
  return db
    .selectFrom('instalments')
    .select(['id', 'dueDate'])
    .where('dueDate', '<', before)
    .where('dueDate', '>=', since)
    .whereRef('received', '<', 'amount')
    .where('ownerId', 'is not', null)
    .execute();
}

/** What an overdue reminder says: the instalment's figures, its order's number and customer's name. */
export function findInstalmentForReminder(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('instalments')
    .innerJoin('orders', 'orders.id', 'instalments.orderId')
    .innerJoin('customers', 'customers.id', 'instalments.customerId')
    .select([
      'instalments.ownerId',
      'instalments.amount',
      'instalments.received',
      'instalments.dueDate',
      'instalments.orderId',
      'orders.number',
      'customers.name',
    ])
    .where('instalments.id', '=', id)
    .executeTakeFirst();
}
