import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { dialectOf } from '../dialect.ts';

/** Integer surrogate key: identity on Postgres, rowid alias on SQLite. */
export function idColumn(dialect: Dialect) {
  return (column: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? column.generatedByDefaultAsIdentity().primaryKey() : column.primaryKey().autoIncrement();
}

/**
 * Gives the built-in roles of an existing installation the permissions and data scopes of a
 * module that arrives with this migration (a fresh installation gets them from the role seed).
 */
export async function grantToBuiltInRoles(
  db: Kysely<any>,
  grants: Record<string, { permissions: string[]; dataScopes?: Record<string, string> }>,
): Promise<void> {
  for (const [code, grant] of Object.entries(grants)) {
    const role = await db
      .selectFrom('roles')
      .select(['id', 'permissions', 'dataScopes'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!role) continue;
    const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
    const permissions = [...new Set([...(parse(role.permissions) as string[]), ...grant.permissions])].sort();
    const dataScopes = { ...(grant.dataScopes ?? {}), ...(parse(role.dataScopes) as Record<string, string>) };
    await db
      .updateTable('roles')
      .set({ permissions: JSON.stringify(permissions), dataScopes: JSON.stringify(dataScopes) })
      .where('id', '=', role.id)
      .execute();
  }
}

/**
 * Replaces an index by one in the list's order (`columns`) with what it carries besides: on SQLite as
 * further columns, on PostgreSQL as included ones (no part of the key, so a long search text never
 * exceeds its size). `activeOnly` indexes the rows not in the recycle bin.
 */
export async function rebuildIndex(
  db: Kysely<any>,
  table: string,
  name: string,
  columns: string[],
  carried: string[],
  activeOnly = true,
) {
  await sql`drop index ${sql.id(name)}`.execute(db);
  const ids = (names: string[]) => sql.join(names.map((c) => sql.id(c)));
  const postgres = dialectOf(db) === 'postgres';
  const key = postgres || !carried.length ? columns : [...columns, ...carried];
  const include = postgres && carried.length ? sql` include (${ids(carried)})` : sql``;
  const partial = activeOnly ? sql` where deleted_at is null` : sql``;
  await sql`create index ${sql.id(name)} on ${sql.table(table)} (${ids(key)})${include}${partial}`.execute(db);
}

/**
 * Triggers that move a table's data version (migration 0059) on every committed write: on SQLite a row
 * update per statement's row, on PostgreSQL a row in data_changes per statement (folded in later).
 */
export async function addDataVersionTriggers(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const table of tables)
      for (const event of ['insert', 'update', 'delete'])
        await sql`create trigger ${sql.raw(`${table}_version_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
          begin update data_versions set version = version + 1 where table_name = ${sql.lit(table)}; end`.execute(db);
    return;
  }
  for (const table of tables)
    await sql`create trigger ${sql.raw(`${table}_version`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function relate_data_change()`.execute(db);
}

export async function dropDataVersionTriggers(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const table of tables)
      for (const event of ['insert', 'update', 'delete'])
        await sql`drop trigger ${sql.raw(`${table}_version_${event}`)}`.execute(db);
    return;
  }
  for (const table of tables) await sql`drop trigger ${sql.raw(`${table}_version`)} on ${sql.table(table)}`.execute(db);
}
