import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, PriceBookTable } from '../../db/schema.ts';

function selectBooks(db: Kysely<DB>) {
  return db
    .selectFrom('priceBooks')
    .leftJoin('customers', 'customers.id', 'priceBooks.customerId')
    .selectAll('priceBooks')
    .select([
      'customers.name as customerName',
      (eb) =>
        eb
          .selectFrom('priceBookEntries')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('priceBookEntries.priceBookId', '=', 'priceBooks.id')
          .as('entryCount'),
    ]);
}

export type PriceBookRow = Awaited<ReturnType<ReturnType<typeof selectBooks>['executeTakeFirstOrThrow']>>;

export function listPriceBooks(db: Kysely<DB>) {
  return selectBooks(db).orderBy('priceBooks.name').orderBy('priceBooks.id').execute();
}

export function findPriceBook(db: Kysely<DB>, id: number) {
  return selectBooks(db).where('priceBooks.id', '=', id).executeTakeFirst();
}

export async function insertPriceBook(db: Kysely<DB>, row: Insertable<PriceBookTable>): Promise<number> {
  return (await db.insertInto('priceBooks').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updatePriceBook(db: Kysely<DB>, id: number, values: Updateable<PriceBookTable>) {
  return db.updateTable('priceBooks').set(values).where('id', '=', id).execute();
}

/** Deletes a price book and its prices. */
export async function deletePriceBook(db: Kysely<DB>, id: number) {
  await db.deleteFrom('priceBookEntries').where('priceBookId', '=', id).execute();
  await db.deleteFrom('priceBooks').where('id', '=', id).execute();
}

/** The prices of a book, for its live products, by product code. */
export function listEntries(db: Kysely<DB>, priceBookId: number) {
  return db
    .selectFrom('priceBookEntries')
    .innerJoin('products', 'products.id', 'priceBookEntries.productId')
    .select([
      'products.id as productId',
      'products.code as productCode',
      'products.name as productName',
      'products.listPrice',
      'priceBookEntries.price',
    ])
    .where('priceBookEntries.priceBookId', '=', priceBookId)
    .where('products.deletedAt', 'is', null)
    .orderBy('products.code')
    .execute();
}

export function deleteEntry(db: Kysely<DB>, priceBookId: number, productId: number) {
  return db
    .deleteFrom('priceBookEntries')
    .where('priceBookId', '=', priceBookId)
    .where('productId', '=', productId)
    .execute();
}

/** Sets a product's price in a book, replacing any it had. */
export function upsertEntry(db: Kysely<DB>, priceBookId: number, productId: number, price: number) {
  return db
    .insertInto('priceBookEntries')
    .values({ priceBookId, productId, price })
    .onConflict((oc) => oc.columns(['priceBookId', 'productId']).doUpdateSet({ price }))
    .execute();
}

export async function liveCustomerExists(db: Kysely<DB>, customerId: number): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('customers')
      .select('id')
      .where('id', '=', customerId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst(),
  );
}

/** Those of the given products that are not deleted. */
export async function liveProductIds(db: Kysely<DB>, productIds: number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('products')
    .select('id')
    .where('id', 'in', productIds)
    .where('deletedAt', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** The list prices of live products. */
export function listProductPrices(db: Kysely<DB>, productIds: number[]) {
  return db
    .selectFrom('products')
    .select(['id', 'listPrice', 'currency'])
    .where('id', 'in', productIds)
    .where('deletedAt', 'is', null)
    .execute();
}

/**
 * The prices of active books valid on a day that apply to a customer: its own books, and those for
 * its level when it has one.
 */
export function listOffers(
  db: Kysely<DB>,
  productIds: number[],
  date: string,
  customer: { id: number; level: string | null },
) {
  return db
    .selectFrom('priceBookEntries')
    .innerJoin('priceBooks', 'priceBooks.id', 'priceBookEntries.priceBookId')
    .select([
      'priceBookEntries.productId',
      'priceBookEntries.price',
      'priceBooks.id as bookId',
      'priceBooks.name as bookName',
      'priceBooks.kind',
      'priceBooks.currency',
    ])
    .where('priceBookEntries.productId', 'in', productIds)
    .where('priceBooks.active', '=', 1)
    .where((eb) => eb.or([eb('priceBooks.validFrom', 'is', null), eb('priceBooks.validFrom', '<=', date)]))
    .where((eb) => eb.or([eb('priceBooks.validTo', 'is', null), eb('priceBooks.validTo', '>=', date)]))
    .where((eb) =>
      eb.or([
        eb.and([eb('priceBooks.kind', '=', 'customer'), eb('priceBooks.customerId', '=', customer.id)]),
        ...(customer.level
          ? [eb.and([eb('priceBooks.kind', '=', 'level'), eb('priceBooks.customerLevel', '=', customer.level)])]
          : []),
      ]),
    )
    .execute();
}
