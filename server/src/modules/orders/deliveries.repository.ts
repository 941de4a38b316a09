import type { Insertable, Kysely } from 'kysely';
import type { DB, DeliveryLineTable, DeliveryTable } from '../../db/schema.ts';

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

/**
 * Adds a delivered quantity to an order line, only while it stays within what was ordered; false
 * when it would not (checked in the same statement, so two deliveries cannot both take the last units).
 */
export async function addDeliveredQuantity(db: Kysely<DB>, orderId: number, orderLineId: number, milli: number) {
  const result = await db
    .updateTable('orderLines')
    .set((eb) => ({ deliveredMilli: eb('deliveredMilli', '+', milli) }))
    .where('id', '=', orderLineId)
    .where('orderId', '=', orderId)
    .where((eb) => eb(eb('deliveredMilli', '+', milli), '<=', eb.ref('quantityMilli')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countDeliveries(db: Kysely<DB>, orderId: number): Promise<number> {
  const count = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orderId', '=', orderId)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

export async function insertDelivery(db: Kysely<DB>, row: Insertable<DeliveryTable>): Promise<number> {
  return (await db.insertInto('deliveries').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function insertDeliveryLines(db: Kysely<DB>, rows: Insertable<DeliveryLineTable>[]) {
  return db.insertInto('deliveryLines').values(rows).execute();
}

export async function hasUndeliveredLine(db: Kysely<DB>, orderId: number): Promise<boolean> {
  const open = await db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', orderId)
    .whereRef('deliveredMilli', '<', 'quantityMilli')
    .executeTakeFirst();
  return Boolean(open);
}

/** What the revenue of delivered parts is computed from. */
export function orderLineFigures(db: Kysely<DB>, orderLineIds: number[]) {
  return db
    .selectFrom('orderLines')
    .select(['id', 'net', 'quantityMilli', 'deliveredMilli'])
    .where('id', 'in', orderLineIds)
    .execute();
}

/** The revenue already recorded for an order line's earlier deliveries. */
export async function deliveredRevenueOfLine(db: Kysely<DB>, orderLineId: number): Promise<number> {
  const row = await db
    .selectFrom('deliveryLines')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('revenueMinor'), eb.lit(0)).as('sum'))
    .where('orderLineId', '=', orderLineId)
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}
