import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('approval_flows')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('approval_requests')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('amount', 'text')
    .addColumn('flow_id', 'integer', (c) => c.notNull().references('approval_flows.id'))
    .addColumn('flow_name', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('current_step', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
    .addColumn('decided_at', t.timestamp)
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('approval_requests_document')
    .on('approval_requests')
    .columns(['document_type', 'document_id', 'id'])
    .execute();
  await db.schema
    .createIndex('approval_requests_submitter')
    .on('approval_requests')
    .columns(['submitted_by', 'id'])
    .execute();
  await db.schema
    .createTable('approval_decisions')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('approver_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('decided_at', t.timestamp)
    .addUniqueConstraint('approval_decisions_once', ['request_id', 'step', 'approver_id'])
    .execute();
  await db.schema
    .createIndex('approval_decisions_approver')
    .on('approval_decisions')
    .columns(['approver_id', 'decision', 'request_id'])
    .execute();
  await db.schema.alterTable('quotes').addColumn('approval_status', 'text').execute();
  await grantToBuiltInRoles(db, { admin: { permissions: ['approvals.manage'] } });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('quotes').dropColumn('approval_status').execute();
  for (const table of ['approval_decisions', 'approval_requests', 'approval_flows'])
    await db.schema.dropTable(table).execute();
}
