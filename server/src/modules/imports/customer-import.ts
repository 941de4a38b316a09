import type { ContactTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { searchDocument } from '../../platform/search.ts';
import { createdStamps } from '../../platform/stamps.ts';
import { contactSearchValues } from '../contacts/index.ts';
import { scoreNewRecords } from '../scoring/index.ts';
import {
  customerScope,
  insertCustomerBatch,
  type NewCustomer,
  normalizeName,
  normalizePhone,
  updateCustomer,
} from '../customers/index.ts';
import { loadLookupOptions } from '../dictionaries/index.ts';
import { insertContacts } from './contact-import.repository.ts';
import { type CustomerRowContext, type ImportedContact, unpackCustomerRows } from './customer-rows.ts';
import type { ResolvedValueMap } from './dictionary-values.ts';
import { describeError, type DuplicateMode, type ImportJob, rejectRow } from './import-job.ts';
import {
  customerIdsInScope,
  findCustomerOwner,
  listContactsOfCustomer,
  listCustomersByNameNorm,
} from './customer-import.repository.ts';
import { listOwnerCandidates } from './import-lookups.repository.ts';
import type { CheckedBatch } from './row-check.ts';

/** A good row; its cells only where the import may still reject it (when it updates duplicates). */
type Prepared = {
  number: number;
  row: string[] | undefined;
  input: NewCustomer;
  nameNorm: string;
  contact?: ImportedContact;
};

/** What the thread reading the file needs to check customer rows: the mapping, dictionaries, users and the importer's rights. */
export async function customerRowContext(
  ctx: AppContext,
  actor: Actor,
  mapping: Array<string | null>,
  duplicates: DuplicateMode,
  valueMap: ResolvedValueMap,
): Promise<CustomerRowContext> {
  return {
    mapping,
    valueMap,
    dictionary: await loadLookupOptions(ctx.db, [
      'customer_level',
      'credit_level',
      'customer_stage',
      'industry',
      'customer_source',
    ]),
    owners: await listOwnerCandidates(ctx.db),
    actor: { userId: actor.userId, departmentId: actor.departmentId, canAssign: can(actor, 'customers.assign') },
    keepCells: duplicates === 'update',
  };
}

/** The batch's good rows; the bad ones are recorded as rejected. */
function preparedRows(job: ImportJob, { numbers, rows, checked }: CheckedBatch): Prepared[] {
  if (!checked) throw new Error('Customer rows are checked while the file is read.');
  for (const { index, cells, field, message } of checked.rejected)
    rejectRow(job, numbers[index], cells, field, message);
  const prepared: Prepared[] = [];
  for (const result of unpackCustomerRows({ values: checked.values, rejected: [] })) {
    if ('customer' in result)
      prepared.push({
        number: numbers[result.index],
        row: rows[result.index],
        input: result.customer,
        nameNorm: result.customer.keys!.nameNorm,
        contact: result.contact,
      });
  }
  return prepared;
}

function reject(job: ImportJob, item: Prepared, message: string) {
  rejectRow(job, item.number, item.row ?? [], 'name', message);
}

async function existingByName(job: ImportJob, names: string[]) {
  if (!names.length) return new Map<string, { id: number; visible: boolean }>();
  const scope = await customerScope(job.ctx, job.actor);
  const all = await listCustomersByNameNorm(job.ctx.db, names);
  const visibleIds = new Set(
    all.length
      ? await customerIdsInScope(
          job.ctx.db,
          scope,
          all.map((r) => r.id),
        )
      : [],
  );
  return new Map(all.map((r) => [r.nameNorm, { id: r.id, visible: visibleIds.has(r.id) }]));
}

/** A contact row for a customer (its owner and department are the customer's). */
function contactRow(
  actor: Actor,
  customer: { id: number; name: string; ownerId: number | null; departmentId: number | null },
  contact: ImportedContact,
  isPrimary: boolean,
): Insertable<ContactTable> {
  return {
    customerId: customer.id,
    customerName: customer.name,
    name: contact.name,
    gender: 'unknown',
    title: contact.title ?? null,
    mobile: contact.mobile ?? null,
    email: contact.email ?? null,
    isPrimary: isPrimary ? 1 : 0,
    ownerId: customer.ownerId,
    departmentId: customer.departmentId,
    searchText: searchDocument(contactSearchValues(contact)).text,
    ...createdStamps(actor),
  };
}

async function insertImportedContacts(ctx: AppContext, job: ImportJob, rows: Array<Insertable<ContactTable>>) {
  if (!rows.length) return;
  const ids = await insertContacts(ctx.db, rows);
  await scoreNewRecords(ctx.db, 'contacts', ids);
  await writeAuditMany(
    ctx.db,
    job.actor,
    ids.map((entityId, i) => ({
      action: 'create',
      entity: 'contacts',
      entityId,
      detail: { importId: job.id, name: rows[i].name, customerId: rows[i].customerId },
    })),
  );
}

/**
 * Adds a row's contact to a customer that already exists, unless the customer has it already (the same
 * mobile, or with no mobile the same name); it is the primary contact only if the customer has none.
 */
async function addContactToExisting(ctx: AppContext, job: ImportJob, customerId: number, contact: ImportedContact) {
  const existing = await listContactsOfCustomer(ctx.db, customerId);
  const mobile = normalizePhone(contact.mobile);
  const same = mobile
    ? existing.some((c) => normalizePhone(c.mobile) === mobile)
    : existing.some((c) => normalizeName(c.name) === normalizeName(contact.name));
  if (same) return;
  const customer = (await findCustomerOwner(ctx.db, customerId))!;
  const isPrimary = !existing.some((c) => c.isPrimary);
  await insertImportedContacts(ctx, job, [contactRow(job.actor, { id: customerId, ...customer }, contact, isPrimary)]);
}

/** Updates an existing customer from a row, and adds the row's contact to it, in one transaction. */
async function updateExisting(job: ImportJob, actor: Actor, id: number, item: Prepared) {
  const { owner, keys, ...input } = item.input;
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
  await inTransaction(job.ctx, async (ctx) => {
    await updateCustomer(ctx, actor, id, { ...patch, ...(owner.id !== actor.userId ? { ownerId: owner.id } : {}) });
    if (item.contact) await addContactToExisting(ctx, job, id, item.contact);
  });
}

/**
 * Imports customer rows: every bad row is rejected with its row, column and reason, every good row is kept.
 * Rows whose normalised name matches an existing customer (or an earlier row) follow the duplicate mode.
 */
export async function runCustomerImport(job: ImportJob): Promise<void> {
  // The names met earlier in the file, with the id of the customer made of each (null until its chunk
  // is written). With duplicates=create a match changes nothing: nothing is looked up or kept (a
  // million-row file's names would take a hundred megabytes).
  const matchDuplicates = job.duplicates !== 'create';
  const seenInFile = new Map<string, number | null>();
  for await (const batch of job.batches) {
    const prepared = preparedRows(job, batch);
    const existing = matchDuplicates
      ? await existingByName(job, [...new Set(prepared.map((p) => p.nameNorm))])
      : new Map<string, { id: number; visible: boolean }>();
    let skipped = 0;
    const toCreate: Prepared[] = [];
    const toUpdate: Array<{ id: number | null; item: Prepared }> = [];
    for (const item of prepared) {
      if (!matchDuplicates) {
        toCreate.push(item);
        continue;
      }
      const earlier = seenInFile.get(item.nameNorm);
      const match = existing.get(item.nameNorm);
      if ((earlier !== undefined || match) && job.duplicates === 'skip') {
        skipped++;
        continue;
      }
      if ((earlier !== undefined || match) && job.duplicates === 'update') {
        if (earlier === undefined && !match!.visible) {
          reject(job, item, 'duplicateExisting');
          continue;
        }
        // An earlier row of this chunk gets its id only once the chunk is inserted.
        toUpdate.push({ id: earlier !== undefined ? earlier : match!.id, item });
        continue;
      }
      seenInFile.set(item.nameNorm, null);
      toCreate.push(item);
    }
    // The counts once this chunk's new customers are written; updates are counted as each is made.
    const counts = {
      ...job.counts,
      skipped: job.counts.skipped + skipped,
      created: job.counts.created + toCreate.length,
      processed: job.counts.processed + batch.numbers.length,
    };
    if (job.dryRun) {
      job.counts = { ...counts, updated: counts.updated + toUpdate.length };
      await job.progress();
      continue;
    }
    // The chunk's customers, their contacts and the import's counts are committed together: a crash
    // leaves whole chunks, counted. With updates still to make, the counts are recorded once they are made.
    const ids = await inTransaction(job.ctx, async (ctx) => {
      const ids = await insertCustomerBatch(
        ctx,
        job.actor,
        toCreate.map((p) => p.input),
        { importId: job.id },
      );
      await insertImportedContacts(
        ctx,
        job,
        toCreate.flatMap((item, i) =>
          item.contact
            ? [
                contactRow(
                  job.actor,
                  {
                    id: ids[i],
                    name: item.input.name,
                    ownerId: item.input.owner.id,
                    departmentId: item.input.owner.departmentId,
                  },
                  item.contact,
                  true,
                ),
              ]
            : [],
        ),
      );
      if (!toUpdate.length) await job.recordProgress(ctx.db, counts);
      return ids;
    });
    job.counts = counts;
    if (matchDuplicates) toCreate.forEach((item, i) => seenInFile.set(item.nameNorm, ids[i]));
    for (const { id, item } of toUpdate) {
      try {
        await updateExisting(job, job.actor, id ?? seenInFile.get(item.nameNorm)!, item);
        job.counts.updated++;
      } catch (error) {
        reject(job, item, describeError(job.locale, error));
      }
    }
    if (toUpdate.length) await job.progress();
    else await job.pause();
  }
}
