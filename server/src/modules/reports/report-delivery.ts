import {
  type Locale,
  ReportDefinition,
  type ReportResult,
  reportFileName,
  reportSheetRows,
  type ReportScheduleFrequency,
  type SheetCell,
  sheetColumnWidths,
  sheetNameOf,
} from '@relate/common';
import type XLSXModule from '@e965/xlsx';
import { readJson } from '../../db/json.ts';
import { dayjs, nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { loadActor } from '../../platform/authenticate.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { lazyPackage } from '../../platform/lazy-package.ts';
import { translate } from '../../platform/messages.ts';
import { wordsIn } from '../../platform/words.ts';
import { readMailSettings, sendMail } from '../mail/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './report-schedules.repository.ts';
import { nextScheduledRun } from './schedule-times.ts';
import { mayReportOn, runReport } from './reports.service.ts';
import { reportTexts } from './report-words.ts';

const xlsx = lazyPackage<typeof XLSXModule>('@e965/xlsx');

type SendPayload = { reportId: number; userId: number; dueAt: string };

/**
 * Sweep: each schedule that is due moves on to its next run and queues one email per recipient (a job
 * each, retried on its own). Of several server instances, one takes each run.
 */
export async function deliverDueReports(ctx: AppContext, now = new Date()): Promise<void> {
  const { timezone } = await getSettings(ctx.db);
  for (const due of await repo.dueSchedules(ctx.db, now.toISOString())) {
    const dueAt = due.nextRunAt!;
    const next = nextScheduledRun({ ...due, frequency: due.frequency as ReportScheduleFrequency }, now, timezone);
    await inTransaction(ctx, async ({ db: trx }) => {
      if (!(await repo.takeDueRun(trx, due.reportId, dueAt, next))) return;
      await repo.clearDeliveryError(trx, due.reportId);
      for (const userId of readJson<number[]>(due.recipientIds, []))
        await scheduleJob(trx, {
          kind: 'report.send',
          runAt: now.toISOString(),
          payload: { reportId: due.reportId, userId, dueAt } satisfies SendPayload,
          dedupeKey: `report.send:${due.reportId}:${userId}@${dueAt}`,
        });
    });
  }
}

/**
 * Job: runs a scheduled report as its recipient — their data scope and field rules — and emails them
 * its figures as an .xlsx file, in their language. What stops it for good (no mail server, no address,
 * a recipient who may no longer see the source or a field) is recorded on the schedule; a refused
 * message fails the job, which is tried again.
 */
export async function sendScheduledReport(ctx: AppContext, payload: unknown): Promise<void> {
  const { reportId, userId } = payload as SendPayload;
  const report = await repo.reportToSend(ctx.db, reportId);
  if (!report) return;
  // Why a recipient got nothing is written for the report's owner, who reads it on the schedule.
  const ownerLocale: Locale = (await repo.localeOf(ctx.db, report.ownerId)) === 'en' ? 'en' : 'zh-CN';
  const fail = (key: string, params: Record<string, string> = {}) =>
    repo.recordDelivery(ctx.db, reportId, nowIso(), translate(ownerLocale, key, params));
  const mail = await readMailSettings(ctx.db, ctx.config.sessionSecret);
  if (!mail) return fail('reportMailNotSetUp');
  const [recipient] = await repo.activeRecipients(ctx.db, [userId]);
  const actor = recipient && (await loadActor(ctx.db, userId, { via: 'job' }, { headers: {} }));
  if (!recipient || !actor) return fail('reportRecipientInactive', { id: String(userId) });
  const name = recipient.displayName;
  if (!recipient.email) return fail('reportRecipientNoEmail', { name });
  const definition = ReportDefinition.parse(readJson(report.definition, {}));
  if (!mayReportOn(actor, definition.source)) return fail('reportRecipientNoSource', { name });
  let result: ReportResult;
  try {
    result = await runReport(ctx, actor, definition);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reasons = [error.messageKey, ...Object.values(error.fields ?? {})].map((m) =>
      typeof m === 'string' ? translate(ownerLocale, m) : translate(ownerLocale, m.key, m.params),
    );
    return fail('reportRecipientRefused', { name, reason: reasons.join('; ') });
  }
  const settings = await getSettings(ctx.db);
  const locale: Locale = actor.locale;
  const sheet = await reportSheet(ctx, actor, definition, result);
  const t = wordsIn(locale);
  const date = dayjs().tz(settings.timezone).format('YYYY-MM-DD');
  const subject = t('reports.scheduleMail.subject', { name: report.name, date });
  const totals = sheet.rows.at(-1)!;
  const summary = sheet.rows[0]
    .map((heading, i) => (totals[i].t === 'n' ? `${heading.v}: ${sheet.totalsText[i]}` : null))
    .filter(Boolean);
  await sendMail(mail, {
    to: recipient.email,
    subject,
    text: [
      t('reports.scheduleMail.body', { name: report.name, date }),
      '',
      ...(summary.length ? [`${t('reports.total')}:`, ...summary.map((line) => `  ${line}`), ''] : []),
      `— ${settings.companyName} · Relate CRM`,
    ].join('\n'),
    attachments: [
      {
        filename: reportFileName(report.name, date, 'xlsx'),
        content: workbook(sheet.rows, report.name),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ],
  });
  await repo.recordDelivery(ctx.db, reportId, nowIso(), null);
}

/** The report's figures as sheet rows, with the totals as text, in the reader's words. */
async function reportSheet(ctx: AppContext, actor: Actor, definition: ReportDefinition, result: ReportResult) {
  const { words, title, text } = await reportTexts(ctx, actor, definition, result);
  const rows = reportSheetRows(result, title, text, words.t('reports.total'));
  return { rows, totalsText: result.columns.map((column) => text(column, result.totals)) };
}

function workbook(rows: SheetCell[][], name: string): Buffer {
  const XLSX = xlsx();
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!cols'] = sheetColumnWidths(rows);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetNameOf(name));
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
