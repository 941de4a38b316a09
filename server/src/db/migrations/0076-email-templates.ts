import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Email templates: a template (category, shared or personal, its owner, a default language) holds a
 * version per language (subject and body with Liquid merge fields). Contacts get the language mail is
 * written to them in, which picks the version.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('email_templates')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    // marketing, transactional or service
    .addColumn('category', 'text', (c) => c.notNull())
    // shared or personal
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('default_language', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  await db.schema
    .createIndex('email_templates_updated')
    .on('email_templates')
    .columns(['updated_at', 'id'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema
    .createTable('email_template_versions')
    .addColumn('template_id', 'integer', (c) => c.notNull().references('email_templates.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_template_versions_pk', ['template_id', 'language'])
    .execute();

  await db.schema.alterTable('contacts').addColumn('language', 'text').execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: ['emailTemplates.view', 'emailTemplates.manage'] },
    sales_manager: { permissions: ['emailTemplates.view', 'emailTemplates.manage'] },
    sales_rep: { permissions: ['emailTemplates.view'] },
    service_agent: { permissions: ['emailTemplates.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('language').execute();
  await db.schema.dropTable('email_template_versions').execute();
  await db.schema.dropTable('email_templates').execute();
}
