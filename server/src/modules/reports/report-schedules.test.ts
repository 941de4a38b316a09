import type XLSXModule from '@e965/xlsx';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { appWithMailServer, type ReceivedMail } from '../../../test/smtp.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { jobHandlers } from '../../jobs.ts';
import { deliverDueReports } from './report-delivery.ts';
import { nextScheduledRun } from './schedule-times.ts';

const XLSX = createRequire(import.meta.url)('@e965/xlsx') as typeof XLSXModule;

describe('nextScheduledRun', () => {
  const zone = 'Asia/Shanghai';
  // 2026-12-07 is a Monday; 08:00 in Shanghai is 00:00 UTC.
  const at = (iso: string) => new Date(iso);

  it('runs daily at the hour in the company time zone, today if the hour is still to come', () => {
    const daily = { frequency: 'daily' as const, weekday: null, monthDay: null, hour: 8 };
    expect(nextScheduledRun(daily, at('2026-12-06T23:59:00Z'), zone)).toBe('2026-12-07T00:00:00.000Z');
    expect(nextScheduledRun(daily, at('2026-12-07T00:00:00Z'), zone)).toBe('2026-12-08T00:00:00.000Z');
  });

  it('runs weekly on its ISO weekday (7 = Sunday) and monthly on its day', () => {
    const sunday = { frequency: 'weekly' as const, weekday: 7, monthDay: null, hour: 18 };
    expect(nextScheduledRun(sunday, at('2026-12-07T03:00:00Z'), zone)).toBe('2026-12-13T10:00:00.000Z');
    const monday = { ...sunday, weekday: 1, hour: 9 };
    expect(nextScheduledRun(monday, at('2026-12-07T00:30:00Z'), zone)).toBe('2026-12-07T01:00:00.000Z');
    const monthly = { frequency: 'monthly' as const, weekday: null, monthDay: 28, hour: 0 };
    // Midnight of the 28th in Shanghai is 16:00 UTC on the 27th.
    expect(nextScheduledRun(monthly, at('2026-12-28T00:00:00Z'), zone)).toBe('2027-01-27T16:00:00.000Z');
    expect(nextScheduledRun(monthly, at('2027-02-01T00:00:00Z'), zone)).toBe('2027-02-27T16:00:00.000Z');
  });

  it('keeps the hour across a change of clocks', () => {
    const daily = { frequency: 'daily' as const, weekday: null, monthDay: null, hour: 9 };
    // New York moves to summer time on 2027-03-14: 09:00 is 14:00 UTC before and 13:00 UTC after.
    expect(nextScheduledRun(daily, at('2027-03-13T15:00:00Z'), 'America/New_York')).toBe('2027-03-14T13:00:00.000Z');
  });
});

/** The decoded subject of a raw message (RFC 2047 words joined). */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
    )
    .trim();
}

/** The rows of the .xlsx file attached to a raw message, and its file name. */
function attachedSheet(raw: string): { fileName: string; rows: unknown[][] } | null {
  const boundary = /boundary="([^"]+)"/.exec(raw)?.[1];
  const part = boundary && raw.split(`--${boundary}`).find((p) => p.includes('spreadsheetml'));
  if (!part) return null;
  const [head, ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
  const headers = head.replace(/\r\n(?=[ \t])/g, '');
  const fileName = /filename="([^"]+)"/.exec(headers)?.[1] ?? '';
  const book = XLSX.read(Buffer.from(body.join('').replace(/\s+/g, ''), 'base64'));
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1 });
  return { fileName, rows };
}

