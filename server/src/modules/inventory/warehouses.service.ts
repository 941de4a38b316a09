import type { Warehouse, WarehouseInput, WarehousePatch } from '@relate/common';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';

type Row = Selectable<DB['warehouses']>;
const toWarehouse = (row: Row): Warehouse => ({
  id: row.id,
  code: row.code,
  name: row.name,
  address: row.address,
  isDefault: Boolean(row.isDefault),
  active: Boolean(row.active),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export async function listWarehouses(ctx: AppContext): Promise<Warehouse[]> {
  const rows = await ctx.db.selectFrom('warehouses').selectAll().orderBy('isDefault', 'desc').orderBy('code').execute();
  return rows.map(toWarehouse);
}

export async function getWarehouse(ctx: AppContext, id: number): Promise<Warehouse> {
  return toWarehouse(
    orNotFound(await ctx.db.selectFrom('warehouses').selectAll().where('id', '=', id).executeTakeFirst()),
  );
}

async function assertCodeFree(db: Kysely<DB>, code: string, selfId?: number) {
  const other = await db.selectFrom('warehouses').select('id').where('code', '=', code).executeTakeFirst();
  if (other && other.id !== selfId) throw fieldError('code', 'codeTaken', { value: code });
}

/** There is at most one default warehouse: making one the default unmarks the others. */
async function clearOtherDefaults(trx: Kysely<DB>, id: number) {
  await trx.updateTable('warehouses').set({ isDefault: 0 }).where('id', '!=', id).where('isDefault', '=', 1).execute();
}

export async function createWarehouse(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof WarehouseInput>,
): Promise<Warehouse> {
  await assertCodeFree(ctx.db, input.code);
  const id = await inTransaction(ctx, async (ctx) => {
    const first = !(await ctx.db.selectFrom('warehouses').select('id').executeTakeFirst());
    const now = nowIso();
    const row = await ctx.db
      .insertInto('warehouses')
      .values({
        code: input.code,
        name: input.name,
        address: input.address ?? null,
        isDefault: input.isDefault || first ? 1 : 0,
        active: input.active ? 1 : 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.isDefault) await clearOtherDefaults(ctx.db, row.id);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'warehouses',
      entityId: row.id,
      detail: { code: input.code, name: input.name },
    });
    return row.id;
  });
  return getWarehouse(ctx, id);
}

export async function updateWarehouse(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof WarehousePatch>,
): Promise<Warehouse> {
  const before = await getWarehouse(ctx, id);
  if (patch.code !== undefined) await assertCodeFree(ctx.db, patch.code, id);
  await inTransaction(ctx, async (ctx) => {
    await ctx.db
      .updateTable('warehouses')
      .set({
        ...(patch.code !== undefined ? { code: patch.code } : {}),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.address !== undefined ? { address: patch.address ?? null } : {}),
        ...(patch.isDefault !== undefined ? { isDefault: patch.isDefault ? 1 : 0 } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        updatedAt: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    if (patch.isDefault) await clearOtherDefaults(ctx.db, id);
    const changes = diffFields(before, { ...before, ...patch }, ['code', 'name', 'address', 'isDefault', 'active']);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'warehouses', entityId: id, changes });
  });
  return getWarehouse(ctx, id);
}

/** Only a warehouse that never held stock goes; one with history is made inactive instead. */
export async function deleteWarehouse(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const before = await getWarehouse(ctx, id);
  await inTransaction(ctx, async (ctx) => {
    const used =
      (await ctx.db.selectFrom('stockMovements').select('id').where('warehouseId', '=', id).executeTakeFirst()) ??
      (await ctx.db.selectFrom('stockLevels').select('productId').where('warehouseId', '=', id).executeTakeFirst()) ??
      (await ctx.db.selectFrom('orders').select('id').where('warehouseId', '=', id).executeTakeFirst());
    if (used) throw new AppError('CONFLICT', 'warehouseInUse');
    await ctx.db.deleteFrom('warehouses').where('id', '=', id).execute();
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'warehouses',
      entityId: id,
      detail: { code: before.code, name: before.name },
    });
  });
}
