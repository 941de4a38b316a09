import type { Locale } from '@relate/common';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { translate } from '../../platform/messages.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Sheet } from './spreadsheet-reader.ts';

export type DuplicateMode = 'skip' | 'update' | 'create';

export type Rejection = { row: number; column: string; message: string; values: string[] };

/** One running import: the parsed sheet, the chosen column mapping and the counters it fills. */
export type ImportJob = {
  id: number;
  ctx: AppContext;
  actor: Actor;
  locale: Locale;
  sheet: Sheet;
  /** Field key per column index, or null for an ignored column. */
  mapping: Array<string | null>;
  duplicates: DuplicateMode;
  dryRun: boolean;
  counts: { processed: number; created: number; updated: number; skipped: number };
  rejected: Rejection[];
  progress: () => Promise<void>;
};

/** Sheet rows are numbered as in Excel: the header is row 1. */
export const excelRow = (index: number) => index + 2;

export function rowValues(job: ImportJob, row: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  job.mapping.forEach((key, i) => {
    if (key && row[i] !== undefined && row[i] !== '') values[key] = row[i];
  });
  return values;
}

export function columnHeader(job: ImportJob, key: string): string {
  const index = job.mapping.indexOf(key);
  return index >= 0 ? job.sheet.headers[index] : key;
}

/** A readable reason for a row that failed while being written. */
export function describeError(locale: Locale, error: unknown): string {
  if (error instanceof AppError) {
    const field = error.fields ? Object.values(error.fields)[0] : undefined;
    if (field) return typeof field === 'string' ? translate(locale, field) : translate(locale, field.key, field.params);
    return translate(locale, error.messageKey, error.params);
  }
  return translate(locale, 'INTERNAL');
}
