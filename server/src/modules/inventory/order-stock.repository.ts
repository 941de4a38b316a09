import type { Insertable, Kysely } from 'kysely';
import type { DB, StockReservationTable } from '../../db/schema.ts';

// How orders meet the stock: their lines, their warehouse and the units reserved for their lines.

export function orderLinesOf(db: Kysely<DB>, orderId: number) {
  return db
    .selectFrom('orderLines')
    .select(['id', 'productId', 'name', 'quantityMilli', 'deliveredMilli'])
    .where('orderId', '=', orderId)
    .orderBy('position')
    .execute();
}

/** These order lines with their product's cost price. */
export function orderLinesWithCost(db: Kysely<DB>, lineIds: number[]) {
  return db
    .selectFrom('orderLines')
    .leftJoin('products', 'products.id', 'orderLines.productId')
    .select(['orderLines.id', 'orderLines.productId', 'products.costPrice'])
    .where('orderLines.id', 'in', lineIds)
    .execute();
}

export function getOrderWarehouse(db: Kysely<DB>, orderId: number) {
  return db.selectFrom('orders').select('warehouseId').where('id', '=', orderId).executeTakeFirstOrThrow();
}

export async function setOrderWarehouse(db: Kysely<DB>, orderId: number, warehouseId: number): Promise<void> {
  await db.updateTable('orders').set({ warehouseId }).where('id', '=', orderId).execute();
}

export async function insertReservation(db: Kysely<DB>, row: Insertable<StockReservationTable>): Promise<void> {
  await db.insertInto('stockReservations').values(row).execute();
}

export function reservationsOfOrder(db: Kysely<DB>, orderId: number) {
  return db
    .selectFrom('stockReservations')
    .innerJoin('orderLines', 'orderLines.id', 'stockReservations.orderLineId')
    .select([
      'stockReservations.orderLineId',
      'stockReservations.productId',
      'stockReservations.warehouseId',
      'stockReservations.quantityMilli',
    ])
    .where('orderLines.orderId', '=', orderId)
    .execute();
}

export function findReservation(db: Kysely<DB>, orderLineId: number) {
  return db
    .selectFrom('stockReservations')
    .select(['warehouseId', 'quantityMilli'])
    .where('orderLineId', '=', orderLineId)
    .executeTakeFirst();
}

export async function setReservedQuantity(db: Kysely<DB>, orderLineId: number, quantityMilli: number): Promise<void> {
  await db.updateTable('stockReservations').set({ quantityMilli }).where('orderLineId', '=', orderLineId).execute();
}

export async function deleteReservations(db: Kysely<DB>, orderLineIds: number[]): Promise<void> {
  await db.deleteFrom('stockReservations').where('orderLineId', 'in', orderLineIds).execute();
}
