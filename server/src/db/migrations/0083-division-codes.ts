import { type Kysely, sql } from 'kysely';
import { everyDivision } from '../../platform/divisions.ts';

const tables = ['customers', 'leads'] as const;

/**
 * Customers and leads keep the GB/T 2260 code of their division beside its names. Existing addresses get
 * the code their names give exactly (through a table of every division, dropped after), or none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).addColumn('division_code', 'text').execute();
  await db.schema
    .createTable('division_names_fill')
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .execute();
  const divisions = everyDivision().map((d) => ({
    province: d.province,
    city: d.city ?? '',
    district: d.district ?? '',
    code: d.code,
  }));
  for (let i = 0; i < divisions.length; i += 500)
    await db
      .insertInto('division_names_fill')
      .values(divisions.slice(i, i + 500))
      .execute();
  await db.schema
    .createIndex('division_names_fill_names')
    .on('division_names_fill')
    .columns(['province', 'city', 'district'])
    .execute();
  for (const table of tables)
    await sql`update ${sql.table(table)} set division_code = (
        select d.code from division_names_fill d
        where d.province = ${sql.ref(`${table}.province`)}
          and d.city = coalesce(${sql.ref(`${table}.city`)}, '')
          and d.district = coalesce(${sql.ref(`${table}.district`)}, ''))
      where ${sql.ref(`${table}.province`)} is not null`.execute(db);
  await db.schema.dropTable('division_names_fill').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).dropColumn('division_code').execute();
}
