/**
 * The bench's dataset: one database per dialect and size, generated once in parts (customers, sales,
 * money, service) and reused by every later run.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { type Dialect, openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrator.ts';
import { seedEssentials } from '../server/src/db/seed.ts';
import { generateDataset } from './generate.ts';
import { generateSalesData } from './generate-sales.ts';
import { generateMoneyData } from './generate-money.ts';
import { generateServiceData } from './generate-service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const benchAdminPassword = 'Admin12345';
export type BenchDatabase = ReturnType<typeof openDatabase>;
export type DatasetSize = {
  customers: number;
  followups: number;
  opportunities: number;
  orders: number;
  tickets: number;
};

/** The dataset's database URL: a file in bench/out, or a database of its own beside BENCH_POSTGRES_URL. */
export async function benchDatabaseUrl(dialect: Dialect, customerCount: number): Promise<string> {
  const outDir = path.join(here, 'out');
  mkdirSync(outDir, { recursive: true });
  if (dialect === 'sqlite') return `sqlite:${path.join(outDir, `bench-${customerCount}.db`)}`;
  const adminUrl = process.env.BENCH_POSTGRES_URL!;
  const name = `relate_bench_${customerCount}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (!exists.rowCount) await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function count(database: BenchDatabase, table: 'customers' | 'followups' | 'orders' | 'tickets') {
  return Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** Opens the dataset, generating whatever part of it is missing, with fresh planner statistics. */
export async function openDataset(
  dialect: Dialect,
  url: string,
  size: DatasetSize,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  const database = openDatabase(url);
  // A migration may rewrite a table's rows (as 0048 fills the contacts' customer names): like new data,
  // they want fresh statistics and visibility.
  let generated = (await migrateToLatest(database.db)).length > 0;
  await seedEssentials(database.db, benchAdminPassword);
  const timed = async (what: string, run: () => Promise<void>) => {
    generated = true;
    const started = Date.now();
    await run();
    log(`  ${what} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  const customers = await count(database, 'customers');
  if (customers === 0)
    await timed('dataset', async () => {
      await generateDataset(database.db, dialect, size.customers, log);
    });
  else log(`  reusing the dataset (${customers.toLocaleString()} customers)`);
  const followups = await count(database, 'followups');
  if (followups === 0 && size.followups > 0)
    await timed('sales data', () =>
      generateSalesData(database.db, dialect, { followups: size.followups, opportunities: size.opportunities }, log),
    );
  else log(`  reusing the sales data (${followups.toLocaleString()} follow-ups)`);
  const orders = await count(database, 'orders');
  if (orders === 0 && size.orders > 0)
    await timed('money data', () => generateMoneyData(database.db, dialect, { orders: size.orders }, log));
  else log(`  reusing the money data (${orders.toLocaleString()} orders)`);
  const tickets = await count(database, 'tickets');
  if (tickets === 0 && size.tickets > 0)
    await timed('service data', () => generateServiceData(database.db, dialect, { tickets: size.tickets }, log));
  else log(`  reusing the service data (${tickets.toLocaleString()} tickets)`);
  await removeImported(database, dialect, size.customers);
  // As at start-up of the server: statistics for the planner.
  await database.optimize(true);
  // A freshly loaded or rewritten PostgreSQL table has no planner statistics and no visibility map until
  // autovacuum comes round: every list would scan the whole table, and no count could be read from an
  // index alone.
  if (dialect === 'postgres' && generated) await sql`vacuum analyze`.execute(database.db);
  return database;
}

/** Takes out what a (possibly interrupted) import run added, so every run measures the generated dataset. */
export async function removeImported(database: BenchDatabase, dialect: Dialect, customerCount: number) {
  const imported = database.db.selectFrom('customers').select('id').where('id', '>', customerCount);
  await database.db
    .deleteFrom('auditLogs')
    .where('entity', '=', 'customers')
    .where('entityId', '>', customerCount)
    .execute();
  await database.db.deleteFrom('customerTags').where('customerId', 'in', imported).execute();
  if (dialect === 'sqlite') await database.db.deleteFrom('customerSearch').where('rowid', '>', customerCount).execute();
  await database.db.deleteFrom('customers').where('id', '>', customerCount).execute();
  await database.db.updateTable('sequences').set({ value: customerCount }).where('name', '=', 'customers').execute();
}
