import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'postgres';

/** SQLite always; Postgres when TEST_POSTGRES_URL points at a server where we may create databases. */
export const testDialects: TestDialect[] = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** The administrator's password in every seeded test database. */
export const adminPassword = 'Admin12345';

export type TestDatabase = { url: string; dataDir: string; drop: () => Promise<void> };

/**
 * Set by the test run's global setup (global-setup.ts): a SQLite file and a PostgreSQL database holding every
 * migration and the essential rows, and a prefix that names this run's PostgreSQL databases (the teardown
 * drops whatever carries it).
 */
export const templateEnv = {
  sqlite: 'RELATE_TEST_TEMPLATE_SQLITE',
  postgres: 'RELATE_TEST_TEMPLATE_POSTGRES',
  run: 'RELATE_TEST_RUN',
} as const;

export const testDatabasePrefix = () => `relate_test_${process.env[templateEnv.run] ?? ''}`;

export function postgresUrl(name: string): string {
  const url = new URL(process.env.TEST_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on a connection to the server's maintenance database. */
export async function onPostgresServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL! });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// Dropping a PostgreSQL database waits for a checkpoint (a second or more on a busy server). Nothing waits for
// that: the drop goes on while the next tests run, and the run's teardown drops whatever is left.
const pendingDrops = new Set<Promise<void>>();

async function dropPostgres(name: string): Promise<void> {
  await onPostgresServer(async (client) => {
    // Closed pools may still be shutting their sockets; terminating those would surface as an
    // uncaught client error, so wait for them to go before dropping (forcing only as a last resort).
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(`drop database if exists ${name} with (force)`);
  });
}

/** Waits for the drops still under way in this process. */
export async function settleDrops(): Promise<void> {
  await Promise.all([...pendingDrops]);
}

async function newDatabase(dialect: TestDialect, template: string | undefined): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relate-test-'));
  if (dialect === 'sqlite') {
    const file = path.join(dataDir, 'test.db');
    if (template) copyFileSync(template, file);
    return { url: `sqlite:${file}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `${testDatabasePrefix()}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await onPostgresServer(async (client) => {
    // The run's template is copied: every migration in a fraction of the time they take to run.
    await client.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
    // A commit need not wait for its write-ahead log to reach the disk: only a crash of the PostgreSQL server
    // itself could lose it, which no test does. A busy disk otherwise makes every request wait.
    await client.query(`alter database ${name} set synchronous_commit = off`);
  });
  return {
    url: postgresUrl(name),
    dataDir,
    drop: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      const dropping: Promise<void> = dropPostgres(name)
        .catch(() => undefined)
        .finally(() => pendingDrops.delete(dropping));
      pendingDrops.add(dropping);
    },
  };
}

/**
 * A new database of the dialect, and a data folder; `drop` removes both. Empty, or with `{ seeded: true }` a copy
 * of the run's template (every migration, the essential rows, the administrator signing in with `adminPassword`)
 * when the global setup made one: `seeded` says whether the copy was made, else the caller migrates and seeds.
 */
export async function createTestDatabase(
  dialect: TestDialect,
  options: { seeded?: boolean } = {},
): Promise<TestDatabase & { seeded: boolean }> {
  const template = options.seeded ? process.env[templateEnv[dialect]] : undefined;
  return { ...(await newDatabase(dialect, template)), seeded: Boolean(template) };
}
