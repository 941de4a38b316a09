import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, ProductCategoryTable } from '../../db/schema.ts';

/** Every category with how many live products it holds directly. */
export function listCategoriesWithCounts(db: Kysely<DB>) {
  return db
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
}

/** The ids of a category and all below it. */
export async function categorySubtreeIds(db: Kysely<DB>, rootId: number): Promise<number[]> {
  const rows = await db
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

export function findCategory(db: Kysely<DB>, id: number) {
  return db.selectFrom('productCategories').select('id').where('id', '=', id).executeTakeFirst();
}

export async function insertCategory(db: Kysely<DB>, row: Insertable<ProductCategoryTable>): Promise<number> {
  return (await db.insertInto('productCategories').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateCategory(db: Kysely<DB>, id: number, values: Updateable<ProductCategoryTable>) {
  return db.updateTable('productCategories').set(values).where('id', '=', id).execute();
}

export function deleteCategory(db: Kysely<DB>, id: number) {
  return db.deleteFrom('productCategories').where('id', '=', id).execute();
}

export async function hasSubcategory(db: Kysely<DB>, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom('productCategories').select('id').where('parentId', '=', id).executeTakeFirst());
}

/** Whether any product, deleted ones included, is in the category. */
export async function hasProducts(db: Kysely<DB>, categoryId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('products').select('id').where('categoryId', '=', categoryId).executeTakeFirst());
}
