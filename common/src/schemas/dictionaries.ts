import { z } from 'zod';
import { Id } from './common.ts';

/** Dictionary types seeded at install; administrators edit their options. */
export const dictionaryTypes = [
  'customer_level',
  'credit_level',
  'customer_stage',
  'industry',
  'customer_source',
  'contact_role',
  'anniversary_type',
  'sales_stage',
  'followup_type',
  'task_type',
  'feedback_category',
  'service_category',
  'service_method',
  'contract_category',
  'product_unit',
  'ticket_type',
  'kb_category',
  'campaign_type',
  'call_result',
  'call_outcome',
] as const;
export type DictionaryType = (typeof dictionaryTypes)[number];

export const DictionaryTypeParams = z.object({ type: z.enum(dictionaryTypes) });
export const DictionaryOptionParams = DictionaryTypeParams.extend({ id: Id });

export const DictionaryOptionInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[A-Za-z0-9_.-]+$/),
  labelZh: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .nullish(),
  enabled: z.boolean().optional(),
});
export const DictionaryOptionPatch = DictionaryOptionInput.omit({ code: true }).partial();
export const DictionaryOption = z.object({
  id: z.number(),
  type: z.string(),
  code: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  sortOrder: z.number(),
  color: z.string().nullable(),
  enabled: z.boolean(),
});
export type DictionaryOption = z.infer<typeof DictionaryOption>;
