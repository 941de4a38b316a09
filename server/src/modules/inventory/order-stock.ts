import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { quantityText } from '../../platform/quantity.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './order-stock.repository.ts';
import { alertIfLow, recordMovement, releaseStock, removeStock, reserveStock } from './stock-ledger.ts';
import { findLevel } from './stock.repository.ts';
import { trackedProductIds } from './stocked-products.repository.ts';
import { findDefaultWarehouse } from './warehouses.repository.ts';

/** How orders meet the stock: reserved when approved, taken when delivered, released when closed. */

/** The lines' products whose stock is tracked (none while the company has tracking off). */
async function trackedProducts(trx: Kysely<DB>, productIds: Array<number | null>): Promise<Set<number>> {
  const ids = [...new Set(productIds.filter((id): id is number => id !== null))];
  if (!ids.length || !(await getSettings(trx)).stockTracking) return new Set();
  return new Set(await trackedProductIds(trx, ids));
}

/** The order's own warehouse, else the default one (else the first active one). */
export async function warehouseFor(trx: Kysely<DB>, chosen: number | null): Promise<number> {
  if (chosen) return chosen;
  const row = await findDefaultWarehouse(trx);
  if (!row) throw new AppError('CONFLICT', 'noWarehouse');
  return row.id;
}

async function freeAt(trx: Kysely<DB>, productId: number, warehouseId: number): Promise<number> {
  const row = await findLevel(trx, productId, warehouseId);
  return row ? Number(row.onHandMilli) - Number(row.reservedMilli) : 0;
}

/** Reserves what an approved order still has to deliver; refuses the approval when stock is short. */
export async function reserveForOrder(trx: Kysely<DB>, orderId: number): Promise<void> {
  const lines = await repo.orderLinesOf(trx, orderId);
  const tracked = await trackedProducts(
    trx,
    lines.map((l) => l.productId),
  );
  const wanted = lines.filter(
    (l) => l.productId !== null && tracked.has(l.productId) && Number(l.quantityMilli) > Number(l.deliveredMilli),
  );
  if (!wanted.length) return;
  const order = await repo.getOrderWarehouse(trx, orderId);
  const warehouseId = await warehouseFor(trx, order.warehouseId);
  for (const line of wanted) {
    const productId = line.productId as number;
    const milli = Number(line.quantityMilli) - Number(line.deliveredMilli);
    if (!(await reserveStock(trx, productId, warehouseId, milli))) {
      throw new AppError('CONFLICT', 'insufficientStock', undefined, {
        name: line.name,
        available: quantityText(Math.max(0, await freeAt(trx, productId, warehouseId))),
        wanted: quantityText(milli),
      });
    }
    await repo.insertReservation(trx, { orderLineId: line.id, productId, warehouseId, quantityMilli: milli });
    await alertIfLow(trx, productId, milli);
  }
  if (order.warehouseId === null) await repo.setOrderWarehouse(trx, orderId, warehouseId);
}

/** Gives back what a cancelled or terminated order had reserved and not delivered. */
export async function releaseForOrder(trx: Kysely<DB>, orderId: number): Promise<void> {
  const reservations = await repo.reservationsOfOrder(trx, orderId);
  for (const r of reservations) await releaseStock(trx, r.productId, r.warehouseId, Number(r.quantityMilli));
  if (reservations.length)
    await repo.deleteReservations(
      trx,
      reservations.map((r) => r.orderLineId),
    );
}

export type DeliveredLine = { orderLineId: number; milli: number; index: number };

/**
 * Takes delivered units out of stock — first from the line's reservation — and returns each line's
 * cost in cents: the weighted-average cost for tracked products, else the product's cost price.
 */
export async function takeForDelivery(
  trx: Kysely<DB>,
  delivery: { orderId: number; deliveryId: number; warehouseId: number | null; userId: number },
  lines: DeliveredLine[],
): Promise<Map<number, number>> {
  const rows = await repo.orderLinesWithCost(
    trx,
    lines.map((l) => l.orderLineId),
  );
  const tracked = await trackedProducts(
    trx,
    rows.map((r) => r.productId),
  );
  const costs = new Map<number, number>();
  for (const line of lines) {
    const row = rows.find((r) => r.id === line.orderLineId);
    if (!row?.productId || !tracked.has(row.productId)) {
      const unitCost = row?.costPrice === null || row?.costPrice === undefined ? 0 : Number(row.costPrice);
      costs.set(line.orderLineId, Math.round((unitCost * line.milli) / 1000));
      continue;
    }
    const productId = row.productId;
    const reservation = await repo.findReservation(trx, line.orderLineId);
    const warehouseId = reservation?.warehouseId ?? (await warehouseFor(trx, delivery.warehouseId));
    const fromReserved = Math.min(Number(reservation?.quantityMilli ?? 0), line.milli);
    const cost = await removeStock(trx, productId, warehouseId, line.milli, fromReserved);
    if (cost === null) throw fieldError(`lines.${line.index}.quantity`, 'notEnoughStock');
    if (reservation) {
      const left = Number(reservation.quantityMilli) - fromReserved;
      if (left > 0) await repo.setReservedQuantity(trx, line.orderLineId, left);
      else await repo.deleteReservations(trx, [line.orderLineId]);
    }
    await recordMovement(trx, {
      productId,
      warehouseId,
      kind: 'out',
      quantityMilli: -line.milli,
      valueMinor: -cost,
      orderId: delivery.orderId,
      deliveryId: delivery.deliveryId,
      userId: delivery.userId,
    });
    await alertIfLow(trx, productId, line.milli - fromReserved);
    costs.set(line.orderLineId, cost);
  }
  return costs;
}

/**
 * Takes parts used on a work order out of stock where it is tracked (the named warehouse, else the
 * default one); returns nothing for untracked parts. Short stock fails the field of that part.
 */
export async function takePartsFromStock(
  trx: Kysely<DB>,
  use: { reference: string; userId: number },
  parts: Array<{ productId: number; milli: number; warehouseId: number | null; index: number }>,
): Promise<Map<number, number>> {
  const tracked = await trackedProducts(
    trx,
    parts.map((p) => p.productId),
  );
  const warehouses = new Map<number, number>();
  for (const part of parts) {
    if (!tracked.has(part.productId)) continue;
    const warehouseId = await warehouseFor(trx, part.warehouseId);
    const cost = await removeStock(trx, part.productId, warehouseId, part.milli);
    if (cost === null) throw fieldError(`parts.${part.index}.quantity`, 'notEnoughStock');
    await recordMovement(trx, {
      productId: part.productId,
      warehouseId,
      kind: 'out',
      quantityMilli: -part.milli,
      valueMinor: -cost,
      reason: use.reference,
      userId: use.userId,
    });
    await alertIfLow(trx, part.productId, part.milli);
    warehouses.set(part.productId, warehouseId);
  }
  return warehouses;
}
