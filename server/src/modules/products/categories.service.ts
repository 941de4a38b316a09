import type { ProductCategory, ProductCategoryInput } from '@relate/common';
import { sql } from 'kysely';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';

type Input = z.output<typeof ProductCategoryInput>;

/** Every category (product lines and the series under them) with how many products each holds directly. */
export async function listCategories(ctx: AppContext): Promise<ProductCategory[]> {
  const rows = await ctx.db
    .selectFrom('productCategories')
    .leftJoin('products', (join) =>
      join.onRef('products.categoryId', '=', 'productCategories.id').on('products.deletedAt', 'is', null),
    )
    .select([
      'productCategories.id',
      'productCategories.name',
      'productCategories.parentId',
      'productCategories.sortOrder',
      sql<number>`count(products.id)`.as('productCount'),
    ])
    .groupBy([
      'productCategories.id',
      'productCategories.name',
      'productCategories.parentId',
      'productCategories.sortOrder',
    ])
    .orderBy('productCategories.sortOrder')
    .orderBy('productCategories.id')
    .execute();
  return rows.map((r) => ({ ...r, productCount: Number(r.productCount) }));
}

/** A category and all below it. */
export async function categorySubtree(ctx: AppContext, rootId: number): Promise<number[]> {
  const rows = await ctx.db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('productCategories')
        .select('id')
        .where('id', '=', rootId)
        .unionAll((q) =>
          q.selectFrom('productCategories as c').innerJoin('tree', 'tree.id', 'c.parentId').select('c.id'),
        ),
    )
    .selectFrom('tree')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

async function assertParent(ctx: AppContext, parentId: number | null | undefined, selfId?: number) {
  if (!parentId) return;
  const parent = await ctx.db
    .selectFrom('productCategories')
    .select('id')
    .where('id', '=', parentId)
    .executeTakeFirst();
  if (!parent) throw fieldError('parentId', 'notFoundOrHidden');
  if (selfId && (await categorySubtree(ctx, selfId)).includes(parentId)) throw fieldError('parentId', 'cycle');
}

export async function createCategory(ctx: AppContext, actor: Actor, input: Input): Promise<ProductCategory> {
  await assertParent(ctx, input.parentId);
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const row = await ctx.db
      .insertInto('productCategories')
      .values({
        name: input.name,
        parentId: input.parentId ?? null,
        sortOrder: input.sortOrder ?? 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'productCategories',
      entityId: row.id,
      detail: { name: input.name },
    });
    return row.id;
  });
  return orNotFound((await listCategories(ctx)).find((c) => c.id === id));
}

export async function updateCategory(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<Input>,
): Promise<ProductCategory> {
  orNotFound(await ctx.db.selectFrom('productCategories').select('id').where('id', '=', id).executeTakeFirst());
  if (input.parentId !== undefined) await assertParent(ctx, input.parentId, id);
  await inTransaction(ctx, async (ctx) => {
    await ctx.db
      .updateTable('productCategories')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.parentId !== undefined ? { parentId: input.parentId ?? null } : {}),
        ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
        updatedAt: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'productCategories', entityId: id, detail: input });
  });
  return orNotFound((await listCategories(ctx)).find((c) => c.id === id));
}

/** Only an empty category goes: no products (deleted ones included, so they can be restored) and no sub-categories. */
export async function deleteCategory(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  orNotFound(await ctx.db.selectFrom('productCategories').select('id').where('id', '=', id).executeTakeFirst());
  const child = await ctx.db.selectFrom('productCategories').select('id').where('parentId', '=', id).executeTakeFirst();
  const product = await ctx.db.selectFrom('products').select('id').where('categoryId', '=', id).executeTakeFirst();
  if (child || product) throw new AppError('CONFLICT', 'categoryNotEmpty');
  await inTransaction(ctx, async (ctx) => {
    await ctx.db.deleteFrom('productCategories').where('id', '=', id).execute();
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'productCategories', entityId: id });
  });
}
