import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { gathersMatches, walkingSortIndexWhenMany } from '../db/plan-hints.ts';
import type { Scope } from './scope.ts';
import {
  type CountMode,
  countUpTo,
  glanceCountCap,
  isLongList,
  keysetOf,
  limitPage,
  type ListPageQuery,
  type ListTotal,
  orderBySpec,
  pageWindow,
  type SortSpec,
  sortSpec,
} from './list-query.ts';
import { hasBigrams, newestCandidates, type SearchTarget, searchBreadth, searchCountCap } from './search.ts';

type Rows<O = any> = SelectQueryBuilder<any, any, O>;

/** A list's way through its order by keys (see `keysetOf`): the page before's key, and the next one's. */
type Keyset = ReturnType<typeof keysetOf>;

/** A page asked for: its number and size, and — for a list read by keys — its keyset. */
type PageRequest = { page: number; pageSize: number; keyset?: Keyset };

/** A page's total with the key of its last row, given when more rows follow (see `keysetOf`). */
type KeyedTotal = ListTotal & { nextKey?: unknown[] };

/** A page with its total, and its `nextKey` when it was read in its keyset's order. */
function withNextKey<O extends object>(items: O[], total: ListTotal, page: PageRequest): { items: O[] } & KeyedTotal {
  return page.keyset ? page.keyset.keyed(items, total) : { items, ...total };
}

/**
 * A list's total, counted the way `count` does (see `countUpTo`), then its page of `sorted`: the same
 * rows with their columns, in order. Given the dialect, a page of many rows walks its sort's index
 * (see `walkingSortIndexWhenMany`).
 */
export async function countedPage<O extends object>(
  count: () => Promise<ListTotal>,
  sorted: Rows<O>,
  page: PageRequest,
  dialect?: Dialect,
): Promise<{ items: O[] } & KeyedTotal> {
  const total = await count();
  const query = dialect ? walkingSortIndexWhenMany(sorted, dialect, total) : sorted;
  const items = await limitPage(query, { ...page, after: page.keyset?.after }).execute();
  return withNextKey(items, total, page);
}

/**
 * The newest page of `filtered` (by `newestBy`, then id, both descending) and their number (see
 * `countUpTo`): the page's ids first, then those rows of `withColumns` (see `pageOfIds`), so that joins
 * and sub-queries are read for the page only.
 */
export async function newestPageByIds<O extends { id: number }>(
  db: Kysely<DB>,
  dialect: Dialect,
  filtered: Rows,
  withColumns: Rows<O>,
  table: string,
  newestBy: string,
  page: ListPageQuery,
): Promise<{ items: O[] } & KeyedTotal> {
  const order = `${newestBy}:desc`;
  const keyset = keysetOf(page, sortSpec(order, { [newestBy]: { column: `${table}.${newestBy}` } }, order));
  const total = await countUpTo(db, filtered, page.count);
  const items = await pageOfIds(
    walkingSortIndexWhenMany(filtered, dialect, total),
    (rows) => orderBySpec(rows, keyset.spec),
    table,
    (ids) => withColumns.where(`${table}.id`, 'in', ids).execute(),
    { ...page, keyset },
  );
  return keyset.keyed(items, total);
}

/**
 * A page of a list searched for `q` through the kind's bigram index, served as `searchBreadth` judges:
 * a fragment the index names in few rows fetches them all and counts them exactly; one found in many
 * rows is read in the list's own order, keeping the rows that contain it, and counted up to
 * `searchCountCap` (exactly when asked). A glance is served by `glancedPage`. `rows(index)` is the
 * filtered list with or without the index; `narrowScope` says it holds few rows of the kind (one
 * person's), cheaper to read whole than to pick out of every owner's matches.
 */
