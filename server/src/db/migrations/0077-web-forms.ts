import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { grantToBuiltInRoles, idColumn } from './helpers.ts';

/**
 * Web-to-lead forms (网络表单) and lead assignment rules (线索分配规则): a form's definition and its
 * submissions (each with the lead it made or updated, UTM parameters and referrer); the ordered rules that
 * give a lead an owner, each keeping its round-robin turn on its own row, and the default owner; consent
 * given on a lead (as contacts have it); and the source "web form" in the source dictionary.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('web_forms')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('intro_zh', 'text')
    .addColumn('intro_en', 'text')
    // The fields asked, in order: key, labels, required, help texts (JSON).
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('consent', 'text')
    .addColumn('thank_you_zh', 'text')
    .addColumn('thank_you_en', 'text')
    .addColumn('redirect_url', 'text')
    .addColumn('allowed_origins', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('lead_source', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema.createIndex('web_forms_updated').on('web_forms').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('web_form_submissions')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('form_id', 'integer', (c) => c.notNull().references('web_forms.id'))
    .addColumn('lead_id', 'integer')
    .addColumn('created_lead', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'integer')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('consent', 'integer', (c) => c.notNull())
    .addColumn('utm_source', 'text')
    .addColumn('utm_medium', 'text')
    .addColumn('utm_campaign', 'text')
    .addColumn('utm_term', 'text')
    .addColumn('utm_content', 'text')
    .addColumn('referrer', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('web_form_submissions_form')
    .on('web_form_submissions')
    .columns(['form_id', 'id'])
    .execute();

  await db.schema
    .createTable('assignment_rules')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // Conditions (JSON arrays; an empty one matches anything) and the score band.
    .addColumn('provinces', 'text', (c) => c.notNull())
    .addColumn('cities', 'text', (c) => c.notNull())
    .addColumn('industries', 'text', (c) => c.notNull())
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('score_min', 'integer')
    .addColumn('score_max', 'integer')
    // The team: chosen users and/or a department's active members.
    .addColumn('user_ids', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer')
    .addColumn('method', 'text', (c) => c.notNull())
    // Leads handed out by this rule so far: the round robin's turn, moved by one conditional update.
    .addColumn('turn', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('assignment_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('default_owner_id', 'integer')
    .execute();
  await db.insertInto('assignment_settings').values({ id: 1, default_owner_id: null }).execute();

  await db.schema
    .createTable('lead_consents')
    .addColumn('lead_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('changed_by', 'integer')
    .addPrimaryKeyConstraint('lead_consents_pk', ['lead_id', 'channel'])
    .execute();

  const source = await db
    .selectFrom('dictionary_options')
    .select(['id'])
    .where('type', '=', 'customer_source')
    .where('code', '=', 'web_form')
    .executeTakeFirst();
  const known = await db
    .selectFrom('dictionary_options')
    .select((eb) => eb.fn.max('sort_order').as('last'))
    .where('type', '=', 'customer_source')
    .executeTakeFirst();
  // A fresh database gets its dictionaries from the seed after the migrations; an existing one gets it here.
  if (!source && known?.last != null)
    await db
      .insertInto('dictionary_options')
      .values({
        type: 'customer_source',
        code: 'web_form',
        label_zh: '网络表单',
        label_en: 'Web form',
        sort_order: Number(known.last) + 1,
        color: null,
        enabled: 1,
      })
      .execute();

  await grantToBuiltInRoles(db, {
    admin: { permissions: ['webForms.view', 'webForms.manage', 'assignmentRules.manage'] },
    sales_manager: { permissions: ['webForms.view', 'webForms.manage', 'assignmentRules.manage'] },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['lead_consents', 'assignment_settings', 'assignment_rules', 'web_form_submissions', 'web_forms'])
    await db.schema.dropTable(table).execute();
}
