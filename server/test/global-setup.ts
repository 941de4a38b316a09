import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { seedEssentials } from '../src/db/seed.ts';
import {
  adminPassword,
  onPostgresServer,
  postgresUrl,
  templateEnv,
  testDatabasePrefix,
  testDialects,
} from './databases.ts';

/**
 * Once per test run: a migrated and seeded database of each dialect, which every test app copies instead of
 * running all migrations again (createTestDatabase with `seeded`). The teardown drops the run's PostgreSQL
 * databases that are still there. Both projects name this file; the first to start does the work.
 */
// Each project loads this module anew: what they share lives on the global object.
type Shared = { users: number; prepared: Promise<() => Promise<void>> | null };
const shared: Shared = ((globalThis as { relateTestTemplates?: Shared }).relateTestTemplates ??= {
  users: 0,
  prepared: null,
});

/** Brings the database at `url` to the latest migration with the essential rows, and closes it. */
async function migrateAndSeed(url: string, options?: Parameters<typeof openDatabase>[1]): Promise<void> {
  const database = openDatabase(url, options);
  try {
    await migrateToLatest(database.db);
    await seedEssentials(database.db, adminPassword);
  } finally {
    await database.close();
  }
}

async function prepare(): Promise<() => Promise<void>> {
  process.env[templateEnv.run] = `${Date.now().toString(36)}${process.pid}_`;
  const prefix = testDatabasePrefix();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relate-template-'));
  const file = path.join(dir, 'template.db');
  // Closing checkpoints the write-ahead log into the file, so the file alone is the whole database.
  await migrateAndSeed(`sqlite:${file}`);
  process.env[templateEnv.sqlite] = file;

  const template = `${prefix}template`;
  if (testDialects.includes('postgres')) {
    await onPostgresServer((client) => client.query(`create database ${template}`));
    await migrateAndSeed(postgresUrl(template), { poolSize: 1 });
    process.env[templateEnv.postgres] = template;
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!testDialects.includes('postgres')) return;
    await onPostgresServer(async (client) => {
      const { rows } = await client.query<{ name: string }>(
        `select datname as name from pg_database where datname like $1`,
        [`${prefix}%`],
      );
      for (const { name } of rows) await client.query(`drop database if exists ${name} with (force)`);
    });
  };
}

export default async function setup(): Promise<() => Promise<void>> {
  shared.users++;
  shared.prepared ??= prepare();
  const teardown = await shared.prepared;
  return async () => {
    if (--shared.users === 0) await teardown();
  };
}
