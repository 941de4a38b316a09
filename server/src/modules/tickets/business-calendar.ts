import type { Settings } from '@relate/common';
import dayjs from 'dayjs';
import '../../db/time.ts';

/** The working time SLA clocks count: weekdays and hours in the company's zone, less holidays, plus worked weekend days. */
export type BusinessCalendar = Pick<
  Settings,
  'businessDays' | 'businessStart' | 'businessEnd' | 'holidays' | 'extraWorkdays' | 'timezone'
>;

const minute = 60_000;
/** Far enough to cross any run of holidays; a calendar with no working time at all falls back to the wall clock. */
const maxDays = 3 * 366;

function isWorkday(calendar: BusinessCalendar, date: string, weekday: number): boolean {
  if (calendar.extraWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return calendar.businessDays.includes(weekday);
}

/** The working window of the local day that contains `instant`, or null on a day off. */
function windowOf(
  calendar: BusinessCalendar,
  instant: number,
): { date: string; start: number; end: number; next: number } {
  const local = dayjs(instant).tz(calendar.timezone);
  const date = local.format('YYYY-MM-DD');
  const next = local.startOf('day').add(1, 'day').valueOf();
  const worked = isWorkday(calendar, date, ((local.day() + 6) % 7) + 1);
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
