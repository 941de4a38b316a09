import { rm } from 'node:fs/promises';
import type { ImportPreview, ImportValueMap, Locale } from '@relate/common';
import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { runAsUnitOfWork } from '../../db/unit-of-work.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, notFound, orNotFound } from '../../platform/errors.ts';
import { instanceId, keepLockFresh } from '../../platform/jobs.ts';
import { translate } from '../../platform/messages.ts';
import { type DictionaryLookup, loadDictionaryLookup } from '../dictionaries/index.ts';
import { runContactImport } from './contact-import.ts';
import { customerRowContext, runCustomerImport } from './customer-import.ts';
import { runLeadImport } from './lead-import.ts';
import { runProductImport } from './product-import.ts';
import { type ImportField, matchColumns } from './import-fields.ts';
import type { DuplicateMode, ImportCounts, ImportJob, Rejection } from './import-job.ts';
import type { CheckedBatch, RowCheck } from './row-check.ts';
import { openSheet, type SheetStream } from './sheet-stream.ts';
import { formatOf } from './spreadsheet-reader.ts';
import { unknownValueCounter } from './unknown-values.ts';
import { addImportOptions, prepareValueMap } from './value-map.ts';
import * as repo from './imports.repository.ts';
import { type ImportEntity, importFieldsOf, rejectedWorkbook } from './templates.ts';
import { yieldToOtherWork } from '../../platform/yield.ts';

const invalid = (key: string) => new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { file: key });

/** An uploaded file waiting in the uploads folder; it is removed once read (or refused). */
export type Upload = { fileName: string; file: string };

async function openUpload({ fileName, file }: Upload): Promise<SheetStream> {
  const format = formatOf(fileName);
  if (!format) {
    await rm(file, { force: true });
    throw invalid('unsupportedFile');
  }
  try {
    return await openSheet({ file, removeAfter: true }, format);
  } catch {
    throw invalid('unsupportedFile');
  }
}

/**
 * The field each column fills: as the wizard chose (a header it names; an unknown field is ignored),
 * else as the header matches a field.
 */
function resolveMapping(
  headers: string[],
  fields: ImportField[],
  chosen: Record<string, string | null> | undefined,
): Array<string | null> {
  const guessed = matchColumns(headers, fields);
  const known = new Set(fields.map((f) => f.key));
  return headers.map((header, i) => {
    if (!chosen || !(header in chosen)) return guessed[i];
    const key = chosen[header];
    return key && known.has(key) ? key : null;
  });
}

/**
 * Columns of an uploaded file and the field each one matches (or the wizard chose), a few rows, and
 * per dictionary column the values that match no option, with their counts, for the import wizard.
 */
export async function previewImport(
  ctx: AppContext,
  actor: Actor,
  entity: ImportEntity,
  upload: Upload & { mapping?: Record<string, string | null> },
): Promise<ImportPreview> {
  const sheet = await openUpload(upload);
  const fields = importFieldsOf(entity);
  const mapping = resolveMapping(sheet.headers, fields, upload.mapping);
  const types = [...new Set(fields.flatMap((f) => (f.dictionary && mapping.includes(f.key) ? [f.dictionary] : [])))];
  let lookup: DictionaryLookup = () => null;
  try {
    if (types.length) lookup = await loadDictionaryLookup(ctx.db, types);
  } catch (error) {
    sheet.stop();
    throw error;
  }
  const unknown = unknownValueCounter(fields, mapping, lookup);
  const sample: string[][] = [];
  let total = 0;
  try {
    for await (const batch of sheet.read()) {
      const { rows } = batch;
      if (sample.length < 5) sample.push(...rows.slice(0, 5 - sample.length));
      total += rows.length;
      unknown.add(batch);
    }
  } catch {
    throw invalid('unsupportedFile');
  }
  return {
    columns: sheet.headers.map((header, i) => ({ header, field: mapping[i] })),
    sample,
    total,
    fields: fields.map((f) => ({
      key: f.key,
      zh: f.zh,
      en: f.en,
      required: Boolean(f.required),
      dictionary: f.dictionary ?? null,
    })),
    unknownValues: unknown.result(sheet.headers),
    canAddOptions: can(actor, 'dictionaries.manage'),
  };
}

