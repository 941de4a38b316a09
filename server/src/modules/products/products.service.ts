import {
  fromMinorUnits,
  type Page,
  type Product,
  type ProductInput,
  type ProductPatch,
  type ProductQuery,
  toMinorUnits,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor, AuditActor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { quantityText, toMilli } from '../../platform/quantity.ts';
import { pinyinSearchValues } from '../../platform/pinyin.ts';
import { searchDocument } from '../../platform/search.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import { categorySubtree } from './categories.service.ts';
import { fromBasisPoints, toBasisPoints } from '../../platform/percent.ts';
import * as categoriesRepo from './categories.repository.ts';
import * as repo from './products.repository.ts';
import { updatedStamps } from '../../platform/stamps.ts';

const auditedFields = [
  'code',
  'name',
  'categoryId',
  'unit',
  'specification',
  'listPrice',
  'costPrice',
  'taxRate',
  'taxCode',
  'currency',
  'status',
  'description',
  'trackStock',
  'reorderLevel',
] as const;

export function toProduct(row: repo.ProductRow): Product {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    unit: row.unit,
    specification: row.specification,
    listPrice: fromMinorUnits(Number(row.listPrice)),
    costPrice: row.costPrice === null ? null : fromMinorUnits(Number(row.costPrice)),
    taxRate: fromBasisPoints(row.taxRateBp),
    taxCode: row.taxCode,
    currency: row.currency,
    status: row.status as Product['status'],
    description: row.description,
    trackStock: Boolean(row.trackStock),
    reorderLevel: row.reorderLevelMilli === null ? null : quantityText(Number(row.reorderLevelMilli)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A product is found by its name's pinyin and initials too. */
const searchText = (p: { code: string; name: string; specification?: string | null }) =>
  searchDocument([p.code, p.name, ...pinyinSearchValues(p.name, 'name'), p.specification]).text;

async function assertCategory(db: Kysely<DB>, categoryId: number | null | undefined) {
  if (!categoryId) return;
  if (!(await categoriesRepo.findCategory(db, categoryId))) throw fieldError('categoryId', 'notFoundOrHidden');
}

async function assertCodeFree(db: Kysely<DB>, code: string, selfId?: number) {
  const other = await repo.findByCode(db, code);
  if (other && other.id !== selfId) throw fieldError('code', 'codeTaken', { value: code });
}

export async function listProducts(
  ctx: AppContext,
  query: z.output<typeof ProductQuery> & { deleted?: boolean },
): Promise<Page<Product>> {
  const categoryIds = query.categoryId ? await categorySubtree(ctx, query.categoryId) : undefined;
  const { items, total } = await repo.listProducts(
    ctx.db,
    { q: query.q, categoryIds, status: query.status, deleted: query.deleted },
    query,
  );
  return { items: items.map(toProduct), total, page: query.page, pageSize: query.pageSize };
}

export async function getProduct(ctx: AppContext, id: number): Promise<Product> {
  return toProduct(orNotFound(await repo.findProduct(ctx.db, id)));
}

/** Turns validated input into columns; shared by the form and the import. */
export function productColumns(input: z.output<typeof ProductInput>, defaultCurrency: string) {
  return {
    code: input.code,
    name: input.name,
    categoryId: input.categoryId ?? null,
    unit: input.unit ?? null,
    specification: input.specification ?? null,
    listPrice: toMinorUnits(input.listPrice),
    costPrice: input.costPrice ? toMinorUnits(input.costPrice) : null,
    taxRateBp: toBasisPoints(input.taxRate),
    taxCode: input.taxCode ?? null,
    currency: input.currency ?? defaultCurrency,
    status: input.status,
    description: input.description ?? null,
    trackStock: input.trackStock ? 1 : 0,
    reorderLevelMilli: input.reorderLevel ? toMilli(input.reorderLevel) : null,
    searchText: searchText(input),
  };
}

export async function insertProducts(
  trx: Kysely<DB>,
  actor: AuditActor,
  rows: Array<ReturnType<typeof productColumns>>,
  detail: Record<string, unknown> = {},
): Promise<number[]> {
  const now = nowIso();
  const ids = await repo.insertProductRows(
    trx,
    rows.map((row) => ({
      ...row,
      createdBy: actor.userId || null,
      updatedBy: actor.userId || null,
      createdAt: now,
      updatedAt: now,
    })),
  );
  for (const [i, id] of ids.entries())
    await writeAudit(trx, actor, {
      action: 'create',
      entity: 'products',
      entityId: id,
      detail: { code: rows[i].code, ...detail },
    });
  return ids;
}

export async function createProduct(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ProductInput>,
): Promise<Product> {
  await assertDictionaryCodes(ctx.db, input, { unit: 'product_unit' });
  await assertCategory(ctx.db, input.categoryId);
  await assertCodeFree(ctx.db, input.code);
  const settings = await getSettings(ctx.db);
  const [id] = await inTransaction(ctx, (ctx) =>
    insertProducts(ctx.db, actor, [productColumns(input, settings.defaultCurrency)]),
  );
  return getProduct(ctx, id);
}

export async function updateProduct(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof ProductPatch>,
): Promise<Product> {
  const before = await getProduct(ctx, id);
  await assertDictionaryCodes(ctx.db, patch, { unit: 'product_unit' });
  if (patch.categoryId !== undefined) await assertCategory(ctx.db, patch.categoryId);
  if (patch.code !== undefined) await assertCodeFree(ctx.db, patch.code, id);
  const merged = { ...before, ...patch };
  await inTransaction(ctx, async (ctx) => {
    await repo.updateProduct(ctx.db, id, {
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.categoryId !== undefined ? { categoryId: patch.categoryId ?? null } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit ?? null } : {}),
      ...(patch.specification !== undefined ? { specification: patch.specification ?? null } : {}),
      ...(patch.listPrice !== undefined ? { listPrice: toMinorUnits(patch.listPrice) } : {}),
      ...(patch.costPrice !== undefined ? { costPrice: patch.costPrice ? toMinorUnits(patch.costPrice) : null } : {}),
      ...(patch.taxRate !== undefined ? { taxRateBp: toBasisPoints(patch.taxRate) } : {}),
      ...(patch.taxCode !== undefined ? { taxCode: patch.taxCode ?? null } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.description !== undefined ? { description: patch.description ?? null } : {}),
      ...(patch.trackStock !== undefined ? { trackStock: patch.trackStock ? 1 : 0 } : {}),
      ...(patch.reorderLevel !== undefined
        ? { reorderLevelMilli: patch.reorderLevel ? toMilli(patch.reorderLevel) : null }
        : {}),
      searchText: searchText(merged),
      ...updatedStamps(actor),
    });
    const changes = diffFields(before, merged, [...auditedFields]);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'products', entityId: id, changes });
  });
  return getProduct(ctx, id);
}

/** Moves a product to the deleted list; quotes and orders that name it keep their copy of its details. */
export async function deleteProduct(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  orNotFound(await repo.findProduct(ctx.db, id));
  await inTransaction(ctx, async (ctx) => {
    await repo.updateProduct(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'products', entityId: id });
  });
}

export async function restoreProduct(ctx: AppContext, actor: Actor, id: number): Promise<Product> {
  const row = orNotFound(await repo.findProduct(ctx.db, id, 'deleted'));
  if (await repo.findByCode(ctx.db, row.code))
    throw new AppError('CONFLICT', 'VALIDATION_FAILED', { code: { key: 'codeTaken', params: { value: row.code } } });
  await inTransaction(ctx, async (ctx) => {
    await repo.updateProduct(ctx.db, id, { deletedAt: null, deletedBy: null, updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, { action: 'restore', entity: 'products', entityId: id });
  });
  return getProduct(ctx, id);
}

/** The products of an export, a batch at a time (the query stays in the repository). */
export const productsForExport = repo.iterateProducts;

export type { ProductRow } from './products.repository.ts';
