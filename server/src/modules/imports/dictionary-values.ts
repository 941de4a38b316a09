import type { DictionaryType } from '@relate/common';
import type { DictionaryLookup } from '../dictionaries/plain.ts';

/** A cell as the dictionaries match it: without spaces, in lower case. */
export const valueKey = (value: string) => value.replace(/\s+/g, '').toLowerCase();

/**
 * The import's choices for unknown dictionary values, worked out to what a row gets: per field, per
 * value key, the option code to store or null for an empty field. Plain data: it travels to the thread
 * that checks customer rows.
 */
export type ResolvedValueMap = Record<string, Record<string, string | null>>;

/** The code a dictionary cell stands for, null for an empty field, undefined when it is still unknown. */
export type DictionaryCell = (type: DictionaryType, field: string, value: string) => string | null | undefined;

/** Looks a cell up in the dictionary first, then in the import's choices for the values it does not know. */
export function dictionaryCellOf(lookup: DictionaryLookup, valueMap: ResolvedValueMap): DictionaryCell {
  return (type, field, value) => {
    const code = lookup(type, value);
    if (code) return code;
    const choice = valueMap[field]?.[valueKey(value)];
    return choice === undefined ? undefined : choice;
  };
}
