import { z } from 'zod';
import { rfmClasses } from './analyses.ts';
import {
  Address,
  AddressInput,
  CsvList,
  DictionaryCode,
  EnumList,
  IdList,
  OptionalEmail,
  OptionalLongText,
  CheckedPhone,
  OptionalText,
  PageQuery,
  RequiredName,
  RecordId,
} from './common.ts';

export const customerTypes = ['company', 'individual'] as const;
const Tag = z.string().trim().min(1).max(30);

export const CustomFieldValues = z.record(z.string(), z.unknown());

export const CustomerInput = z.object({
  name: RequiredName,
  type: z.enum(customerTypes).optional(),
  level: DictionaryCode,
  creditLevel: DictionaryCode,
  stage: DictionaryCode,
  industry: DictionaryCode,
  source: DictionaryCode,
  ...AddressInput.shape,
  phone: CheckedPhone,
  email: OptionalEmail,
  website: OptionalText,
  tags: z.array(Tag).max(30).optional(),
  remark: OptionalLongText,
  ownerId: RecordId.optional(),
  customFields: CustomFieldValues.optional(),
});
export type CustomerInput = z.infer<typeof CustomerInput>;
export const CustomerPatch = CustomerInput.partial();
export type CustomerPatch = z.infer<typeof CustomerPatch>;

export const Customer = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  type: z.enum(customerTypes),
  level: z.string().nullable(),
  creditLevel: z.string().nullable(),
  stage: z.string().nullable(),
  industry: z.string().nullable(),
  source: z.string().nullable(),
  ...Address.shape,
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  website: z.string().nullable(),
  tags: z.array(z.string()),
  remark: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.number().nullable(),
  customFields: CustomFieldValues,
  createdBy: z.number().nullable(),
  updatedBy: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastFollowupAt: z.string().nullable(),
  nextFollowupAt: z.string().nullable(),
});
export type Customer = z.infer<typeof Customer>;

export const customerSortFields = [
  'code',
  'name',
  'level',
  'stage',
  'industry',
  'source',
  'province',
  'city',
  'createdAt',
  'updatedAt',
  'lastFollowupAt',
  'nextFollowupAt',
] as const;

export const CustomerQuery = PageQuery.extend({
  level: CsvList,
  creditLevel: CsvList,
  stage: CsvList,
  industry: CsvList,
  source: CsvList,
  type: z.enum(customerTypes).optional(),
  province: z.string().trim().max(50).optional(),
  city: z.string().trim().max(50).optional(),
  district: z.string().trim().max(50).optional(),
  ownerId: IdList,
  departmentId: IdList,
  tags: CsvList,
  /** Customers of these classes of customer value (RFM). */
  rfmClass: EnumList(rfmClasses),
  createdFrom: z.iso.date().optional(),
  createdTo: z.iso.date().optional(),
  lastFollowupFrom: z.iso.date().optional(),
  lastFollowupTo: z.iso.date().optional(),
});
export type CustomerQuery = z.infer<typeof CustomerQuery>;

export const DuplicateCheckInput = z.object({
  name: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(50).optional(),
  email: z.string().trim().max(200).optional(),
  excludeId: RecordId.optional(),
});
/** A possible duplicate; records outside the caller's scope show only name and owner. */
export const DuplicateMatch = z.object({
  id: z.number().nullable(),
  code: z.string().nullable(),
  visible: z.boolean(),
  name: z.string(),
  ownerName: z.string().nullable(),
  matchedOn: z.array(z.enum(['name', 'phone', 'email'])),
});

export const MergeInput = z.object({
  /** The customer that is deleted after its contacts and history move to the target. */
  sourceId: RecordId,
  /** Field values to take from the source; others keep the target's values. */
  takeFromSource: z.array(z.string()).default([]),
});

export const BulkIds = z.array(RecordId).min(1).max(1000);
export const BulkAssignInput = z.object({ ids: BulkIds, ownerId: RecordId });
export const BulkTagsInput = z.object({
  ids: BulkIds,
  add: z.array(Tag).max(30).default([]),
  remove: z.array(Tag).max(30).default([]),
});
export const BulkDeleteInput = z.object({ ids: BulkIds });
export const BulkResult = z.object({ affected: z.number() });
