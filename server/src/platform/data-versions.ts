import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/**
 * The versions of some tables, as one text that changes whenever a committed write touched any of them
 * (migration 0059: the database's triggers move them). Read before the data it stands for: a write
 * committed in between leaves newer data under an older version, never older data under a newer one.
 */
export async function tableVersions(db: Kysely<DB>, dialect: Dialect, tables: readonly string[]): Promise<string> {
  const names = [...new Set(tables)].sort();
  const rows =
    dialect === 'sqlite'
      ? await db.selectFrom('dataVersions').select(['tableName', 'version']).where('tableName', 'in', names).execute()
      : (
          await sql<{ tableName: string; version: number }>`
            select v.table_name, v.version + (select count(*) from data_changes c where c.table_name = v.table_name) as version
            from data_versions v where v.table_name in (${sql.join(names)})`.execute(db)
        ).rows;
  const byName = new Map(rows.map((row) => [row.tableName, Number(row.version)]));
  const untracked = names.filter((name) => !byName.has(name));
  if (untracked.length) throw new Error(`No data version is kept for ${untracked.join(', ')}: add triggers for it`);
  return names.map((name) => `${name}:${byName.get(name)}`).join(',');
}

/**
 * PostgreSQL: folds the rows data_changes holds into each table's base version, in one statement (a
 * reader's base plus count never sees half of it). Rows of transactions not yet committed stay, to be
 * counted when they are. Several instances may run it at once: a row is deleted, and counted, once.
 */
export async function compactDataChanges(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`
    with moved as (delete from data_changes returning table_name),
    counted as (select table_name, count(*) as n from moved group by table_name)
    update data_versions v set version = v.version + counted.n from counted where v.table_name = counted.table_name`.execute(
    db,
  );
}
