import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { whereInScope } from '../../platform/scope.ts';
import { customerScope, insertCustomerBatch, type NewCustomer, updateCustomer } from '../customers/index.ts';
import { loadLookupOptions } from '../dictionaries/index.ts';
import { type CustomerRowContext, unpackCustomerRows } from './customer-rows.ts';
import { describeError, type ImportJob, rejectRow } from './import-job.ts';
import { loadOwnerCandidates } from './owner-lookup.ts';
import type { CheckedBatch } from './row-check.ts';

type Prepared = { number: number; row: string[]; input: NewCustomer; nameNorm: string };

/** What the thread reading the file needs to check customer rows: the mapping, dictionaries, users and the importer's rights. */
export async function customerRowContext(ctx: AppContext, actor: Actor, mapping: Array<string | null>): Promise<CustomerRowContext> {
  return {
    mapping,
    dictionary: await loadLookupOptions(ctx.db, ['customer_level', 'credit_level', 'customer_stage', 'industry', 'customer_source']),
    owners: await loadOwnerCandidates(ctx.db),
    actor: { userId: actor.userId, departmentId: actor.departmentId, canAssign: can(actor, 'customers.assign') },
  };
}

/** The batch's good rows; the bad ones are recorded as rejected. */
function preparedRows(job: ImportJob, { numbers, rows, checked }: CheckedBatch): Prepared[] {
  if (!checked) throw new Error('Customer rows are checked while the file is read.');
  const prepared: Prepared[] = [];
  for (const result of unpackCustomerRows(checked)) {
    const { index } = result;
    if ('customer' in result) prepared.push({ number: numbers[index], row: rows[index], input: result.customer, nameNorm: result.customer.keys!.nameNorm });
    else rejectRow(job, numbers[index], rows[index], result.field, result.message);
  }
  return prepared;
}

function reject(job: ImportJob, item: Prepared, message: string) {
  rejectRow(job, item.number, item.row, 'name', message);
}

async function existingByName(job: ImportJob, names: string[]) {
  if (!names.length) return new Map<string, { id: number; visible: boolean }>();
  const scope = await customerScope(job.ctx, job.actor);
  const all = await job.ctx.db.selectFrom('customers').select(['id', 'nameNorm']).where('deletedAt', 'is', null).where('nameNorm', 'in', names).execute();
  const visibleIds = new Set(
    all.length
      ? (
          await whereInScope(job.ctx.db.selectFrom('customers'), 'customers', scope)
            .select('customers.id')
            .where('customers.id', 'in', all.map((r) => r.id))
            .execute()
        ).map((r) => r.id)
      : [],
  );
  return new Map(all.map((r) => [r.nameNorm, { id: r.id, visible: visibleIds.has(r.id) }]));
}

async function updateExisting(job: ImportJob, actor: Actor, id: number, item: Prepared) {
  const { owner, keys, ...input } = item.input;
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
  await updateCustomer(job.ctx, actor, id, { ...patch, ...(owner.id !== actor.userId ? { ownerId: owner.id } : {}) });
}

/**
 * Imports customer rows: every bad row is rejected with its row, column and reason, every good row is kept.
 * Rows whose normalised name matches an existing customer (or an earlier row) follow the duplicate mode.
 */
export async function runCustomerImport(job: ImportJob): Promise<void> {
  const seenInFile = new Map<string, { id: number | null }>();
  for await (const batch of job.batches) {
    const prepared = preparedRows(job, batch);
    // With duplicates=create a match changes nothing, so there is nothing to look up.
    const existing = job.duplicates === 'create' ? new Map<string, { id: number; visible: boolean }>() : await existingByName(job, [...new Set(prepared.map((p) => p.nameNorm))]);
    const toCreate: Prepared[] = [];
    const toUpdate: Array<{ id: number | null; item: Prepared }> = [];
    for (const item of prepared) {
      const earlier = seenInFile.get(item.nameNorm);
      const match = existing.get(item.nameNorm);
      if ((earlier || match) && job.duplicates === 'skip') {
        job.counts.skipped++;
        continue;
      }
      if ((earlier || match) && job.duplicates === 'update') {
        if (!earlier && !match!.visible) {
          reject(job, item, 'duplicateExisting');
          continue;
        }
        // An earlier row of this chunk gets its id only once the chunk is inserted.
        toUpdate.push({ id: earlier ? earlier.id : match!.id, item });
        continue;
      }
      seenInFile.set(item.nameNorm, { id: null });
      toCreate.push(item);
    }
    if (!job.dryRun) {
      const ids = await inTransaction(job.ctx, (ctx, trx) =>
        insertCustomerBatch(trx, ctx, job.actor, toCreate.map((p) => p.input), { importId: job.id }),
      );
      toCreate.forEach((item, i) => seenInFile.set(item.nameNorm, { id: ids[i] }));
      for (const { id, item } of toUpdate) {
        try {
          await updateExisting(job, job.actor, id ?? seenInFile.get(item.nameNorm)!.id!, item);
          job.counts.updated++;
        } catch (error) {
          reject(job, item, describeError(job.locale, error));
        }
      }
    } else {
      job.counts.updated += toUpdate.length;
    }
    job.counts.created += toCreate.length;
    job.counts.processed += batch.rows.length;
    await job.progress();
  }
}
