import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { seedEssentials } from '../src/db/seed.ts';
import type { PushHub } from '../src/platform/user-push.ts';
import { adminPassword, createTestDatabase, type TestDialect } from './databases.ts';

export { adminPassword };

/** Pool settings of every test app: one connection, and a clear failure instead of a wait. */
export const testPool = { poolSize: 1, acquireTimeoutMs: 5_000 };

/** No API request in a test may take longer than this; a hang becomes a failing test. */
export const requestTimeoutMs = 5_000;

/** `app.inject`, failing after `requestTimeoutMs` with the method and URL. */
export function injectWithin(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${options.method} ${options.url} did not answer within ${requestTimeoutMs} ms`)),
      requestTimeoutMs,
    );
  });
  return Promise.race([app.inject(options), timeout]).finally(() => clearTimeout(timer));
}

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  dataDir: string;
  /** The database's URL, for a second server instance on the same database. */
  databaseUrl: string;
  config: Config;
  dialect: TestDialect;
  admin: Client;
  login: (username: string, password: string) => Promise<Client>;
  close: () => Promise<void>;
};

type RequestOptions = { query?: Record<string, string | number>; headers?: Record<string, string>; payload?: unknown };

/** A signed-in caller: keeps the session cookie and sends the CSRF token on writes. */
export type Client = {
  request: (method: string, url: string, options?: RequestOptions) => Promise<LightMyRequestResponse>;
  get: (url: string, query?: Record<string, string | number>) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  delete: (url: string) => Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
  userId: number;
};

export function clientFor(app: FastifyInstance, cookie: string, csrfToken: string, userId: number): Client {
  const request: Client['request'] = (method, url, options = {}) =>
    injectWithin(app, {
      method: method as 'GET',
      url,
      query: options.query as Record<string, string> | undefined,
      payload: options.payload as object | undefined,
      headers: { cookie, 'x-csrf-token': csrfToken, 'accept-language': 'en', ...options.headers },
    });
  return {
    request,
    get: (url, query) => request('GET', url, { query }),
    post: (url, payload) => request('POST', url, { payload: payload ?? {} }),
    patch: (url, payload) => request('PATCH', url, { payload: payload ?? {} }),
    put: (url, payload) => request('PUT', url, { payload: payload ?? {} }),
    delete: (url) => request('DELETE', url),
    cookie,
    csrfToken,
    userId,
  };
}

/** The caller as their browser is after `response`: with the cookies it set. */
export function keepingCookies(app: FastifyInstance, client: Client, response: LightMyRequestResponse): Client {
  const cookies = new Map(client.cookie.split('; ').map((pair) => pair.split('=', 2) as [string, string]));
  for (const cookie of response.cookies) cookies.set(cookie.name, cookie.value);
  const header = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return clientFor(app, header, client.csrfToken, client.userId);
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const response = await injectWithin(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed for ${username}: ${response.body}`);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const body = response.json();
  return clientFor(app, cookie, body.csrfToken, body.user.id);
}

/** Builds the real application on a fresh database of the dialect, signed in as the administrator. */
/** `env`: further environment variables for the app's configuration (rate limits, proxies …). */
export async function createTestApp(
  dialect: TestDialect,
  options: {
    serveWeb?: boolean;
    env?: Record<string, string>;
    plugins?: KyselyPlugin[];
    pushHub?: PushHub;
    /** The URL of the read replica of the new database (DATABASE_REPLICA_URL), once it is there. */
    replicaOf?: (databaseUrl: string) => Promise<string>;
  } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase(dialect, { seeded: true });
  const replicaUrl = options.replicaOf && (await options.replicaOf(testDb.url));
  const config = loadConfig({
    DATA_DIR: testDb.dataDir,
    DATABASE_URL: testDb.url,
    LOG_LEVEL: 'silent',
    ...(replicaUrl ? { DATABASE_REPLICA_URL: replicaUrl } : {}),
    ...options.env,
  } as NodeJS.ProcessEnv);
  // One PostgreSQL connection per app, as SQLite has: a second handle taken inside a transaction fails the test.
  const database = openDatabase(config.databaseUrl, {
    ...testPool,
    replicaUrl: config.replica.url,
    replicaMaxLagMs: config.replica.maxLagMs,
  });
  if (!testDb.seeded) {
    await migrateToLatest(database.db);
    await seedEssentials(database.db, adminPassword);
  }
  // TEST_LOG=error shows the server's own account of a failing request.
  const app = await buildApp({
    config,
    database: { ...database, db: (options.plugins ?? []).reduce((db, plugin) => db.withPlugin(plugin), database.db) },
    logger: process.env.TEST_LOG ? { level: process.env.TEST_LOG } : false,
    serveWeb: options.serveWeb ?? false,
    pushHub: options.pushHub,
  });
  await app.ready();
  const admin = await signIn(app, 'admin', adminPassword);
  return {
    app,
    database,
    dataDir: testDb.dataDir,
    databaseUrl: config.databaseUrl,
    config,
    dialect,
    admin,
    login: (username, password) => signIn(app, username, password),
    close: async () => {
      await app.close();
      await database.close();
      await testDb.drop();
    },
  };
}
