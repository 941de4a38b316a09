import type { ReportRelativePeriod } from '@relate/common';

/** A period of calendar days: the first day and the day after the last (`YYYY-MM-DD`). */
export type DayRange = { from: string; until: string };

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The days of a period relative to `today` (a calendar day in the company's time zone). Weeks start on
 * Monday; "last 7 days" ends with today.
 */
export function relativeDays(period: ReportRelativePeriod, today: string): DayRange {
  const day = Date.parse(`${today}T00:00:00Z`);
  const date = new Date(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const monday = day - ((date.getUTCDay() + 6) % 7) * dayMs;
  const quarter = month - (month % 3);
  const months = (fromMonth: number, count: number) => ({
    from: iso(Date.UTC(year, fromMonth, 1)),
    until: iso(Date.UTC(year, fromMonth + count, 1)),
  });
  const days = (first: number, afterLast: number) => ({ from: iso(first), until: iso(afterLast) });
  switch (period) {
    case 'today':
      return days(day, day + dayMs);
    case 'yesterday':
      return days(day - dayMs, day);
    case 'thisWeek':
      return days(monday, monday + 7 * dayMs);
    case 'lastWeek':
      return days(monday - 7 * dayMs, monday);
    case 'thisMonth':
      return months(month, 1);
    case 'lastMonth':
      return months(month - 1, 1);
    case 'thisQuarter':
      return months(quarter, 3);
    case 'lastQuarter':
      return months(quarter - 3, 3);
    case 'thisYear':
      return months(0, 12);
    case 'lastYear':
      return months(-12, 12);
    case 'yearToDate':
      return days(Date.UTC(year, 0, 1), day + dayMs);
    case 'last7Days':
      return days(day - 6 * dayMs, day + dayMs);
    case 'last30Days':
      return days(day - 29 * dayMs, day + dayMs);
    case 'last90Days':
      return days(day - 89 * dayMs, day + dayMs);
  }
}

/** A day shifted by whole months, kept within the month it lands in (31 March less a month is 28 or 29 February). */
function shiftMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(date, last)));
}

const shiftDays = (day: string, days: number) => iso(Date.parse(`${day}T00:00:00Z`) + days * dayMs);

/** How far back the period before a relative period lies: in months or in days. */
const stepBack: Record<ReportRelativePeriod, { months: number } | { days: number }> = {
  today: { days: 1 },
  yesterday: { days: 1 },
  thisWeek: { days: 7 },
  lastWeek: { days: 7 },
  thisMonth: { months: 1 },
  lastMonth: { months: 1 },
  thisQuarter: { months: 3 },
  lastQuarter: { months: 3 },
  thisYear: { months: 12 },
  lastYear: { months: 12 },
  // The same days of the year before.
  yearToDate: { months: 12 },
  last7Days: { days: 7 },
  last30Days: { days: 30 },
  last90Days: { days: 90 },
};

/**
 * The days a relative period is compared with: the period just before it (the month before this month,
 * the 30 days before the last 30) or the same days a year earlier.
 */
export function comparedDays(
  period: ReportRelativePeriod,
  today: string,
  compare: 'previousPeriod' | 'previousYear',
): DayRange {
  const { from, until } = relativeDays(period, today);
  const step = compare === 'previousYear' ? { months: 12 } : stepBack[period];
  if ('days' in step) return { from: shiftDays(from, -step.days), until: shiftDays(until, -step.days) };
  return { from: shiftMonths(from, -step.months), until: shiftMonths(until, -step.months) };
}
