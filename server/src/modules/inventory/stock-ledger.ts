import { divideRounded, type StockMovementKind } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { usersWithPermission } from '../../platform/permission-holders.ts';
import { quantityText } from '../../platform/quantity.ts';
import { notify } from '../notifications/index.ts';
import * as stock from './stock.repository.ts';
import { findReorderLevel } from './stocked-products.repository.ts';

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
  await stock.insertMovement(trx, {
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
  });
}

/** Units arrive with their value; the weighted-average cost follows from the new totals. */
export async function addStock(
  trx: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
  valueMinor: number,
): Promise<void> {
  await stock.addToLevel(trx, productId, warehouseId, milli, valueMinor, nowIso());
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
  const after = await stock.takeFromLevel(trx, productId, warehouseId, milli, fromReservedMilli, countedOut, nowIso());
  if (!after) return null;
  const left = BigInt(after.onHandMilli);
  const value = BigInt(after.valueMinor);
  // The last units carry whatever value is left, so nothing lingers from rounding.
  const cost = left === 0n ? value : divideRounded(value * BigInt(milli), left + BigInt(milli), 'half_up');
  await stock.subtractLevelValue(trx, productId, warehouseId, Number(cost));
  return Number(cost);
}

/** Promises units that are on hand and not yet promised; false when there are not enough. */
export async function reserveStock(
  trx: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
): Promise<boolean> {
  return stock.reserveAtLevel(trx, productId, warehouseId, milli, nowIso());
}

export async function releaseStock(
  trx: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
): Promise<void> {
  await stock.releaseAtLevel(trx, productId, warehouseId, milli, nowIso());
}

/** The weighted-average cost of one unit in cents (rounded), or null when nothing is on hand. */
export function averageCostMinor(onHandMilli: number, valueMinor: number): number | null {
  if (Number(onHandMilli) <= 0) return null;
  return Number(divideRounded(BigInt(valueMinor) * 1000n, BigInt(onHandMilli), 'half_up'));
}

/** Alerts the stock keepers once, when a product's available quantity falls below its reorder level. */
export async function alertIfLow(trx: Kysely<DB>, productId: number, droppedMilli: number): Promise<void> {
  if (droppedMilli <= 0) return;
  const product = await findReorderLevel(trx, productId);
  if (!product || product.reorderLevelMilli === null) return;
  const level = Number(product.reorderLevelMilli);
  const now = await stock.availableMilli(trx, productId);
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
