import { type Kysely, sql } from 'kysely';
import { type NameReading, pinyinSearchValues } from '../../platform/pinyin.ts';
import { searchDocument } from '../../platform/search-text.ts';
import { dialectOf } from '../dialect.ts';

/**
 * Customers, contacts, leads, users and products are found by the pinyin and initials of their names
 * ("shenzhenlongteng", "szlt" and "深圳lt" find 深圳龙腾科技有限公司; see platform/pinyin.ts): the search
 * text of every existing record gains its names' pinyin forms, in batches of ids. Users gain a search
 * text of their own (login name, display name with its pinyin, e-mail), where their list searched three
 * columns before.
 * - SQLite: the customers' FTS5 table, which the server fills, is filled again from the new text; the
 *   contacts' triggers follow their text themselves;
 * - PostgreSQL: the customers' `search_grams`, which the server fills, are written with the text; the
 *   contacts' generated column follows its text.
 * A text keeps every value it held (the forms follow them) and loses only pinyin forms it already had,
 * so that running this again changes nothing; a row whose names have no Chinese character is not written.
 */
const batchSize = 2000;
const writeSize = 500;
const separator = '\u0001';
const pinyinFormStart = '\ue000';

// Frozen copies of which names each kind is found by, read how (the modules may add more later, and this
// migration must keep doing what it did).
type Row = Record<string, string | null> & { id: number; searchText: string };

type Kind = {
  table: 'customers' | 'contacts' | 'leads' | 'products' | 'users';
  /** The columns the names are read from, named in camel case (which reads the same with or without the application's case conversion). */
  columns: string;
  /** The search text's values: the values it holds, with the pinyin forms of the row's names. */
  values: (row: Row, held: string[]) => Array<string | null>;
};

const withPinyin = (held: string[], ...names: Array<[string | null, NameReading]>) => [
  ...held,
  ...names.flatMap(([name, reading]) => pinyinSearchValues(name, reading)),
];

const kinds: Kind[] = [
  {
    table: 'customers',
    columns: 'name, type',
    values: (c, held) => withPinyin(held, [c.name, c.type === 'individual' ? 'person' : 'name']),
  },
  { table: 'contacts', columns: 'name', values: (c, held) => withPinyin(held, [c.name, 'person']) },
  {
    table: 'leads',
    columns: 'name, company',
    values: (l, held) => withPinyin(held, [l.name, 'person'], [l.company, 'name']),
  },
  { table: 'products', columns: 'name', values: (p, held) => withPinyin(held, [p.name, 'name']) },
  {
    table: 'users',
    columns: `username, display_name as "displayName", email`,
    // A new column: made from the user's own.
    values: (u) => [u.username, u.displayName, ...pinyinSearchValues(u.displayName, 'person'), u.email],
  },
];

/** The values a stored search text holds, without any pinyin form. */
const heldValues = (text: string) =>
  text ? text.split(separator).filter((value) => !value.startsWith(pinyinFormStart)) : [];

/** Every row of a kind in id order, a batch at a time, each with its new search document. */
async function* batches(db: Kysely<any>, kind: Kind) {
  for (let afterId = 0; ;) {
    const { rows } = await sql<Row>`select id, search_text as "searchText", ${sql.raw(kind.columns)}
      from ${sql.table(kind.table)} where id > ${afterId} order by id limit ${batchSize}`.execute(db);
    if (!rows.length) return;
    yield rows.map((row) => ({ row, doc: searchDocument(kind.values(row, heldValues(row.searchText))) }));
    afterId = rows[rows.length - 1].id;
  }
}

/** Writes the new search text of the rows whose text changed (and, given `grams`, PostgreSQL's bigrams of customers). */
async function writeTexts(
  db: Kysely<any>,
  table: Kind['table'],
  changed: Array<{ id: number; text: string; grams?: string[] }>,
) {
  for (let i = 0; i < changed.length; i += writeSize) {
    const slice = changed.slice(i, i + writeSize);
    if (table === 'customers' && dialectOf(db) === 'postgres') {
      const values = slice.map((c) => sql`(${c.id}::integer, ${c.text}::text, ${c.grams}::text[])`);
      await sql`update customers set search_text = v.text, search_grams = v.grams
        from (values ${sql.join(values)}) as v(id, text, grams) where customers.id = v.id`.execute(db);
    } else {
      const values = slice.map((c) => sql`(cast(${c.id} as integer), cast(${c.text} as text))`);
      await sql`with v(id, text) as (values ${sql.join(values)})
        update ${sql.table(table)} set search_text = v.text from v where ${sql.ref(`${table}.id`)} = v.id`.execute(db);
    }
  }
}

