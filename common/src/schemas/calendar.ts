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

/** A lunar date (农历): month 1–12, day 1–30, and whether the month is a leap month (闰月). */
export const LunarDate = z.object({ month: z.number(), day: z.number(), leap: z.boolean() });
export type LunarDate = z.infer<typeof LunarDate>;

/** The days the lunar calendar covers here (lunar-javascript's tables). */
export const lunarCalendarRange = { first: '1901-02-19', last: '2099-12-31' } as const;
const inLunarRange = (date: string) => date >= lunarCalendarRange.first && date <= lunarCalendarRange.last;

/** Up to 62 days (a month view with the days around it) of lunar dates. */
export const LunarDaysQuery = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => inLunarRange(q.from), { message: 'lunarOutOfRange', path: ['from'] })
  .refine((q) => q.to >= q.from && Date.parse(q.to) - Date.parse(q.from) <= 61 * 86_400_000, {
    message: 'lunarDaysRange',
    path: ['to'],
  })
  .refine((q) => inLunarRange(q.to), { message: 'lunarOutOfRange', path: ['to'] });
export const LunarDays = z.object({
  days: z.array(
    z.object({
      date: z.string(),
      lunar: LunarDate,
      /** The solar term (节气) beginning that day, by its Chinese name (立春 …). */
      solarTerm: z.string().nullable(),
    }),
  ),
});
export type LunarDays = z.infer<typeof LunarDays>;
