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
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { quantityText, toMilli } from '../../platform/quantity.ts';
import { getSettings } from '../settings/index.ts';
import { addStock, alertIfLow, averageCostMinor, recordMovement, removeStock } from './stock-ledger.ts';
import { contains } from '../../platform/search.ts';

const money = (minor: number) => fromMinorUnits(Number(minor));

/** Stock of tracked products, a page at a time: the company totals and each warehouse's share. */
export async function listStock(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof StockQuery>,
): Promise<Page<StockLevel>> {
  const seesCosts = can(actor, 'inventory.costs');
  let qb = ctx.db
    .selectFrom('products')
    .leftJoin('stockLevels', (join) => {
      const on = join.onRef('stockLevels.productId', '=', 'products.id');
      return query.warehouseId ? on.on('stockLevels.warehouseId', '=', query.warehouseId) : on;
    })
    .where('products.trackStock', '=', 1)
    .where('products.deletedAt', 'is', null);
  if (query.q)
    qb = qb.where((eb) =>
      eb.or([contains('products.code', query.q as string), contains('products.name', query.q as string)]),
    );
  const available = sql<number>`coalesce(sum(stock_levels.on_hand_milli - stock_levels.reserved_milli), 0)`;
  let grouped = qb
    .select([
      'products.id as productId',
      'products.code as productCode',
      'products.name as productName',
      'products.unit',
      'products.reorderLevelMilli',
    ])
    .select([
      sql<number>`coalesce(sum(stock_levels.on_hand_milli), 0)`.as('onHand'),
      sql<number>`coalesce(sum(stock_levels.reserved_milli), 0)`.as('reserved'),
      available.as('available'),
      sql<number>`coalesce(sum(stock_levels.value_minor), 0)`.as('value'),
    ])
    .groupBy(['products.id', 'products.code', 'products.name', 'products.unit', 'products.reorderLevelMilli']);
  if (query.lowOnly)
    grouped = grouped.having((eb) =>
      eb.and([
        eb('products.reorderLevelMilli', 'is not', null),
        eb(available, '<', eb.ref('products.reorderLevelMilli')),
      ]),
    );
  const { total } = await ctx.db
    .selectFrom(grouped.as('stock'))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await grouped
    .orderBy('products.code')
    .orderBy('products.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const shares = rows.length
    ? await ctx.db
        .selectFrom('stockLevels')
        .innerJoin('warehouses', 'warehouses.id', 'stockLevels.warehouseId')
        .select([
          'stockLevels.productId',
          'stockLevels.warehouseId',
          'warehouses.name as warehouseName',
          'stockLevels.onHandMilli',
          'stockLevels.reservedMilli',
          'stockLevels.valueMinor',
        ])
        .where(
          'stockLevels.productId',
          'in',
          rows.map((r) => r.productId),
        )
        .$if(Boolean(query.warehouseId), (q) => q.where('stockLevels.warehouseId', '=', query.warehouseId as number))
        .orderBy('warehouses.code')
        .execute()
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
  return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
}

export async function listMovements(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof StockMovementQuery>,
): Promise<Page<StockMovement>> {
  let qb = ctx.db.selectFrom('stockMovements');
  if (query.productId) qb = qb.where('stockMovements.productId', '=', query.productId);
  if (query.warehouseId) qb = qb.where('stockMovements.warehouseId', '=', query.warehouseId);
  if (query.kind) qb = qb.where('stockMovements.kind', '=', query.kind);
  if (query.orderId) qb = qb.where('stockMovements.orderId', '=', query.orderId);
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await qb
    .innerJoin('products', 'products.id', 'stockMovements.productId')
    .innerJoin('warehouses', 'warehouses.id', 'stockMovements.warehouseId')
    .leftJoin('orders', 'orders.id', 'stockMovements.orderId')
    .leftJoin('users', 'users.id', 'stockMovements.createdBy')
    .selectAll('stockMovements')
    .select([
      'products.code as productCode',
      'products.name as productName',
      'warehouses.name as warehouseName',
      'orders.number as orderNumber',
      'users.displayName as createdByName',
    ])
    .orderBy('stockMovements.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
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
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A tracked product and an active warehouse, or the field errors that say which is wrong. */
async function assertStockable(db: Kysely<DB>, productId: number, warehouseIds: Array<[string, number]>) {
  if (!(await getSettings(db)).stockTracking) throw new AppError('CONFLICT', 'stockTrackingOff');
  const product = await db
    .selectFrom('products')
    .select(['trackStock', 'costPrice'])
    .where('id', '=', productId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!product) throw fieldError('productId', 'notFoundOrHidden');
  if (!product.trackStock) throw fieldError('productId', 'productNotTracked');
  for (const [field, id] of warehouseIds) {
    if (
      !(await db.selectFrom('warehouses').select('id').where('id', '=', id).where('active', '=', 1).executeTakeFirst())
    )
      throw fieldError(field, 'notFoundOrHidden');
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
    const level = await ctx.db
      .selectFrom('stockLevels')
      .select(['onHandMilli', 'valueMinor'])
      .where('productId', '=', input.productId)
      .where('warehouseId', '=', input.warehouseId)
      .executeTakeFirst();
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
