import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { PushHub } from '../src/platform/user-push.ts';
import { type Client, createTestApp, signIn, type TestApp, testPool } from './app.ts';

/** A second server instance on the database of a test app: its own data folder, pool and open streams. */
export type SecondInstance = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  dataDir: string;
  hub: PushHub;
  login: (username: string, password: string) => Promise<Client>;
  close: () => Promise<void>;
};

/**
 * Two server instances on one fresh PostgreSQL database, as a load balancer would see them: `a` is a
 * whole test app (signed in as the administrator), `b` shares nothing with it but the database and the
 * session secret — not the data folder, not the process's hub of open streams. `env` configures both.
 */
export async function createTwoInstances(
  env: Record<string, string> = {},
): Promise<{ a: TestApp & { hub: PushHub }; b: SecondInstance; close: () => Promise<void> }> {
  const hubA = new PushHub();
  const a = await createTestApp('postgres', { env, pushHub: hubA });
  const b = await secondInstance(a, env);
  return {
    a: { ...a, hub: hubA },
    b,
    close: async () => {
      await b.close();
      await a.close();
    },
  };
}

async function secondInstance(first: TestApp, env: Record<string, string>): Promise<SecondInstance> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relate-test-b-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: first.databaseUrl,
    SESSION_SECRET: first.config.sessionSecret,
    LOG_LEVEL: 'silent',
    ...env,
  } as NodeJS.ProcessEnv);
  const database = openDatabase(config.databaseUrl, {
    ...testPool,
    replicaUrl: config.replica.url,
    replicaMaxLagMs: config.replica.maxLagMs,
  });
  const hub = new PushHub();
  const app = await buildApp({
    config,
    database,
    logger: process.env.TEST_LOG ? { level: process.env.TEST_LOG } : false,
    serveWeb: false,
    pushHub: hub,
  });
  await app.ready();
  return {
    app,
    database,
    config,
    dataDir,
    hub,
    login: (username, password) => signIn(app, username, password),
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
