import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export { dayjs };

export function nowIso(): string {
  return new Date().toISOString();
}

/** First instant of a calendar day in the company's time zone, as an ISO timestamp. */
export function dayStart(date: string, tz: string): string {
  return dayjs.tz(date, tz).startOf('day').toISOString();
}

/** Last instant of a calendar day in the company's time zone. */
export function dayEnd(date: string, tz: string): string {
  return dayjs.tz(date, tz).endOf('day').toISOString();
}

export function todayIn(tz: string): string {
  return dayjs().tz(tz).format('YYYY-MM-DD');
}

/** The calendar day of an instant in the company's time zone. */
export function localDate(instant: string, tz: string): string {
  return dayjs(instant).tz(tz).format('YYYY-MM-DD');
}
