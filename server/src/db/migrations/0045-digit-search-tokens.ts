import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * The search indexes gain digit tokens: every four adjacent digits of a run of four or more ("d1380",
 * see platform/search-text.ts), so that a phone fragment is looked up by tokens each found in about one
 * record in a thousand instead of digit bigrams each found in about one in ten. Every record already
 * indexed is indexed again.
 * - SQLite: the triggers of contacts, tickets, opportunities and orders fill their FTS5 tables through
 *   `relate_search_grams` (bigrams, then digit tokens); the customers' table, which the server fills,
 *   is filled again from the customers' stored text;
 * - PostgreSQL: the generated `search_grams` columns are made again through `relate_search_grams`; the
 *   customers' column, which the server fills, gains the digit tokens of its stored text.
 */
const indexedText: Record<string, string> = {
  contacts: 'search_text',
  tickets: 'search_text',
  opportunities: 'search_text',
  orders: `lower(number) || char(1) || lower(coalesce(title, ''))`,
};
const ftsTables: Record<string, string> = {
  contacts: 'contact_search',
  tickets: 'ticket_search',
  opportunities: 'opportunity_search',
  orders: 'order_search',
};

const newRowText = (table: string) => indexedText[table].replace(/\b(search_text|number|title)\b/g, 'new.$1');
const postgresText = (table: string) => indexedText[table].replace('char(1)', 'chr(1)');

/** SQLite: the triggers of a table's FTS5 table, filled through `gramsFunction`, and every row indexed again by it. */
async function reindexSqlite(db: Kysely<any>, table: string, fts: string, gramsFunction: string) {
  const newGrams = sql.raw(`${gramsFunction}(${newRowText(table)})`);
  const watched = table === 'orders' ? 'number, title' : 'search_text';
  for (const event of ['insert', 'update']) await sql`drop trigger ${sql.raw(`${table}_search_${event}`)}`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_search_insert`)} after insert on ${sql.table(table)} begin
    insert into ${sql.table(fts)} (rowid, grams) values (new.id, ${newGrams}); end`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_search_update`)} after update of ${sql.raw(watched)} on ${sql.table(table)} begin
    delete from ${sql.table(fts)} where rowid = old.id;
    insert into ${sql.table(fts)} (rowid, grams) values (new.id, ${newGrams}); end`.execute(db);
  await refillSqlite(db, fts, sql.raw(`${gramsFunction}(${indexedText[table]})`), table);
}

async function refillSqlite(db: Kysely<any>, fts: string, grams: ReturnType<typeof sql.raw>, table: string) {
  await sql`insert into ${sql.table(fts)} (${sql.table(fts)}) values ('delete-all')`.execute(db);
  await sql`insert into ${sql.table(fts)} (rowid, grams) select id, ${grams} from ${sql.table(table)}`.execute(db);
}

/** PostgreSQL: a table's generated `search_grams` column (and its index) made again through `gramsFunction`. */
async function regeneratePostgres(db: Kysely<any>, table: string, gramsFunction: string) {
  await sql`alter table ${sql.table(table)} drop column search_grams`.execute(db);
  await sql`alter table ${sql.table(table)} add column search_grams text[] generated always as (${sql.raw(`${gramsFunction}(${postgresText(table)})`)}) stored`.execute(
    db,
  );
  await sql`create index ${sql.raw(`${table}_search_grams`)} on ${sql.table(table)} using gin (search_grams) with (fastupdate = off) where deleted_at is null`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const [table, fts] of Object.entries(ftsTables)) await reindexSqlite(db, table, fts, 'relate_search_grams');
    await refillSqlite(db, 'customer_search', sql.raw('relate_search_grams(search_text)'), 'customers');
    return;
  }
  // Built-in functions only: a restore (pg_restore) computes generated columns with an empty search path.
  await sql`create function relate_search_grams(t text) returns text[] language sql immutable parallel safe as $$
    select array(select distinct substr(t, i, 2) from generate_series(1, char_length(t) - 1) as i)
      || array(select distinct 'd' || substr(t, i, 4) from generate_series(1, char_length(t) - 3) as i where substr(t, i, 4) ~ '^[0-9]{4}$')
  $$`.execute(db);
  for (const table of Object.keys(ftsTables)) await regeneratePostgres(db, table, 'relate_search_grams');
  await sql`update customers set search_grams = search_grams || array(
      select distinct 'd' || substr(search_text, i, 4) from generate_series(1, char_length(search_text) - 3) as i
      where substr(search_text, i, 4) ~ '^[0-9]{4}$')
    where search_text ~ '[0-9]{4}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const [table, fts] of Object.entries(ftsTables)) await reindexSqlite(db, table, fts, 'relate_bigrams');
    await refillSqlite(db, 'customer_search', sql.raw('relate_bigrams(search_text)'), 'customers');
    return;
  }
  for (const table of Object.keys(ftsTables)) await regeneratePostgres(db, table, 'relate_bigrams');
  await sql`update customers set search_grams = array(select g from unnest(search_grams) as g where g !~ '^d[0-9]{4}$')
    where search_text ~ '[0-9]{4}'`.execute(db);
  await sql`drop function relate_search_grams(text)`.execute(db);
}
