import { z } from 'zod';
import {
  Address,
  AddressInput,
  CsvList,
  DictionaryCode,
  IdList,
  OptionalEmail,
  OptionalLongText,
  CheckedMobile,
  CheckedPhone,
  OptionalText,
  PageQuery,
  RequiredName,
  RecordId,
} from './common.ts';

export const leadStatuses = ['new', 'contacting', 'qualified', 'disqualified', 'converted'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const LeadInput = z.object({
  name: RequiredName,
  company: OptionalText,
  title: OptionalText,
  mobile: CheckedMobile,
  phone: CheckedPhone,
  email: OptionalEmail,
  wechat: OptionalText,
  source: DictionaryCode,
  campaignId: RecordId.nullish(),
  industry: DictionaryCode,
  ...AddressInput.shape,
  remark: OptionalLongText,
  status: z.enum(leadStatuses).optional(),
  disqualifyReason: OptionalText,
  score: z.number().int().min(0).max(100).optional(),
  ownerId: RecordId.optional(),
});
export type LeadInput = z.infer<typeof LeadInput>;
export const LeadPatch = LeadInput.partial();
export type LeadPatch = z.infer<typeof LeadPatch>;

export const Lead = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  mobile: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  wechat: z.string().nullable(),
  source: z.string().nullable(),
  campaignId: z.number().nullable(),
  industry: z.string().nullable(),
  ...Address.shape,
  remark: z.string().nullable(),
  status: z.enum(leadStatuses),
  disqualifyReason: z.string().nullable(),
  score: z.number(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.number().nullable(),
  convertedCustomerId: z.number().nullable(),
  convertedContactId: z.number().nullable(),
  convertedOpportunityId: z.number().nullable(),
  convertedAt: z.string().nullable(),
  lastFollowupAt: z.string().nullable(),
  nextFollowupAt: z.string().nullable(),
  createdBy: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Lead = z.infer<typeof Lead>;

export const leadSortFields = [
  'code',
  'name',
  'company',
  'status',
  'score',
  'source',
  'createdAt',
  'updatedAt',
  'lastFollowupAt',
  'nextFollowupAt',
] as const;

export const LeadQuery = PageQuery.extend({
  status: CsvList,
  source: CsvList,
  industry: CsvList,
  ownerId: IdList,
  departmentId: IdList,
  province: z.string().trim().max(50).optional(),
  city: z.string().trim().max(50).optional(),
  /** The score band, both ends included (a score is the sum of its reasons, so it may fall below 0). */
  scoreMin: z.coerce.number().int().min(-1000000).max(1000000).optional(),
  scoreMax: z.coerce.number().int().min(-1000000).max(1000000).optional(),
  createdFrom: z.iso.date().optional(),
  createdTo: z.iso.date().optional(),
});
export type LeadQuery = z.infer<typeof LeadQuery>;

export const LeadDuplicateInput = z.object({
  name: z.string().trim().max(200).optional(),
  company: z.string().trim().max(200).optional(),
  mobile: z.string().trim().max(50).optional(),
  phone: z.string().trim().max(50).optional(),
  email: z.string().trim().max(200).optional(),
  excludeId: RecordId.optional(),
});
/** A possible duplicate of a lead among leads, customers and contacts. */
export const LeadDuplicate = z.object({
  entity: z.enum(['leads', 'customers', 'contacts']),
  id: z.number().nullable(),
  visible: z.boolean(),
  name: z.string(),
  detail: z.string().nullable(),
  ownerName: z.string().nullable(),
  matchedOn: z.array(z.enum(['name', 'company', 'phone', 'email'])),
});
export type LeadDuplicate = z.infer<typeof LeadDuplicate>;

/**
 * Converting a lead: link to an existing customer or create one from the lead, create a contact
 * (unless an existing one is linked), and optionally an opportunity.
 */
/** The opportunity a conversion may open on the customer, with the contact as its first contact. */
export const LeadConvertOpportunity = z.object({
  name: z.string().trim().min(1).max(200),
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,13}(\.\d{1,2})?$/, 'invalidAmount')
    .nullish(),
  pipelineId: RecordId.optional(),
  stageId: RecordId.optional(),
  expectedCloseDate: z.iso.date().nullish(),
});
export const LeadConvertInput = z
  .object({
    customerId: RecordId.optional(),
    customerName: z.string().trim().min(1).max(200).optional(),
    contactId: RecordId.optional(),
    createContact: z.boolean().default(true),
    ownerId: RecordId.optional(),
    createOpportunity: z.boolean().default(false),
    opportunity: LeadConvertOpportunity.optional(),
  })
  .refine((input) => !input.createOpportunity || input.opportunity, { path: ['opportunity'], message: 'required' });
export type LeadConvertInput = z.infer<typeof LeadConvertInput>;

export const LeadConversion = z.object({
  leadId: z.number(),
  customerId: z.number(),
  contactId: z.number().nullable(),
  opportunityId: z.number().nullable(),
  customerCreated: z.boolean(),
});

export const assignMethods = ['manual', 'round_robin', 'least_loaded'] as const;
export const LeadAssignInput = z
  .object({
    ids: z.array(RecordId).min(1).max(1000),
    method: z.enum(assignMethods),
    ownerId: RecordId.optional(),
    departmentId: RecordId.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'manual' && !v.ownerId) ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'required' });
    if (v.method !== 'manual' && !v.departmentId)
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'required' });
  });
export const LeadAssignResult = z.object({ assigned: z.array(z.object({ leadId: z.number(), ownerId: z.number() })) });
