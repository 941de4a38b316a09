import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { countUpTo, type ListTotal, pageWindow } from './list-query.ts';
import { type SearchTarget, searchBreadth, searchCountCap } from './search.ts';

type Rows<O = any> = SelectQueryBuilder<any, any, O>;

/**
 * A list's total, counted the way `count` does (see `countUpTo`), then its page of
 * `sorted`: the same rows with their columns, in order.
 */
export async function countedPage<O, T extends ListTotal>(
  count: () => Promise<T>,
  sorted: Rows<O>,
  page: { page: number; pageSize: number },
): Promise<{ items: O[] } & T> {
  const total = await count();
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  return { items: await sorted.limit(limit).offset(offset).execute(), ...total };
}

/**
 * The newest page of `filtered` (by `newestBy`, then id, both descending) and their number (see
 * `countUpTo`): the page's ids first, then those rows of `withColumns` (see `pageOfIds`), so that joins
 * and sub-queries are read for the page only.
 */
export async function newestPageByIds<O extends { id: number }>(
  db: Kysely<DB>,
  filtered: Rows,
  withColumns: Rows<O>,
  table: string,
  newestBy: string,
  page: { page: number; pageSize: number; count?: 'exact' },
): Promise<{ items: O[] } & ListTotal> {
  const newestFirst = <QB extends Rows>(qb: QB) =>
    qb.orderBy(`${table}.${newestBy}`, 'desc').orderBy(`${table}.id`, 'desc') as QB;
  const total = await countUpTo(db, filtered, page.count);
  const items = await pageOfIds(
    filtered,
    newestFirst,
    table,
    (ids) => withColumns.where(`${table}.id`, 'in', ids).execute(),
    page,
  );
  return { items, ...total };
}

/**
 * A page of a list searched for `q` through the kind's bigram index, served as `searchBreadth` judges:
 * a fragment the index names in few rows fetches them all and counts them exactly; one found in many
 * rows is read in the list's own order, keeping the rows that contain it, and counted up to
 * `searchCountCap` (exactly when asked). `rows(index)` is the filtered list with or without the index.
 */
export async function searchedPage<O>(
  db: Kysely<DB>,
  dialect: Dialect,
  target: SearchTarget,
  q: string,
  rows: (index: boolean | 'firstOnly') => Rows,
  sorted: (rows: Rows) => Rows<O>,
  page: { page: number; pageSize: number; count?: 'exact' },
): Promise<{ items: O[] } & ListTotal> {
  const breadth = await searchBreadth(db, dialect, target, q);
  if (breadth === 'few') return countedPage(() => countUpTo(db, rows(true), 'exact'), sorted(rows(true)), page);
  return countedPage(
    () => countUpTo(db, rows(breadth === 'dense' ? false : 'firstOnly'), page.count, searchCountCap),
    sorted(rows(false)),
    page,
  );
}

/**
 * A page of `filtered` in order: the page's ids first, read from the indexes alone where they can be,
 * then only those rows with their columns and joins (`rowsOf`), in the same order.
 */
export async function pageOfIds<O extends { id: number }>(
  filtered: Rows,
  sort: (rows: Rows) => Rows,
  table: string,
  rowsOf: (ids: number[]) => Promise<O[]>,
  page: { page: number; pageSize: number },
): Promise<O[]> {
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  const ids = (
    await sort(filtered.select(`${table}.id`))
      .limit(limit)
      .offset(offset)
      .execute()
  ).map((r) => r.id as number);
  if (!ids.length) return [];
  const byId = new Map((await rowsOf(ids)).map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is O => row !== undefined);
}

/**
 * A list's page with its total: through the bigram index (see `searchedPage`) when it is searched,
 * otherwise counted up to the cap. `rows(index)` is the filtered list, `sorted` orders it with columns.
 */
export function listPage<O>(
  db: Kysely<DB>,
  dialect: Dialect,
  target: SearchTarget,
  q: string | undefined,
  rows: (index: boolean | 'firstOnly') => Rows,
  sorted: (rows: Rows) => Rows<O>,
  page: { page: number; pageSize: number; count?: 'exact' },
): Promise<{ items: O[] } & ListTotal> {
  if (q) return searchedPage(db, dialect, target, q, rows, sorted, page);
  const filtered = rows(true);
  return countedPage(() => countUpTo(db, filtered, page.count), sorted(filtered), page);
}