/**
 * The indexes that follow a table's search text (the customers' list indexes carry it; PostgreSQL's
 * bigram indexes hold its bigrams) and, on SQLite, the trigger that keeps its FTS5 table: dropped while
 * every row's text is written, made again after, since one build costs less than an update of each
 * entry. Returns the statements that make them again.
 */
async function dropSearchUpkeep(db: Kysely<any>, table: Kind['table']): Promise<Array<{ type: string; sql: string }>> {
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{ type: string; name: string; sql: string }>`select type, name, sql from sqlite_master
          where tbl_name = ${table} and sql is not null
            and ((type = 'index' and sql like '%search_text%') or (type = 'trigger' and name = ${`${table}_search_update`}))`.execute(
          db,
        )
      : await sql<{
          type: string;
          name: string;
          sql: string;
        }>`select 'index' as type, indexname as name, indexdef as sql
          from pg_indexes where schemaname = current_schema() and tablename = ${table}
            and (indexdef like '%search_text%' or indexdef like '%search_grams%')`.execute(db);
  for (const row of rows) await sql`drop ${sql.raw(row.type)} ${sql.id(row.name)}`.execute(db);
  return rows;
}

/** SQLite's FTS5 tables kept by triggers from the search text (see migrations 0043 and 0045). */
const triggerKeptIndexes: Partial<Record<Kind['table'], string>> = { contacts: 'contact_search' };

async function refill(db: Kysely<any>, kind: Kind) {
  const sqlite = dialectOf(db) === 'sqlite';
  const customersOnSqlite = sqlite && kind.table === 'customers';
  const upkeep = await dropSearchUpkeep(db, kind.table);
  // Every customer's entry is made again (one pass of inserts costs less than a delete and an insert per row).
  if (customersOnSqlite) await sql`insert into customer_search (customer_search) values ('delete-all')`.execute(db);
  for await (const batch of batches(db, kind)) {
    const changed = batch
      .filter(({ row, doc }) => doc.text !== row.searchText)
      .map(({ row, doc }) => ({
        id: row.id,
        text: doc.text,
        // PostgreSQL's coded bigrams of customers, as the server writes them (see search.ts, searchColumns).
        ...(kind.table === 'customers' && !sqlite
          ? { grams: doc.grams ? [...new Set(doc.grams.split(' '))] : [] }
          : {}),
      }));
    await writeTexts(db, kind.table, changed);
    if (customersOnSqlite) {
      for (let i = 0; i < batch.length; i += writeSize) {
        const values = batch.slice(i, i + writeSize).map(({ row, doc }) => sql`(${row.id}, ${doc.grams})`);
        await sql`insert into customer_search (rowid, grams) values ${sql.join(values)}`.execute(db);
      }
    }
  }
  const fts = triggerKeptIndexes[kind.table];
  if (sqlite && fts && upkeep.some((statement) => statement.type === 'trigger')) {
    // Its trigger was off while the texts changed: the FTS5 table is filled again from them, as 0045 did.
    await sql`insert into ${sql.table(fts)} (${sql.table(fts)}) values ('delete-all')`.execute(db);
    await sql`insert into ${sql.table(fts)} (rowid, grams) select id, relate_search_grams(search_text) from ${sql.table(kind.table)}`.execute(
      db,
    );
  }
  for (const statement of upkeep) await sql.raw(statement.sql).execute(db);
}

/** The work in one transaction: PostgreSQL's migrations run in one already; SQLite's do not, and a table left without its trigger would stay so. */
const inOneTransaction = (db: Kysely<any>, work: (db: Kysely<any>) => Promise<void>) =>
  // eslint-disable-next-line no-restricted-syntax -- a migration's handle is untyped (Kysely<any>); inTransaction takes the app's
  dialectOf(db) === 'sqlite' ? db.transaction().execute(work) : work(db);

export async function up(db: Kysely<any>): Promise<void> {
  await inOneTransaction(db, async (db) => {
    await db.schema
      .alterTable('users')
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    for (const kind of kinds) await refill(db, kind);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  // The other kinds keep their pinyin forms: written in an alphabet of their own, they match no query typed.
  await db.schema.alterTable('users').dropColumn('search_text').execute();
}
