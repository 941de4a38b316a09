import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { readYourWritesCookie } from '../src/platform/read-your-writes.ts';
import { registeredRoutes } from '../src/platform/route.ts';
import { adminPassword, type Client, clientFor, createTestApp, keepingCookies, type TestApp } from './app.ts';
import { createTestDatabase, type TestDatabase, testDialects } from './databases.ts';
import { unique } from './factories.ts';
import { createTwoInstances } from './instances.ts';
import { startTcpProxy, type TcpProxy, throughProxy } from './tcp-proxy.ts';

/**
 * The replica here is a second copy of the seeded database on the same server, never written to: whatever
 * a list shows of the test's writes was read from the primary, and a list without them from the replica.
 */
const windowSeconds = 2.5;
const replicaEnv = (url: string) => ({
  DATABASE_REPLICA_URL: url,
  REPLICA_MAX_LAG_SECONDS: '0.5',
  READ_YOUR_WRITES_SECONDS: String(windowSeconds),
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const wroteCookie = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === readYourWritesCookie);

async function customersNamed(client: Client, prefix: string) {
  const response = await client.get('/api/v1/customers', { q: prefix, pageSize: 50 });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { total: number; items: unknown[] };
}

describe.runIf(testDialects.includes('postgres'))('heavy reads on the read replica', () => {
  let replicaDb: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;
  let writer: Client;
  let reader: Client;
  const prefix = unique('副本客户');
  const created = 55;

  beforeAll(async () => {
    replicaDb = await createTestDatabase('postgres', { seeded: true });
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(replicaDb.url).port || 5432) });
    t = await createTestApp('postgres', { env: replicaEnv(throughProxy(replicaDb.url, proxy)) });
    expect((await t.database.replica!.check()).state).toBe('current');
    writer = t.admin;
    // The same administrator in another browser: no write of its own.
    reader = await t.login('admin', adminPassword);
    for (let i = 0; i < created; i++) {
      const response = await writer.post('/api/v1/customers', { name: `${prefix}${String(i).padStart(2, '0')}` });
      expect(response.statusCode, response.body).toBe(201);
      writer = keepingCookies(t.app, writer, response);
    }
  });
  /** Measures the replica just before a read it should answer: on a busy machine a measurement may otherwise be too old to believe. */
  const measured = async () => expect((await t.database.replica!.check()).state).toBe('current');
  beforeEach(async () => {
    await proxy.up();
  });
  afterAll(async () => {
    await t?.close();
    await replicaDb?.drop();
  });

  it('answers a user’s lists right after their own writes from the primary, everyone else’s from the replica', async () => {
    const own = await customersNamed(writer, prefix);
    expect(own.total).toBe(created);
    expect(own.items).toHaveLength(50);
    await measured();
    expect((await customersNamed(reader, prefix)).total).toBe(0);
    // A record's own page is not a heavy read: the primary answers it for everyone.
    const one = (await writer.get('/api/v1/customers', { q: prefix, pageSize: 1 })).json().items[0];
    expect((await reader.get(`/api/v1/customers/${one.id}`)).statusCode).toBe(200);
  });

  it('sends global search, reports and exports to the replica as well', async () => {
    const search = async (client: Client) =>
      (await client.get('/api/v1/search', { q: prefix, types: 'customers' })).json().groups;
    const report = async (client: Client) => {
      const response = await client.post('/api/v1/reports/run', {
        source: 'customers',
        filters: [{ field: 'name', op: 'contains', value: prefix }],
        measures: [{ aggregate: 'count' }],
      });
      expect(response.statusCode, response.body).toBe(200);
      return Object.values(response.json().totals)[0];
    };
    const exported = async (client: Client) => {
      const response = await client.get('/api/v1/exports/customers', { q: prefix, format: 'csv' });
      expect(response.statusCode).toBe(200);
      return response.body.split('\n').filter((line) => line.includes(prefix)).length;
    };
    expect((await search(writer))[0].total).toBe(created);
    await measured();
    expect(await search(reader)).toEqual([]);
    expect(await report(writer)).toBe(created);
    await measured();
    expect(await report(reader)).toBe(0);
    expect(await exported(writer)).toBe(created);
    await measured();
    expect(await exported(reader)).toBe(0);
  });

  it('sets the read-your-writes cookie on a change only, not on a report asked for by POST nor on a refused change', async () => {
    const report = await reader.post('/api/v1/reports/run', {
      source: 'customers',
      measures: [{ aggregate: 'count' }],
    });
    expect(report.statusCode).toBe(200);
    expect(wroteCookie(report)).toBeUndefined();
    const refused = await reader.post('/api/v1/customers', { name: '' });
    expect(refused.statusCode).toBe(400);
    expect(wroteCookie(refused)).toBeUndefined();
    const change = await reader.post('/api/v1/customers', { name: unique('另一个') });
    expect(change.statusCode).toBe(201);
    const cookie = wroteCookie(change)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: Math.ceil(windowSeconds) });
    // Signed: the value alone names the window's end, the signature that this server set it.
    expect(t.app.unsignCookie(cookie.value)).toMatchObject({ valid: true });
  });

  it('ignores a window cookie it did not sign, or one reaching further than a window', async () => {
    const withCookie = (value: string) =>
      clientFor(t.app, `${reader.cookie}; ${readYourWritesCookie}=${value}`, reader.csrfToken, reader.userId);
    const later = Date.now() + 1_000;
    await measured();
    expect((await customersNamed(withCookie(String(later)), prefix)).total).toBe(0);
    await measured();
    expect((await customersNamed(withCookie(t.app.signCookie(String(Date.now() + 3_600_000))), prefix)).total).toBe(0);
    expect((await customersNamed(withCookie(t.app.signCookie(String(later))), prefix)).total).toBe(created);
  });

  it('answers from the primary without an error while the replica is down, and from the replica once it is back', async () => {
    await measured();
    expect((await customersNamed(reader, prefix)).total).toBe(0);
    await proxy.down();
    const whileDown = await Promise.all(Array.from({ length: 5 }, () => customersNamed(reader, prefix)));
    expect(whileDown.map((page) => page.total)).toEqual(Array(5).fill(created));
    expect(t.database.replica!.status().state).toBe('unreachable');
    // Back: within a measurement or two of reads asking, they go there again, with no one telling the server.
    await proxy.up();
    const started = Date.now();
    while ((await customersNamed(reader, prefix)).total !== 0) {
      expect(Date.now() - started).toBeLessThan(5_000);
      await pause(100);
    }
    expect(t.database.replica!.status().state).toBe('current');
  });

  it('ends the window: a while after their last write, the writer reads the replica too', async () => {
    const response = await writer.post('/api/v1/customers', { name: `${prefix}99` });
    writer = keepingCookies(t.app, writer, response);
    expect((await customersNamed(writer, prefix)).total).toBe(created + 1);
    await pause(windowSeconds * 1000 + 100);
    await measured();
    expect((await customersNamed(writer, prefix)).total).toBe(0);
  });
});

