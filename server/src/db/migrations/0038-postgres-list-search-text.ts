import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

/** The customer list's own orders (by update, per department, per owner) and what each carries besides. */
const listIndexes: Array<[string, string[], string[]]> = [
  ['customers_updated', ['updated_at', 'id'], ['department_id', 'owner_id', 'search_text']],
  ['customers_department_updated', ['department_id', 'updated_at', 'id'], ['search_text']],
  ['customers_owner_updated', ['owner_id', 'updated_at', 'id'], ['search_text']],
];

async function rebuild(db: Kysely<any>, carry: boolean) {
  for (const [name, order, carried] of listIndexes) {
    await sql`drop index ${sql.id(name)}`.execute(db);
    const include = carry ? sql` include (${sql.join(carried.map((c) => sql.id(c)))})` : sql``;
    await sql`create index ${sql.id(name)} on customers (${sql.join(order.map((c) => sql.id(c)))})${include} where deleted_at is null`.execute(
      db,
    );
  }
}

/**
 * On PostgreSQL the list's indexes now carry the search text too (SQLite's have since 0035): a search
 * in one person's or one department's customers is answered from the index alone, without reading
 * each row from the table, and a common fragment's first page is found without the bigram index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await rebuild(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await rebuild(db, false);
}
