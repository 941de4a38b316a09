import type { PageQuery } from '@relate/common';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';

/**
 * The sorts a list offers: each field's column, whether it may be empty, and — for a column of a joined
 * table — the ids that order rows with equal values (by default the id of the column's own table).
 */
export type SortColumns = Record<string, { column: string; nullable?: boolean; ties?: string[] }>;

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
  const [field, direction] = (sort ?? fallback).split(':');
  const [fallbackField] = fallback.split(':');
  const spec = columns[field] ?? columns[fallbackField];
  const dir = direction === 'asc' ? sql`asc` : sql`desc`;
  const nulls = spec.nullable ? sql` nulls last` : sql``;
  const ties = spec.ties ?? [`${spec.column.split('.')[0]}.id`];
  return ties.reduce(
    (sorted, id) => sorted.orderBy(sql`${sql.ref(id)} ${dir}`),
    qb.orderBy(sql`${sql.ref(spec.column)} ${dir}${nulls}`),
  ) as QB;
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
