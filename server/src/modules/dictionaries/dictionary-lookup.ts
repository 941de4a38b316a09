import type { DictionaryType } from '@relate/common';

/**
 * Finds options by code or by either label, ignoring case and spaces: the lookup used to
 * validate API input (codes) and to read spreadsheet cells (labels).
 */
export type DictionaryLookup = (type: DictionaryType, value: string) => string | null;

export type LookupOption = { type: string; code: string; labelZh: string; labelEn: string; enabled: number | boolean };

/** The lookup over the given options (disabled ones left out); plain data in, so a worker thread can build it. */
export function dictionaryLookupOf(options: LookupOption[]): DictionaryLookup {
  const index = new Map<string, string>();
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  for (const option of options) {
    if (!option.enabled) continue;
    for (const key of [option.code, option.labelZh, option.labelEn])
      index.set(`${option.type}\u0000${norm(key)}`, option.code);
  }
  return (type, value) => index.get(`${type}\u0000${norm(value)}`) ?? null;
}
