import type { AnniversaryCalendar, LeapMonthRule } from '@relate/common';
import { type LunarDay, leapMonthOf, lunarOf, solarOfLunar } from '../../platform/lunar-calendar.ts';

export { lunarOf };

/**
 * When an anniversary comes round. A solar one falls on its month and day (29 February on 28 February
 * in other years); a lunar one on its lunar month and day, converted to the solar date of that lunar
 * year, so it moves by up to a month from year to year. `monthDay` is month × 100 + day in the
 * anniversary's own calendar: what the lists select candidates by before the exact date is worked out.
 */
export type AnniversaryDate = {
  calendar: AnniversaryCalendar;
  monthDay: number;
  lunarLeap: boolean;
  leapRule: LeapMonthRule;
};

/** An anniversary row's dates as stored (migration 0067). */
export function anniversaryDateOf(row: {
  calendar: string;
  monthDay: number;
  lunarLeap: number;
  leapRule: string;
}): AnniversaryDate {
  return {
    calendar: row.calendar as AnniversaryCalendar,
    monthDay: row.monthDay,
    lunarLeap: Boolean(row.lunarLeap),
    leapRule: row.leapRule as LeapMonthRule,
  };
}

/**
 * The solar date of a lunar month and day in a lunar year. A leap-month anniversary falls in that
 * year's leap month when the year has one of that number and the rule says so, else in the ordinary
 * month; a 30th falls on the 29th of a month that has only 29 days.
 */
function occurrenceIn(year: number, { month, day, leap }: LunarDay, rule: LeapMonthRule): string {
  const inLeapMonth = leap && rule === 'leapMonth' && leapMonthOf(year) === month;
  return solarOfLunar(year, { month, day, leap: inLeapMonth });
}

function solarOnOrAfter(from: string, monthDay: number): string {
  const month = Math.floor(monthDay / 100);
  const day = monthDay % 100;
  const inYear = (year: number) => {
    const leapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const d = month === 2 && day === 29 && !leapYear ? 28 : day;
    return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const year = Number(from.slice(0, 4));
  const thisYear = inYear(year);
  return thisYear >= from ? thisYear : inYear(year + 1);
}

/** The first day on or after `from` (YYYY-MM-DD) on which the anniversary falls. */
export function nextOccurrence(anniversary: AnniversaryDate, from: string): string {
  if (anniversary.calendar === 'solar') return solarOnOrAfter(from, anniversary.monthDay);
  const lunarDay = {
    month: Math.floor(anniversary.monthDay / 100),
    day: anniversary.monthDay % 100,
    leap: anniversary.lunarLeap,
  };
  // The lunar year of `from` began up to two months before it; its date may already be past.
  const { year } = lunarOf(from);
  for (const candidate of [year - 1, year, year + 1]) {
    const date = occurrenceIn(candidate, lunarDay, anniversary.leapRule);
    if (date >= from) return date;
  }
  return occurrenceIn(year + 2, lunarDay, anniversary.leapRule);
}

/** Every day from `first` to `last` (inclusive) on which the anniversary falls. */
export function occurrencesBetween(anniversary: AnniversaryDate, first: string, last: string): string[] {
  const dates: string[] = [];
  for (let from = first; ;) {
    const date = nextOccurrence(anniversary, from);
    if (date > last) return dates;
    dates.push(date);
    from = dayAfter(date);
  }
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export type MonthDayRanges = Array<[number, number]>;

/**
 * The month-day ranges, in each calendar, of anniversaries that may fall between two days: a superset
 * of them (the exact dates are worked out afterwards), read through the month-day index.
 */
export function candidateRanges(first: string, last: string): { solar: MonthDayRanges; lunar: MonthDayRanges } {
  const md = (date: string) => Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
  const spanDays = (Date.parse(last) - Date.parse(first)) / 86_400_000;
  const wrap = (from: number, to: number): MonthDayRanges =>
    to >= from
      ? [[from, to]]
      : [
          [from, 1231],
          [101, to],
        ];
  const solar: MonthDayRanges =
    spanDays >= 365
      ? [[101, 1231]]
      : // 29 February falls on the 28th in other years.
        wrap(md(first), md(last) === 228 ? 229 : md(last));
  const from = lunarOf(first);
  const to = lunarOf(last);
  // A lunar year has at most 385 days; a 30th falls on the 29th of a short month, so the range ends a day later.
  const lunarRanges: MonthDayRanges =
    spanDays >= 330 ? [[101, 1231]] : wrap(from.month * 100 + from.day, to.month * 100 + to.day + 1);
  return { solar, lunar: lunarRanges };
}
