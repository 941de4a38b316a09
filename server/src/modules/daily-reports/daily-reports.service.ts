import type {
  DailyActivity,
  DailyReport,
  DailyReportInput,
  DailyReportQuery,
  DailyReportSummary,
  Page,
} from '@relate/common';
import type { z } from 'zod';
import { nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound, orNotFound } from '../../platform/errors.ts';
import { departmentSubtree, scopeFor } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import { activityOfDay, draftSummary } from './daily-reports.activity.ts';
import * as repo from './daily-reports.repository.ts';

/** The day's counts from the database; reports saved before they were stored count their lists. */
const countsOf = (activity: DailyActivity) =>
  activity.counts ?? {
    followups: activity.followups.length,
    tasksDone: activity.tasksDone.length,
    opportunitiesMoved: activity.opportunitiesMoved.length,
  };

function toReport(row: repo.ReportRow): DailyReport {
  const activity = JSON.parse(row.activity) as DailyActivity;
  return {
    id: row.id,
    date: row.reportDate,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    status: row.status as DailyReport['status'],
    summary: row.summary,
    plan: row.plan,
    problems: row.problems,
    counts: countsOf(activity),
    activity,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
  };
}

async function assertDateAllowed(ctx: AppContext, date: string) {
  const { timezone } = await getSettings(ctx.db);
  if (date > todayIn(timezone)) throw fieldError('date', 'dateInFuture');
  return timezone;
}

/**
 * The caller's report for a day: the saved one (a draft's activity is gathered afresh, a submitted
 * one keeps what it was submitted with), or a new draft written from the day's records.
 */
export async function myReport(ctx: AppContext, actor: Actor, date: string): Promise<DailyReport> {
  const timezone = await assertDateAllowed(ctx, date);
  const saved = await repo.findReportOfDay(ctx.db, actor.userId, date);
  if (saved?.status === 'submitted') return toReport(saved);
  const activity = await activityOfDay(ctx.db, actor.userId, date, timezone);
  if (saved) return { ...toReport(saved), activity, counts: countsOf(activity) };
  return {
    id: null,
    date,
    ownerId: actor.userId,
    ownerName: actor.displayName,
    departmentId: actor.departmentId,
    status: 'draft',
    summary: draftSummary(activity, actor.locale),
    plan: null,
    problems: null,
    counts: countsOf(activity),
    activity,
    submittedAt: null,
    updatedAt: null,
  };
}

/** Saves (and optionally submits) the caller's report for a day; a submitted report is final. */
export async function saveMyReport(
  ctx: AppContext,
  actor: Actor,
  date: string,
  input: z.output<typeof DailyReportInput>,
): Promise<DailyReport> {
  const timezone = await assertDateAllowed(ctx, date);
  const activity = JSON.stringify(await activityOfDay(ctx.db, actor.userId, date, timezone));
  const now = nowIso();
  const values = {
    summary: input.summary,
    plan: input.plan ?? null,
    problems: input.problems ?? null,
    activity,
    status: input.submit ? 'submitted' : 'draft',
    submittedAt: input.submit ? now : null,
    departmentId: actor.departmentId,
    updatedAt: now,
  };
  const id = await inTransaction(ctx, async (ctx) => {
    const existing = await repo.findReportStatusOfDay(ctx.db, actor.userId, date);
    if (existing?.status === 'submitted') throw new AppError('CONFLICT', 'reportSubmitted');
    let reportId: number;
    if (existing) {
      // The status condition keeps a concurrent submit from being overwritten by a late draft save.
      if ((await repo.updateDraftReport(ctx.db, existing.id, values)) !== 1)
        throw new AppError('CONFLICT', 'reportSubmitted');
      reportId = existing.id;
    } else {
      const insertedId = await repo.insertReportIfNone(ctx.db, {
        ...values,
        ownerId: actor.userId,
        reportDate: date,
        createdAt: now,
      });
      if (insertedId === undefined) throw new AppError('CONFLICT', 'reportSubmitted');
      reportId = insertedId;
    }
    await writeAudit(ctx.db, actor, {
      action: input.submit ? 'submit' : existing ? 'update' : 'create',
      entity: 'dailyReports',
      entityId: reportId,
      detail: { date },
    });
    return reportId;
  });
  return toReport(orNotFound(await repo.findReport(ctx.db, { kind: 'all' }, id)));
}

/** Reports of the people in the caller's scope, newest day first; managers read their department's here. */
export async function listReports(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof DailyReportQuery>,
): Promise<Page<DailyReportSummary>> {
  const scope = await scopeFor(ctx.db, actor, 'dailyReports');
  // Someone's own drafts are theirs alone; others see a report once it is submitted.
  const { rows, total } = await repo.listReports(
    ctx.db,
    scope,
    actor.userId,
    {
      ...query,
      departmentIds: query.departmentId ? await departmentSubtree(ctx.db, query.departmentId) : undefined,
    },
    query,
  );
  const items = rows.map((row) => {
    const { activity: _, ...summary } = toReport(row);
    return summary;
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getReport(ctx: AppContext, actor: Actor, id: number): Promise<DailyReport> {
  const scope = await scopeFor(ctx.db, actor, 'dailyReports');
  const row = await repo.findReport(ctx.db, scope, id);
  if (!row || (row.status !== 'submitted' && row.ownerId !== actor.userId)) throw notFound();
  return toReport(row);
}
