import type { Customer, CustomerInput, DictionaryType } from '@relate/common';
import { pinyinSearchValues } from '../../platform/pinyin.ts';

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
  'divisionCode',
  'address',
  'phone',
  'email',
  'website',
  'remark',
] as const satisfies ReadonlyArray<keyof CustomerInput & keyof Customer>;

/** Fields whose changes the audit log records. */
export const customerAuditedFields = [...customerPlainFields, 'ownerId', 'tags', 'customFields'] as const;

type SearchableCustomer = {
  name: string;
  /** An individual's name is read with surname readings (单 shàn), a company's by its words (see NameReading). */
  type?: string | null;
  code: string;
  phone?: string | null;
  phoneNorm?: string | null;
  email?: string | null;
};

/**
 * The searchable values on either side of the code: an import prepares the rest of a row before the
 * code is given out, when the row is written. The name is found by its pinyin and initials too.
 */
export const customerSearchValuesAroundCode = (c: Omit<SearchableCustomer, 'code'>) => ({
  before: [c.name, ...pinyinSearchValues(c.name, c.type === 'individual' ? 'person' : 'name')],
  after: [c.phone, c.phoneNorm, c.email],
});

export const customerSearchValues = (c: SearchableCustomer) => {
  const { before, after } = customerSearchValuesAroundCode(c);
  return [...before, c.code, ...after];
};
