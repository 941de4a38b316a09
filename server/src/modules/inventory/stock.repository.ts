import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, StockMovementTable } from '../../db/schema.ts';
import { contains, pinyinFormsHold } from '../../platform/search.ts';

// Stock levels (one row per product and warehouse) and the movements that changed them.

export async function insertMovement(db: Kysely<DB>, row: Insertable<StockMovementTable>): Promise<void> {
  await db.insertInto('stockMovements').values(row).execute();
}

/** Adds units and their value to a level, creating it when the warehouse never held the product. */
export async function addToLevel(
  db: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
  valueMinor: number,
  updatedAt: string,
): Promise<void> {
  await db
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
 * Takes `milli` units off a level in one guarded statement — `fromReservedMilli` of them out of the
 * reserved ones — only when they are there (free ones, or any with `countedOut`). Answers what is
 * left on hand and the value before the units' cost is taken, or undefined when they are not there.
 */
export function takeFromLevel(
  db: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
  fromReservedMilli: number,
  countedOut: boolean,
  updatedAt: string,
) {
  return db
    .updateTable('stockLevels')
    .set((eb) => ({
      onHandMilli: eb('onHandMilli', '-', milli),
      reservedMilli: eb('reservedMilli', '-', fromReservedMilli),
      updatedAt,
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
}

export async function subtractLevelValue(
  db: Kysely<DB>,
  productId: number,
  warehouseId: number,
  valueMinor: number,
): Promise<void> {
  await db
    .updateTable('stockLevels')
    .set((eb) => ({ valueMinor: eb('valueMinor', '-', valueMinor) }))
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .execute();
}

/** Reserves units that are on hand and not yet reserved, in one guarded statement; false when too few. */
export async function reserveAtLevel(
  db: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
  updatedAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('stockLevels')
    .set((eb) => ({ reservedMilli: eb('reservedMilli', '+', milli), updatedAt }))
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .where((eb) => eb(eb('onHandMilli', '-', eb.ref('reservedMilli')), '>=', milli))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseAtLevel(
  db: Kysely<DB>,
  productId: number,
  warehouseId: number,
  milli: number,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('stockLevels')
    .set((eb) => ({ reservedMilli: eb('reservedMilli', '-', milli), updatedAt }))
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .where('reservedMilli', '>=', milli)
    .execute();
}

export function findLevel(db: Kysely<DB>, productId: number, warehouseId: number) {
  return db
    .selectFrom('stockLevels')
    .select(['onHandMilli', 'reservedMilli', 'valueMinor'])
    .where('productId', '=', productId)
    .where('warehouseId', '=', warehouseId)
    .executeTakeFirst();
}

/** Company-wide units on hand and not reserved. */
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

export type StockFilter = { q?: string; warehouseId?: number; lowOnly?: boolean };

/** Live tracked products with their stock summed over all warehouses (or one), by code, and their total. */
export async function listProductStock(db: Kysely<DB>, filter: StockFilter, page: { page: number; pageSize: number }) {
  let qb = db
    .selectFrom('products')
    .leftJoin('stockLevels', (join) => {
      const on = join.onRef('stockLevels.productId', '=', 'products.id');
      return filter.warehouseId ? on.on('stockLevels.warehouseId', '=', filter.warehouseId) : on;
    })
    .where('products.trackStock', '=', 1)
    .where('products.deletedAt', 'is', null);
  if (filter.q) {
    const q = filter.q;
    const pinyin = pinyinFormsHold('products.searchText', q);
    qb = qb.where((eb) =>
      eb.or([contains('products.code', q), contains('products.name', q), ...(pinyin ? [pinyin] : [])]),
    );
  }
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
  if (filter.lowOnly)
    grouped = grouped.having((eb) =>
      eb.and([
        eb('products.reorderLevelMilli', 'is not', null),
        eb(available, '<', eb.ref('products.reorderLevelMilli')),
      ]),
    );
  const { total } = await db
    .selectFrom(grouped.as('stock'))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await grouped
    .orderBy('products.code')
    .orderBy('products.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

/** Each warehouse's level of these products (of one warehouse only, when given), by warehouse code. */
export function levelsByWarehouse(db: Kysely<DB>, productIds: number[], warehouseId: number | undefined) {
  return db
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
    .where('stockLevels.productId', 'in', productIds)
    .$if(Boolean(warehouseId), (q) => q.where('stockLevels.warehouseId', '=', warehouseId as number))
    .orderBy('warehouses.code')
    .execute();
}

export type MovementFilter = { productId?: number; warehouseId?: number; kind?: string; orderId?: number };

/** A page of movements, latest first, with the names they refer to, and the total of all that match. */
export async function listMovements(db: Kysely<DB>, filter: MovementFilter, page: { page: number; pageSize: number }) {
  let qb = db.selectFrom('stockMovements');
  if (filter.productId) qb = qb.where('stockMovements.productId', '=', filter.productId);
  if (filter.warehouseId) qb = qb.where('stockMovements.warehouseId', '=', filter.warehouseId);
  if (filter.kind) qb = qb.where('stockMovements.kind', '=', filter.kind);
  if (filter.orderId) qb = qb.where('stockMovements.orderId', '=', filter.orderId);
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
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(total) };
}
