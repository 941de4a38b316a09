import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

const work = ['tasks.view', 'tasks.create', 'tasks.edit', 'tasks.delete'];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('related_entity', 'text')
    .addColumn('related_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('remind_minutes', 'integer')
    .addColumn('notes', 'text')
    .addColumn('recurrence', 'text', (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  const active = sql<boolean>`deleted_at is null`;
  for (const [name, columns] of [
    ['tasks_owner_due', ['owner_id', 'due_at', 'id']],
    ['tasks_department_due', ['department_id', 'due_at', 'id']],
    ['tasks_related', ['related_entity', 'related_id']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('tasks').columns(columns).where(active).execute();
  }
  await db.schema
    .createIndex('followups_owner_next')
    .on('followups')
    .columns(['owner_id', 'next_followup_at'])
    .where(sql<boolean>`deleted_at is null and next_followup_at is not null`)
    .execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: work, dataScopes: { tasks: 'all' } },
    sales_manager: { permissions: work, dataScopes: { tasks: 'department_tree' } },
    sales_rep: { permissions: work, dataScopes: { tasks: 'own' } },
    service_agent: { permissions: work, dataScopes: { tasks: 'own' } },
    readonly: { permissions: ['tasks.view'], dataScopes: { tasks: 'all' } },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('followups_owner_next').execute();
  await db.schema.dropTable('tasks').execute();
}
