import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// What inventory reads of products: whether their stock is tracked, their cost price and reorder level.

/** Those of these products whose stock is tracked. */
export async function trackedProductIds(db: Kysely<DB>, ids: number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('products')
    .select('id')
    .where('id', 'in', ids)
    .where('trackStock', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

export function findLiveProduct(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('products')
    .select(['trackStock', 'costPrice'])
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export function findReorderLevel(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('products')
    .select(['code', 'name', 'reorderLevelMilli'])
    .where('id', '=', id)
    .executeTakeFirst();
}
