import type { CalendarDay, CalendarYear } from '@relate/common';
import { lunarOf, solarTermOn } from '../../platform/lunar-calendar.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dayjs, todayIn } from '../../db/time.ts';
import { addWorkingDays, type BusinessCalendar, isWorkingDay } from '../../platform/business-calendar.ts';
import { fieldError } from '../../platform/errors.ts';
import { statutoryDay, statutoryYearKnown } from '../../platform/statutory-calendar.ts';
import { usersWithPermission } from '../../platform/permission-holders.ts';
import { notify } from '../notifications/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './calendar.repository.ts';

/** The company's working calendar, as the settings hold it. */
export async function companyCalendar(db: Kysely<DB>): Promise<BusinessCalendar> {
  const s = await getSettings(db);
  return {
    timezone: s.timezone,
    businessDays: s.businessDays,
    businessStart: s.businessStart,
    businessEnd: s.businessEnd,
    statutoryCalendar: s.statutoryCalendar,
    holidays: s.holidays,
    extraWorkdays: s.extraWorkdays,
  };
}

/** Every day of a year: whether it is worked, and why when not by its weekday alone. */
export async function calendarYear(db: Kysely<DB>, year: number): Promise<CalendarYear> {
  const calendar = await companyCalendar(db);
  const days: CalendarDay[] = [];
  for (let date = dayjs.utc(`${year}-01-01`); date.year() === year; date = date.add(1, 'day')) {
    const day = date.format('YYYY-MM-DD');
    const statutory = calendar.statutoryCalendar ? statutoryDay(day) : null;
    const company = calendar.holidays.includes(day) || calendar.extraWorkdays.includes(day);
    days.push({
      date: day,
      worked: isWorkingDay(calendar, day),
      standard: isWorkingDay({ ...calendar, holidays: [], extraWorkdays: [] }, day),
      source: company ? 'company' : statutory ? 'statutory' : 'weekday',
      nameZh: statutory?.nameZh ?? null,
      nameEn: statutory?.nameEn ?? null,
    });
  }
  return { year, statutoryCalendar: calendar.statutoryCalendar, statutoryKnown: statutoryYearKnown(year), days };
}

/** The day `days` working days after `from` (today in the company's zone when not given). */
export async function workingDaysFrom(db: Kysely<DB>, from: string | undefined, days: number): Promise<string> {
  const calendar = await companyCalendar(db);
  const date = addWorkingDays(calendar, from ?? todayIn(calendar.timezone), days);
  // Only a calendar without any working day runs out.
  if (!date) throw fieldError('days', 'calendarNoWorkingDays');
  return date;
}

/**
 * Daily: while the statutory calendar is on and the schedule of this year — or, from November, of the
 * next — is not in the data, each administrator is told once per year, since the year then follows the
 * working weekdays (SLA clocks included) until a version that carries it is installed.
 */
export async function checkStatutoryYears(db: Kysely<DB>, now = new Date()): Promise<number[]> {
  const settings = await getSettings(db);
  if (!settings.statutoryCalendar) return [];
  const today = dayjs(now).tz(settings.timezone);
  const years = [today.year(), ...(today.month() >= 10 ? [today.year() + 1] : [])].filter(
    (year) => !statutoryYearKnown(year),
  );
  if (!years.length) return [];
  const administrators = await usersWithPermission(db, 'settings.manage');
  const told = await repo.calendarNoticesSent(db);
  const notices = years.flatMap((year) =>
    administrators
      .filter((userId) => !told.some((n) => n.userId === userId && n.entityId === year))
      .map((userId) => ({
        userId,
        kind: 'calendarUnknown' as const,
        entity: 'calendar',
        entityId: year,
        params: { year },
      })),
  );
  await notify(db, notices);
  return years;
}

/** Each day from `from` to `to` with its lunar date and the solar term beginning on it. */
export function lunarDays(from: string, to: string) {
  const days = [];
  for (let date = from; date <= to; date = dayjs(date).add(1, 'day').format('YYYY-MM-DD')) {
    const { month, day, leap } = lunarOf(date);
    days.push({ date, lunar: { month, day, leap }, solarTerm: solarTermOn(date) });
  }
  return days;
}
