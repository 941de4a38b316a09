import dayjs from 'dayjs';
import { dayStart } from '../../db/time.ts';

/** The first and the following instant of a period (`2026`, `2026-Q4`, `2026-11`) in the company's time zone. */
export function periodBounds(period: string, timezone: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  let start = dayjs(`${year}-01-01`);
  let end = start.add(1, 'year');
  if (period.includes('-Q')) {
    start = start.add((Number(period.slice(-1)) - 1) * 3, 'month');
    end = start.add(3, 'month');
  } else if (period.length === 7) {
    start = dayjs(`${period}-01`);
    end = start.add(1, 'month');
  }
  return { from: dayStart(start.format('YYYY-MM-DD'), timezone), to: dayStart(end.format('YYYY-MM-DD'), timezone) };
}

export function currentMonth(timezone: string): string {
  return dayjs().tz(timezone).format('YYYY-MM');
}
