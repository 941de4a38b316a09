/**
 * The server as the HTTP benches use it: the dataset's database behind a real Fastify app on a local
 * port, signed in as the administrator, a regional manager (a department tree, a fifth of the data)
 * and a sales rep (their own customers), with every statement the app runs recordable.
 */
import os from 'node:os';
import path from 'node:path';
import { queryPlan, StatementRecorder } from '../server/src/db/statement-recorder.ts';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import type { Dialect } from '../server/src/db/database.ts';
import { type BenchDatabase, benchAdminPassword } from './dataset.ts';

export type Session = { cookie: string; csrf: string };
export type Role = 'admin' | 'manager' | 'rep';

/** Signs in over HTTP: the session cookie and the CSRF token. */
export async function login(baseUrl: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrfToken };
}

export type Statement = { sql: string; parameters: readonly unknown[]; ms: number; plan: string };

export async function startBenchServer(dialect: Dialect, url: string, database: BenchDatabase) {
  const recorder = new StatementRecorder();
  const db = database.db.withPlugin(recorder);
  const dataDir = path.join(os.tmpdir(), `relate-bench-${dialect}`);
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const app = await buildApp({ config, database: { ...database, db }, logger: false, serveWeb: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const sessions: Record<Role, Session> = {
    admin: await login(baseUrl, 'admin', benchAdminPassword),
    manager: await login(baseUrl, 'manager1', 'Bench12345'),
    rep: await login(baseUrl, 'rep1_1_1', 'Bench12345'),
  };
  const get = async (role: Role, pathAndQuery: string) => {
    const response = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { cookie: sessions[role].cookie } });
    if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };

  const post = async (role: Role, pathAndQuery: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${pathAndQuery}`, {
      method: 'POST',
      headers: {
        cookie: sessions[role].cookie,
        'x-csrf-token': sessions[role].csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };

  /** The statements one request runs, each timed alone and with its plan, slowest first. */
  const statementsOf = async (role: Role, pathAndQuery: string): Promise<Statement[]> => {
    recorder.start();
    let recorded;
    try {
      await get(role, pathAndQuery);
    } finally {
      recorded = recorder.stop(database.db);
    }
    const statements: Statement[] = [];
    for (const compiled of recorded) {
      if (!/^\s*(select|with)/i.test(compiled.sql)) continue;
      const started = performance.now();
      await database.db.executeQuery(compiled);
      const ms = performance.now() - started;
      const plan = (await queryPlan(database.db, dialect, compiled)).join('\n');
      statements.push({ sql: compiled.sql, parameters: compiled.parameters, ms, plan });
    }
    return statements.sort((a, b) => b.ms - a.ms);
  };

  return {
    baseUrl,
    get,
    post,
    statementsOf,
    userId: async (username: string) =>
      (await database.db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirstOrThrow())
        .id,
    close: () => app.close(),
  };
}

export type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;
