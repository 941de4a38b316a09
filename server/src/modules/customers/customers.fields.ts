import type { Customer, CustomerInput, DictionaryType } from '@relate/common';

/** Customer fields that take a dictionary option code, and their dictionary. */
export const customerDictionaryFields = {
  level: 'customer_level',
  creditLevel: 'credit_level',
  stage: 'customer_stage',
  industry: 'industry',
  source: 'customer_source',
} as const satisfies Record<string, DictionaryType>;

/** Plain columns copied from input to the row as they are. */
export const customerPlainFields = [
  'name',
  'type',
  'level',
  'creditLevel',
  'stage',
  'industry',
  'source',
  'country',
  'province',
  'city',
  'district',
  'address',
  'phone',
  'email',
  'website',
  'remark',
] as const satisfies ReadonlyArray<keyof CustomerInput & keyof Customer>;

/** Fields whose changes the audit log records. */
export const customerAuditedFields = [...customerPlainFields, 'ownerId', 'tags', 'customFields'] as const;

export const customerSearchValues = (c: { name: string; code: string; phone?: string | null; phoneNorm?: string | null; email?: string | null }) => [
  c.name,
  c.code,
  c.phone,
  c.phoneNorm,
  c.email,
];
