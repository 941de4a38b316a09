import { type Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../test/databases.ts';
import { freePort } from '../../test/ports.ts';
import { startTcpProxy, type TcpProxy, throughProxy } from '../../test/tcp-proxy.ts';
import { type Database, openDatabase } from './database.ts';
import { replicaCheckEveryMs } from './replica-health.ts';
import { allowReplicaReads, readOwnWritesFromPrimary, withReplicaReads } from './replica-reads.ts';
import { replicaFailure } from './replica-routing.ts';
import type { DB } from './schema.ts';
import { runAsUnitOfWork } from './unit-of-work.ts';

// Which database answered: the "replica" here is another database of the same server, so its name tells.
const answeredBy = async (db: Kysely<DB>) =>
  (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0].name;
const builtAnsweredBy = async (db: Kysely<DB>) =>
  (await db.selectNoFrom(sql<string>`current_database()`.as('name')).executeTakeFirstOrThrow()).name;
const nameOf = (url: string) => new URL(url).pathname.slice(1);
const heavyRead = <T>(work: () => Promise<T>) => withReplicaReads(work);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(testDialects.includes('postgres'))('one PostgreSQL handle over a primary and a read replica', () => {
  let primaryDb: TestDatabase;
  let replicaDb: TestDatabase;
  let proxy: TcpProxy;
  let database: Database;
  let primary: string;
  let replica: string;

  beforeAll(async () => {
    [primaryDb, replicaDb] = await Promise.all([
      createTestDatabase('postgres', { seeded: true }),
      createTestDatabase('postgres', { seeded: true }),
    ]);
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(replicaDb.url).port || 5432) });
    database = openDatabase(primaryDb.url, {
      poolSize: 2,
      acquireTimeoutMs: 5_000,
      replicaUrl: throughProxy(replicaDb.url, proxy),
      replicaMaxLagMs: 500,
    });
    primary = nameOf(primaryDb.url);
    replica = nameOf(replicaDb.url);
    expect((await database.replica!.check()).state).toBe('current');
  });
  afterEach(async () => {
    await proxy.up();
  });
  afterAll(async () => {
    await database?.close();
    await Promise.all([primaryDb?.drop(), replicaDb?.drop()]);
  });

  it('lets the replica answer the plain reads of a heavy read, and only those', async () => {
    const { db } = database;
    expect(await heavyRead(() => answeredBy(db))).toBe(replica);
    expect(await heavyRead(() => builtAnsweredBy(db))).toBe(replica);
    // Not a heavy read: a request or job that did not say so.
    expect(await runAsUnitOfWork(() => answeredBy(db))).toBe(primary);
    expect(await answeredBy(db)).toBe(primary);
    // A locking read belongs to the primary.
    const locked = await heavyRead(() =>
      db
        .selectFrom('users')
        .select(sql<string>`current_database()`.as('name'))
        .limit(1)
        .forUpdate()
        .execute(),
    );
    expect(locked[0].name).toBe(primary);
  });

  it('never sends a read inside a transaction to the replica', async () => {
    const { db } = database;
    const names = await heavyRead(() =>
      db.transaction().execute(async (trx) => [await answeredBy(trx), await builtAnsweredBy(trx)]),
    );
    expect(names).toEqual([primary, primary]);
    // A connection that read from the replica and then opens a transaction moves to the primary for it.
    const onOneConnection = await heavyRead(() =>
      db.connection().execute(async (conn) => {
        const before = await answeredBy(conn);
        const inside = await conn.transaction().execute((trx) => answeredBy(trx));
        return [before, inside];
      }),
    );
    expect(onOneConnection).toEqual([replica, primary]);
  });

  it('reads from the primary once the unit has written, or while its user’s own write is recent', async () => {
    const { db } = database;
    const afterWrite = await heavyRead(async () => {
      const before = await answeredBy(db);
      await db.updateTable('users').set({ displayName: 'nobody' }).where('id', '=', -1).execute();
      return [before, await answeredBy(db)];
    });
    expect(afterWrite).toEqual([replica, primary]);

    const afterCommit = await heavyRead(async () => {
      await db.transaction().execute((trx) => trx.deleteFrom('users').where('id', '=', -1).execute());
      return answeredBy(db);
    });
    expect(afterCommit).toBe(primary);

    // A transaction that only read leaves the unit on the replica.
    const afterReadingTransaction = await heavyRead(async () => {
      await db.transaction().execute((trx) => answeredBy(trx));
      return answeredBy(db);
    });
    expect(afterReadingTransaction).toBe(replica);

    const unit = {};
    allowReplicaReads(unit);
    readOwnWritesFromPrimary(unit);
    expect(await runAsUnitOfWork(() => answeredBy(db), unit)).toBe(primary);
  });

  it('answers from the primary, without an error, while the replica is down, and returns to it when it is back', async () => {
    const { db } = database;
    expect(await heavyRead(() => answeredBy(db))).toBe(replica);
    // The pool's open connection to the replica is cut under it: the read is run again on the primary.
    await proxy.down();
    expect(await heavyRead(() => answeredBy(db))).toBe(primary);
    expect(database.replica!.status().state).toBe('unreachable');
    // Many reads at once while it stays down: every one answered, by the primary.
    const names = await heavyRead(() => Promise.all(Array.from({ length: 12 }, () => builtAnsweredBy(db))));
    expect(new Set(names)).toEqual(new Set([primary]));

    await proxy.up();
    await pause(replicaCheckEveryMs);
    expect((await database.replica!.check()).state).toBe('current');
    expect(await heavyRead(() => answeredBy(db))).toBe(replica);
  });

  it('keeps a unit on the server its first read went to, so one request reads one server', async () => {
    const fresh = openDatabase(primaryDb.url, {
      poolSize: 1,
      acquireTimeoutMs: 5_000,
      replicaUrl: throughProxy(replicaDb.url, proxy),
    });
    try {
      // Not measured yet: the first read goes to the primary (and starts the measurement) …
      const inOneUnit = await heavyRead(async () => {
        const first = await answeredBy(fresh.db);
        expect((await fresh.replica!.check()).state).toBe('current');
        return [first, await builtAnsweredBy(fresh.db)];
      });
      // … and so does the rest of that unit, while the next unit reads the replica.
      expect(inOneUnit).toEqual([primary, primary]);
      expect(await heavyRead(() => answeredBy(fresh.db))).toBe(replica);
    } finally {
      await fresh.close();
    }
  });

  it('finds a replica down between two measurements by its first failed read', async () => {
    const { db } = database;
    expect((await database.replica!.check()).state).toBe('current');
    await proxy.down();
    // The last measurement still says current: the read tries the replica, fails to connect, and goes on.
    expect(database.replica!.usable()).toBe(true);
    expect(await heavyRead(() => builtAnsweredBy(db))).toBe(primary);
    expect(database.replica!.status().state).toBe('unreachable');
  });

  it('serves every read from the primary when the replica’s address answers nothing at all', async () => {
    const closedPort = await freePort();
    const nowhere = new URL(replicaDb.url);
    nowhere.port = String(closedPort);
    const lonely = openDatabase(primaryDb.url, {
      poolSize: 1,
      acquireTimeoutMs: 5_000,
      replicaUrl: nowhere.toString(),
    });
    try {
      expect(await heavyRead(() => answeredBy(lonely.db))).toBe(primary);
      const status = await lonely.replica!.check();
      expect(status.state).toBe('unreachable');
      expect(status.error).toMatch(/ECONNREFUSED|connect/);
      expect(await heavyRead(() => builtAnsweredBy(lonely.db))).toBe(primary);
    } finally {
      await lonely.close();
    }
  });
});

