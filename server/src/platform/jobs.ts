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
 */
export type JobHandler = (ctx: AppContext, payload: unknown) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;
export type Recurring = { kind: string; everyMinutes: number };

export async function scheduleJob(db: Kysely<DB>, job: { kind: string; runAt: string; payload?: unknown; dedupeKey?: string }): Promise<void> {
  await db
    .insertInto('scheduledJobs')
    .values({ kind: job.kind, runAt: job.runAt, payload: writeJson(job.payload ?? {}), status: 'pending', dedupeKey: job.dedupeKey ?? null, attempts: 0, createdAt: nowIso() })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .execute();
}

/** The next run of a periodic sweep, keyed by its time slot so that every instance schedules the same row. */
export function scheduleNextRun(db: Kysely<DB>, recurring: Recurring, after = new Date()): Promise<void> {
  const slotMs = recurring.everyMinutes * 60_000;
  const runAt = new Date(Math.floor(after.getTime() / slotMs) * slotMs + slotMs).toISOString();
  return scheduleJob(db, { kind: recurring.kind, runAt, dedupeKey: `${recurring.kind}@${runAt}` });
}

async function claimDue(ctx: AppContext, workerId: string, now: string, limit: number): Promise<Array<{ id: number; kind: string; payload: unknown }>> {
  const lock = ctx.dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const { rows } = await sql<Pick<ScheduledJobTable, 'kind' | 'payload'> & { id: number }>`
    update scheduled_jobs set status = 'running', locked_by = ${workerId}, locked_at = ${now}, attempts = attempts + 1
    where id in (select id from scheduled_jobs where status = 'pending' and run_at <= ${now} order by run_at limit ${limit}${lock})
    returning id, kind, payload`.execute(ctx.db);
  return rows.map((r) => ({ id: r.id, kind: r.kind, payload: readJson(r.payload, {}) }));
}

/** Runs the jobs that are due now; returns how many ran. */
export async function runDueJobs(ctx: AppContext, handlers: JobHandlers, recurring: Recurring[], workerId: string, now = new Date()): Promise<number> {
  const jobs = await claimDue(ctx, workerId, now.toISOString(), 20);
  for (const job of jobs) {
    let error: string | null = null;
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for ${job.kind}`);
      await runAsUnitOfWork(() => handler(ctx, job.payload));
    } catch (e) {
      error = (e as Error).message;
    }
    await ctx.db
      .updateTable('scheduledJobs')
      .set({ status: error ? 'failed' : 'done', lastError: error, finishedAt: nowIso() })
      .where('id', '=', job.id)
      .execute();
    const periodic = recurring.find((r) => r.kind === job.kind);
    if (periodic) await scheduleNextRun(ctx.db, periodic, now);
  }
  return jobs.length;
}

/** Polls for due jobs every `intervalMs`; returns a function that stops polling. */
export function startJobRunner(ctx: AppContext, handlers: JobHandlers, recurring: Recurring[], onError: (error: unknown) => void, intervalMs = 30_000): () => void {
  const workerId = randomUUID();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const periodic of recurring) await scheduleNextRun(ctx.db, periodic);
      while ((await runDueJobs(ctx, handlers, recurring, workerId)) > 0) {
        // keep going while there is work
      }
    } catch (error) {
      onError(error);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Finished runs are kept a week for inspection, then removed (the minute-by-minute sweeps would pile up). */
export async function purgeFinishedJobs(ctx: AppContext, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  await ctx.db.deleteFrom('scheduledJobs').where('status', '=', 'done').where('finishedAt', '<', before).execute();
}
