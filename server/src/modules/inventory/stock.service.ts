import {
  fromMinorUnits,
  type Page,
  type StockCountInput,
  type StockInInput,
  type StockLevel,
  type StockMovement,
  type StockMovementKind,
  type StockMovementQuery,
  type StockQuery,
  type StockTransferInput,
  toMinorUnits,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { quantityText, toMilli } from '../../platform/quantity.ts';
import { getSettings } from '../settings/index.ts';
import { addStock, alertIfLow, averageCostMinor, recordMovement, removeStock } from './stock-ledger.ts';
import * as stock from './stock.repository.ts';
import { findLiveProduct } from './stocked-products.repository.ts';
import { findActiveWarehouse } from './warehouses.repository.ts';

const money = (minor: number) => fromMinorUnits(Number(minor));

/** Stock of tracked products, a page at a time: the company totals and each warehouse's share. */
export async function listStock(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof StockQuery>,
): Promise<Page<StockLevel>> {
  const seesCosts = can(actor, 'inventory.costs');
  const { rows, total } = await stock.listProductStock(ctx.db, query, query);
  const shares = rows.length
    ? await stock.levelsByWarehouse(
        ctx.db,
        rows.map((r) => r.productId),
        query.warehouseId,
      )
    : [];
  const items = rows.map((r): StockLevel => {
    const level = r.reorderLevelMilli === null ? null : Number(r.reorderLevelMilli);
    const average = averageCostMinor(Number(r.onHand), Number(r.value));
    return {
      productId: r.productId,
      productCode: r.productCode,
      productName: r.productName,
      unit: r.unit,
      reorderLevel: level === null ? null : quantityText(level),
      onHand: quantityText(Number(r.onHand)),
      reserved: quantityText(Number(r.reserved)),
      available: quantityText(Number(r.available)),
      low: level !== null && Number(r.available) < level,
      averageCost: seesCosts && average !== null ? money(average) : null,
      value: seesCosts ? money(Number(r.value)) : null,
      warehouses: shares
        .filter((s) => s.productId === r.productId)
        .map((s) => ({
          warehouseId: s.warehouseId,
          warehouseName: s.warehouseName,
          onHand: quantityText(Number(s.onHandMilli)),
          reserved: quantityText(Number(s.reservedMilli)),
          available: quantityText(Number(s.onHandMilli) - Number(s.reservedMilli)),
          value: seesCosts ? money(Number(s.valueMinor)) : null,
        })),
    };
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function listMovements(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof StockMovementQuery>,
): Promise<Page<StockMovement>> {
  const { rows, total } = await stock.listMovements(ctx.db, query, query);
  const seesCosts = can(actor, 'inventory.costs');
  return {
    items: rows.map((r) => ({
      id: r.id,
      productId: r.productId,
      productCode: r.productCode,
      productName: r.productName,
      warehouseId: r.warehouseId,
      warehouseName: r.warehouseName,
      kind: r.kind as StockMovementKind,
      quantity: quantityText(Number(r.quantityMilli)),
      value: seesCosts ? money(Number(r.valueMinor)) : null,
      orderId: r.orderId,
      orderNumber: r.orderNumber,
      reason: r.reason,
      createdBy: r.createdBy,
      createdByName: r.createdByName,
      createdAt: r.createdAt,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A tracked product and an active warehouse, or the field errors that say which is wrong. */
async function assertStockable(db: Kysely<DB>, productId: number, warehouseIds: Array<[string, number]>) {
  if (!(await getSettings(db)).stockTracking) throw new AppError('CONFLICT', 'stockTrackingOff');
  const product = await findLiveProduct(db, productId);
  if (!product) throw fieldError('productId', 'notFoundOrHidden');
  if (!product.trackStock) throw fieldError('productId', 'productNotTracked');
  for (const [field, id] of warehouseIds) {
    if (!(await findActiveWarehouse(db, id))) throw fieldError(field, 'notFoundOrHidden');
  }
  return { costPrice: product.costPrice === null ? null : Number(product.costPrice) };
}

/** Goods received into a warehouse at a unit cost (the product's cost price when none is given). */
export async function receiveStock(ctx: AppContext, actor: Actor, input: z.output<typeof StockInInput>): Promise<void> {
  const product = await assertStockable(ctx.db, input.productId, [['warehouseId', input.warehouseId]]);
  const milli = toMilli(input.quantity);
  const unitCost = input.unitCost ? toMinorUnits(input.unitCost) : (product.costPrice ?? 0);
  const value = Math.round((unitCost * milli) / 1000);
  await inTransaction(ctx, async (ctx) => {
    await addStock(ctx.db, input.productId, input.warehouseId, milli, value);
    await recordMovement(ctx.db, {
      productId: input.productId,
      warehouseId: input.warehouseId,
      kind: 'in',
      quantityMilli: milli,
      valueMinor: value,
      reason: input.reason ?? null,
      userId: actor.userId,
    });
  });
}

/** Moves free units between warehouses; they keep the cost they had. */
export async function transferStock(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof StockTransferInput>,
): Promise<void> {
  await assertStockable(ctx.db, input.productId, [
    ['fromWarehouseId', input.fromWarehouseId],
    ['toWarehouseId', input.toWarehouseId],
  ]);
  const milli = toMilli(input.quantity);
  await inTransaction(ctx, async (ctx) => {
    const cost = await removeStock(ctx.db, input.productId, input.fromWarehouseId, milli);
    if (cost === null) throw fieldError('quantity', 'notEnoughStock');
    await addStock(ctx.db, input.productId, input.toWarehouseId, milli, cost);
    const common = { productId: input.productId, reason: input.reason ?? null, userId: actor.userId };
    await recordMovement(ctx.db, {
      ...common,
      warehouseId: input.fromWarehouseId,
      kind: 'transfer_out',
      quantityMilli: -milli,
      valueMinor: -cost,
    });
    await recordMovement(ctx.db, {
      ...common,
      warehouseId: input.toWarehouseId,
      kind: 'transfer_in',
      quantityMilli: milli,
      valueMinor: cost,
    });
  });
}

/**
 * A stock-take: the counted quantity becomes the quantity on hand. Units found are valued at the
 * average cost (or the cost price when the shelf was empty); units missing leave at the average cost.
 */
export async function countStock(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof StockCountInput>,
): Promise<void> {
  const product = await assertStockable(ctx.db, input.productId, [['warehouseId', input.warehouseId]]);
  const counted = toMilli(input.countedQuantity);
  await inTransaction(ctx, async (ctx) => {
    const level = await stock.findLevel(ctx.db, input.productId, input.warehouseId);
    const onHand = Number(level?.onHandMilli ?? 0);
    const difference = counted - onHand;
    let value = 0;
    if (difference > 0) {
      const unitCost = averageCostMinor(onHand, Number(level?.valueMinor ?? 0)) ?? product.costPrice ?? 0;
      value = Math.round((unitCost * difference) / 1000);
      await addStock(ctx.db, input.productId, input.warehouseId, difference, value);
    } else if (difference < 0) {
      const cost = await removeStock(ctx.db, input.productId, input.warehouseId, -difference, 0, true);
      // Another change between reading and writing: the count no longer applies to what is there.
      if (cost === null) throw new AppError('CONFLICT', 'CONFLICT');
      value = -cost;
      await alertIfLow(ctx.db, input.productId, -difference);
    }
    await recordMovement(ctx.db, {
      productId: input.productId,
      warehouseId: input.warehouseId,
      kind: 'adjust',
      quantityMilli: difference,
      valueMinor: value,
      reason: input.reason,
      userId: actor.userId,
    });
  });
}
