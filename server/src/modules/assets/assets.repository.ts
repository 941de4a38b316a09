import type { Insertable, Kysely, Updateable } from 'kysely';
import type { AssetTable, DB } from '../../db/schema.ts';
import { pageWithTotal } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains, normalizeSearchText } from '../../platform/search.ts';

/** Assets are seen by whoever sees their customer. */
function columns(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db
      .selectFrom('assets')
      .innerJoin('customers', 'customers.id', 'assets.customerId')
      .leftJoin('products', 'products.id', 'assets.productId'),
    'customers',
    scope,
  )
    .selectAll('assets')
    .select(['customers.name as customerName', 'products.code as productCode'])
    .where('assets.deletedAt', 'is', null);
}
export type AssetRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export type AssetFilter = { customerId?: number; underWarranty?: boolean; q?: string };

/** A page of assets, newest first, with the total of all that match; warranties are judged on `today`. */
export function listAssets(
  db: Kysely<DB>,
  scope: Scope,
  filter: AssetFilter,
  today: string,
  page: { page: number; pageSize: number },
) {
  let qb = columns(db, scope);
  if (filter.customerId) qb = qb.where('assets.customerId', '=', filter.customerId);
  if (filter.underWarranty !== undefined)
    qb = filter.underWarranty
      ? qb.where('assets.warrantyEndsOn', '>=', today)
      : qb.where((eb) => eb.or([eb('assets.warrantyEndsOn', 'is', null), eb('assets.warrantyEndsOn', '<', today)]));
  if (filter.q) qb = qb.where(contains('assets.searchText', normalizeSearchText(filter.q)));
  return pageWithTotal(qb.orderBy('assets.id', 'desc'), page);
}

export function findAsset(db: Kysely<DB>, scope: Scope, id: number) {
  return columns(db, scope).where('assets.id', '=', id).executeTakeFirst();
}

/** Those of these assets that belong to the customer and are not deleted. */
export function customerAssetIds(db: Kysely<DB>, customerId: number, ids: number[]) {
  return db
    .selectFrom('assets')
    .select('id')
    .where('id', 'in', ids)
    .where('customerId', '=', customerId)
    .where('deletedAt', 'is', null)
    .execute();
}

export function findProductId(db: Kysely<DB>, id: number) {
  return db.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst();
}

/** The customer of an order that is not deleted, whoever may see it. */
export function findOrderCustomer(db: Kysely<DB>, orderId: number) {
  return db
    .selectFrom('orders')
    .select('customerId')
    .where('id', '=', orderId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export async function insertAsset(db: Kysely<DB>, row: Insertable<AssetTable>): Promise<number> {
  return (await db.insertInto('assets').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateAsset(db: Kysely<DB>, id: number, values: Updateable<AssetTable>) {
  return db.updateTable('assets').set(values).where('id', '=', id).execute();
}
