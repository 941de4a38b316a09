import { z } from 'zod';
import { IdList, IsoDateTime, OptionalLongText, OptionalText, PageQuery, Id, RecordId } from './common.ts';

export const CheckIn = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  address: z.string().trim().max(300).nullish(),
});
export type CheckIn = z.infer<typeof CheckIn>;

/** A follow-up belongs to a customer or, before conversion, to a lead. */
export const FollowupInput = z
  .object({
    customerId: RecordId.nullish(),
    leadId: RecordId.nullish(),
    contactId: RecordId.nullish(),
    opportunityId: RecordId.nullish(),
    type: z.string().trim().min(1).max(50),
    occurredAt: IsoDateTime,
    contactName: OptionalText,
    content: z.string().trim().min(1).max(5000),
    result: OptionalLongText,
    nextStep: OptionalText,
    nextFollowupAt: IsoDateTime.nullish(),
    checkIn: CheckIn.nullish(),
  })
  .refine((v) => Boolean(v.customerId) !== Boolean(v.leadId), { path: ['customerId'], message: 'customerOrLead' });
export type FollowupInput = z.infer<typeof FollowupInput>;

export const FollowupPatch = z.object({
  contactId: RecordId.nullish(),
  opportunityId: RecordId.nullish(),
  type: z.string().trim().min(1).max(50).optional(),
  occurredAt: IsoDateTime.optional(),
  contactName: OptionalText,
  content: z.string().trim().min(1).max(5000).optional(),
  result: OptionalLongText,
  nextStep: OptionalText,
  nextFollowupAt: IsoDateTime.nullish(),
  checkIn: CheckIn.nullish(),
});
export type FollowupPatch = z.infer<typeof FollowupPatch>;

export const Followup = z.object({
  id: z.number(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  leadId: z.number().nullable(),
  leadName: z.string().nullable(),
  contactId: z.number().nullable(),
  opportunityId: z.number().nullable(),
  type: z.string(),
  occurredAt: z.string(),
  contactName: z.string().nullable(),
  content: z.string(),
  result: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextFollowupAt: z.string().nullable(),
  checkIn: CheckIn.nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.number().nullable(),
  attachmentCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Followup = z.infer<typeof Followup>;

export const followupSortFields = ['occurredAt', 'createdAt', 'nextFollowupAt', 'type'] as const;

export const FollowupQuery = PageQuery.extend({
  customerId: Id.optional(),
  leadId: Id.optional(),
  contactId: Id.optional(),
  opportunityId: Id.optional(),
  type: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean))
    .optional(),
  ownerId: IdList,
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type FollowupQuery = z.infer<typeof FollowupQuery>;
