import { type Kysely, sql } from 'kysely';
import { normalizeSearchText } from '../../platform/search-text.ts';
import { dialectOf } from '../dialect.ts';

/**
 * Contacts, tickets, opportunities and orders get a bigram index like the customers' own, so that a
 * search (a list's search box, the global search) finds a fragment among millions without reading
 * every row.
 *
 * The index is kept by the database itself from the text each record already stores, so that no path
 * that writes a record (form, import, merge, portal, purge) can forget it:
 * - SQLite: an FTS5 table per kind, filled by triggers through `relate_bigrams`, a function every
 *   connection registers (see database.ts);
 * - PostgreSQL: a generated `search_grams` column of the text's distinct two-character pieces, with a
 *   GIN index over the active rows.
 * Orders have no search text of their own: their number and title are indexed.
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

/** The text of the row a trigger fires for. */
const newRowText = (table: string) => indexedText[table].replace(/\b(search_text|number|title)\b/g, 'new.$1');
const postgresText = (table: string) => indexedText[table].replace('char(1)', 'chr(1)');

/**
 * Opportunities stored their text lower-cased but not normalised like every other kind's (full-width
 * brackets and letters kept), so "公司（" found nothing once typed or stored the other way; the
 * index is built from the normalised text, which the search compares with.
 */
async function normaliseOpportunityText(db: Kysely<any>) {
  for (let afterId = 0; ;) {
    const { rows } = await sql<{ id: number; search_text: string }>`
      select id, search_text from opportunities where id > ${afterId} order by id limit 5000`.execute(db);
    if (!rows.length) return;
    afterId = rows[rows.length - 1].id;
    for (const row of rows) {
      const normalised = normalizeSearchText(row.search_text);
      if (normalised !== row.search_text)
        await sql`update opportunities set search_text = ${normalised} where id = ${row.id}`.execute(db);
    }
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await normaliseOpportunityText(db);
  if (dialectOf(db) === 'sqlite') {
    for (const [table, fts] of Object.entries(ftsTables)) {
      const newGrams = sql.raw(`relate_bigrams(${newRowText(table)})`);
      const watched = table === 'orders' ? 'number, title' : 'search_text';
      await sql`create virtual table ${sql.table(fts)} using fts5(grams, content='', contentless_delete=1, tokenize='ascii')`.execute(
        db,
      );
      await sql`insert into ${sql.table(fts)} (rowid, grams) select id, ${sql.raw(`relate_bigrams(${indexedText[table]})`)} from ${sql.table(table)}`.execute(
        db,
      );
      await sql`create trigger ${sql.raw(`${table}_search_insert`)} after insert on ${sql.table(table)} begin
        insert into ${sql.table(fts)} (rowid, grams) values (new.id, ${newGrams}); end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_search_update`)} after update of ${sql.raw(watched)} on ${sql.table(table)} begin
        delete from ${sql.table(fts)} where rowid = old.id;
        insert into ${sql.table(fts)} (rowid, grams) values (new.id, ${newGrams}); end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_search_delete`)} after delete on ${sql.table(table)} begin
        delete from ${sql.table(fts)} where rowid = old.id; end`.execute(db);
    }
    return;
  }
  await sql`create or replace function relate_bigrams(t text) returns text[] language sql immutable parallel safe as $$
    select coalesce(array_agg(distinct substr(t, i, 2)), '{}'::text[]) from generate_series(1, char_length(t) - 1) as i
  $$`.execute(db);
  for (const table of Object.keys(ftsTables)) {
    await sql`alter table ${sql.table(table)} add column search_grams text[] generated always as (relate_bigrams(${sql.raw(postgresText(table))})) stored`.execute(
      db,
    );
    await sql`create index ${sql.raw(`${table}_search_grams`)} on ${sql.table(table)} using gin (search_grams) with (fastupdate = off) where deleted_at is null`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, fts] of Object.entries(ftsTables)) {
    if (dialectOf(db) === 'sqlite') {
      for (const event of ['insert', 'update', 'delete'])
        await sql`drop trigger ${sql.raw(`${table}_search_${event}`)}`.execute(db);
      await sql`drop table ${sql.table(fts)}`.execute(db);
    } else {
      await sql`drop index ${sql.raw(`${table}_search_grams`)}`.execute(db);
      await sql`alter table ${sql.table(table)} drop column search_grams`.execute(db);
    }
  }
  if (dialectOf(db) === 'postgres') await sql`drop function relate_bigrams(text)`.execute(db);
}