export async function searchedPage<O extends { id: number }>(
  db: Kysely<DB>,
  dialect: Dialect,
  target: SearchTarget,
  q: string,
  rows: (index: boolean | 'firstOnly') => Rows,
  sorted: (rows: Rows) => Rows<O>,
  page: PageRequest & { count?: CountMode },
  { narrowScope = false }: { narrowScope?: boolean } = {},
): Promise<{ items: O[] } & KeyedTotal> {
  if (page.count === 'glance' && dialect === 'sqlite' && hasBigrams(q)) {
    const glanced = await glancedPage(db, target, q, rows(false), sorted, page, narrowScope);
    if (glanced) return glanced;
    // A narrow scope's matches are few among many: its own rows are checked for the text, newest updated
    // first (the order of the owner's index, so that a common fragment stops early), in one read that
    // both counts (up to the glance's cap) and names the page.
    const own = rows(false);
    return newestMatches(target.table, own, own, sorted, page, 'updatedAt');
  }
  const breadth = await searchBreadth(db, dialect, target, q);
  if (breadth === 'few')
    return countedPage(
      () => countUpTo(db, rows(true), page.count === 'glance' ? 'glance' : 'exact'),
      sorted(rows(true)),
      page,
    );
  return countedPage(
    () => countUpTo(db, rows(breadth === 'dense' ? false : 'firstOnly'), page.count, searchCountCap),
    sorted(rows(false)),
    page,
    dialect,
  );
}

/**
 * How many of the bigram index's newest candidates a glance checks before it reads the scope's own rows:
 * each one by id when the caller may see most rows; all of them against a narrow scope's own index.
 */
const glanceCandidates = 5000;
const narrowGlanceCandidates = 20_000;

/**
 * SQLite's glance at a searched list: the bigram index's newest candidates (one read of the index), each
 * checked against the filters, scope and text newest first, stopping after `glanceCountCap + 1`
 * matches — as many row reads as matches shown when the caller may see most rows. Null when that would
 * not finish within `glanceCandidates` candidates: a fragment found in many rows, searched within a
 * narrow scope, or whose newest candidates held too few matches.
 */
async function glancedPage<O extends { id: number }>(
  db: Kysely<DB>,
  target: SearchTarget,
  q: string,
  filtered: Rows,
  sorted: (rows: Rows) => Rows<O>,
  page: { page: number; pageSize: number },
  narrowScope: boolean,
): Promise<({ items: O[] } & ListTotal) | null> {
  let candidates = await newestCandidates(db, target, q, glanceCandidates + 1);
  // A narrow scope checks more candidates when their ids say there are not many more: the newest ones
  // spread over a span of ids, and as densely over the older ids.
  if (narrowScope && candidates.length > glanceCandidates) {
    const span = candidates[0] - candidates[glanceCandidates - 1] + 1;
    if ((glanceCandidates * candidates[0]) / span > narrowGlanceCandidates) return null;
    candidates = await newestCandidates(db, target, q, narrowGlanceCandidates + 1);
  }
  const limit = narrowScope ? narrowGlanceCandidates : glanceCandidates;
  const everyCandidate = candidates.length <= limit;
  if (!everyCandidate && narrowScope) return null;
  const { table } = target;
  // A narrow scope's rows are read from its own index, each id checked against the candidates before its
  // row is read (`+id`: no lookup by id); otherwise the candidates are read by id, newest first.
  const id = narrowScope ? sql`+${sql.ref(`${table}.id`)}` : sql.ref(`${table}.id`);
  // json_each hands the ids over as one parameter.
  const ofCandidates = filtered.where(
    sql<boolean>`${id} in (select value from json_each(${JSON.stringify(candidates.slice(0, limit))}))`,
  );
  const glance = await newestMatches(table, ofCandidates, filtered, sorted, page, 'id');
  return glance.totalCapped || everyCandidate ? glance : null;
}

/**
 * A glance at `matching`: its newest rows (by `newestBy`, then id), up to `glanceCountCap + 1`, read
 * once, which give both the total (capped) and the page; then the page's rows of `filtered` with their
 * columns.
 */
