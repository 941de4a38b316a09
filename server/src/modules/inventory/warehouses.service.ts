import type { Warehouse, WarehouseInput, WarehousePatch } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import * as repo from './warehouses.repository.ts';

const toWarehouse = (row: repo.WarehouseRow): Warehouse => ({
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
  return (await repo.listWarehouses(ctx.db)).map(toWarehouse);
}

export async function getWarehouse(ctx: AppContext, id: number): Promise<Warehouse> {
  return toWarehouse(orNotFound(await repo.findWarehouse(ctx.db, id)));
}

async function assertCodeFree(db: Kysely<DB>, code: string, selfId?: number) {
  const other = await repo.findWarehouseByCode(db, code);
  if (other && other.id !== selfId) throw fieldError('code', 'codeTaken', { value: code });
}

export async function createWarehouse(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof WarehouseInput>,
): Promise<Warehouse> {
  await assertCodeFree(ctx.db, input.code);
  const id = await inTransaction(ctx, async (ctx) => {
    const first = !(await repo.hasWarehouses(ctx.db));
    const now = nowIso();
    const warehouseId = await repo.insertWarehouse(ctx.db, {
      code: input.code,
      name: input.name,
      address: input.address ?? null,
      isDefault: input.isDefault || first ? 1 : 0,
      active: input.active ? 1 : 0,
      createdAt: now,
      updatedAt: now,
    });
    // There is at most one default warehouse: making one the default unmarks the others.
    if (input.isDefault) await repo.clearOtherDefaults(ctx.db, warehouseId);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'warehouses',
      entityId: warehouseId,
      detail: { code: input.code, name: input.name },
    });
    return warehouseId;
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
    await repo.updateWarehouse(ctx.db, id, {
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.address !== undefined ? { address: patch.address ?? null } : {}),
      ...(patch.isDefault !== undefined ? { isDefault: patch.isDefault ? 1 : 0 } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      updatedAt: nowIso(),
    });
    if (patch.isDefault) await repo.clearOtherDefaults(ctx.db, id);
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
    if (await repo.isWarehouseUsed(ctx.db, id)) throw new AppError('CONFLICT', 'warehouseInUse');
    await repo.deleteWarehouse(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'warehouses',
      entityId: id,
      detail: { code: before.code, name: before.name },
    });
  });
}
