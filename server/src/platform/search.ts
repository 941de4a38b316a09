import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { insertRows } from '../db/bulk-insert.ts';
import { bigrams, bigramSequence, normalizeSearchText, type SearchDocument } from './search-text.ts';

export {
  joinSearchParts,
  normalizeSearchText,
  type SearchDocument,
  type SearchParts,
  searchDocument,
  searchParts,
} from './search-text.ts';

const ftsTableKeys = { customer_search: 'customerSearch' } as const;

/** The FTS5 phrase of a normalised query's bigrams; null for a single character. */
function phraseQuery(normalized: string): string | null {
  const grams = bigramSequence(normalized);
  return grams.length ? `"${grams.join(' ')}"` : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** The column holds the text anywhere, its own % and _ taken literally (SQLite has no LIKE escape character unless told). */
export function contains(column: string | RawBuilder<unknown>, text: string) {
  return sql<boolean>`${typeof column === 'string' ? sql.ref(column) : column} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

export type SearchTarget = { table: 'customers'; ftsTable: 'customer_search'; ftsTableKey: 'customerSearch' };

/** A search with more candidates than this reads the list in order and is counted only up to `searchCountCap`. */
const maxCandidates = 5000;
export const searchCountCap = 1000;

/**
 * How much of the list a search matches, which decides how it is served:
 * - `few`: the bigram index names few enough candidates to fetch and count them all;
 * - `many`: a fragment found in much of the list ("有限", "公司") is served better by reading the list
 *   in its sort order and keeping the rows that contain it: the first page needs only a few rows. The
 *   count, capped, still goes through the bigram index;
 * - `dense` (PostgreSQL): a single bigram that PostgreSQL's statistics find in at least one row in
 *   twenty. Its list of rows in the bigram index is so long that reading it costs more than walking
 *   the list's own index, which carries the search text, so neither the check nor the count uses it.
 */
export type SearchBreadth = 'few' | 'many' | 'dense';

export async function searchBreadth(
  db: Kysely<DB>,
  dialect: Dialect,
  target: SearchTarget,
  query: string,
): Promise<SearchBreadth> {
  const normalized = normalizeSearchText(query);
  if (dialect === 'postgres' && (await denseOnPostgres(db, target, bigrams(normalized)))) return 'dense';
  const candidates = candidateCount(dialect, target, query);
  if (!candidates) return 'many';
  const { rows } = await candidates.execute(db);
  return Number(rows[0].n) <= maxCandidates ? 'few' : 'many';
}

const denseFraction = 0.05;
const statisticsMaxAgeMs = 60_000;
type GramStatistics = { readAt: number; rows: number; frequency: Map<string, number> };
const gramStatistics = new WeakMap<Kysely<DB>, GramStatistics>();

/** Whether a one-bigram query is dense by the planner's statistics of the bigram column (read at most once a minute). */
async function denseOnPostgres(db: Kysely<DB>, target: SearchTarget, grams: string[]): Promise<boolean> {
  if (grams.length !== 1) return false;
  let statistics = gramStatistics.get(db);
  if (!statistics || Date.now() - statistics.readAt > statisticsMaxAgeMs) {
    const { rows } = await sql<{ elements: string[] | null; frequencies: number[] | null; rows: number | null }>`
      select s.most_common_elems::text::text[] as elements, s.most_common_elem_freqs as frequencies, c.reltuples as rows
      from pg_class c left join pg_stats s on s.tablename = c.relname and s.attname = 'search_grams' and s.schemaname = current_schema()
      where c.relname = ${target.table} and c.relnamespace = current_schema()::regnamespace`.execute(db);
    const row = rows[0];
    const frequency = new Map<string, number>(
      (row?.elements ?? []).map((element, i) => [element, Number(row.frequencies?.[i] ?? 0)]),
    );
    statistics = { readAt: Date.now(), rows: Math.max(0, Number(row?.rows ?? 0)), frequency };
    gramStatistics.set(db, statistics);
  }
  const share = statistics.frequency.get(grams[0]) ?? 0;
  return share >= denseFraction && share * statistics.rows > maxCandidates;
}

/** The query counting the bigram index's candidates for a search, up to one more than `maxCandidates`; null for a single character. */
export function candidateCount(dialect: Dialect, target: SearchTarget, query: string) {
  const normalized = normalizeSearchText(query);
  const phrase = phraseQuery(normalized);
  if (!phrase) return null;
  return dialect === 'postgres'
    ? // The bigram index holds only active rows: without the same condition the planner cannot use it and reads the table.
      sql<{
        n: number;
      }>`select count(*) as n from (select 1 from ${sql.table(target.table)} where search_grams @> ${bigrams(normalized)}::text[] and deleted_at is null limit ${maxCandidates + 1}) as candidates`
    : sql<{
        n: number;
      }>`select count(*) as n from (select rowid from ${sql.table(target.ftsTable)} where ${sql.table(target.ftsTable)} match ${phrase} limit ${maxCandidates + 1})`;
}

/**
 * Restricts a query to rows whose searchable text contains the query; `target` adds the bigram index.
 * By default SQLite collects every match from the index first (right when all are needed, sorted);
 * `firstOnly` has it walk the index row by row instead, for a query that stops early (a capped count).
 */
export function whereTextMatches<QB extends SelectQueryBuilder<any, any, any>>(
  qb: QB,
  dialect: Dialect,
  table: string,
  query: string,
  target?: SearchTarget,
  { firstOnly = false }: { firstOnly?: boolean } = {},
): QB {
  const normalized = normalizeSearchText(query);
  const result = qb.where(contains(`${table}.search_text`, normalized)) as QB;
  const phrase = phraseQuery(normalized);
  if (!target || !phrase) return result;
  if (dialect === 'postgres')
    return result.where(sql<boolean>`${sql.ref(`${table}.search_grams`)} @> ${bigrams(normalized)}::text[]`) as QB;
  const fts = sql.table(target.ftsTable);
  if (firstOnly)
    return (result as SelectQueryBuilder<any, any, any>)
      .innerJoin(target.ftsTableKey, `${target.ftsTableKey}.rowid`, `${table}.id`)
      .where(sql<boolean>`${fts} match ${phrase}`) as QB;
  return result.where(
    sql<boolean>`${sql.ref(`${table}.id`)} in (select rowid from ${fts} where ${fts} match ${phrase})`,
  ) as QB;
}

/** Column values that carry the document on the record itself. */
export function searchColumns(dialect: Dialect, doc: SearchDocument) {
  return dialect === 'postgres'
    ? { searchText: doc.text, searchGrams: doc.grams ? [...new Set(doc.grams.split(' '))] : [] }
    : { searchText: doc.text };
}

/** Keeps the SQLite FTS5 table in step with the records (Postgres indexes the column itself). */
export async function syncSearchIndex(
  db: Kysely<DB>,
  dialect: Dialect,
  ftsTable: 'customer_search',
  docs: Array<{ id: number; grams: string }>,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<void> {
  if (dialect === 'postgres' || !docs.length) return;
  // Rows inserted in this transaction have no index entry yet; only changed rows need the old one removed.
  if (!fresh) {
    for (let i = 0; i < docs.length; i += 500) {
      await sql`delete from ${sql.table(ftsTable)} where rowid in (${sql.join(docs.slice(i, i + 500).map((d) => d.id))})`.execute(
        db,
      );
    }
  }
  await insertRows(
    db,
    ftsTableKeys[ftsTable],
    docs.map((d) => ({ rowid: d.id, grams: d.grams })),
  );
}
