import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('sales_targets')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('sales_targets_key', ['scope_type', 'scope_id', 'metric', 'period'])
    .execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['performance.view', 'targets.manage'] },
    sales_manager: { permissions: ['performance.view', 'targets.manage'] },
    sales_rep: { permissions: ['performance.view'] },
    readonly: { permissions: ['performance.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sales_targets').execute();
}