async function newestMatches<O extends { id: number }>(
  table: string,
  matching: Rows,
  filtered: Rows,
  sorted: (rows: Rows) => Rows<O>,
  page: { page: number; pageSize: number },
  newestBy: 'id' | 'updatedAt',
): Promise<{ items: O[] } & ListTotal> {
  const ordered = newestBy === 'id' ? matching : matching.orderBy(`${table}.updatedAt`, 'desc');
  const matches = (
    await ordered
      .select(`${table}.id`)
      .orderBy(`${table}.id`, 'desc')
      .limit(glanceCountCap + 1)
      .execute()
  ).map((r) => r.id as number);
  const capped = matches.length > glanceCountCap;
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  const ids = matches.slice(offset, offset + limit);
  return {
    items: await rowsOfIds(sorted(filtered), table, ids),
    ...(capped ? { total: glanceCountCap, totalCapped: true as const } : { total: matches.length }),
  };
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
  page: PageRequest,
): Promise<O[]> {
  const ids = (
    await limitPage(sort(filtered.select(`${table}.id`)), { ...page, after: page.keyset?.after }).execute()
  ).map((r) => r.id as number);
  return ids.length ? inIdOrder(ids, await rowsOf(ids)) : [];
}

/** The rows of `rows` with these ids, in their order (see `inIdOrder`). */
async function rowsOfIds<O extends { id: number }>(rows: Rows<O>, table: string, ids: number[]): Promise<O[]> {
  // The ids give the order: the rows are read by id, never sorted.
  return ids.length ? inIdOrder(ids, await rows.clearOrderBy().where(`${table}.id`, 'in', ids).execute()) : [];
}

/** `rows` in the order of `ids`, leaving out any id no row has (gone since the ids were read). */
export function inIdOrder<O extends { id: number }>(ids: number[], rows: O[]): O[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is O => row !== undefined);
}

/** A department scope wider than this is not merged department by department: its list walks the update index. */
const maxMergedDepartments = 50;

/**
 * The ids of a page of a department scope in update order (`updatedAt`, then id): one compound select
 * of each department's rows, ordered as a whole, which both databases answer by merging the
 * departments' own index walks (department, update time, id) as they go — SQLite's merge of a compound
 * select's ordered arms, PostgreSQL's Merge Append — reading only as many entries in all as the page
 * reaches. A department whose rows are all old costs no more than one that is busy, as a walk of
 * everyone's update index would pass every other department's newer rows first. `after` (a cursor's
 * key) starts every department's walk there.
 */
export async function newestIdsByDepartment(
  db: Kysely<DB>,
  dialect: Dialect,
  table: string,
  departments: Rows[],
  direction: 'asc' | 'desc',
  page: { page: number; pageSize: number; after?: RawBuilder<boolean> },
): Promise<number[]> {
  const arms = departments.map((rows) =>
    (page.after ? rows.where(page.after) : rows).select([`${table}.id`, `${table}.updatedAt`]),
  );
  const { limit, offset } = page.after ? { limit: page.pageSize, offset: 0 } : pageWindow(page.page, page.pageSize);
  if (dialect === 'sqlite') {
    // SQLite orders each arm of a compound select for the merge itself (and allows no order within one).
    const merged = arms.slice(1).reduce((all, arm) => all.unionAll(arm), arms[0]);
    const newest = await merged
      .orderBy('updatedAt', direction)
      .orderBy('id', direction)
      .limit(limit)
      .offset(offset)
      .execute();
    return newest.map((row) => Number(row.id));
  }
  // PostgreSQL merges the arms only when each is ordered itself (a sub-select in brackets, as a query
  // builder is given to a raw statement).
  const order = direction === 'asc' ? sql`asc` : sql`desc`;
  const ordered = arms.map((arm) => arm.orderBy(`${table}.updatedAt`, direction).orderBy(`${table}.id`, direction));
  const { rows } = await sql<{ id: number }>`${sql.join(ordered, sql` union all `)}
    order by ${sql.ref('updatedAt')} ${order}, ${sql.ref('id')} ${order}
    limit ${limit} offset ${offset}`.execute(db);
  return rows.map((row) => Number(row.id));
}

/**
 * Whether a department scope's page in update order is merged department by department: for several
 * departments, not too many, when the list is long. A short list's rows are few enough to be found
 * through their filters' own indexes and sorted, which costs less than each department's walk when
 * the filters match few rows of some departments (each would read all its rows to find them).
 */
