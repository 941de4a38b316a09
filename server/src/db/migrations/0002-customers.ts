import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  await db.schema
    .createTable('customers')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('company'))
    .addColumn('level', 'text')
    .addColumn('credit_level', 'text')
    .addColumn('stage', 'text')
    .addColumn('industry', 'text')
    .addColumn('source', 'text')
    .addColumn('country', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('district', 'text')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_norm', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('remark', 'text')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('custom_fields', t.json, (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_followup_at', t.timestamp)
    .addColumn('next_followup_at', t.timestamp)
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .addColumn('merged_into_id', 'integer')
    .execute();

  const active = sql<boolean>`deleted_at is null`;
  const indexes: Array<[string, string[]]> = [
    ['customers_updated', ['updated_at', 'id']],
    ['customers_owner_updated', ['owner_id', 'updated_at', 'id']],
    ['customers_department_updated', ['department_id', 'updated_at', 'id']],
    ['customers_name_norm', ['name_norm']],
    ['customers_phone_norm', ['phone_norm']],
    ['customers_email', ['email']],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('customers').columns(columns).where(active).execute();
  }
  await db.schema.createIndex('customers_deleted').on('customers').column('deleted_at').execute();

  if (dialect === 'postgres') {
    await sql`alter table customers add column search_grams text[] not null default '{}'`.execute(db);
    await sql`create index customers_search_grams on customers using gin (search_grams) where deleted_at is null`.execute(
      db,
    );
  } else {
    await sql`create virtual table customer_search using fts5(grams, content='', contentless_delete=1, tokenize='ascii')`.execute(
      db,
    );
  }

  await db.schema
    .createTable('customer_tags')
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['customer_id', 'tag'])
    .execute();
  await db.schema.createIndex('customer_tags_tag').on('customer_tags').columns(['tag', 'customer_id']).execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('title', 'text')
    .addColumn('department', 'text')
    .addColumn('mobile', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('wechat', 'text')
    .addColumn('birthday', t.date)
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decision_role', 'text')
    .addColumn('remark', 'text')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'integer')
    .execute();
  await db.schema.createIndex('contacts_customer').on('contacts').columns(['customer_id', 'id']).execute();
  for (const [name, columns] of [
    ['contacts_updated', ['updated_at', 'id']],
    ['contacts_owner_updated', ['owner_id', 'updated_at', 'id']],
    ['contacts_department_updated', ['department_id', 'updated_at', 'id']],
  ] as Array<[string, string[]]>) {
    await db.schema.createIndex(name).on('contacts').columns(columns).where(active).execute();
  }

  await db.schema
    .createTable('anniversaries')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('month_day', 'integer', (c) => c.notNull())
    .addColumn('remind_days_before', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('remark', 'text')
    .execute();
  await db.schema.createIndex('anniversaries_contact').on('anniversaries').column('contact_id').execute();
  await db.schema.createIndex('anniversaries_month_day').on('anniversaries').column('month_day').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_entity').on('attachments').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('options', t.json, (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', t.json, (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['imports', 'attachments', 'anniversaries', 'contacts', 'customer_tags', 'customers']) {
    await db.schema.dropTable(table).execute();
  }
  if (dialectOf(db) === 'sqlite') await sql`drop table customer_search`.execute(db);
}
