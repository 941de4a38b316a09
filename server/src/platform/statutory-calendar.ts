import { createRequire } from 'node:module';

/**
 * China's statutory working calendar, as the State Council publishes it each year (usually in November
 * for the next): public holidays, and the weekend days worked instead (调休), from chinese-days for every
 * year it knows (2004 on). A year it does not know yet has neither: its days follow the weekdays.
 */
type Days = { holidays: Record<string, string>; workdays: Record<string, string> };

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Days;
const years = new Set(
  [...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((date) => Number(date.slice(0, 4))),
);

export type StatutoryDay = { kind: 'holiday' | 'workday'; nameEn: string; nameZh: string };

/** The statutory standing of a day (YYYY-MM-DD): a holiday, a weekend day worked instead, or nothing. */
export function statutoryDay(date: string): StatutoryDay | null {
  const holiday = data.holidays[date];
  const workday = data.workdays[date];
  const entry = holiday ?? workday;
  if (!entry) return null;
  // "National Day,国庆节,3": the English name, the Chinese name, the days the holiday lasts.
  const [nameEn, nameZh] = entry.split(',');
  return { kind: holiday ? 'holiday' : 'workday', nameEn: nameEn ?? '', nameZh: nameZh ?? nameEn ?? '' };
}

/** Whether the statutory schedule of a year is known (published, and in the data this version carries). */
export function statutoryYearKnown(year: number): boolean {
  return years.has(year);
}
