import type { CalendarYear } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient } from '../../../test/factories.ts';
import { usersWithPermission } from '../../platform/permission-holders.ts';
import { statutoryYearKnown } from '../../platform/statutory-calendar.ts';
import { checkStatutoryYears } from './calendar.service.ts';

/**
 * The working calendar over the API: China's statutory holidays and weekend days worked instead, the
 * company's own days over them, a year not yet published following the weekdays, and "in N working days".
 */
describe.each(testDialects)('the working calendar on %s', (dialect) => {
  let t: TestApp;
  let rep: Client;
  const year = async (client: Client, y: number) => {
    const response = await client.get(`/api/v1/calendar/years/${y}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as CalendarYear;
  };
  const dayOf = (calendar: CalendarYear, date: string) => calendar.days.find((d) => d.date === date)!;
  const after = async (client: Client, from: string, days: number) =>
    (await client.get('/api/v1/calendar/working-days', { from, days })).json().date as string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    rep = await createUserClient(t, 'sales_rep');
  });
  afterAll(() => t?.close());

  it('marks the statutory holidays and the weekend days worked instead, for everyone', async () => {
    const y2026 = await year(rep, 2026);
    expect(y2026).toMatchObject({ year: 2026, statutoryCalendar: true, statutoryKnown: true });
    expect(y2026.days).toHaveLength(365);
    expect(dayOf(y2026, '2026-10-01')).toEqual({
      date: '2026-10-01',
      worked: false,
      standard: false,
      source: 'statutory',
      nameZh: '国庆节',
      nameEn: 'National Day',
    });
    expect(dayOf(y2026, '2026-10-10')).toMatchObject({ worked: true, source: 'statutory', nameZh: '国庆节' });
    expect(dayOf(y2026, '2026-10-11')).toMatchObject({ worked: false, source: 'weekday', nameZh: null });
    expect(y2026.days.filter((d) => d.source === 'statutory' && !d.worked).length).toBeGreaterThan(20);
    expect(await after(rep, '2026-09-30', 1)).toBe('2026-10-08');
    expect(await after(rep, '2026-10-08', 3)).toBe('2026-10-12');
  });

  it('says when a year is not yet published, and counts its weekdays meanwhile', async () => {
    const later = await year(t.admin, 2099);
    expect(later.statutoryKnown).toBe(false);
    expect(dayOf(later, '2099-01-01')).toMatchObject({ worked: true, source: 'weekday' });
  });

  it("lets an administrator's own days overrule it, or turn it off", async () => {
    const patched = await t.admin.patch('/api/v1/settings', {
      holidays: ['2026-10-10'],
      extraWorkdays: ['2026-10-02'],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const y2026 = await year(rep, 2026);
    expect(dayOf(y2026, '2026-10-10')).toMatchObject({ worked: false, standard: true, source: 'company' });
    expect(dayOf(y2026, '2026-10-02')).toMatchObject({ worked: true, source: 'company' });
    expect(await after(rep, '2026-09-30', 1)).toBe('2026-10-02');

    expect(
      (await t.admin.patch('/api/v1/settings', { statutoryCalendar: false, holidays: [], extraWorkdays: [] }))
        .statusCode,
    ).toBe(200);
    const off = await year(rep, 2026);
    expect(off.statutoryCalendar).toBe(false);
    expect(dayOf(off, '2026-10-01')).toMatchObject({ worked: true, source: 'weekday', nameZh: null });
    expect(await after(rep, '2026-09-30', 1)).toBe('2026-10-01');
    expect((await t.admin.patch('/api/v1/settings', { statutoryCalendar: true })).statusCode).toBe(200);
  });

  it('tells each administrator once that a year’s schedule is missing, and no one when it is known', async () => {
    const notices = async () =>
      (await t.database.db.selectFrom('notifications').selectAll().where('kind', '=', 'calendarUnknown').execute()).map(
        (n) => ({ userId: n.userId, year: n.entityId }),
      );
    expect(await checkStatutoryYears(t.database.db, new Date('2026-06-01T00:00:00Z'))).toEqual([]);
    expect(await notices()).toEqual([]);
    // In November the next year is looked at too.
    const november = await checkStatutoryYears(t.database.db, new Date('2026-11-20T00:00:00Z'));
    expect(november).toEqual(statutoryYearKnown(2027) ? [] : [2027]);
    expect(await checkStatutoryYears(t.database.db, new Date('2099-03-01T00:00:00Z'))).toEqual([2099]);
    await checkStatutoryYears(t.database.db, new Date('2099-03-02T00:00:00Z'));
    const admins = await usersWithPermission(t.database.db, 'settings.manage');
    const sent = await notices();
    expect(
      sent
        .filter((n) => n.year === 2099)
        .map((n) => n.userId)
        .sort(),
    ).toEqual([...admins].sort());
    expect(sent.some((n) => n.userId === rep.userId)).toBe(false);
    // The administrator reads it in the bell, linked to the working calendar.
    const list = (await t.admin.get('/api/v1/notifications')).json();
    expect(list.items.find((n: { kind: string }) => n.kind === 'calendarUnknown')).toMatchObject({
      entity: 'calendar',
      params: { year: 2099 },
    });
    // Not with the statutory calendar off.
    await t.admin.patch('/api/v1/settings', { statutoryCalendar: false });
    expect(await checkStatutoryYears(t.database.db, new Date('2098-03-01T00:00:00Z'))).toEqual([]);
    await t.admin.patch('/api/v1/settings', { statutoryCalendar: true });
  });

  it('refuses what it cannot answer', async () => {
    expect((await rep.get('/api/v1/calendar/years/1899')).statusCode).toBe(400);
    expect((await rep.get('/api/v1/calendar/working-days', { days: 400 })).statusCode).toBe(400);
    expect((await rep.get('/api/v1/calendar/working-days', { from: '2026-13-01', days: 1 })).statusCode).toBe(400);
    const today = await rep.get('/api/v1/calendar/working-days', { days: 0 });
    expect(today.json().date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives each day its lunar date and the solar terms beginning on it', async () => {
    const response = await rep.get('/api/v1/calendar/lunar-days', { from: '2026-02-01', to: '2026-03-31' });
    expect(response.statusCode, response.body).toBe(200);
    const days = response.json().days as Array<{ date: string; lunar: object; solarTerm: string | null }>;
    expect(days).toHaveLength(59);
    // The lunar new year of 2026 and the day before it (the 29th of a 29-day 腊月).
    expect(days.find((d) => d.date === '2026-02-16')?.lunar).toEqual({ month: 12, day: 29, leap: false });
    expect(days.find((d) => d.date === '2026-02-17')?.lunar).toEqual({ month: 1, day: 1, leap: false });
    expect(days.filter((d) => d.solarTerm).map((d) => `${d.date} ${d.solarTerm}`)).toEqual([
      '2026-02-04 立春',
      '2026-02-18 雨水',
      '2026-03-05 惊蛰',
      '2026-03-20 春分',
    ]);
    // A leap month (闰六月 of 2025).
    const leap = (await rep.get('/api/v1/calendar/lunar-days', { from: '2025-08-03', to: '2025-08-03' })).json();
    expect(leap.days[0].lunar).toEqual({ month: 6, day: 10, leap: true });
  });

  it('refuses lunar days it cannot give', async () => {
    const tooLong = await rep.get('/api/v1/calendar/lunar-days', { from: '2026-01-01', to: '2026-03-31' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields.to).toBeTruthy();
    const backwards = await rep.get('/api/v1/calendar/lunar-days', { from: '2026-03-01', to: '2026-02-01' });
    expect(backwards.statusCode).toBe(400);
    const outOfRange = await rep.get('/api/v1/calendar/lunar-days', { from: '1900-01-01', to: '1900-01-02' });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.fields.from).toBeTruthy();
  });
});