type StartOptions = {
  duplicates: DuplicateMode;
  dryRun: boolean;
  assignByRules?: boolean;
  mapping?: Record<string, string | null>;
  valueMap?: ImportValueMap;
};

/** Counts the rows as they are read; the job's total is final once reading ends. */
async function* counted(
  job: ImportJob,
  first: CheckedBatch,
  rest: AsyncIterator<CheckedBatch>,
): AsyncGenerator<CheckedBatch> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    job.counts.total += next.value.numbers.length;
    yield next.value;
  }
  job.reading = false;
}

/**
 * Checks the file's header and first rows, records the import and processes it in the background
 * while the rest of the file is read; returns its id at once.
 */
export async function startImport(
  ctx: AppContext,
  actor: Actor,
  locale: Locale,
  entity: ImportEntity,
  upload: Upload,
  options: StartOptions,
) {
  const { fileName } = upload;
  const sheet = await openUpload(upload);
  if (!sheet.headers.length) {
    sheet.stop();
    throw invalid('emptyFile');
  }
  const fields = importFieldsOf(entity);
  const mapping = resolveMapping(sheet.headers, fields, options.mapping);
  for (const field of fields.filter((f) => f.required)) {
    if (!mapping.includes(field.key)) {
      sheet.stop();
      throw invalid('noNameColumn');
    }
  }
  // Customer rows are checked by the thread reading the file, while this one writes the rows before them.
  // The thread waits to be told to read on, so it is stopped if working out the check fails.
  let check: RowCheck | undefined;
  let valueMap: Awaited<ReturnType<typeof prepareValueMap>>;
  try {
    valueMap = await prepareValueMap(ctx.db, actor, fields, mapping, options.valueMap);
    if (entity === 'customers')
      check = { customers: await customerRowContext(ctx, actor, mapping, options.duplicates, valueMap.resolved) };
  } catch (error) {
    sheet.stop();
    throw error;
  }
  const batches = sheet.read(check);
  let first: IteratorResult<CheckedBatch>;
  try {
    first = await batches.next();
  } catch {
    throw invalid('unsupportedFile');
  }
  if (first.done) throw invalid('emptyFile');
  // The options the import's choices add are added with its record, once the file is known to be readable.
  const record = {
    entity,
    status: 'running' as const,
    fileName,
    options: writeJson({
      duplicates: options.duplicates,
      dryRun: options.dryRun,
      assignByRules: Boolean(options.assignByRules),
      headers: sheet.headers,
    }),
    total: first.value.numbers.length,
    reading: 1,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    rejected: writeJson([]),
    lockedBy: instanceId,
    lockedAt: nowIso(),
    createdBy: actor.userId,
    createdAt: nowIso(),
  };
  let id: number;
  try {
    id = await inTransaction(ctx, async (ctx) => {
      if (!options.dryRun) await addImportOptions(ctx.db, actor, valueMap.newOptions);
      return repo.insertImport(ctx.db, record);
    });
  } catch (error) {
    sheet.stop();
    throw error;
  }
  const job: ImportJob = {
    id,
    ctx,
    actor,
    locale,
    headers: sheet.headers,
    batches: { [Symbol.asyncIterator]: () => counted(job, first.value, batches) },
    reading: true,
    mapping,
    valueMap: valueMap.resolved,
    duplicates: options.duplicates,
    dryRun: options.dryRun,
    assignByRules: Boolean(options.assignByRules) && can(actor, 'leads.assign'),
    counts: { total: first.value.numbers.length, processed: 0, created: 0, updated: 0, skipped: 0 },
    rejected: [],
    progress: async () => {
      await job.recordProgress(ctx.db, job.counts);
      await job.pause();
    },
    recordProgress: async (db, counts) => {
      if (!(await saveProgress(job, 'running', undefined, { db, counts })))
        throw new Error('The import was taken over as abandoned.');
    },
    // Between chunks the server answers other requests (and the import's own progress requests).
    pause: yieldToOtherWork,
  };
  // While it runs, the import's lock says this instance is still at it (see failAbandonedImports).
  const stopRefreshing = keepLockFresh(ctx.config.workLockTimeoutMs, () =>
    repo.updateRunningImport(ctx.db, id, instanceId, { lockedAt: nowIso() }),
  );
  // The import outlives its request: it is a unit of work of its own for the database guard.
  setImmediate(() => void runAsUnitOfWork(() => runJob(entity, job).finally(() => (stopRefreshing(), sheet.stop()))));
  return { id };
}

