import type { PageQuery } from '@relate/common';
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';

/**
 * The sorts a list offers: each field's column, whether it may be empty, and — for a column of a joined
 * table — the ids that order rows with equal values (by default the id of the column's own table), with
 * the fields of a row that hold the sort's value and those ids (by default the sort's field and `id`).
 */
export type SortColumns = Record<string, { column: string; nullable?: boolean; ties?: string[]; keyFields?: string[] }>;

/** One list order: the column, its direction, whether it may be empty, and the ids that break ties. */
export type SortSpec = {
  column: string;
  direction: 'asc' | 'desc';
  nullable: boolean;
  ties: string[];
  /** The fields of a row that hold its place in this order (see `keyOf`). */
  keyFields: string[];
};

/** The order `sort=field:dir` asks for, from a whitelist (else `fallback`). */
export function sortSpec(sort: string | undefined, columns: SortColumns, fallback: string): SortSpec {
  const [field, direction] = (sort ?? fallback).split(':');
  const [fallbackField] = fallback.split(':');
  const known = field in columns ? field : fallbackField;
  const spec = columns[known];
  return {
    column: spec.column,
    direction: direction === 'asc' ? 'asc' : 'desc',
    nullable: spec.nullable ?? false,
    ties: spec.ties ?? [`${spec.column.split('.')[0]}.id`],
    keyFields: spec.keyFields ?? [known, 'id'],
  };
}

/**
 * Applies `sort=field:dir` from a whitelist, with id as the tie-breaker so pages never overlap.
 * Empty values sort last on both dialects (they differ by default).
 */
export function applySort<QB extends SelectQueryBuilder<any, any, any>>(
  qb: QB,
  sort: string | undefined,
  columns: SortColumns,
  fallback: string,
): QB {
  return orderBySpec(qb, sortSpec(sort, columns, fallback));
}

/**
 * Orders by `spec`. `gather` writes each key as an expression no index gives (`coalesce(x, x)`, the
 * same value): PostgreSQL then finds the rows through their filters' indexes and sorts them, instead of
 * walking the sort's index (see `gathersMatches`).
 */
export function orderBySpec<QB extends SelectQueryBuilder<any, any, any>>(
  qb: QB,
  spec: SortSpec,
  { gather = false }: { gather?: boolean } = {},
): QB {
  const dir = spec.direction === 'asc' ? sql`asc` : sql`desc`;
  const nulls = spec.nullable ? sql` nulls last` : sql``;
  const key = (column: string) => (gather ? sql`coalesce(${sql.ref(column)}, ${sql.ref(column)})` : sql.ref(column));
  return spec.ties.reduce(
    (sorted, id) => sorted.orderBy(sql`${key(id)} ${dir}`),
    qb.orderBy(sql`${key(spec.column)} ${dir}${nulls}`),
  ) as QB;
}

/** A row's place in `spec`'s order: its sort value, then its tie-breaking ids. */
export function keyOf(row: Record<string, unknown>, spec: SortSpec): unknown[] {
  return spec.keyFields.map((field) => row[field] ?? null);
}

/**
 * The rows after `key` in `spec`'s order (empty values last), as one row-value comparison that an index
 * on the sort's columns walks from there; undefined for a key that is not one of this order's.
 */
export function afterKey(spec: SortSpec, key: unknown[]): RawBuilder<boolean> | undefined {
  const [value, ...ids] = key;
  if (key.length !== spec.ties.length + 1 || ids.some((id) => typeof id !== 'number')) return undefined;
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') return undefined;
  const cmp = spec.direction === 'asc' ? sql`>` : sql`<`;
  const column = sql.ref(spec.column);
  const ties = sql.join(spec.ties.map((tie) => sql.ref(tie)));
  const tieValues = sql.join(ids.map((id) => sql`${id}`));
  if (value === null)
    return spec.nullable ? sql<boolean>`(${column} is null and (${ties}) ${cmp} (${tieValues}))` : undefined;
  const after = sql<boolean>`(${column}, ${ties}) ${cmp} (${value}, ${tieValues})`;
  return spec.nullable ? sql<boolean>`(${after} or ${column} is null)` : after;
}

