import { type Kysely, sql } from 'kysely';
import { searchColumns, searchDocument, syncSearchIndex } from '../../platform/search.ts';
import { dialectOf } from '../dialect.ts';

const batchSize = 5000;

type SearchableCustomer = {
  name: string;
  code: string;
  phone: string | null;
  phoneNorm: string | null;
  email: string | null;
};
// A customer's searchable values as they were when this migration was written (a frozen copy: the
// customers module may search more fields later, and this migration must keep doing what it did).
const customerSearchValues = (c: SearchableCustomer) => [c.name, c.code, c.phone, c.phoneNorm, c.email];

/** The customer list's own orders (by update, per department, per owner), each carrying the search text. */
const listIndexes: Array<[string, string[], string[]]> = [
  ['customers_updated', ['updated_at', 'id'], ['department_id', 'owner_id', 'search_text']],
  ['customers_department_updated', ['department_id', 'updated_at', 'id'], ['search_text']],
  ['customers_owner_updated', ['owner_id', 'updated_at', 'id'], ['search_text']],
];

async function rebuildListIndexes(db: Kysely<any>, withSearchText: boolean) {
  for (const [name, order, carried] of listIndexes) {
    await db.schema.dropIndex(name).execute();
    const columns = withSearchText ? [...order, ...carried] : order;
    await db.schema
      .createIndex(name)
      .on('customers')
      .columns(columns)
      .where(sql<boolean>`deleted_at is null`)
      .execute();
  }
}

/**
 * Bigrams now include the spaces of a text (" f" and "e " in "Blue Fox"), so a query with a space is
 * found through the index like any other.
 * On SQLite:
 * - The search index holds each customer's bigrams in text order (it held each bigram once, spaces
 *   left out), so that a query is matched as a phrase: the index finds the customers that contain it
 *   instead of those that merely hold all its pieces somewhere.
 * - The list's indexes carry the search text, so a search matching many customers reads its page in
 *   list order from the index alone, without visiting the rows that do not match.
 * On Postgres the bigram arrays (GIN) are recomputed; the list indexes stay.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = dialectOf(db) === 'sqlite';
  if (sqlite) {
    await rebuildListIndexes(db, true);
    await sql`insert into customer_search (customer_search) values ('delete-all')`.execute(db);
  }
  for (let afterId = 0; ;) {
    const { rows } = await sql<{
      id: number;
      name: string;
      code: string;
      phone: string | null;
      phone_norm: string | null;
      email: string | null;
    }>`
      select id, name, code, phone, phone_norm, email from customers where id > ${afterId} order by id limit ${batchSize}`.execute(
      db,
    );
    if (!rows.length) return;
    const docs = rows.map((row) => ({
      id: row.id,
      ...searchDocument(customerSearchValues({ ...row, phoneNorm: row.phone_norm })),
    }));
    if (sqlite) await syncSearchIndex(db, 'sqlite', 'customer_search', docs, { fresh: true });
    else {
      for (let i = 0; i < docs.length; i += 500) {
        const values = docs
          .slice(i, i + 500)
          .map((doc) => sql`(${doc.id}::integer, ${searchColumns('postgres', doc).searchGrams}::text[])`);
        await sql`update customers set search_grams = v.grams from (values ${sql.join(values)}) as v(id, grams) where customers.id = v.id`.execute(
          db,
        );
      }
    }
    afterId = rows[rows.length - 1].id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await rebuildListIndexes(db, false);
}
