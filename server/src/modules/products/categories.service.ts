import type { ProductCategory, ProductCategoryInput } from '@relate/common';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import * as repo from './categories.repository.ts';

type Input = z.output<typeof ProductCategoryInput>;

/** Every category (product lines and the series under them) with how many products each holds directly. */
export async function listCategories(ctx: AppContext): Promise<ProductCategory[]> {
  const rows = await repo.listCategoriesWithCounts(ctx.db);
  return rows.map((r) => ({ ...r, productCount: Number(r.productCount) }));
}

/** A category and all below it. */
export async function categorySubtree(ctx: AppContext, rootId: number): Promise<number[]> {
  return repo.categorySubtreeIds(ctx.db, rootId);
}

async function assertParent(ctx: AppContext, parentId: number | null | undefined, selfId?: number) {
  if (!parentId) return;
  const parent = await repo.findCategory(ctx.db, parentId);
  if (!parent) throw fieldError('parentId', 'notFoundOrHidden');
  if (selfId && (await categorySubtree(ctx, selfId)).includes(parentId)) throw fieldError('parentId', 'cycle');
}

export async function createCategory(ctx: AppContext, actor: Actor, input: Input): Promise<ProductCategory> {
  await assertParent(ctx, input.parentId);
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertCategory(ctx.db, {
      name: input.name,
      parentId: input.parentId ?? null,
      sortOrder: input.sortOrder ?? 0,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'productCategories',
      entityId: id,
      detail: { name: input.name },
    });
    return id;
  });
  return orNotFound((await listCategories(ctx)).find((c) => c.id === id));
}

export async function updateCategory(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<Input>,
): Promise<ProductCategory> {
  orNotFound(await repo.findCategory(ctx.db, id));
  if (input.parentId !== undefined) await assertParent(ctx, input.parentId, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateCategory(ctx.db, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.parentId !== undefined ? { parentId: input.parentId ?? null } : {}),
      ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
      updatedAt: nowIso(),
    });
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'productCategories', entityId: id, detail: input });
  });
  return orNotFound((await listCategories(ctx)).find((c) => c.id === id));
}

/** Only an empty category goes: no products (deleted ones included, so they can be restored) and no sub-categories. */
export async function deleteCategory(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  orNotFound(await repo.findCategory(ctx.db, id));
  const child = await repo.hasSubcategory(ctx.db, id);
  const product = await repo.hasProducts(ctx.db, id);
  if (child || product) throw new AppError('CONFLICT', 'categoryNotEmpty');
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteCategory(ctx.db, id);
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'productCategories', entityId: id });
  });
}
