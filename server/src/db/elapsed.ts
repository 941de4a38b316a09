import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from './database.ts';

/**
 * Whole days from an instant column to a later instant (ISO text), as both databases count them:
 * SQLite from Julian day numbers, PostgreSQL from the seconds between.
 */
export function daysSince(dialect: Dialect, column: RawBuilder<unknown>, until: string): RawBuilder<number> {
  if (dialect === 'sqlite') return sql<number>`cast(julianday(${until}) - julianday(${column}) as integer)`;
  return sql<number>`floor(extract(epoch from (${until}::timestamptz - ${column})) / 86400)::integer`;
}
