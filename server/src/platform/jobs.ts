import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { readJson, writeJson } from '../db/json.ts';
import type { DB, ScheduledJobTable } from '../db/schema.ts';
import { nowIso } from '../db/time.ts';
import { runAsUnitOfWork } from '../db/unit-of-work.ts';
import type { AppContext } from './context.ts';

/**
 * Table-backed jobs: a row per run. Any number of server instances poll the table; a due row is
 * claimed by one atomic update (with SKIP LOCKED on Postgres), so every job runs exactly once.
 * A job with a dedupe key is scheduled at most once, which is how periodic sweeps are kept single.
 * A run that throws is tried again after an exponential backoff, up to a number of attempts, then
 * stays failed with its last error; a run whose worker stopped (its lock no longer refreshed) is taken
 * back by any instance and treated the same way.
 */
export type JobHandler = (ctx: AppContext, payload: unknown) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;
/**
 * What a kind of job does once its run has failed for good (its attempts used up, or its worker stopped
 * on the last one): the record the run was working on says so instead of staying "sending" or "running".
 */
export type GiveUpHandler = (ctx: AppContext, payload: unknown, error: string) => Promise<void>;
export type GiveUpHandlers = Record<string, GiveUpHandler>;
export type Recurring = { kind: string; everyMinutes: number };

