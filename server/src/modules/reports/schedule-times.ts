import type { ReportScheduleFrequency } from '@relate/common';
import { dayjs } from '../../db/time.ts';

export type ScheduleTimes = {
  frequency: ReportScheduleFrequency;
  weekday: number | null;
  monthDay: number | null;
  hour: number;
};

/**
 * The first time after `after` a schedule is due, at its hour on a day it runs in the company's time
 * zone (a weekly one on its ISO weekday, a monthly one on its day of the month), as an ISO instant.
 */
export function nextScheduledRun(schedule: ScheduleTimes, after: Date, timezone: string): string {
  const local = dayjs(after).tz(timezone);
  let day = local.startOf('day');
  // At most a month and a day ahead: every day is tried until one runs and its hour is still to come.
  for (let i = 0; i < 33; i++, day = day.add(1, 'day')) {
    const runs =
      schedule.frequency === 'daily' ||
      (schedule.frequency === 'weekly' && (day.day() || 7) === schedule.weekday) ||
      (schedule.frequency === 'monthly' && day.date() === schedule.monthDay);
    if (!runs) continue;
    const at = dayjs.tz(`${day.format('YYYY-MM-DD')}T${String(schedule.hour).padStart(2, '0')}:00:00`, timezone);
    if (at.valueOf() > after.getTime()) return at.toDate().toISOString();
  }
  throw new Error(`No run of a ${schedule.frequency} schedule within a month`);
}
