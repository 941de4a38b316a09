import { createHash } from 'node:crypto';
import type { DictionaryOption, DictionaryType, ImportValueMap } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { AppError, fieldError, forbidden } from '../../platform/errors.ts';
import { createDictionaryOption, dictionaryLookupOf, listDictionaryOptions } from '../dictionaries/index.ts';
import { type ResolvedValueMap, valueKey } from './dictionary-values.ts';
import type { ImportField } from './import-fields.ts';

/** An option an import adds to a dictionary, labelled in both languages with the file's value. */
export type NewOption = { type: DictionaryType; code: string; label: string; sortOrder: number };

export type PreparedValueMap = { resolved: ResolvedValueMap; newOptions: NewOption[] };

/** A code for a new option: the value's letters and digits where it has some, else a short digest of it. */
function codeFor(value: string, taken: Set<string>): string {
  const slug = value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const base = slug.length >= 2 ? slug : `x-${createHash('sha1').update(valueKey(value)).digest('hex').slice(0, 8)}`;
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  taken.add(code);
  return code;
}

/**
 * Checks an import's choices for unknown dictionary values against its column mapping and the
 * dictionaries, and works out what each value becomes (new options get their codes here). Writes
 * nothing: the new options are added with the import's record (addImportOptions), so that an import
 * refused up front adds none. Adding options needs `dictionaries.manage`.
 */
export async function prepareValueMap(
  db: Kysely<DB>,
  actor: Actor,
  fields: ImportField[],
  mapping: Array<string | null>,
  valueMap: ImportValueMap | undefined,
): Promise<PreparedValueMap> {
  const resolved: ResolvedValueMap = {};
  const newOptions: NewOption[] = [];
  if (!valueMap || !Object.keys(valueMap).length) return { resolved, newOptions };
  const typeOf = new Map<string, DictionaryType>();
  for (const field of Object.keys(valueMap)) {
    const dictionary = fields.find((f) => f.key === field)?.dictionary;
    if (!dictionary || !mapping.includes(field)) throw fieldError(`valueMap.${field}`, 'invalid');
    typeOf.set(field, dictionary);
  }
  const adds = Object.values(valueMap).some((values) => Object.values(values).some((c) => c.action === 'add'));
  if (adds && !can(actor, 'dictionaries.manage')) throw forbidden();

  const optionsOf = new Map<DictionaryType, DictionaryOption[]>();
  for (const type of new Set(typeOf.values())) optionsOf.set(type, await listDictionaryOptions(db, type));
  const lookup = dictionaryLookupOf([...optionsOf.values()].flat());
  // Per dictionary: the codes in use (disabled options' too) and the options this import adds, by value.
  const taken = new Map([...optionsOf].map(([type, options]) => [type, new Set(options.map((o) => o.code))]));
  const added = new Map<string, string>();

  for (const [field, values] of Object.entries(valueMap)) {
    const type = typeOf.get(field)!;
    const options = optionsOf.get(type)!;
    const codes: Record<string, string | null> = (resolved[field] = {});
    for (const [value, choice] of Object.entries(values)) {
      const key = valueKey(value);
      if (!key) throw fieldError(`valueMap.${field}`, 'invalid');
      if (choice.action === 'empty') codes[key] = null;
      else if (choice.action === 'map') {
        if (!options.some((o) => o.code === choice.code && o.enabled))
          throw fieldError(`valueMap.${field}`, 'unknownOption', { value: choice.code });
        codes[key] = choice.code;
      } else {
        // A value that turns out to be an option already (or one added for another value) is not added twice.
        const existing = lookup(type, value) ?? added.get(`${type}\u0000${key}`);
        if (existing) {
          codes[key] = existing;
          continue;
        }
        const label = value.trim().slice(0, 100);
        const code = codeFor(label, taken.get(type)!);
        const sortOrder = Math.min(
          100000,
          Math.max(0, ...options.map((o) => o.sortOrder)) + 10 * (newOptions.length + 1),
        );
        newOptions.push({ type, code, label, sortOrder });
        added.set(`${type}\u0000${key}`, code);
        codes[key] = code;
      }
    }
  }
  return { resolved, newOptions };
}

/** Adds the options an import's choices call for, in the transaction of `db` (the one recording the import). */
export async function addImportOptions(db: Kysely<DB>, actor: Actor, options: NewOption[]): Promise<void> {
  for (const { type, code, label, sortOrder } of options)
    await createDictionaryOption(db, actor, type, { code, labelZh: label, labelEn: label, sortOrder });
}

/** Refuses a valueMap that is not valid JSON of the expected shape. */
export const invalidValueMap = () => new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { valueMap: 'invalid' });
