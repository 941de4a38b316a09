import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/** Knowledge base: articles with their versions and votes, and the articles linked to tickets. */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('kb_articles_listed')
    .on('kb_articles')
    .columns(['status', 'updated_at'])
    .where(sql<boolean>`deleted_at is null`)
    .execute();
  await db.schema
    .createTable('kb_article_versions')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_article_versions_pk', ['article_id', 'version'])
    .execute();
  await db.schema
    .createTable('kb_votes')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id'))
    // "user:12" for staff; later "contact:34" for portal users.
    .addColumn('voter', 'text', (c) => c.notNull())
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_votes_pk', ['article_id', 'voter'])
    .execute();
  await db.schema
    .createTable('ticket_articles')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_articles_pk', ['ticket_id', 'article_id'])
    .execute();
  await grantToBuiltInRoles(db, {
    admin: { permissions: ['knowledge.view', 'knowledge.manage', 'knowledge.review'] },
    sales_manager: { permissions: ['knowledge.view'] },
    sales_rep: { permissions: ['knowledge.view'] },
    service_agent: { permissions: ['knowledge.view', 'knowledge.manage'] },
    readonly: { permissions: ['knowledge.view'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ticket_articles', 'kb_votes', 'kb_article_versions', 'kb_articles'])
    await db.schema.dropTable(table).execute();
}
