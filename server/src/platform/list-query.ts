import { type SelectQueryBuilder, sql } from 'kysely';

export type SortColumns = Record<string, { column: string; nullable?: boolean }>;

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
  const idColumn = `${spec.column.split('.')[0]}.id`;
  return qb.orderBy(sql`${sql.ref(spec.column)} ${dir}${nulls}`).orderBy(sql`${sql.ref(idColumn)} ${dir}`) as QB;
}

export function pageWindow(page: number, pageSize: number) {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}
