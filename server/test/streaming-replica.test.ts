import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword, type Client, createTestApp, keepingCookies, type TestApp } from './app.ts';
import { onPostgresServer, testDialects } from './databases.ts';
import { unique } from './factories.ts';
import { startTcpProxy, type TcpProxy, throughProxy } from './tcp-proxy.ts';

/**
 * Against a real streaming replica of the test server (TEST_POSTGRES_REPLICA_URL; .ci/run makes one with
 * pg_basebackup). Its replay is paused to hold it behind: what a list then lacks was read from the replica.
 */
const replicaServer = process.env.TEST_POSTGRES_REPLICA_URL;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function onReplicaServer(database = 'postgres'): string {
  const url = new URL(replicaServer!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onReplica<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: onReplicaServer() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function until(condition: () => Promise<boolean>, withinMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > withinMs) throw new Error(`${what}: not so within ${withinMs} ms`);
    await pause(100);
  }
}

/** The replica's URL of a database made on the primary, once the replica has it. */
async function replicaOf(databaseUrl: string): Promise<string> {
  const url = onReplicaServer(new URL(databaseUrl).pathname.slice(1));
  await until(
    async () => {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    30_000,
    'the new database on the replica',
  );
  return url;
}

/**
 * Waits until the replica has replayed everything the primary has written so far. The insert position, not
 * the write position: test databases commit without waiting for the log (synchronous_commit off), so a commit
 * may still be in the primary's buffers.
 */
async function replayed(): Promise<void> {
  const lsn = await onPostgresServer(
    async (client) => (await client.query('select pg_current_wal_insert_lsn() as lsn')).rows[0].lsn,
  );
  await until(
    () =>
      onReplica(
        async (client) =>
          (await client.query('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [lsn])).rows[0].done,
      ),
    30_000,
    'replay on the replica',
  );
}

const pauseReplay = () => onReplica((client) => client.query('select pg_wal_replay_pause()'));
const resumeReplay = () => onReplica((client) => client.query('select pg_wal_replay_resume()'));

async function total(client: Client, q: string): Promise<number> {
  const response = await client.get('/api/v1/customers', { q, pageSize: 50 });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().total;
}

/** An app on a fresh database with the real replica, its writer (keeping their cookies) and another reader. */
async function appWithReplica(env: Record<string, string>, replicaUrl = replicaOf) {
  const t = await createTestApp('postgres', { env, replicaOf: replicaUrl });
  const reader = await t.login('admin', adminPassword);
  let writer = t.admin;
  const create = async (name: string) => {
    const response = await writer.post('/api/v1/customers', { name });
    expect(response.statusCode, response.body).toBe(201);
    writer = keepingCookies(t.app, writer, response);
  };
  return { t, reader, writer: () => writer, create };
}

describe.runIf(replicaServer && testDialects.includes('postgres'))('reads on a real streaming replica', () => {
  const apps: TestApp[] = [];

  beforeAll(async () => {
    // The server named is a standby of the test server, streaming.
    const standby = await onReplica(
      async (client) =>
        (
          await client.query(
            `select pg_is_in_recovery() as standby, exists (select 1 from pg_stat_wal_receiver where status = 'streaming') as streaming`,
          )
        ).rows[0],
    );
    expect(standby).toEqual({ standby: true, streaming: true });
  });
  afterEach(async () => {
    await resumeReplay();
  });
  afterAll(async () => {
    await resumeReplay();
    await Promise.all(apps.map((t) => t.close()));
  });

  it('reads lists from the replica, and the writer’s next read from the primary', async () => {
    const { t, reader, writer, create } = await appWithReplica({
      REPLICA_MAX_LAG_SECONDS: '600',
      READ_YOUR_WRITES_SECONDS: '602',
    });
    apps.push(t);
    const before = unique('复制前');
    for (let i = 0; i < 3; i++) await create(`${before}${i}`);
    await replayed();
    await pauseReplay();
    const after = unique('复制后');
    for (let i = 0; i < 55; i++) await create(`${after}${String(i).padStart(2, '0')}`);

    expect(await total(writer(), after)).toBe(55);
    // The replica holds what was replayed before the pause, and nothing since (measured just before each
    // read, so that a slow machine's pauses never leave a measurement too old to believe).
    expect((await t.database.replica!.check()).state).toBe('current');
    expect(await total(reader, before)).toBe(3);
    expect((await t.database.replica!.check()).state).toBe('current');
    expect(await total(reader, after)).toBe(0);

    await resumeReplay();
    await until(async () => (await total(reader, after)) === 55, 15_000, 'the replica catching up');
    const status = await t.database.replica!.check();
    expect(status).toMatchObject({ state: 'current', standby: true });
    expect(status.lagSeconds).toBeLessThan(1);
  });

  it('reads from the primary, without an error, once the replica is further behind than the limit', async () => {
    const { t, reader, create } = await appWithReplica({ REPLICA_MAX_LAG_SECONDS: '1', READ_YOUR_WRITES_SECONDS: '3' });
    apps.push(t);
    await create(unique('热身'));
    await replayed();
    await pauseReplay();
    const name = unique('滞后');
    await create(name);
    // Held back, the replica falls behind by more than a second: measured so, it is read no more.
    await until(async () => (await t.database.replica!.check()).state === 'lagging', 10_000, 'the replica behind');
    expect(t.database.replica!.status()).toMatchObject({ state: 'lagging', standby: true });
    expect(t.database.replica!.status().lagSeconds).toBeGreaterThan(1);
    expect(await total(reader, name)).toBe(1);

    await resumeReplay();
    await replayed();
    await until(async () => (await t.database.replica!.check()).state === 'current', 10_000, 'the replica current');
  });

  it('keeps answering reads from the primary when the replica stops', async () => {
    let proxy!: TcpProxy;
    const viaProxy = async (databaseUrl: string) => {
      const url = await replicaOf(databaseUrl);
      proxy = await startTcpProxy({ host: new URL(url).hostname, port: Number(new URL(url).port) });
      return throughProxy(url, proxy);
    };
    const { t, reader, create } = await appWithReplica(
      { REPLICA_MAX_LAG_SECONDS: '600', READ_YOUR_WRITES_SECONDS: '602' },
      viaProxy,
    );
    apps.push(t);
    const name = unique('停机');
    await create(`${name}1`);
    await replayed();
    await pauseReplay();
    await create(`${name}2`);
    expect((await t.database.replica!.check()).state).toBe('current');
    expect(await total(reader, name)).toBe(1);

    // Stopping: the replica ends its sessions (as a fast shutdown does) and takes no new connections.
    const database = new URL(t.databaseUrl).pathname.slice(1);
    await onReplica((client) =>
      client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]),
    );
    await proxy.down();
    const answers = await Promise.all(Array.from({ length: 5 }, () => total(reader, name)));
    expect(answers).toEqual([2, 2, 2, 2, 2]);
    expect(t.database.replica!.status().state).toBe('unreachable');
    await proxy.up();
  });
});
