import { z } from 'zod';

/** Why a day is worked or not, beyond its weekday: China's statutory calendar, or the company's own choice. */
export const calendarDaySources = ['weekday', 'statutory', 'company'] as const;

export const CalendarDay = z.object({
  date: z.string(),
  worked: z.boolean(),
  /** Whether it is worked by its weekday and the statutory calendar alone, before the company's own choice. */
  standard: z.boolean(),
  source: z.enum(calendarDaySources),
  /** The statutory holiday it belongs to (a worked weekend day: the holiday it makes up for), in both languages. */
  nameZh: z.string().nullable(),
  nameEn: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

/** A year of the working calendar, day by day, and whether its statutory schedule is known yet. */
export const CalendarYear = z.object({
  year: z.number(),
  statutoryCalendar: z.boolean(),
  /** False for a year whose schedule this version does not carry yet (published each November): its days follow the weekdays. */
  statutoryKnown: z.boolean(),
  days: z.array(CalendarDay),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export const CalendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** "In N working days": from a day (today in the company's zone when left out). */
export const WorkingDaysQuery = z.object({
  from: z.iso.date().optional(),
  days: z.coerce.number().int().min(0).max(365),
});
export const WorkingDaysResult = z.object({ date: z.string() });
