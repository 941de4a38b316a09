import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * The search indexes gain pinyin tokens: every four adjacent characters of a run of four or more of a
 * pinyin form ("pszlt", see platform/pinyin.ts), so that a query in initials ("szlt") is looked up by a
 * token found in a few thousand names of a million instead of initials bigrams each found in a large
 * share of them. Only customers and contacts have a bigram index and pinyin forms in their search text.
 * - SQLite: the tokens come from the server's own `relate_search_grams` (contacts' triggers) and search
 *   documents (customers): both FTS5 tables are filled again from the stored texts;
 * - PostgreSQL: `relate_search_grams` gains the pinyin tokens and the contacts' generated column is made
 *   again through it; the customers' column, which the server fills, gains the tokens of its stored text.
 */
const digits = '0123456789abcdefghijklmnopqrstuvwxyz';
// A pinyin form's characters as stored: U+E000 plus the ASCII code (platform/pinyin.ts).
const encoded = Array.from(digits, (character) => String.fromCharCode(0xe000 + character.charCodeAt(0))).join('');

/** The distinct pinyin tokens of the text `t`, in PostgreSQL (built-in functions only, as a restore needs). */
const postgresPinyinTokens = (t: string) => `case when strpos(${t}, chr(57344)) > 0 then array(
    select distinct 'p' || translate(substr(${t}, i, 4), '${encoded}', '${digits}')
    from generate_series(1, char_length(${t}) - 3) as i
    where substr(${t}, i, 4) ~ '^[\\ue030-\\ue039\\ue061-\\ue07a]{4}$') else '{}'::text[] end`;

const bigramsAndDigits = `array(select distinct substr(t, i, 2) from generate_series(1, char_length(t) - 1) as i)
      || array(select distinct 'd' || substr(t, i, 4) from generate_series(1, char_length(t) - 3) as i where substr(t, i, 4) ~ '^[0-9]{4}$')`;

async function defineGramsFunction(db: Kysely<any>, withPinyin: boolean) {
  const body = withPinyin ? `${bigramsAndDigits}\n      || ${postgresPinyinTokens('t')}` : bigramsAndDigits;
  await sql`create or replace function relate_search_grams(t text) returns text[] language sql immutable parallel safe as ${sql.raw(
    `$$ select ${body} $$`,
  )}`.execute(db);
}

/** PostgreSQL: the contacts' generated `search_grams` (and its index) made again through the function as it now is (see 0045). */
async function regenerateContactGrams(db: Kysely<any>) {
  await sql`alter table contacts drop column search_grams`.execute(db);
  await sql`alter table contacts add column search_grams text[] generated always as (relate_search_grams(search_text)) stored`.execute(
    db,
  );
  await sql`create index contacts_search_grams on contacts using gin (search_grams) with (fastupdate = off) where deleted_at is null`.execute(
    db,
  );
}

async function refillSqlite(db: Kysely<any>, fts: string, table: string) {
  await sql`insert into ${sql.table(fts)} (${sql.table(fts)}) values ('delete-all')`.execute(db);
  await sql`insert into ${sql.table(fts)} (rowid, grams) select id, relate_search_grams(search_text) from ${sql.table(table)}`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    // eslint-disable-next-line no-restricted-syntax -- a migration's handle is untyped (Kysely<any>); inTransaction takes the app's
    await db.transaction().execute(async (trx) => {
      await refillSqlite(trx, 'customer_search', 'customers');
      await refillSqlite(trx, 'contact_search', 'contacts');
    });
    return;
  }
  await defineGramsFunction(db, true);
  await regenerateContactGrams(db);
  await sql`update customers set search_grams = array(
      select distinct g from unnest(search_grams || ${sql.raw(postgresPinyinTokens('search_text'))}) as g)
    where strpos(search_text, chr(57344)) > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // SQLite's tokens come from the running server's code: an index with more tokens finds the same records.
  if (dialectOf(db) === 'sqlite') return;
  await defineGramsFunction(db, false);
  await regenerateContactGrams(db);
  await sql`update customers set search_grams = array(select g from unnest(search_grams) as g where g !~ '^p[0-9a-z]{4}$')
    where strpos(search_text, chr(57344)) > 0`.execute(db);
}
