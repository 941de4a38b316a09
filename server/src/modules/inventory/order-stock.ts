import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { quantityText } from '../../platform/quantity.ts';
import { getSettings } from '../settings/index.ts';
import { alertIfLow, recordMovement, releaseStock, removeStock, reserveStock } from './stock-ledger.ts';

/** How orders meet the stock: reserved when approved, taken when delivered, released when closed. */

/** The lines' products whose stock is tracked (none while the company has tracking off). */
async function trackedProducts(trx: Kysely<DB>, productIds: Array<number | null>): Promise<Set<number>> {
  const ids = [...new Set(productIds.filter((id): id is number => id !== null))];
  if (!ids.length || !(await getSettings(trx)).stockTracking) return new Set();
  const rows = await trx
    .selectFrom('products')
    .select('id')
    .where('id', 'in', ids)
    .where('trackStock', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The order's own warehouse, else the default one (else the first active one). */
export async function warehouseFor(trx: Kysely<DB>, chosen: number | null): Promise<number> {
  if (chosen) return chosen;
  const row = await trx
    .selectFrom('warehouses')
    .select('id')
    .where('active', '=', 1)
    .orderBy('isDefault', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw new AppError('CONFLICT', 'noWarehouse');
  return row.id;
}

async function freeAt(trx: Kysely<DB>, productId: number, warehouseId: number): Promise<number> {
  const row = await trx
    .selectFrom('stockLevels')
    .select(['onHandMilli', 'reservedMilli'])
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .executeTakeFirst();
  return row ? Number(row.onHandMilli) - Number(row.reservedMilli) : 0;
}

/** Reserves what an approved order still has to deliver; refuses the approval when stock is short. */
export async function reserveForOrder(trx: Kysely<DB>, orderId: number): Promise<void> {
  const lines = await trx
    .selectFrom('orderLines')
    .select(['id', 'productId', 'name', 'quantityMilli', 'deliveredMilli'])
    .where('orderId', '=', orderId)
    .orderBy('position')
    .execute();
  const tracked = await trackedProducts(
    trx,
    lines.map((l) => l.productId),
  );
  const wanted = lines.filter(
    (l) => l.productId !== null && tracked.has(l.productId) && Number(l.quantityMilli) > Number(l.deliveredMilli),
  );
  if (!wanted.length) return;
  const order = await trx
    .selectFrom('orders')
    .select('warehouseId')
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
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
    await trx
      .insertInto('stockReservations')
      .values({ orderLineId: line.id, productId, warehouseId, quantityMilli: milli })
      .execute();
    await alertIfLow(trx, productId, milli);
  }
  if (order.warehouseId === null)
    await trx.updateTable('orders').set({ warehouseId }).where('id', '=', orderId).execute();
}

/** Gives back what a cancelled or terminated order had reserved and not delivered. */
export async function releaseForOrder(trx: Kysely<DB>, orderId: number): Promise<void> {
  const reservations = await trx
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
  for (const r of reservations) await releaseStock(trx, r.productId, r.warehouseId, Number(r.quantityMilli));
  if (reservations.length)
    await trx
      .deleteFrom('stockReservations')
      .where(
        'orderLineId',
        'in',
        reservations.map((r) => r.orderLineId),
      )
      .execute();
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
  const rows = await trx
    .selectFrom('orderLines')
    .leftJoin('products', 'products.id', 'orderLines.productId')
    .select(['orderLines.id', 'orderLines.productId', 'products.costPrice'])
    .where(
      'orderLines.id',
      'in',
      lines.map((l) => l.orderLineId),
    )
    .execute();
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
    const reservation = await trx
      .selectFrom('stockReservations')
      .select(['warehouseId', 'quantityMilli'])
      .where('orderLineId', '=', line.orderLineId)
      .executeTakeFirst();
    const warehouseId = reservation?.warehouseId ?? (await warehouseFor(trx, delivery.warehouseId));
    const fromReserved = Math.min(Number(reservation?.quantityMilli ?? 0), line.milli);
    const cost = await removeStock(trx, productId, warehouseId, line.milli, fromReserved);
    if (cost === null) throw fieldError(`lines.${line.index}.quantity`, 'notEnoughStock');
    if (reservation) {
      const left = Number(reservation.quantityMilli) - fromReserved;
      if (left > 0)
        await trx
          .updateTable('stockReservations')
          .set({ quantityMilli: left })
          .where('orderLineId', '=', line.orderLineId)
          .execute();
      else await trx.deleteFrom('stockReservations').where('orderLineId', '=', line.orderLineId).execute();
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
