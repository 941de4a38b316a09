import type { Settings } from '@relate/common';
import dayjs from 'dayjs';
import '../db/time.ts';
import { statutoryDay } from './statutory-calendar.ts';

/**
 * The working time SLA clocks and due dates count: weekdays and hours in the company's zone; China's
 * statutory holidays and weekend days worked instead (调休) when `statutoryCalendar` is on, for the years
 * whose schedule is known; and the company's own days off (`holidays`) and worked days (`extraWorkdays`),
 * which overrule both.
 */
export type BusinessCalendar = Pick<
  Settings,
  'businessDays' | 'businessStart' | 'businessEnd' | 'holidays' | 'extraWorkdays' | 'timezone' | 'statutoryCalendar'
>;

const minute = 60_000;
/** Far enough to cross any run of holidays; a calendar with no working time at all falls back to the wall clock. */
const maxDays = 3 * 366;

/** Whether a day (YYYY-MM-DD) is worked: the company's own choice, else the statutory calendar's, else its weekday's. */
export function isWorkingDay(calendar: BusinessCalendar, date: string): boolean {
  if (calendar.extraWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const statutory = calendar.statutoryCalendar ? statutoryDay(date) : null;
  if (statutory) return statutory.kind === 'workday';
  return calendar.businessDays.includes(((dayjs.utc(date).day() + 6) % 7) + 1);
}

/**
 * The day `days` working days after `from` (YYYY-MM-DD), as "in N working days" reads: 1 is the next
 * working day after it; 0 is the day itself when worked, else the next worked one.
 */
export function addWorkingDays(calendar: BusinessCalendar, from: string, days: number): string | null {
  let date = dayjs.utc(from);
  let left = days;
  for (let step = 0; step < maxDays; step++) {
    if ((step > 0 || days === 0) && isWorkingDay(calendar, date.format('YYYY-MM-DD'))) {
      if (left <= 1) return date.format('YYYY-MM-DD');
      left -= 1;
    }
    date = date.add(1, 'day');
  }
  return null;
}

/** The working window of the local day that contains `instant`, or null on a day off. */
function windowOf(
  calendar: BusinessCalendar,
  instant: number,
): { date: string; start: number; end: number; next: number } {
  const local = dayjs(instant).tz(calendar.timezone);
  const date = local.format('YYYY-MM-DD');
  const next = local.startOf('day').add(1, 'day').valueOf();
  const worked = isWorkingDay(calendar, date);
  if (!worked || calendar.businessEnd <= calendar.businessStart) return { date, start: next, end: next, next };
  const start = dayjs.tz(`${date} ${calendar.businessStart}`, calendar.timezone).valueOf();
  const end = dayjs.tz(`${date} ${calendar.businessEnd}`, calendar.timezone).valueOf();
  return { date, start, end, next };
}

function hasWorkingTime(calendar: BusinessCalendar): boolean {
  return (
    (calendar.businessDays.length > 0 || calendar.extraWorkdays.length > 0) &&
    calendar.businessEnd > calendar.businessStart
  );
}

/** The instant `minutes` of working time after `from`. */
export function addBusinessMinutes(from: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (!hasWorkingTime(calendar)) return new Date(from.getTime() + minutes * minute);
  let cursor = from.getTime();
  let left = minutes * minute;
  for (let day = 0; day < maxDays; day++) {
    const window = windowOf(calendar, cursor);
    if (cursor < window.start) cursor = window.start;
    if (cursor < window.end) {
      const available = window.end - cursor;
      if (left <= available) return new Date(cursor + left);
      left -= available;
    }
    cursor = window.next;
  }
  return new Date(from.getTime() + minutes * minute);
}

/** Working minutes between two instants (zero when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  if (to <= from) return 0;
  if (!hasWorkingTime(calendar)) return Math.floor((to.getTime() - from.getTime()) / minute);
  let cursor = from.getTime();
  let total = 0;
  for (let day = 0; day < maxDays && cursor < to.getTime(); day++) {
    const window = windowOf(calendar, cursor);
    const start = Math.max(cursor, window.start);
    const end = Math.min(to.getTime(), window.end);
    if (end > start) total += end - start;
    cursor = window.next;
  }
  return Math.floor(total / minute);
}