export async function scheduleJob(
  db: Kysely<DB>,
  job: { kind: string; runAt: string; payload?: unknown; dedupeKey?: string },
): Promise<void> {
  await db
    .insertInto('scheduledJobs')
    .values({
      kind: job.kind,
      runAt: job.runAt,
      payload: writeJson(job.payload ?? {}),
      status: 'pending',
      dedupeKey: job.dedupeKey ?? null,
      attempts: 0,
      createdAt: nowIso(),
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .execute();
}

/** The next run of a periodic sweep, keyed by its time slot so that every instance schedules the same row. */
export function scheduleNextRun(db: Kysely<DB>, recurring: Recurring, after = new Date()): Promise<void> {
  const slotMs = recurring.everyMinutes * 60_000;
  const runAt = new Date(Math.floor(after.getTime() / slotMs) * slotMs + slotMs).toISOString();
  return scheduleJob(db, { kind: recurring.kind, runAt, dedupeKey: `${recurring.kind}@${runAt}` });
}

/** This server process, as the owner of the imports and job runs it is working on. */
export const instanceId = randomUUID();

/** How failed runs are retried: `maxAttempts` runs in all, the n-th retry `backoffMs * 2^(n-1)` after the failure. */
export type RetryPolicy = { maxAttempts: number; backoffMs: number };
export const defaultRetry: RetryPolicy = { maxAttempts: 5, backoffMs: 30_000 };

/** The pause before the next attempt of a run that has failed `attempts` times. */
export function retryDelayMs(policy: RetryPolicy, attempts: number): number {
  return policy.backoffMs * 2 ** Math.max(attempts - 1, 0);
}

/**
 * Refreshes a lock every quarter of the lock timeout until the returned function is called. The
 * refresh runs as a unit of work of its own, so it never counts as a second handle of the work it
 * keeps alive (it waits for that work's open transaction instead).
 */
export function keepLockFresh(lockTimeoutMs: number, refresh: () => Promise<unknown>): () => void {
  const timer = runAsUnitOfWork(() =>
    setInterval(() => void refresh().catch(() => undefined), Math.max(lockTimeoutMs / 4, 250)),
  );
  timer.unref();
  return () => clearInterval(timer);
}

type ClaimedJob = { id: number; kind: string; payload: unknown; attempts: number };

async function claimDue(ctx: AppContext, workerId: string, now: string, limit: number): Promise<ClaimedJob[]> {
  const lock = ctx.dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const { rows } = await sql<Pick<ScheduledJobTable, 'kind' | 'payload' | 'attempts'> & { id: number }>`
    update scheduled_jobs set status = 'running', locked_by = ${workerId}, locked_at = ${now}, attempts = attempts + 1
    where id in (select id from scheduled_jobs where status = 'pending' and run_at <= ${now} order by run_at limit ${limit}${lock})
    returning id, kind, payload, attempts`.execute(ctx.db);
  return rows.map((r) => ({ id: r.id, kind: r.kind, payload: readJson(r.payload, {}), attempts: Number(r.attempts) }));
}

/**
 * Ends a run that failed (or whose worker stopped): back to pending after the backoff while attempts
 * remain, otherwise failed for good with the last error. `where` says which run may be ended, so that
 * a run another worker has already taken back is left alone.
 */
async function failRun(
  ctx: AppContext,
  job: { id: number; kind: string; payload: unknown; attempts: number },
  error: string,
  now: Date,
  policy: RetryPolicy,
  still: { lockedBy?: string; lockedBefore?: string },
  givenUp: GiveUpHandlers,
): Promise<boolean> {
  const retry = job.attempts < policy.maxAttempts;
  let update = ctx.db
    .updateTable('scheduledJobs')
    .set(
      retry
        ? {
            status: 'pending',
            runAt: new Date(now.getTime() + retryDelayMs(policy, job.attempts)).toISOString(),
            lastError: error,
            lockedBy: null,
            lockedAt: null,
          }
        : { status: 'failed', lastError: error, finishedAt: nowIso() },
    )
    .where('id', '=', job.id)
    .where('status', '=', 'running');
  if (still.lockedBy) update = update.where('lockedBy', '=', still.lockedBy);
  if (still.lockedBefore) update = update.where('lockedAt', '<', still.lockedBefore);
  const result = await update.executeTakeFirst();
  const ended = Number(result.numUpdatedRows) > 0;
  if (ended && !retry) await givenUp[job.kind]?.(ctx, job.payload, error);
  return ended;
}

/**
 * Takes back the runs whose worker stopped: running, locked by another worker, and not refreshed for
 * `lockTimeoutMs`. Each is retried (after the backoff) or failed like a run that threw. Returns how
 * many were taken back; with several instances each run is taken back by one of them.
 */
export async function reclaimStaleJobs(
  ctx: AppContext,
  workerId: string,
  lockTimeoutMs: number,
  now = new Date(),
  policy = defaultRetry,
  givenUp: GiveUpHandlers = {},
): Promise<number> {
  const lockedBefore = new Date(now.getTime() - lockTimeoutMs).toISOString();
  const stale = await ctx.db
    .selectFrom('scheduledJobs')
    .select(['id', 'kind', 'payload', 'attempts'])
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lockedAt', 'is', null), eb('lockedAt', '<', lockedBefore)]))
    .where((eb) => eb.or([eb('lockedBy', 'is', null), eb('lockedBy', '!=', workerId)]))
    .execute();
  let reclaimed = 0;
  for (const job of stale) {
    if (
      await failRun(
        ctx,
        { id: job.id, kind: job.kind, payload: readJson(job.payload, {}), attempts: Number(job.attempts) },
        'The worker running this job stopped before it finished.',
        now,
        policy,
        { lockedBefore },
        givenUp,
      )
    )
      reclaimed++;
  }
  return reclaimed;
}

export type RunOptions = {
  retry?: RetryPolicy;
  lockTimeoutMs?: number;
  /** Per kind, what a run that has failed for good leaves behind. */
  givenUp?: GiveUpHandlers;
  /** Asked before each claimed run starts: once it says so, the rest are handed back (the server is stopping). */
  stopping?: () => boolean;
};

/**
 * Hands back runs this worker claimed: pending again, as if never tried (the attempt is not counted),
 * for any instance to take. `ids` limits it to those runs. Returns how many.
 */
export async function releaseClaimedJobs(ctx: AppContext, workerId: string, ids?: number[]): Promise<number> {
  if (ids && !ids.length) return 0;
  let update = ctx.db
    .updateTable('scheduledJobs')
    .set((eb) => ({ status: 'pending', lockedBy: null, lockedAt: null, attempts: eb('attempts', '-', 1) }))
    .where('status', '=', 'running')
    .where('lockedBy', '=', workerId);
  if (ids) update = update.where('id', 'in', ids);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Runs the jobs that are due now (after taking back those of stopped workers); returns how many ran. */
export async function runDueJobs(
  ctx: AppContext,
  handlers: JobHandlers,
  recurring: Recurring[],
  workerId: string,
  now = new Date(),
  options: RunOptions = {},
): Promise<number> {
  const policy = options.retry ?? defaultRetry;
  const lockTimeoutMs = options.lockTimeoutMs ?? ctx.config.workLockTimeoutMs;
  const givenUp = options.givenUp ?? {};
  await reclaimStaleJobs(ctx, workerId, lockTimeoutMs, now, policy, givenUp);
  const jobs = await claimDue(ctx, workerId, now.toISOString(), 20);
  for (const [index, job] of jobs.entries()) {
    if (options.stopping?.()) {
      await releaseClaimedJobs(
        ctx,
        workerId,
        jobs.slice(index).map((j) => j.id),
      );
      return index;
    }
    let error: string | null = null;
    const stopRefreshing = keepLockFresh(lockTimeoutMs, () =>
      ctx.db
        .updateTable('scheduledJobs')
        .set({ lockedAt: nowIso() })
        .where('id', '=', job.id)
        .where('lockedBy', '=', workerId)
        .where('status', '=', 'running')
        .execute(),
    );
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for ${job.kind}`);
      await runAsUnitOfWork(() => handler(ctx, job.payload));
    } catch (e) {
      error = (e as Error).message ?? String(e);
    } finally {
      stopRefreshing();
    }
    // Only while the run is still this worker's: one taken back as stale has been dealt with already.
    if (error)
      await failRun(
        ctx,
        job,
        error,
        new Date(Math.max(now.getTime(), Date.now())),
        policy,
        { lockedBy: workerId },
        givenUp,
      );
    else {
      await ctx.db
        .updateTable('scheduledJobs')
        .set({ status: 'done', lastError: null, finishedAt: nowIso() })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('lockedBy', '=', workerId)
        .execute();
    }
    const periodic = recurring.find((r) => r.kind === job.kind);
    if (periodic) await scheduleNextRun(ctx.db, periodic, now);
  }
  return jobs.length;
}

/**
 * Stops a job runner: no run starts any more, and the runs it claimed but had not started are handed
 * back at once. Resolves when the run under way has finished or `graceMs` has passed; in the latter case
 * that run is handed back too (another instance takes it; this one is about to stop).
 */
export type StopJobRunner = (graceMs?: number) => Promise<void>;

/** Polls for due jobs every `intervalMs`; returns the function that stops it. */
export function startJobRunner(
  ctx: AppContext,
  handlers: JobHandlers,
  recurring: Recurring[],
  onError: (error: unknown) => void,
  {
    intervalMs = 30_000,
    workerId = instanceId,
    givenUp = {},
  }: { intervalMs?: number; workerId?: string; givenUp?: GiveUpHandlers } = {},
): StopJobRunner {
  let busy: Promise<void> | null = null;
  let stopping = false;
  const tick = async () => {
    if (busy || stopping) return;
    busy = (async () => {
      try {
        for (const periodic of recurring) await scheduleNextRun(ctx.db, periodic);
        while (
          !stopping &&
          (await runDueJobs(ctx, handlers, recurring, workerId, new Date(), { stopping: () => stopping, givenUp })) > 0
        ) {
          // keep going while there is work
        }
      } catch (error) {
        onError(error);
      }
    })();
    await busy;
    busy = null;
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return async (graceMs = 10_000) => {
    stopping = true;
    clearInterval(timer);
    let timeout: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      (busy ?? Promise.resolve()).then(() => true),
      new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timeout);
    if (!finished) await releaseClaimedJobs(ctx, workerId).catch(onError);
  };
}

/** Finished runs are kept a week for inspection, then removed (the minute-by-minute sweeps would pile up). */
export async function purgeFinishedJobs(ctx: AppContext, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  await ctx.db.deleteFrom('scheduledJobs').where('status', '=', 'done').where('finishedAt', '<', before).execute();
}