/**
 * How a list reads a page in `spec`'s order: after the key of the page before it (`afterKey`, from the
 * request's cursor) when given, else by its number (`limit`); and the page's rows with their total and,
 * when more rows follow, the key of its last row to hand on (`keyed`).
 */
export function keysetOf(page: { page: number; pageSize: number; afterKey?: unknown[] }, spec: SortSpec) {
  const after = page.afterKey ? afterKey(spec, page.afterKey) : undefined;
  return {
    spec,
    after,
    limit: <QB extends SelectQueryBuilder<any, any, any>>(sorted: QB): QB => limitPage(sorted, { ...page, after }),
    keyed: <O extends object>(items: O[], total: ListTotal): { items: O[]; nextKey?: unknown[] } & ListTotal => {
      const before = (page.page - 1) * page.pageSize;
      const more = items.length === page.pageSize && (total.totalCapped || before + items.length < total.total);
      return {
        items,
        ...total,
        ...(more && { nextKey: keyOf(items[items.length - 1] as Record<string, unknown>, spec) }),
      };
    },
  };
}

/** What a list asks of its repository: the page, its order and count, and the key its cursor gave. */
export type ListPageQuery = {
  page: number;
  pageSize: number;
  sort?: string;
  count?: CountMode;
  afterKey?: unknown[];
};

/** A page of a sorted list: after the page before's last row when the cursor gave it, else by its number. */
export function limitPage<QB extends SelectQueryBuilder<any, any, any>>(
  sorted: QB,
  page: { page: number; pageSize: number; after?: RawBuilder<boolean> },
): QB {
  if (page.after) return sorted.where(page.after).limit(page.pageSize) as QB;
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  return sorted.limit(limit).offset(offset) as QB;
}

export function pageWindow(page: number, pageSize: number) {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

/**
 * Lists are counted exactly up to this many matches. Counting a million rows reads a million index
 * entries on every page view; above the cap a list says "10 000+" and counts exactly when asked.
 */
export const listCountCap = 10_000;

/** A glance (`count=glance`, the global search's look at each kind) counts up to this many. */
export const glanceCountCap = 100;

/** How a list is counted: up to a cap (by default), to the end (`exact`), or up to `glanceCountCap` (`glance`). */
export type CountMode = PageQuery['count'];

export type ListTotal = { total: number; totalCapped?: true };

/** Whether a list holds more rows than it counts to: a page of it is best read in order from an index, never sorted. */
export const isLongList = (total: ListTotal) => total.totalCapped === true || total.total > listCountCap;

/**
 * The number of rows `rows` yields: counted up to `cap` (`glanceCountCap` for a glance), or to the end
 * when the list asks for an exact count (its `count` parameter).
 */
export async function countUpTo(
  db: Kysely<any>,
  rows: SelectQueryBuilder<any, any, any>,
  count: CountMode,
  listCap = listCountCap,
): Promise<ListTotal> {
  const selected = rows.clearSelect().select(sql`1`.as('one'));
  const exact = count === 'exact';
  const cap = count === 'glance' ? Math.min(listCap, glanceCountCap) : listCap;
  const counted = await db
    .selectFrom((exact ? selected : selected.limit(cap + 1)).as('counted'))
    .select(sql<number>`count(*)`.as('total'))
    .executeTakeFirstOrThrow();
  const total = Number(counted.total);
  return !exact && total > cap ? { total: cap, totalCapped: true } : { total };
}

/** One page of `rows` in the order they are given, with the exact number of all the rows that match. */
export async function pageWithTotal<O>(
  rows: SelectQueryBuilder<any, any, O>,
  page: { page: number; pageSize: number },
) {
  const { total } = await rows
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(page.page, page.pageSize);
  return { items: await rows.limit(limit).offset(offset).execute(), total: Number(total) };
}