export function mergesDepartments(departmentIds: number[], total: ListTotal): boolean {
  return departmentIds.length > 1 && departmentIds.length <= maxMergedDepartments && isLongList(total);
}

/**
 * A department scope's lists, one per department, for `newestIdsByDepartment`: for lists whose default
 * order is update time, newest first.
 */
export type DepartmentLists = { departmentIds: number[]; rows: (departmentId: number) => Rows };

/** The lists of each department of a department scope (none for another scope); `rows` filters a list for a scope. */
export function listsByDepartment(scope: Scope, rows: (scope: Scope) => Rows): DepartmentLists | undefined {
  if (scope.kind !== 'departments') return undefined;
  return {
    departmentIds: scope.departmentIds,
    rows: (departmentId) => rows({ ...scope, departmentIds: [departmentId] }),
  };
}

/**
 * A list's page with its total: through the bigram index (see `searchedPage`) when it is searched,
 * otherwise counted up to the cap. `rows(index)` is the filtered list, `sorted` orders it with columns;
 * `narrowScope`: see `searchedPage`. A list in update order (its default) of a scope of several
 * departments, given `byDepartment`, is read department by department (`newestIdsByDepartment`).
 * `gatherable`: one of the filters leads an index (see `gathersMatches`).
 */
export async function listPage<O extends { id: number }>(
  db: Kysely<DB>,
  dialect: Dialect,
  target: SearchTarget,
  q: string | undefined,
  rows: (index: boolean | 'firstOnly') => Rows,
  sorted: (rows: Rows) => Rows<O>,
  page: PageRequest & { count?: CountMode; sort?: string },
  scope: { narrowScope?: boolean; byDepartment?: DepartmentLists; gatherable?: boolean } = {},
): Promise<{ items: O[] } & KeyedTotal> {
  if (q) return searchedPage(db, dialect, target, q, rows, sorted, page, scope);
  const filtered = rows(true);
  const total = await countUpTo(db, filtered, page.count);
  const [sortField, sortDirection] = (page.sort ?? 'updatedAt:desc').split(':');
  const merges = sortField === 'updatedAt' && mergesDepartments(scope.byDepartment?.departmentIds ?? [], total);
  const keyset = page.keyset;
  /** The page's ids when they are read apart from its rows; null when the page is read with its joins. */
  const pageIds = async (): Promise<number[] | null> => {
    if (merges)
      return newestIdsByDepartment(
        db,
        dialect,
        target.table,
        scope.byDepartment!.departmentIds.map((id) => scope.byDepartment!.rows(id)),
        sortDirection === 'asc' ? 'asc' : 'desc',
        { ...page, after: keyset?.after },
      );
    if (!keyset || !ordersByOwnColumns(keyset.spec, target.table)) return null;
    // SQLite reads a first page with its joins (one statement less); PostgreSQL checks a filter inside the
    // index it walks only when it reads no column outside it, and otherwise reads the row of every entry it
    // passes (9.6 s for a rare pair of ticket filters by creation date).
    if (page.page === 1 && dialect === 'sqlite') return null;
    // A later page's ids are read from the filtered rows alone, in the sort's index, and only that page's
    // rows are joined: a page read with its joins joins every row it skips (seconds at page 200).
    const walked = walkingSortIndexWhenMany(filtered.select(`${target.table}.id`), dialect, total);
    // Sorted by update time, a filter's own index walks in order already (owner, then update time).
    const gather = gathersMatches(dialect, total, (scope.gatherable ?? false) && sortField !== 'updatedAt');
    return (await keyset.limit(orderBySpec(walked, keyset.spec, { gather })).execute()).map((row) => row.id as number);
  };
  const ids = await pageIds();
  if (ids) return withNextKey(await rowsOfIds(sorted(filtered), target.table, ids), total, page);
  return countedPage(async () => total, sorted(filtered), page, dialect);
}

/** Whether an order is by the list's own columns (not a joined table's), so that its ids can be read alone. */
function ordersByOwnColumns(spec: SortSpec, table: string): boolean {
  return [spec.column, ...spec.ties].every((column) => column.startsWith(`${table}.`));
}
