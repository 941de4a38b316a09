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

/**
 * Whole days from one instant column to a later one, exact to the millisecond on both databases (SQLite's
 * Julian day numbers are rounded to milliseconds first, so ten days apart is never 9.999… days).
 */
export function daysBetween(dialect: Dialect, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number> {
  if (dialect === 'sqlite')
    return sql<number>`cast(round((julianday(${to}) - julianday(${from})) * 86400000) as integer) / 86400000`;
  return sql<number>`floor(extract(epoch from (${to} - ${from})) / 86400)::integer`;
}

/** Whole days from an instant column to a later instant (ISO text), exact to the millisecond as `daysBetween`. */
export function wholeDaysUntil(dialect: Dialect, column: RawBuilder<unknown>, until: string): RawBuilder<number> {
  return daysBetween(dialect, column, dialect === 'sqlite' ? sql`${until}` : sql`cast(${until} as timestamptz)`);
}
