import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, WarehouseTable } from '../../db/schema.ts';

export function listWarehouses(db: Kysely<DB>) {
  return db.selectFrom('warehouses').selectAll().orderBy('isDefault', 'desc').orderBy('code').execute();
}

export type WarehouseRow = Awaited<ReturnType<typeof listWarehouses>>[number];

export function findWarehouse(db: Kysely<DB>, id: number) {
  return db.selectFrom('warehouses').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWarehouseByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('warehouses').select('id').where('code', '=', code).executeTakeFirst();
}

export function findActiveWarehouse(db: Kysely<DB>, id: number) {
  return db.selectFrom('warehouses').select('id').where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

/** The default active warehouse, else the first active one. */
export function findDefaultWarehouse(db: Kysely<DB>) {
  return db
    .selectFrom('warehouses')
    .select('id')
    .where('active', '=', 1)
    .orderBy('isDefault', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}

export async function hasWarehouses(db: Kysely<DB>): Promise<boolean> {
  return Boolean(await db.selectFrom('warehouses').select('id').executeTakeFirst());
}

export async function insertWarehouse(db: Kysely<DB>, row: Insertable<WarehouseTable>): Promise<number> {
  return (await db.insertInto('warehouses').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateWarehouse(db: Kysely<DB>, id: number, values: Updateable<WarehouseTable>): Promise<void> {
  await db.updateTable('warehouses').set(values).where('id', '=', id).execute();
}

/** Unmarks every default warehouse but this one. */
export async function clearOtherDefaults(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('warehouses').set({ isDefault: 0 }).where('id', '!=', id).where('isDefault', '=', 1).execute();
}

/** Whether a warehouse has any history: a movement, a stock level or an order that names it. */
export async function isWarehouseUsed(db: Kysely<DB>, id: number): Promise<boolean> {
  const used =
    (await db.selectFrom('stockMovements').select('id').where('warehouseId', '=', id).executeTakeFirst()) ??
    (await db.selectFrom('stockLevels').select('productId').where('warehouseId', '=', id).executeTakeFirst()) ??
    (await db.selectFrom('orders').select('id').where('warehouseId', '=', id).executeTakeFirst());
  return Boolean(used);
}

export async function deleteWarehouse(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('warehouses').where('id', '=', id).execute();
}
