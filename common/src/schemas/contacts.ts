import { z } from 'zod';
import {
  IdList,
  OptionalEmail,
  OptionalLongText,
  OptionalPhone,
  OptionalText,
  PageQuery,
  RequiredName,
  Id,
  RecordId,
} from './common.ts';

export const genders = ['male', 'female', 'unknown'] as const;

export const AnniversaryInput = z.object({
  type: z.string().trim().min(1).max(50),
  date: z.iso.date(),
  remindDaysBefore: z.number().int().min(0).max(365).default(3),
  remark: z.string().trim().max(200).nullish(),
});
export const Anniversary = z.object({
  id: z.number(),
  contactId: z.number(),
  type: z.string(),
  date: z.string(),
  remindDaysBefore: z.number(),
  remark: z.string().nullable(),
});

export const ContactInput = z.object({
  customerId: RecordId,
  name: RequiredName,
  gender: z.enum(genders).optional(),
  title: OptionalText,
  department: OptionalText,
  mobile: OptionalPhone,
  phone: OptionalPhone,
  email: OptionalEmail,
  wechat: OptionalText,
  birthday: z.iso.date().nullish(),
  isPrimary: z.boolean().optional(),
  decisionRole: z.string().trim().max(50).nullish(),
  remark: OptionalLongText,
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
  ownerId: z.number().nullable(),
  departmentId: z.number().nullable(),
  anniversaries: z.array(Anniversary),
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
  nextDate: z.string(),
  daysLeft: z.number(),
});
