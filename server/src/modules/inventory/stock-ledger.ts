import { divideRounded, type StockMovementKind } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { usersWithPermission } from '../../platform/permission-holders.ts';
import { quantityText } from '../../platform/quantity.ts';
import { notify } from '../notifications/index.ts';

/**
 * Every change of stock goes through these functions, inside the caller's transaction. Each one
 * changes a stock level in a single guarded statement, so two requests at once can never both take
 * (or reserve) the last unit; the database's check constraint is the last line of defence.
 */

export type MovementRecord = {
  productId: number;
  warehouseId: number;
  kind: StockMovementKind;
  quantityMilli: number;
  valueMinor: number;
  orderId?: number | null;
  deliveryId?: number | null;
  reason?: string | null;
  userId: number | null;
};

export async function recordMovement(trx: Kysely<DB>, m: MovementRecord): Promise<void> {
  await trx
    .insertInto('stockMovements')
    .values({
      productId: m.productId,
      warehouseId: m.warehouseId,
      kind: m.kind,
      quantityMilli: m.quantityMilli,
      valueMinor: m.valueMinor,
      orderId: m.orderId ?? null,
      deliveryId: m.deliveryId ?? null,
      reason: m.reason ?? null,
      createdBy: m.userId,
      createdAt: nowIso(),
    })
    .execute();
}

/** Units arrive with their value; the weighted-average cost follows from the new totals. */
export async function addStock(
  trx: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
  valueMinor: number,
): Promise<void> {
  const updatedAt = nowIso();
  await trx
    .insertInto('stockLevels')
    .values({ productId, warehouseId, onHandMilli: milli, reservedMilli: 0, valueMinor, updatedAt })
    .onConflict((oc) =>
      oc.columns(['productId', 'warehouseId']).doUpdateSet((eb) => ({
        onHandMilli: eb('stockLevels.onHandMilli', '+', milli),
        valueMinor: eb('stockLevels.valueMinor', '+', valueMinor),
        updatedAt,
      })),
    )
    .execute();
}

/**
 * Takes units out at the weighted-average cost and returns that cost, or null when the warehouse
 * does not have them free. `fromReservedMilli` of them were reserved for this very movement; a
 * stock-take (`countedOut`) removes what is missing whatever was promised.
 */
export async function removeStock(
  trx: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
  fromReservedMilli = 0,
  countedOut = false,
): Promise<number | null> {
  const after = await trx
    .updateTable('stockLevels')
    .set((eb) => ({
      onHandMilli: eb('onHandMilli', '-', milli),
      reservedMilli: eb('reservedMilli', '-', fromReservedMilli),
      updatedAt: nowIso(),
    }))
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .where('reservedMilli', '>=', fromReservedMilli)
    .where((eb) =>
      countedOut
        ? eb('onHandMilli', '>=', milli)
        : eb(eb(eb('onHandMilli', '-', eb.ref('reservedMilli')), '+', fromReservedMilli), '>=', milli),
    )
    .returning(['onHandMilli', 'valueMinor'])
    .executeTakeFirst();
  if (!after) return null;
  const left = BigInt(after.onHandMilli);
  const value = BigInt(after.valueMinor);
  // The last units carry whatever value is left, so nothing lingers from rounding.
  const cost = left === 0n ? value : divideRounded(value * BigInt(milli), left + BigInt(milli), 'half_up');
  await trx
    .updateTable('stockLevels')
    .set((eb) => ({ valueMinor: eb('valueMinor', '-', Number(cost)) }))
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .execute();
  return Number(cost);
}

/** Promises units that are on hand and not yet promised; false when there are not enough. */
export async function reserveStock(
  trx: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('stockLevels')
    .set((eb) => ({ reservedMilli: eb('reservedMilli', '+', milli), updatedAt: nowIso() }))
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .where((eb) => eb(eb('onHandMilli', '-', eb.ref('reservedMilli')), '>=', milli))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseStock(
  trx: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
): Promise<void> {
  await trx
    .updateTable('stockLevels')
    .set((eb) => ({ reservedMilli: eb('reservedMilli', '-', milli), updatedAt: nowIso() }))
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .where('reservedMilli', '>=', milli)
    .execute();
}

/** The weighted-average cost of one unit in cents (rounded), or null when nothing is on hand. */
export function averageCostMinor(onHandMilli: number, valueMinor: number): number | null {
  if (Number(onHandMilli) <= 0) return null;
  return Number(divideRounded(BigInt(valueMinor) * 1000n, BigInt(onHandMilli), 'half_up'));
}

/** Company-wide units on hand and not promised. */
export async function availableMilli(db: Kysely<DB>, productId: number): Promise<number> {
  const row = await db
    .selectFrom('stockLevels')
    .select((eb) =>
      eb.fn.coalesce(eb.fn.sum<number>(eb('onHandMilli', '-', eb.ref('reservedMilli'))), eb.lit(0)).as('available'),
    )
    .where('productId', '=', productId)
    .executeTakeFirstOrThrow();
  return Number(row.available);
}

/** Alerts the stock keepers once, when a product's available quantity falls below its reorder level. */
export async function alertIfLow(trx: Kysely<DB>, productId: number, droppedMilli: number): Promise<void> {
  if (droppedMilli <= 0) return;
  const product = await trx
    .selectFrom('products')
    .select(['code', 'name', 'reorderLevelMilli'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product || product.reorderLevelMilli === null) return;
  const level = Number(product.reorderLevelMilli);
  const now = await availableMilli(trx, productId);
  if (now >= level || now + droppedMilli < level) return;
  const keepers = await usersWithPermission(trx, 'inventory.manage');
  await notify(
    trx,
    keepers.map((userId) => ({
      userId,
      kind: 'lowStock' as const,
      entity: 'products',
      entityId: productId,
      params: { name: `${product.code} ${product.name}`, available: quantityText(now), level: quantityText(level) },
    })),
  );
}
