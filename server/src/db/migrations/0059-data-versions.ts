import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { addDataVersionTriggers, dropDataVersionTriggers } from './helpers.ts';

/**
 * A version per table that a report reads, moved on by the database itself whenever a row of it is
 * written, so that a report's answer can be kept and given again while none of its tables changed — on
 * every server instance, whatever path wrote the rows (forms, imports, jobs, SQL).
 *
 * SQLite: one counter row per table, raised by a trigger for each written row (SQLite has no statement
 * triggers; its writes are one at a time anyway). PostgreSQL: a statement trigger appends one row to
 * data_changes, which no two transactions contend for (a counter row updated by concurrent transactions
 * would hold them in turn, and in opposite orders, deadlock them); the version is the table's compacted
 * base plus its rows in data_changes, counted, never the largest id — ids are taken before commit, so a
 * transaction committing after a later one would not move the largest.
 */
const tracked = [
  'customers',
  'customer_values',
  'contacts',
  'leads',
  'followups',
  'opportunities',
  'pipeline_stages',
  'quotes',
  'orders',
  'order_lines',
  'products',
  'product_categories',
  'receipts',
  'instalments',
  'invoices',
  'contracts',
  'tickets',
  'work_orders',
  'surveys',
  'survey_invitations',
  'users',
  'departments',
  'custom_field_definitions',
];

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('data_versions')
    .addColumn('table_name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .insertInto('data_versions')
    .values(tracked.map((table) => ({ table_name: table, version: 0 })))
    .execute();
  if (dialect === 'postgres') {
    await sql`create table data_changes (id bigserial primary key, table_name text not null)`.execute(db);
    await sql`create index data_changes_table on data_changes (table_name)`.execute(db);
    await sql`create function relate_data_change() returns trigger language plpgsql as $$
      begin
        insert into data_changes (table_name) values (tg_table_name);
        return null;
      end $$`.execute(db);
  }
  await addDataVersionTriggers(db, tracked);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropDataVersionTriggers(db, tracked);
  if (dialectOf(db) === 'postgres') {
    await sql`drop function relate_data_change()`.execute(db);
    await sql`drop table data_changes`.execute(db);
  }
  await db.schema.dropTable('data_versions').execute();
}
