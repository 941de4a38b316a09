import { type Kysely, PostgresAdapter } from 'kysely';
import type { Dialect } from './database.ts';

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column types that differ between the two dialects; everything else is plain SQL types. */
export function columnTypes(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    timestamp: pg ? ('timestamptz' as const) : ('text' as const),
    date: pg ? ('date' as const) : ('text' as const),
    json: pg ? ('jsonb' as const) : ('text' as const),
  };
}
