import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../src/modules/notifications/index.ts';
import type { AppContext } from '../src/platform/context.ts';
import { runDueJobs, scheduleJob } from '../src/platform/jobs.ts';
import { runningPushChannels } from '../src/platform/push-channel.ts';
import { idPayloads, pushToUser, pushWith, type UserPushEvent } from '../src/platform/user-push.ts';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileStoreOf, moveFilesToStore } from '../src/platform/file-store.ts';
import { adminPassword, clientFor, injectWithin } from './app.ts';
import { testDialects } from './databases.ts';
import { createTwoInstances } from './instances.ts';

type Instances = Awaited<ReturnType<typeof createTwoInstances>>;

/** Reads a server-sent events stream as text; `until` waits (at most `withinMs`) for a piece of it. */
async function openStream(address: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${address}/api/v1/notifications/stream`, {
    headers: { cookie },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  let text = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += new TextDecoder().decode(value);
    }
  })().catch(() => undefined);
  return {
    text: () => text,
    /** Milliseconds until `piece` appeared after `from` (the text's length before the event was raised). */
    async until(piece: string, from: number, withinMs: number): Promise<number> {
      const start = performance.now();
      while (!text.slice(from).includes(piece)) {
        if (performance.now() - start > withinMs)
          throw new Error(`"${piece}" did not arrive within ${withinMs} ms; the stream said: ${text.slice(from)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return performance.now() - start;
    },
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

async function waitFor(condition: () => boolean, withinMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > withinMs) throw new Error(`not so within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const listenBackends = (t: Instances) =>
  sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`.execute(t.a.database.db);

describe.runIf(testDialects.includes('postgres'))('two server instances on one PostgreSQL database', () => {
  let t: Instances;
  let ctxA: AppContext;
  let ctxB: AppContext;

  beforeAll(async () => {
    t = await createTwoInstances({ RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '4', FILE_STORE: 'database' });
    ctxA = { db: t.a.database.db, dialect: 'postgres', config: t.a.config };
    ctxB = { db: t.b.database.db, dialect: 'postgres', config: t.b.config };
    // Each instance holds its LISTEN connection.
    await waitFor(() => runningPushChannels().filter((c) => c.listening).length >= 2, 5000);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves a session signed in on one instance on the other, and signs it out everywhere', async () => {
    const onB = clientFor(t.b.app, t.a.admin.cookie, t.a.admin.csrfToken, t.a.admin.userId);
    const me = await onB.get('/api/v1/auth/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.username).toBe('admin');
    // A write, with the CSRF token the other instance gave.
    const created = await onB.post('/api/v1/customers', { name: '跨实例客户' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.a.admin.get(`/api/v1/customers/${created.json().id}`)).json().name).toBe('跨实例客户');

    const other = await t.b.login('admin', adminPassword);
    const otherOnA = clientFor(t.a.app, other.cookie, other.csrfToken, other.userId);
    expect((await otherOnA.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await other.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await otherOnA.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('counts sign-ins per account across instances', async () => {
    // The administrator signed in once on A when the app was built, and once on B above: the limit is 4.
    const attempt = (app: typeof t.a.app) =>
      injectWithin(app, { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'x' } });
    // Refused for the password (or a captcha the failures ask for), not yet for the rate.
    expect((await attempt(t.a.app)).statusCode).not.toBe(429);
    expect((await attempt(t.b.app)).statusCode).not.toBe(429);
    const refused = await attempt(t.a.app);
    expect(refused.statusCode, refused.body).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect((await attempt(t.b.app)).statusCode).toBe(429);
  });

  it('brings a notification raised on one instance to a browser connected to the other within a second', async () => {
    const address = await t.b.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openStream(address, t.a.admin.cookie);
    try {
      await stream.until('event: unread\ndata: {"unread":0}', 0, 5000);
      // Rolled back: nothing reaches anyone.
      await t.a.database.db
        .transaction()
        .execute(async (trx) => {
          await notify(trx, [{ userId: t.a.admin.userId, kind: 'taskAssigned', params: { title: 'no' } }]);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      let from = stream.text().length;
      await t.a.database.db
        .transaction()
        .execute((trx) => notify(trx, [{ userId: t.a.admin.userId, kind: 'taskAssigned', params: { title: '一' } }]));
      const took = await stream.until('event: unread\ndata: {"unread":1}', from, 1000);
      expect(took).toBeLessThan(1000);

      // B's LISTEN connection is cut: B polls the table meanwhile, and listens again soon after.
      const before = (await listenBackends(t)).rows.length;
      expect(before).toBeGreaterThanOrEqual(2);
      const bChannel = runningPushChannels().find((c) => c.hub === t.b.hub)!;
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(t.b.database.db);
      expect(rows[0].pid).toBeGreaterThan(0);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query ilike 'listen %'`.execute(t.a.database.db);
      await expect.poll(() => bChannel.listening, { timeout: 2000, interval: 5 }).toBe(false);
      from = stream.text().length;
      await t.a.database.db
        .transaction()
        .execute((trx) => notify(trx, [{ userId: t.a.admin.userId, kind: 'taskAssigned', params: { title: '二' } }]));
      expect(await stream.until('event: unread\ndata: {"unread":2}', from, 1000)).toBeLessThan(1000);
      await expect.poll(() => bChannel.listening, { timeout: 5000 }).toBe(true);
    } finally {
      await stream.close();
    }
  });

  it('pushes a screen pop raised on one instance to the other, once, and ids only through NOTIFY', async () => {
    const onB: UserPushEvent[] = [];
    const onA: UserPushEvent[] = [];
    const offB = t.b.hub.subscribe(4242, (event) => onB.push(event));
    const offA = t.a.hub.subscribe(4242, (event) => onA.push(event));
    try {
      // Far larger than a NOTIFY may carry (8000 bytes): the row holds it, the notification its id.
      const card = { name: '华东贸易', notes: 'x'.repeat(20_000) };
      pushToUser(4242, 'call', { card });
      await expect.poll(() => onB.length, { timeout: 1000, interval: 5 }).toBe(1);
      await expect.poll(() => onA.length, { timeout: 1000, interval: 5 }).toBe(1);
      expect(onB[0]).toEqual({ event: 'call', data: { card } });
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(onB).toHaveLength(1);
    } finally {
      offA();
      offB();
    }
  });

  it('tells every instance of an event for many users at once (NOTIFY payloads split below 8000 bytes)', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => 1_000_000 + i);
    expect(ids.join(',').length).toBeGreaterThan(8000);
    const payloads = idPayloads(ids);
    expect(payloads.length).toBeGreaterThan(1);
    expect(Math.max(...payloads.map((p) => Buffer.byteLength(p)))).toBeLessThan(8000);
    expect(payloads.join(',')).toBe(ids.join(','));
    const seen = new Set<number>();
    const watched = [ids[0], ids[1500], ids[2999]];
    const offs = watched.map((id) => t.b.hub.subscribe(id, () => seen.add(id)));
    try {
      await t.a.database.db.transaction().execute((trx) => pushWith(trx, ids, 'test', { many: true }));
      await expect.poll(() => seen.size, { timeout: 1000, interval: 5 }).toBe(3);
    } finally {
      offs.forEach((off) => off());
    }
  });

  it('runs a due job once when both instances look for work at the same moment', async () => {
    const runs: string[] = [];
    const handlers = {
      'test.once': async () => {
        runs.push('ran');
        await new Promise((resolve) => setTimeout(resolve, 200));
      },
    };
    const at = new Date();
    for (let i = 0; i < 5; i++)
      await scheduleJob(ctxA.db, { kind: 'test.once', runAt: at.toISOString(), dedupeKey: `test.once.${i}` });
    const [ranOnA, ranOnB] = await Promise.all([
      runDueJobs(ctxA, handlers, [], 'instance-a', at),
      runDueJobs(ctxB, handlers, [], 'instance-b', at),
    ]);
    expect(ranOnA + ranOnB).toBe(5);
    expect(runs).toHaveLength(5);
    const rows = await ctxA.db
      .selectFrom('scheduledJobs')
      .select(['status', 'attempts'])
      .where('kind', '=', 'test.once')
      .execute();
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual(Array(5).fill(['done', 1]));
  });

  it('reads a file uploaded on one instance on the other, and files moved from a data folder', async () => {
    const customer = (await t.a.admin.post('/api/v1/customers', { name: '附件客户' })).json();
    const boundary = 'instancesboundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from('上传在 A，下载在 B'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await t.a.admin.request('POST', `/api/v1/customers/${customer.id}/attachments`, {
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    // Nothing on A's disk: the database holds it.
    expect(existsSync(path.join(t.a.dataDir, 'files'))).toBe(false);
    const onB = clientFor(t.b.app, t.a.admin.cookie, t.a.admin.csrfToken, t.a.admin.userId);
    const download = await onB.get(`/api/v1/attachments/${uploaded.json().id}/download`);
    expect(download.statusCode, download.body).toBe(200);
    expect(download.body).toBe('上传在 A，下载在 B');

    // A file written to A's folder before the store was changed: moved, then read on B; a second run moves nothing.
    mkdirSync(path.join(t.a.dataDir, 'files', '2026-01'), { recursive: true });
    writeFileSync(path.join(t.a.dataDir, 'files', '2026-01', 'old-file'), 'from the folder');
    const store = fileStoreOf({ db: t.a.database.db, config: t.a.config });
    expect(await moveFilesToStore(t.a.dataDir, store)).toEqual({ moved: 1, skipped: 0, removed: 0 });
    expect(await moveFilesToStore(t.a.dataDir, store, { remove: true })).toEqual({ moved: 0, skipped: 1, removed: 1 });
    expect(existsSync(path.join(t.a.dataDir, 'files', '2026-01', 'old-file'))).toBe(false);
    const onBStore = fileStoreOf({ db: t.b.database.db, config: t.b.config });
    const chunks: Buffer[] = [];
    for await (const chunk of onBStore.open('2026-01/old-file')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('from the folder');

    // Deleted on B: gone for A too.
    expect((await onB.delete(`/api/v1/attachments/${uploaded.json().id}`)).statusCode).toBe(204);
    expect(
      (await t.a.database.db.selectFrom('storedFiles').select('storageKey').execute()).map((r) => r.storageKey),
    ).toEqual(['2026-01/old-file']);
  });
});
