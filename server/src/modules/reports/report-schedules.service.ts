import type { ReportSchedule, ReportScheduleInput } from '@relate/common';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './report-schedules.repository.ts';
import { nextScheduledRun } from './schedule-times.ts';
import { ownReport } from './saved-reports.service.ts';

function toSchedule(row: repo.ScheduleRow): ReportSchedule {
  return {
    reportId: row.reportId,
    frequency: row.frequency as ReportSchedule['frequency'],
    weekday: row.weekday,
    monthDay: row.monthDay,
    hour: row.hour,
    recipientIds: readJson<number[]>(row.recipientIds, []),
    enabled: Boolean(row.enabled),
    nextRunAt: row.nextRunAt,
    lastSentAt: row.lastSentAt,
    lastError: row.lastError,
  };
}

/** A saved report's email schedule (its owner only), or null when it has none. */
export async function getReportSchedule(ctx: AppContext, actor: Actor, reportId: number) {
  await ownReport(ctx, actor, reportId);
  const row = await repo.findSchedule(ctx.db, reportId);
  return row ? toSchedule(row) : null;
}

/**
 * Sets when a saved report is sent and to whom (its owner only): the recipients must be active users;
 * the next run is the first of the schedule's times from now, in the company's time zone.
 */
export async function setReportSchedule(
  ctx: AppContext,
  actor: Actor,
  reportId: number,
  input: z.output<typeof ReportScheduleInput>,
): Promise<ReportSchedule> {
  await ownReport(ctx, actor, reportId);
  const recipientIds = [...new Set(input.recipientIds)];
  const active = await repo.activeRecipients(ctx.db, recipientIds);
  if (active.length !== recipientIds.length) throw fieldError('recipientIds', 'reportRecipientUnknown');
  const { timezone } = await getSettings(ctx.db);
  const times = {
    frequency: input.frequency,
    weekday: input.frequency === 'weekly' ? input.weekday : null,
    monthDay: input.frequency === 'monthly' ? input.monthDay : null,
    hour: input.hour,
  };
  await repo.saveSchedule(ctx.db, {
    reportId,
    ...times,
    recipientIds: writeJson(recipientIds),
    enabled: input.enabled ? 1 : 0,
    nextRunAt: input.enabled ? nextScheduledRun(times, new Date(), timezone) : null,
    updatedAt: nowIso(),
  });
  return toSchedule((await repo.findSchedule(ctx.db, reportId))!);
}

export async function deleteReportSchedule(ctx: AppContext, actor: Actor, reportId: number): Promise<void> {
  await ownReport(ctx, actor, reportId);
  await repo.deleteSchedule(ctx.db, reportId);
}