describe.each(testDialects)('the read handle on %s without a replica', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect, { seeded: true });
    // SQLite ignores a replica; PostgreSQL without one is the primary alone.
    database = openDatabase(testDb.url, {
      poolSize: 1,
      acquireTimeoutMs: 5_000,
      replicaUrl: dialect === 'sqlite' ? 'postgres://127.0.0.1:1/none' : undefined,
    });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('is the one handle: heavy reads, writes and transactions all run on it', async () => {
    expect(database.replica).toBeUndefined();
    const count = await heavyRead(async () => {
      await database.db.transaction().execute((trx) => trx.deleteFrom('users').where('id', '=', -1).execute());
      return database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
    });
    expect(Number(count.n)).toBeGreaterThan(0);
  });
});

describe('which failures on the replica are run again on the primary', () => {
  it('takes lost connections and a standby’s refusals, never a statement’s own fault', () => {
    expect(replicaFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(
      'connection',
    );
    expect(replicaFailure(new Error('Connection terminated unexpectedly'))).toBe('connection');
    expect(replicaFailure({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(
      'connection',
    );
    expect(replicaFailure({ code: '08006', message: 'connection failure' })).toBe('connection');
    expect(replicaFailure(new Error('timeout exceeded when trying to connect'))).toBe('query');
    expect(replicaFailure({ code: '40001', message: 'canceling statement due to conflict with recovery' })).toBe(
      'query',
    );
    expect(replicaFailure({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' })).toBe(
      'query',
    );
    expect(replicaFailure({ code: '42P01', message: 'relation "nope" does not exist' })).toBeNull();
    expect(replicaFailure({ code: '22012', message: 'division by zero' })).toBeNull();
    expect(replicaFailure(new TypeError('Cannot read properties of undefined'))).toBeNull();
  });
});
