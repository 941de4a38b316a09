import type { Settings } from '@relate/common';
import { dayjs } from '../../db/time.ts';
import { statutoryDay } from '../../platform/statutory-calendar.ts';

/**
 * When a list's entries may be called: between its hours (HH:mm, the company's time zone) on any day but a
 * public holiday — China's statutory holidays when the company follows the statutory calendar, and the
 * company's own days off; a day the company names as worked is a calling day.
 */
export type CallingHours = Pick<Settings, 'timezone' | 'holidays' | 'extraWorkdays' | 'statutoryCalendar'> & {
  start: string;
  end: string;
};

/** Whether nobody is called on a day (YYYY-MM-DD). */
export function isHoliday(hours: CallingHours, date: string): boolean {
  if (hours.extraWorkdays.includes(date)) return false;
  if (hours.holidays.includes(date)) return true;
  return hours.statutoryCalendar && statutoryDay(date)?.kind === 'holiday';
}

/** A day's calling window as instants: [start, end). */
function windowOf(hours: CallingHours, date: string): { start: number; end: number } {
  const at = (time: string) =>
    time === '24:00'
      ? dayjs.tz(date, hours.timezone).add(1, 'day').valueOf()
      : dayjs.tz(`${date} ${time}`, hours.timezone).valueOf();
  return { start: at(hours.start), end: at(hours.end) };
}

/** More than a year of holidays in a row never happens; past that the time asked is kept as it is. */
const maxDays = 400;

/** The first moment at or after `from` within calling hours. */
export function nextCallingTime(hours: CallingHours, from: Date): Date {
  let cursor = from.getTime();
  let date = dayjs(cursor).tz(hours.timezone).format('YYYY-MM-DD');
  for (let day = 0; day < maxDays; day++) {
    if (!isHoliday(hours, date)) {
      const { start, end } = windowOf(hours, date);
      if (cursor < start) return new Date(start);
      if (cursor < end) return new Date(cursor);
    }
    const next = dayjs.tz(date, hours.timezone).add(1, 'day');
    date = next.format('YYYY-MM-DD');
    cursor = Math.max(cursor, next.valueOf());
  }
  return from;
}

/** Whether `at` is calling time. */
export function isCallingTime(hours: CallingHours, at: Date): boolean {
  return nextCallingTime(hours, at).getTime() === at.getTime();
}
