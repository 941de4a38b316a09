import { z } from 'zod';
import {
  IdList,
  OptionalEmail,
  OptionalLongText,
  CheckedMobile,
  CheckedPhone,
  OptionalText,
  PageQuery,
  RequiredName,
  Id,
  RecordId,
} from './common.ts';
import { LunarDate, lunarCalendarRange } from './calendar.ts';
import { locales } from '../locale.ts';

export const genders = ['male', 'female', 'unknown'] as const;

/** A solar anniversary comes round on its month and day; a lunar one (农历) on its lunar month and day. */
export const anniversaryCalendars = ['solar', 'lunar'] as const;
export type AnniversaryCalendar = (typeof anniversaryCalendars)[number];
/**
 * Where a lunar anniversary of a leap month (闰月) falls in a year: in that year's leap month of the
 * same number when there is one, else in the ordinary month (`leapMonth`); or always in the ordinary month.
 */
export const leapMonthRules = ['leapMonth', 'ordinaryMonth'] as const;
export type LeapMonthRule = (typeof leapMonthRules)[number];

export const AnniversaryInput = z
  .object({
    type: z.string().trim().min(1).max(50),
    /** The day it happened (a birth date, a founding day), on the solar calendar; a lunar one takes its lunar date from it. */
    date: z.iso.date(),
    calendar: z.enum(anniversaryCalendars).default('solar'),
    leapRule: z.enum(leapMonthRules).default('leapMonth'),
    remindDaysBefore: z.number().int().min(0).max(365).default(3),
    remark: z.string().trim().max(200).nullish(),
  })
  .refine((a) => a.calendar === 'solar' || (a.date >= lunarCalendarRange.first && a.date <= lunarCalendarRange.last), {
    message: 'lunarOutOfRange',
    path: ['date'],
  });
export const Anniversary = z.object({
  id: z.number(),
  contactId: z.number(),
  type: z.string(),
  date: z.string(),
  calendar: z.enum(anniversaryCalendars),
  /** For a lunar anniversary, its lunar date. */
  lunar: LunarDate.nullable(),
  leapRule: z.enum(leapMonthRules),
  /** The next day it comes round on (today or later, company time zone). */
  nextDate: z.string(),
  remindDaysBefore: z.number(),
  remark: z.string().nullable(),
});

export const ContactInput = z.object({
  customerId: RecordId,
  name: RequiredName,
  gender: z.enum(genders).optional(),
  title: OptionalText,
  department: OptionalText,
  mobile: CheckedMobile,
  phone: CheckedPhone,
  email: OptionalEmail,
  wechat: OptionalText,
  birthday: z.iso.date().nullish(),
  isPrimary: z.boolean().optional(),
  decisionRole: z.string().trim().max(50).nullish(),
  remark: OptionalLongText,
  /** The language mail is written to them in (an email template's version); none: the template's default. */
  language: z.enum(locales).nullish(),
  anniversaries: z.array(AnniversaryInput).max(20).optional(),
});
export type ContactInput = z.infer<typeof ContactInput>;
export const ContactPatch = ContactInput.partial();

export const Contact = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  name: z.string(),
  gender: z.enum(genders),
  title: z.string().nullable(),
  department: z.string().nullable(),
  mobile: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  wechat: z.string().nullable(),
  birthday: z.string().nullable(),
  isPrimary: z.boolean(),
  decisionRole: z.string().nullable(),
  remark: z.string().nullable(),
  language: z.enum(locales).nullable().optional(),
  ownerId: z.number().nullable(),
  departmentId: z.number().nullable(),
  anniversaries: z.array(Anniversary),
  /** The lead score in the default scoring group (the sum of its open reasons). */
  score: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export const contactSortFields = ['name', 'customerName', 'title', 'createdAt', 'updatedAt'] as const;

export const ContactQuery = PageQuery.extend({
  customerId: Id.optional(),
  ownerId: IdList,
});

export const UpcomingAnniversariesQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export const UpcomingAnniversary = z.object({
  id: z.number(),
  contactId: z.number(),
  contactName: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  type: z.string(),
  date: z.string(),
  calendar: z.enum(anniversaryCalendars),
  lunar: LunarDate.nullable(),
  nextDate: z.string(),
  daysLeft: z.number(),
});
export type UpcomingAnniversary = z.infer<typeof UpcomingAnniversary>;
