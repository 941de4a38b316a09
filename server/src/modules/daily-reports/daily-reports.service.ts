import type {
  DailyActivity,
  DailyReport,
  DailyReportInput,
  DailyReportQuery,
  DailyReportSummary,
  Page,
} from '@relate/common';
import { sql } from 'kysely';
import type { z } from 'zod';
import { nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound, orNotFound } from '../../platform/errors.ts';
import { departmentSubtree, scopeFor, whereInScope } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import { activityOfDay, draftSummary } from './daily-reports.activity.ts';

const columns = [
  'dailyReports.id',
  'dailyReports.ownerId',
  'users.displayName as ownerName',
  'dailyReports.departmentId',
  'dailyReports.reportDate',
  'dailyReports.status',
  'dailyReports.summary',
  'dailyReports.plan',
  'dailyReports.problems',
  'dailyReports.activity',
  'dailyReports.submittedAt',
  'dailyReports.updatedAt',
] as const;

type Row = {
  id: number;
  ownerId: number;
  ownerName: string;
  departmentId: number | null;
  reportDate: string;
  status: string;
  summary: string;
  plan: string | null;
  problems: string | null;
  activity: string;
  submittedAt: string | null;
  updatedAt: string;
};

/** The day's counts from the database; reports saved before they were stored count their lists. */
const countsOf = (activity: DailyActivity) =>
  activity.counts ?? {
    followups: activity.followups.length,
    tasksDone: activity.tasksDone.length,
    opportunitiesMoved: activity.opportunitiesMoved.length,
  };

function toReport(row: Row): DailyReport {
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

function selectReports(ctx: AppContext) {
  return ctx.db.selectFrom('dailyReports').innerJoin('users', 'users.id', 'dailyReports.ownerId').select(columns);
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
  const saved = await selectReports(ctx)
    .where('dailyReports.ownerId', '=', actor.userId)
    .where('dailyReports.reportDate', '=', date)
    .executeTakeFirst();
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
    const existing = await ctx.db
      .selectFrom('dailyReports')
      .select(['id', 'status'])
      .where('ownerId', '=', actor.userId)
      .where('reportDate', '=', date)
      .executeTakeFirst();
    if (existing?.status === 'submitted') throw new AppError('CONFLICT', 'reportSubmitted');
    let reportId: number;
    if (existing) {
      // The status condition keeps a concurrent submit from being overwritten by a late draft save.
      const result = await ctx.db
        .updateTable('dailyReports')
        .set(values)
        .where('id', '=', existing.id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'reportSubmitted');
      reportId = existing.id;
    } else {
      const row = await ctx.db
        .insertInto('dailyReports')
        .values({ ...values, ownerId: actor.userId, reportDate: date, createdAt: now })
        .onConflict((oc) => oc.columns(['ownerId', 'reportDate']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new AppError('CONFLICT', 'reportSubmitted');
      reportId = row.id;
    }
    await writeAudit(ctx.db, actor, {
      action: input.submit ? 'submit' : existing ? 'update' : 'create',
      entity: 'dailyReports',
      entityId: reportId,
      detail: { date },
    });
    return reportId;
  });
  return toReport(orNotFound(await selectReports(ctx).where('dailyReports.id', '=', id).executeTakeFirst()));
}

/** Reports of the people in the caller's scope, newest day first; managers read their department's here. */
export async function listReports(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof DailyReportQuery>,
): Promise<Page<DailyReportSummary>> {
  const scope = await scopeFor(ctx.db, actor, 'dailyReports');
  let qb = whereInScope(ctx.db.selectFrom('dailyReports'), 'daily_reports', scope);
  // Someone's own drafts are theirs alone; others see a report once it is submitted.
  qb = qb.where((eb) =>
    eb.or([eb('dailyReports.status', '=', 'submitted'), eb('dailyReports.ownerId', '=', actor.userId)]),
  );
  if (query.dateFrom) qb = qb.where('dailyReports.reportDate', '>=', query.dateFrom);
  if (query.dateTo) qb = qb.where('dailyReports.reportDate', '<=', query.dateTo);
  if (query.ownerId?.length) qb = qb.where('dailyReports.ownerId', 'in', query.ownerId);
  if (query.departmentId)
    qb = qb.where('dailyReports.departmentId', 'in', await departmentSubtree(ctx.db, query.departmentId));
  if (query.status) qb = qb.where('dailyReports.status', '=', query.status);
  const [rows, total] = await Promise.all([
    qb
      .innerJoin('users', 'users.id', 'dailyReports.ownerId')
      .select(columns)
      .orderBy('dailyReports.reportDate', 'desc')
      .orderBy('dailyReports.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    qb.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((row) => {
    const { activity: _, ...summary } = toReport(row);
    return summary;
  });
  return { items, total: Number(total.n), page: query.page, pageSize: query.pageSize };
}

export async function getReport(ctx: AppContext, actor: Actor, id: number): Promise<DailyReport> {
  const scope = await scopeFor(ctx.db, actor, 'dailyReports');
  const row = await whereInScope(selectReports(ctx), 'daily_reports', scope)
    .where('dailyReports.id', '=', id)
    .executeTakeFirst();
  if (!row || (row.status !== 'submitted' && row.ownerId !== actor.userId)) throw notFound();
  return toReport(row);
}
