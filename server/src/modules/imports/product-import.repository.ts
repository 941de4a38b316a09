import type { Insertable, Kysely } from 'kysely';
import type { DB, ProductCategoryTable } from '../../db/schema.ts';

export function listProductCategoryNames(db: Kysely<DB>) {
  return db.selectFrom('productCategories').select(['id', 'name']).execute();
}

export async function insertProductCategory(db: Kysely<DB>, row: Insertable<ProductCategoryTable>): Promise<number> {
  return (await db.insertInto('productCategories').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Which of `codes` live products already use. */
export async function productCodesInUse(db: Kysely<DB>, codes: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('products')
    .select('code')
    .where('code', 'in', codes)
    .where('deletedAt', 'is', null)
    .execute();
  return rows.map((r) => r.code);
}
