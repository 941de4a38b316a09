import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testPool } from '../../test/app.ts';
import { createTestDatabase, type TestDatabase, testDialects } from '../../test/databases.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import type { AppContext } from './context.ts';
import { releaseClaimedJobs, runDueJobs, scheduleJob, startJobRunner } from './jobs.ts';

describe.each(testDialects)('handing back claimed jobs when a server stops, on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  let ctx: AppContext;
  let kind: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url, testPool);
    await migrateToLatest(database.db);
    ctx = {
      db: database.db,
      dialect,
      config: loadConfig({ DATA_DIR: testDb.dataDir, DATABASE_URL: testDb.url } as NodeJS.ProcessEnv),
    };
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });
  beforeEach(() => {
    kind = `test.${Math.random().toString(36).slice(2, 10)}`;
  });

  const rowsOf = () =>
    ctx.db
      .selectFrom('scheduledJobs')
      .select(['status', 'attempts', 'lockedBy'])
      .where('kind', '=', kind)
      .orderBy('id')
      .execute();
  const schedule = async (count: number, runAt = new Date()) => {
    for (let i = 0; i < count; i++)
      await scheduleJob(ctx.db, { kind, runAt: runAt.toISOString(), dedupeKey: `${kind}.${i}` });
  };

  it('starts no further claimed run once stopping, and hands those back as never tried', async () => {
    await schedule(3);
    let stopping = false;
    const handlers = {
      [kind]: async () => {
        stopping = true;
      },
    };
    expect(await runDueJobs(ctx, handlers, [], 'worker-1', new Date(), { stopping: () => stopping })).toBe(1);
    const rows = await rowsOf();
    expect(rows.map((r) => [r.status, Number(r.attempts), r.lockedBy])).toEqual([
      ['done', 1, 'worker-1'],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
  });

  it('hands back only the stopping worker’s runs', async () => {
    await schedule(2);
    const now = new Date().toISOString();
    const ids = (
      await ctx.db.selectFrom('scheduledJobs').select('id').where('kind', '=', kind).orderBy('id').execute()
    ).map((r) => r.id);
    await ctx.db
      .updateTable('scheduledJobs')
      .set({ status: 'running', lockedBy: 'worker-1', lockedAt: now, attempts: 1 })
      .where('id', '=', ids[0])
      .execute();
    await ctx.db
      .updateTable('scheduledJobs')
      .set({ status: 'running', lockedBy: 'worker-2', lockedAt: now, attempts: 1 })
      .where('id', '=', ids[1])
      .execute();
    expect(await releaseClaimedJobs(ctx, 'worker-1')).toBe(1);
    expect((await rowsOf()).map((r) => [r.status, Number(r.attempts), r.lockedBy])).toEqual([
      ['pending', 0, null],
      ['running', 1, 'worker-2'],
    ]);
  });

  it('waits for the run under way, and hands it back when it outlasts the grace period', async () => {
    await schedule(1);
    let release: () => void = () => {};
    let stop: ReturnType<typeof startJobRunner> | undefined;
    const started = new Promise<void>((resolve) => {
      const handlers = {
        [kind]: () =>
          new Promise<void>((done) => {
            release = done;
            resolve();
          }),
      };
      stop = startJobRunner(ctx, handlers, [], () => undefined, {
        intervalMs: 60_000,
        workerId: '00000000-0000-0000-0000-000000000003',
      });
    });
    await started;
    const began = Date.now();
    await stop!(300);
    expect(Date.now() - began).toBeLessThan(5_000);
    expect((await rowsOf()).map((r) => [r.status, Number(r.attempts), r.lockedBy])).toEqual([['pending', 0, null]]);
    release();
  });

  it('stops at once when no run is under way', async () => {
    const stop = startJobRunner(ctx, {}, [], () => undefined, {
      intervalMs: 60_000,
      workerId: '00000000-0000-0000-0000-000000000004',
    });
    const began = Date.now();
    await stop(10_000);
    expect(Date.now() - began).toBeLessThan(2_000);
  });
});