describe.each(testDialects)('scheduled reports by email on %s', (dialect) => {
  const env = appWithMailServer(dialect);
  const ctx = () => ({ db: env.t.database.db, dialect: env.t.database.dialect, config: env.t.config }) as AppContext;
  const definition = { source: 'customers', groupBy: [{ field: 'level' }], measures: [{ aggregate: 'count' }] };

  /** Runs the sweep at `now` and then every job it queued. */
  async function deliverAt(now: Date) {
    await deliverDueReports(ctx(), now);
    await runDueJobs(ctx(), jobHandlers, [], 'test', now);
  }

  /** Makes a schedule due now, as if its hour had come. */
  async function makeDue(reportId: number, at: Date) {
    await env.t.database.db
      .updateTable('reportSchedules')
      .set({ nextRunAt: new Date(at.getTime() - 60_000).toISOString() })
      .where('reportId', '=', reportId)
      .execute();
  }

  it('checks the schedule: its day for weekly and monthly ones, active recipients, its owner only', async () => {
    const east = await createDepartment(env.t, '排程东区');
    const owner = await createUserClient(env.t, 'sales_manager', east);
    const colleague = await createUserClient(env.t, 'sales_manager', east);
    const report = (await owner.post('/api/v1/reports', { name: '排程检查', definition })).json();
    const ownerId = owner.userId;

    expect((await owner.get(`/api/v1/reports/${report.id}/schedule`)).json()).toBeNull();
    const noDay = await owner.put(`/api/v1/reports/${report.id}/schedule`, {
      frequency: 'weekly',
      recipientIds: [ownerId],
    });
    expect(noDay.statusCode).toBe(400);
    expect(noDay.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { weekday: expect.any(String) } });
    const noMonthDay = await owner.put(`/api/v1/reports/${report.id}/schedule`, {
      frequency: 'monthly',
      monthDay: 31,
      recipientIds: [ownerId],
    });
    expect(noMonthDay.json().error.fields).toHaveProperty('monthDay');
    const nobody = await owner.put(`/api/v1/reports/${report.id}/schedule`, { frequency: 'daily', recipientIds: [] });
    expect(nobody.json().error.fields).toHaveProperty('recipientIds');
    const unknown = await owner.put(`/api/v1/reports/${report.id}/schedule`, {
      frequency: 'daily',
      recipientIds: [ownerId, 999_999],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.recipientIds).toBeTruthy();

    const saved = await owner.put(`/api/v1/reports/${report.id}/schedule`, {
      frequency: 'weekly',
      weekday: 1,
      monthDay: 5,
      hour: 9,
      recipientIds: [ownerId, ownerId],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // A weekly schedule keeps no day of the month; the recipients are each named once.
    expect(saved.json()).toMatchObject({ frequency: 'weekly', weekday: 1, monthDay: null, recipientIds: [ownerId] });
    expect(new Date(saved.json().nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect((await owner.get(`/api/v1/reports/${report.id}/schedule`)).json()).toMatchObject({ weekday: 1 });

    // Not shared with the colleague: not theirs to see; the owner pauses it and then stops it.
    expect((await colleague.get(`/api/v1/reports/${report.id}/schedule`)).statusCode).toBe(404);
    expect(
      (await colleague.put(`/api/v1/reports/${report.id}/schedule`, { frequency: 'daily', recipientIds: [ownerId] }))
        .statusCode,
    ).toBe(404);
    const paused = await owner.put(`/api/v1/reports/${report.id}/schedule`, {
      frequency: 'daily',
      recipientIds: [ownerId],
      enabled: false,
    });
    expect(paused.json()).toMatchObject({ enabled: false, nextRunAt: null });
    expect((await owner.delete(`/api/v1/reports/${report.id}/schedule`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/reports/${report.id}/schedule`)).json()).toBeNull();
  });

  it('sends each recipient the figures of their own scope, in their language, once per run', async () => {
    const { t, smtp } = env;
    await t.admin.put('/api/v1/settings/mail', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'crm@relate.example',
      fromName: 'Relate',
    });
    const west = await createDepartment(t, '排程西区');
    const rep = await createUserClient(t, 'sales_rep', west, { email: 'rep@relate.example', locale: 'zh-CN' });
    const other = await createUserClient(t, 'sales_rep', west);
    for (const level of ['A', 'A', 'B']) await createCustomer(rep, { level });
    await createCustomer(other, { level: 'A' });
    const admin = await createUserClient(t, 'admin', undefined, { email: 'boss@relate.example', locale: 'en' });
    const report = (await admin.post('/api/v1/reports', { name: 'Customers by level', definition })).json();
    const schedule = await admin.put(`/api/v1/reports/${report.id}/schedule`, {
      frequency: 'daily',
      hour: 8,
      recipientIds: [admin.userId, rep.userId],
    });
    expect(schedule.statusCode, schedule.body).toBe(200);

    const now = new Date();
    await makeDue(report.id, now);
    const before = smtp.received.length;
    await deliverAt(now);
    // A second sweep at the same moment finds the run taken.
    await deliverAt(now);
    const mails = smtp.received.slice(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['boss@relate.example', 'rep@relate.example']);
    const to = (address: string) => mails.find((m) => m.to[0] === address) as ReceivedMail;

    // The administrator: every customer, in English.
    const everyone = await t.database.db
      .selectFrom('customers')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('deletedAt', 'is', null)
      .executeTakeFirstOrThrow();
    const english = to('boss@relate.example');
    expect(subjectOf(english.raw)).toMatch(/^Scheduled report: Customers by level \(\d{4}-\d\d-\d\d\)$/);
    const englishSheet = attachedSheet(english.raw)!;
    expect(englishSheet.fileName).toMatch(/^Customers by level \d{4}-\d\d-\d\d\.xlsx$/);
    expect(englishSheet.rows[0]).toEqual(['Level', 'Count']);
    expect(englishSheet.rows.at(-1)).toEqual(['Total', Number(everyone.n)]);

    // The rep: their own three customers, in Chinese, by level.
    const chinese = to('rep@relate.example');
    expect(subjectOf(chinese.raw)).toMatch(/^定期报表：Customers by level（\d{4}-\d\d-\d\d）$/);
    const chineseSheet = attachedSheet(chinese.raw)!;
    expect(chineseSheet.rows[0]).toEqual(['客户级别', '计数']);
    expect(chineseSheet.rows.slice(1)).toEqual([
      [expect.any(String), 2],
      [expect.any(String), 1],
      ['合计', 3],
    ]);

    const after = (await admin.get(`/api/v1/reports/${report.id}/schedule`)).json();
    expect(after).toMatchObject({ lastError: null, lastSentAt: expect.any(String) });
    // Moved on to tomorrow's run, at 08:00 in the company's time zone.
    expect(new Date(after.nextRunAt).getTime()).toBeGreaterThan(now.getTime());
    expect(new Date(after.nextRunAt).getUTCHours()).toBe(0);
  });

  it('tells the owner why a recipient got nothing, and sends the others', async () => {
    const { t, smtp } = env;
    const owner = await createUserClient(t, 'admin', undefined, { email: 'owner@relate.example', locale: 'en' });
    const noAddress = await createUserClient(t, 'sales_rep');
    const leaving = await createUserClient(t, 'sales_rep', undefined, { email: 'leaving@relate.example' });
    const report = (await owner.post('/api/v1/reports', { name: 'Partly sent', definition })).json();
    await owner.put(`/api/v1/reports/${report.id}/schedule`, {
      frequency: 'monthly',
      monthDay: 1,
      recipientIds: [owner.userId, noAddress.userId, leaving.userId],
    });
    expect((await t.admin.patch(`/api/v1/users/${leaving.userId}`, { status: 'disabled' })).statusCode).toBe(200);
    const now = new Date();
    await makeDue(report.id, now);
    const before = smtp.received.length;
    await deliverAt(now);
    expect(smtp.received.slice(before).map((m) => m.to[0])).toEqual(['owner@relate.example']);
    const { lastError } = (await owner.get(`/api/v1/reports/${report.id}/schedule`)).json();
    // The last reason found is kept, in the owner's language.
    expect(lastError).toMatch(/has no email address|is no longer active/);
  });
});
