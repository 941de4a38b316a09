import { type Kysely, sql } from 'kysely';
import { createMigrator } from '../../db/migrator.ts';
import type { DB } from '../../db/schema.ts';

export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** The migrations this version knows that the database has not run. */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.filter((m) => !m.executedAt).map((m) => m.name);
}
