import { CustomerInput } from '@relate/common';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/actor.ts';
import { describeError } from './import-job.ts';
import { whereInScope } from '../../platform/scope.ts';
import { issuesToFields } from '../../platform/validation.ts';
import type { FieldMessage } from '../../platform/errors.ts';
import { customerScope, insertCustomerBatch, type NewCustomer, normalizeName, updateCustomer } from '../customers/index.ts';
import { loadDictionaryLookup } from '../dictionaries/index.ts';
import { customerImportFields } from './import-fields.ts';
import { type ImportJob, rejectRow, rowValues } from './import-job.ts';
import { ownerLookup } from './owner-lookup.ts';

function customerType(text: string | undefined): 'company' | 'individual' | undefined | null {
  if (!text) return undefined;
  const t = text.trim().toLowerCase();
  if (['company', '公司', '企业', '企业客户'].includes(t)) return 'company';
  if (['individual', '个人', '个人客户', 'person'].includes(t)) return 'individual';
  return null;
}

type Prepared = { number: number; row: string[]; input: NewCustomer; nameNorm: string };

/** Turns one sheet row into a validated customer, or records why it is rejected. */
function prepareRow(
  job: ImportJob,
  number: number,
  row: string[],
  lookups: { dictionary: Awaited<ReturnType<typeof loadDictionaryLookup>>; owner: Awaited<ReturnType<typeof ownerLookup>> },
): Prepared | null {
  const values = rowValues(job, row);
  const reject = (field: string, message: FieldMessage) => {
    rejectRow(job, number, row, field, message);
    return null;
  };
  if (!values.name?.trim()) return reject('name', 'required');
  const input: Record<string, unknown> = {
    name: values.name,
    phone: values.phone,
    email: values.email,
    website: values.website,
    country: values.country,
    province: values.province,
    city: values.city,
    district: values.district,
    address: values.address,
    remark: values.remark,
    tags: values.tags ? [...new Set(values.tags.split(/[,，;；、|]/).map((t) => t.trim()).filter(Boolean))] : undefined,
  };
  const type = customerType(values.type);
  if (type === null) return reject('type', { key: 'unknownOption', params: { value: values.type } });
  input.type = type;
  for (const field of customerImportFields) {
    if (!field.dictionary || !values[field.key]) continue;
    const code = lookups.dictionary(field.dictionary, values[field.key]);
    if (!code) return reject(field.key, { key: 'unknownOption', params: { value: values[field.key] } });
    input[field.key] = code;
  }
  let owner = { id: job.actor.userId, departmentId: job.actor.departmentId };
  if (values.owner) {
    const user = lookups.owner(values.owner);
    if (!user) return reject('owner', { key: 'unknownUser', params: { value: values.owner } });
    if (user.id !== job.actor.userId && !can(job.actor, 'customers.assign')) return reject('owner', 'FORBIDDEN');
    owner = { id: user.id, departmentId: user.departmentId };
  }
  const parsed = CustomerInput.safeParse(input);
  if (!parsed.success) {
    const [field, message] = Object.entries(issuesToFields(parsed.error.issues, input))[0];
    return reject(field.split('.')[0], message);
  }
  return { number, row, input: { ...parsed.data, owner }, nameNorm: normalizeName(parsed.data.name) };
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
  const { owner, ...input } = item.input;
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
  await updateCustomer(job.ctx, actor, id, { ...patch, ...(owner.id !== actor.userId ? { ownerId: owner.id } : {}) });
}

/**
 * Imports customer rows: every bad row is rejected with its row, column and reason, every good row is kept.
 * Rows whose normalised name matches an existing customer (or an earlier row) follow the duplicate mode.
 */
export async function runCustomerImport(job: ImportJob): Promise<void> {
  const lookups = { dictionary: await loadDictionaryLookup(job.ctx.db, ['customer_level', 'credit_level', 'customer_stage', 'industry', 'customer_source']), owner: await ownerLookup(job) };
  const seenInFile = new Map<string, { id: number | null }>();
  for await (const { numbers, rows: chunk } of job.batches) {
    const prepared = chunk.map((row, i) => prepareRow(job, numbers[i], row, lookups)).filter((p): p is Prepared => p !== null);
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
      const ids = await job.ctx.db.transaction().execute((trx) =>
        insertCustomerBatch(trx, job.ctx, job.actor, toCreate.map((p) => p.input), { importId: job.id }),
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
    job.counts.processed += chunk.length;
    await job.progress();
  }
}
