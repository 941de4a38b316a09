import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

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