describe.runIf(testDialects.includes('postgres'))('read-your-writes across server instances', () => {
  let replicaDb: TestDatabase;
  let instances: Awaited<ReturnType<typeof createTwoInstances>>;

  beforeAll(async () => {
    replicaDb = await createTestDatabase('postgres', { seeded: true });
    instances = await createTwoInstances(replicaEnv(replicaDb.url));
  });
  afterAll(async () => {
    await instances?.close();
    await replicaDb?.drop();
  });

  it('sends a user’s reads to the primary on the other instance too, by the cookie their write set', async () => {
    const name = unique('跨实例客户');
    const write = await instances.a.admin.post('/api/v1/customers', { name });
    expect(write.statusCode).toBe(201);
    const onB = await instances.b.login('admin', adminPassword);
    await Promise.all([instances.a.database.replica!.check(), instances.b.database.replica!.check()]);
    const withWindow = clientFor(
      instances.b.app,
      `${instances.a.admin.cookie}; ${readYourWritesCookie}=${wroteCookie(write)!.value}`,
      instances.a.admin.csrfToken,
      instances.a.admin.userId,
    );
    expect((await customersNamed(withWindow, name)).total).toBe(1);
    await instances.b.database.replica!.check();
    expect((await customersNamed(onB, name)).total).toBe(0);
  });
});

describe.each(testDialects)('route declarations on %s', () => {
  it('lets the replica answer every paged list, the global search, reports and exports', () => {
    const paged = registeredRoutes.filter((route) => {
      const shape = (route.response as { shape?: Record<string, unknown> } | undefined)?.shape;
      return Boolean(shape && 'items' in shape && 'total' in shape && 'pageSize' in shape);
    });
    expect(paged.length).toBeGreaterThan(40);
    const named = [
      'GET /api/v1/search',
      'POST /api/v1/reports/run',
      'POST /api/v1/reports/pdf',
      'GET /api/v1/exports/customers',
      'GET /api/v1/exports/contacts',
      'GET /api/v1/exports/leads',
      'GET /api/v1/exports/products',
      'GET /api/v1/analyses/rfm',
      'GET /api/v1/performance',
    ];
    const heavy = [...paged.map((route) => `${route.method} ${route.url}`), ...named];
    const onPrimary = heavy.filter(
      (key) => registeredRoutes.find((route) => `${route.method} ${route.url}` === key)?.reads !== 'replica',
    );
    expect(onPrimary).toEqual([]);
  });
});

describe('a replica named for SQLite', () => {
  it('is ignored, with one line in the log saying so', async () => {
    const testDb = await createTestDatabase('sqlite', { seeded: true });
    const lines: string[] = [];
    const log = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({
      DATA_DIR: testDb.dataDir,
      DATABASE_URL: testDb.url,
      DATABASE_REPLICA_URL: 'postgres://127.0.0.1:1/replica',
    } as NodeJS.ProcessEnv);
    const database = openDatabase(config.databaseUrl, { replicaUrl: config.replica.url });
    const app = await buildApp({ config, database, logger: { level: 'info', stream: log }, serveWeb: false });
    try {
      await app.ready();
      expect(database.replica).toBeUndefined();
      const notes = lines.filter((line) => line.includes('DATABASE_REPLICA_URL'));
      expect(notes).toHaveLength(1);
      expect(JSON.parse(notes[0])).toMatchObject({ level: 40, msg: expect.stringContaining('ignored') });
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
      await testDb.drop();
    }
  });
});
