import type { Locale } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { translate } from '../../platform/messages.ts';
import type { AppContext } from '../../platform/context.ts';
import type { FieldMessage } from '../../platform/errors.ts';
import type { ResolvedValueMap } from './dictionary-values.ts';
import type { CheckedBatch } from './row-check.ts';

export type DuplicateMode = 'skip' | 'update' | 'create';

export type Rejection = { row: number; column: string; message: string; values: string[] };

/** One running import: the parsed sheet, the chosen column mapping and the counters it fills. */
export type ImportJob = {
  id: number;
  ctx: AppContext;
  actor: Actor;
  locale: Locale;
  headers: string[];
  /** The file's rows as they are read. */
  batches: AsyncIterable<CheckedBatch>;
  /** True until the last row of the file has been read. */
  reading: boolean;
  /** Field key per column index, or null for an ignored column. */
  mapping: Array<string | null>;
  /** What the import's choices make of dictionary values the dictionaries do not know. */
  valueMap: ResolvedValueMap;
  duplicates: DuplicateMode;
  dryRun: boolean;
  /** Leads without an owner in the file get one by the assignment rules. */
  assignByRules?: boolean;
  counts: ImportCounts;
  rejected: Rejection[];
  /** Records the counts and rejections so far, then lets the server's requests in. Throws once the import was taken over as abandoned. */
  progress: () => Promise<void>;
  /**
   * Records `counts` and the rejections so far through `db`: inside a chunk's own transaction, the
   * import's record then never disagrees with the rows written (and costs no commit of its own).
   * Throws once the import was taken over as abandoned, which undoes the chunk.
   */
  recordProgress: (db: Kysely<DB>, counts: ImportCounts) => Promise<void>;
  /** Lets the server's requests in between two chunks: the database calls of a chunk never wait on I/O. */
  pause: () => Promise<void>;
};

export type ImportCounts = { total: number; processed: number; created: number; updated: number; skipped: number };

export function columnHeader(job: ImportJob, key: string): string {
  const index = job.mapping.indexOf(key);
  return index >= 0 ? job.headers[index] : key;
}

/** Records why a row (numbered as in the sheet) is not imported. */
export function rejectRow(job: ImportJob, row: number, values: string[], field: string, message: FieldMessage): void {
  const text =
    typeof message === 'string' ? translate(job.locale, message) : translate(job.locale, message.key, message.params);
  job.rejected.push({ row, column: columnHeader(job, field), message: text, values });
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
