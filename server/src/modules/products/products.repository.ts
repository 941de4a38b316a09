import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ProductTable } from '../../db/schema.ts';
import { applySort, pageWindow, type SortColumns } from '../../platform/list-query.ts';
import { searchTextHolds } from '../../platform/search.ts';
import { keysetBatches } from '../../db/keyset.ts';

const sortColumns: SortColumns = {
  code: { column: 'products.code' },
  name: { column: 'products.name' },
  listPrice: { column: 'products.listPrice' },
  createdAt: { column: 'products.createdAt' },
  updatedAt: { column: 'products.updatedAt' },
};

function withColumns(db: Kysely<DB>) {
  return db
    .selectFrom('products')
    .leftJoin('productCategories as category', 'category.id', 'products.categoryId')
    .selectAll('products')
    .select('category.name as categoryName');
}
export type ProductRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

export type ProductFilter = { q?: string; categoryIds?: number[]; status?: string; deleted?: boolean };

function filtered(db: Kysely<DB>, filter: ProductFilter) {
  let qb = withColumns(db).where('products.deletedAt', filter.deleted ? 'is not' : 'is', null);
  if (filter.categoryIds) qb = qb.where('products.categoryId', 'in', filter.categoryIds);
  if (filter.status) qb = qb.where('products.status', '=', filter.status);
  if (filter.q) qb = qb.where(searchTextHolds('products.searchText', filter.q));
  return qb;
}

export async function listProducts(
  db: Kysely<DB>,
  filter: ProductFilter,
  page: { page: number; pageSize: number; sort?: string },
) {
  const qb = filtered(db, filter);
  const { total } = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  const items = await applySort(qb, page.sort, sortColumns, 'code:asc').limit(limit).offset(offset).execute();
  return { items, total: Number(total) };
}

/** Streams products for export in id order. */
export async function* iterateProducts(db: Kysely<DB>, filter: ProductFilter, batchSize = 2000) {
  yield* keysetBatches((afterId) =>
    filtered(db, filter).where('products.id', '>', afterId).orderBy('products.id').limit(batchSize).execute(),
  );
}

export function findProduct(db: Kysely<DB>, id: number, state: 'active' | 'deleted' = 'active') {
  return withColumns(db)
    .where('products.id', '=', id)
    .where('products.deletedAt', state === 'active' ? 'is' : 'is not', null)
    .executeTakeFirst();
}

export function findByCode(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('products')
    .select('id')
    .where('code', '=', code)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

/** Inserts products 500 to a statement; returns their ids in order. */
export async function insertProductRows(db: Kysely<DB>, rows: Insertable<ProductTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('products')
      .values(rows.slice(i, i + 500))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export function updateProduct(db: Kysely<DB>, id: number, values: Updateable<ProductTable>) {
  return db.updateTable('products').set(values).where('id', '=', id).execute();
}
