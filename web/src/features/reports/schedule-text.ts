import type { ReportSchedule } from '@relate/common';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type When = Pick<ReportSchedule, 'frequency' | 'weekday' | 'monthDay' | 'hour'>;

/** An hour of the day as a clock reads it: 8 → "08:00". */
export const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** When a schedule sends, in words: "每周一 08:00" / "Weekly on Monday 08:00". */
export function scheduleWhen(schedule: When, t: Translate): string {
  const time = hourText(schedule.hour);
  if (schedule.frequency === 'weekly')
    return t('reports.schedule.weeklyAt', { weekday: t(`reports.schedule.weekdays.${schedule.weekday}`), time });
  if (schedule.frequency === 'monthly') return t('reports.schedule.monthlyAt', { day: schedule.monthDay, time });
  return t('reports.schedule.dailyAt', { time });
}

/** A schedule as a list shows it: when, and to how many people ("每周一 08:00 · 2 人"). */
export function scheduleSummary(schedule: When & Pick<ReportSchedule, 'recipientIds'>, t: Translate): string {
  return `${scheduleWhen(schedule, t)} · ${t('reports.schedule.recipientCount', { count: schedule.recipientIds.length })}`;
}
