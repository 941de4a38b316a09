import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testPool } from '../../test/app.ts';
import { createTestDatabase, type TestDatabase, testDialects } from '../../test/databases.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import type { AppContext } from './context.ts';
import { type JobHandlers, reclaimStaleJobs, runDueJobs, scheduleJob, scheduleNextRun } from './jobs.ts';

const retry = { maxAttempts: 3, backoffMs: 1_000 };
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe.each(testDialects)('table-backed jobs on %s', (dialect) => {
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

  const rowsOf = () => ctx.db.selectFrom('scheduledJobs').selectAll().where('kind', '=', kind).orderBy('id').execute();

  /** A run left by a worker that died: still running, its lock last refreshed `ageMs` ago. */
  async function abandonedRun(now: Date, ageMs: number, attempts = 1) {
    const lockedAt = at(now, -ageMs).toISOString();
    await ctx.db
      .insertInto('scheduledJobs')
      .values({
        kind,
        runAt: lockedAt,
        payload: '{}',
        status: 'running',
        lockedBy: 'dead-worker',
        lockedAt,
        attempts,
        createdAt: lockedAt,
      })
      .execute();
  }

  it('takes back a run whose worker died and runs it again after the backoff', async () => {
    const now = new Date();
    await abandonedRun(now, 10 * 60_000);
    let runs = 0;
    const handlers: JobHandlers = { [kind]: async () => void runs++ };
    expect(await runDueJobs(ctx, handlers, [], 'live-worker', now, { retry, lockTimeoutMs: 60_000 })).toBe(0);
    const [reclaimed] = await rowsOf();
    expect(reclaimed).toMatchObject({
      status: 'pending',
      lockedBy: null,
      attempts: 1,
      lastError: expect.stringContaining('stopped'),
    });
    expect(new Date(reclaimed.runAt).getTime()).toBe(now.getTime() + 1_000);
    expect(await runDueJobs(ctx, handlers, [], 'live-worker', at(now, 1_000), { retry, lockTimeoutMs: 60_000 })).toBe(
      1,
    );
    expect(runs).toBe(1);
    expect(await rowsOf()).toMatchObject([{ status: 'done', attempts: 2, lockedBy: 'live-worker', lastError: null }]);
  });

  it('leaves alone a run whose worker still refreshes its lock', async () => {
    const now = new Date();
    await abandonedRun(now, 5_000);
    expect(await reclaimStaleJobs(ctx, 'live-worker', 60_000, now, retry)).toBe(0);
    expect(await rowsOf()).toMatchObject([{ status: 'running', lockedBy: 'dead-worker' }]);
  });

  it('retries a failing job with exponential backoff and keeps the last error once the attempts are used up', async () => {
    const now = new Date();
    await scheduleJob(ctx.db, { kind, runAt: now.toISOString(), payload: { recordId: 7 } });
    let attempt = 0;
    const handlers: JobHandlers = {
      [kind]: async () => {
        throw new Error(`attempt ${++attempt} failed`);
      },
    };
    const givenUp: Array<[unknown, string]> = [];
    const options = {
      retry,
      givenUp: {
        [kind]: async (_: AppContext, payload: unknown, error: string) => void givenUp.push([payload, error]),
      },
    };
    await runDueJobs(ctx, handlers, [], 'w', now, options);
    let [row] = await rowsOf();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'attempt 1 failed' });
    const firstRetry = new Date(row.runAt).getTime();
    expect(firstRetry - now.getTime()).toBeGreaterThanOrEqual(1_000);
    // Not yet due: nothing runs before the backoff has passed.
    expect(await runDueJobs(ctx, handlers, [], 'w', new Date(firstRetry - 1), options)).toBe(0);
    await runDueJobs(ctx, handlers, [], 'w', new Date(firstRetry), options);
    [row] = await rowsOf();
    expect(row).toMatchObject({ status: 'pending', attempts: 2, lastError: 'attempt 2 failed' });
    const secondRetry = new Date(row.runAt).getTime();
    expect(secondRetry - firstRetry).toBeGreaterThanOrEqual(2_000);
    // The kind's give-up handler is told nothing while retries remain.
    expect(givenUp).toEqual([]);
    await runDueJobs(ctx, handlers, [], 'w', new Date(secondRetry), options);
    expect(await rowsOf()).toMatchObject([
      { status: 'failed', attempts: 3, lastError: 'attempt 3 failed', finishedAt: expect.any(String) },
    ]);
    expect(givenUp).toEqual([[{ recordId: 7 }, 'attempt 3 failed']]);
    expect(await runDueJobs(ctx, handlers, [], 'w', at(new Date(secondRetry), 3_600_000), options)).toBe(0);
    expect(attempt).toBe(3);
    expect(givenUp).toHaveLength(1);
  });

  it('fails for good a run whose worker died on its last attempt, keeping why', async () => {
    const now = new Date();
    await abandonedRun(now, 10 * 60_000, retry.maxAttempts);
    const givenUp: string[] = [];
    const handlers = { [kind]: async (_: AppContext, _payload: unknown, error: string) => void givenUp.push(error) };
    expect(await reclaimStaleJobs(ctx, 'live-worker', 60_000, now, retry, handlers)).toBe(1);
    expect(await rowsOf()).toMatchObject([
      { status: 'failed', attempts: 3, lastError: expect.stringContaining('stopped') },
    ]);
    expect(givenUp).toEqual([expect.stringContaining('stopped')]);
    // Taken back once only: a second look finds nothing to give up.
    expect(await reclaimStaleJobs(ctx, 'live-worker', 60_000, now, retry, handlers)).toBe(0);
    expect(givenUp).toHaveLength(1);
  });

  it('takes a dead worker’s run back once and schedules each periodic sweep once, with two instances at work', async () => {
    const second = openDatabase(testDb.url, testPool);
    const other: AppContext = { ...ctx, db: second.db };
    try {
      const now = new Date();
      await abandonedRun(now, 10 * 60_000);
      const taken = await Promise.all([
        reclaimStaleJobs(ctx, 'one', 60_000, now, retry),
        reclaimStaleJobs(other, 'two', 60_000, now, retry),
      ]);
      expect(taken[0] + taken[1]).toBe(1);
      await ctx.db.deleteFrom('scheduledJobs').where('kind', '=', kind).execute();

      const periodic = { kind, everyMinutes: 1 };
      let runs = 0;
      const handlers: JobHandlers = { [kind]: async () => void runs++ };
      await Promise.all([scheduleNextRun(ctx.db, periodic, now), scheduleNextRun(other.db, periodic, now)]);
      const slot = new Date((await rowsOf())[0].runAt);
      const ran = await Promise.all([
        runDueJobs(ctx, handlers, [periodic], 'one', slot, { retry }),
        runDueJobs(other, handlers, [periodic], 'two', slot, { retry }),
      ]);
      expect(ran[0] + ran[1]).toBe(1);
      expect(runs).toBe(1);
      const rows = await rowsOf();
      // The slot that ran, and the next one, scheduled by whichever instance ran it: one row each.
      expect(rows.map((r) => [r.status, new Date(r.runAt).getTime()])).toEqual([
        ['done', slot.getTime()],
        ['pending', slot.getTime() + 60_000],
      ]);
    } finally {
      await second.close();
    }
  });
});