/** Writes the import's counts and state while it is still this instance's; false once it is not. */
async function saveProgress(
  job: ImportJob,
  status: 'running' | 'done' | 'failed',
  error?: string,
  { db = job.ctx.db, counts = job.counts }: { db?: Kysely<DB>; counts?: ImportCounts } = {},
): Promise<boolean> {
  const changed = await repo.updateRunningImport(db, job.id, instanceId, {
    status,
    ...counts,
    reading: job.reading && status === 'running' ? 1 : 0,
    rejected: writeJson(job.rejected),
    error: error ?? null,
    lockedAt: nowIso(),
    finishedAt: status === 'running' ? null : nowIso(),
  });
  return changed > 0;
}

/**
 * Fails the imports whose server instance stopped while writing them: still running, owned by another
 * instance, and their lock not refreshed for `lockTimeoutMs` (0 takes every such import, as a
 * SQLite server does on start-up, being its database's only user). The rows written before the stop
 * stay: each chunk was committed whole. Returns how many imports were failed.
 */
export async function failAbandonedImports(ctx: AppContext, lockTimeoutMs: number, now = new Date()): Promise<number> {
  const lockedBefore = new Date(now.getTime() - lockTimeoutMs).toISOString();
  return repo.updateStaleRunningImports(ctx.db, instanceId, lockedBefore, {
    status: 'failed',
    reading: 0,
    error: 'importInterrupted',
    finishedAt: now.toISOString(),
  });
}

async function runJob(entity: ImportEntity, job: ImportJob) {
  try {
    await {
      customers: runCustomerImport,
      contacts: runContactImport,
      leads: runLeadImport,
      products: runProductImport,
    }[entity](job);
    if (!(await saveProgress(job, 'done'))) return;
    await writeAudit(job.ctx.db, job.actor, {
      action: 'import',
      entity,
      entityId: null,
      detail: { importId: job.id, dryRun: job.dryRun, ...job.counts, rejected: job.rejected.length },
    });
  } catch (error) {
    await saveProgress(job, 'failed', (error as Error).message).catch(() => undefined);
  }
}

async function findImport(ctx: AppContext, actor: Actor, id: number) {
  const row = orNotFound(await repo.findImportById(ctx.db, id));
  // An import's report is its author's (it lists rows of their file).
  if (row.createdBy !== actor.userId) throw notFound();
  return row;
}

/** Why an import failed, in the reader's language; the details of an unexpected error stay on the server. */
function failureMessage(locale: Locale, error: string | null): string {
  const known = error ? translate(locale, error) : error;
  return known && known !== error ? known : translate(locale, 'importFailed');
}

export async function getImport(ctx: AppContext, actor: Actor, locale: Locale, id: number) {
  const row = await findImport(ctx, actor, id);
  const rejected = readJson<Rejection[]>(row.rejected, []);
  return {
    id: row.id,
    entity: row.entity,
    status: row.status,
    total: row.total,
    reading: Boolean(row.reading),
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    rejected: rejected.map(({ row, column, message }) => ({ row, column, message })),
    dryRun: Boolean(readJson<{ dryRun?: boolean }>(row.options, {}).dryRun),
    error: row.status === 'failed' ? failureMessage(locale, row.error) : null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

export async function rejectedRowsFile(ctx: AppContext, actor: Actor, locale: Locale, id: number) {
  const row = await findImport(ctx, actor, id);
  const headers = readJson<{ headers?: string[] }>(row.options, {}).headers ?? [];
  return rejectedWorkbook(headers, readJson<Rejection[]>(row.rejected, []), locale);
}
