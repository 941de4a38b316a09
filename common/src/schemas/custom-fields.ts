import { z } from 'zod';

export const customFieldEntities = ['customers', 'contacts'] as const;
export const customFieldTypes = ['text', 'number', 'date', 'select', 'multiselect'] as const;

const Option = z.object({
  code: z.string().trim().min(1).max(50),
  labelZh: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
});

export const CustomFieldInput = z.object({
  entity: z.enum(customFieldEntities),
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/),
  labelZh: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
  type: z.enum(customFieldTypes),
  options: z.array(Option).max(200).default([]),
  required: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(100000).default(0),
  enabled: z.boolean().default(true),
});
export const CustomFieldPatch = z.object({
  labelZh: z.string().trim().min(1).max(100).optional(),
  labelEn: z.string().trim().min(1).max(100).optional(),
  options: z.array(Option).max(200).optional(),
  required: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  enabled: z.boolean().optional(),
});
export const CustomField = z.object({
  id: z.number(),
  entity: z.enum(customFieldEntities),
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(Option),
  required: z.boolean(),
  sortOrder: z.number(),
  enabled: z.boolean(),
});
export type CustomField = z.infer<typeof CustomField>;
export const CustomFieldQuery = z.object({ entity: z.enum(customFieldEntities).optional() });
