import { inTransaction } from '../../platform/context.ts';
import { ContactInput } from '@relate/common';
import type { Insertable } from 'kysely';
import type { ContactTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import type { FieldMessage } from '../../platform/errors.ts';
import { searchDocument } from '../../platform/search.ts';
import { issuesToFields } from '../../platform/validation.ts';
import { contactSearchValues } from '../contacts/index.ts';
import { scoreNewRecords } from '../scoring/index.ts';
import { customerScope } from '../customers/index.ts';
import { insertContacts, listContactNamesOfCustomers, listCustomersByCodeOrName } from './contact-import.repository.ts';
import { type ImportJob, rejectRow } from './import-job.ts';
import { rowValues } from './import-fields.ts';

const genders: Record<string, 'male' | 'female' | 'unknown'> = {
  男: 'male',
  male: 'male',
  m: 'male',
  女: 'female',
  female: 'female',
  f: 'female',
};
const key = (customerId: number, name: string) =>
  `${customerId}\u0000${name.normalize('NFKC').replace(/\s/g, '').toLowerCase()}`;

/** Imports contacts, each matched to a visible customer by customer code or exact name. */
export async function runContactImport(job: ImportJob): Promise<void> {
  const scope = await customerScope(job.ctx, job.actor);
  const seen = new Set<string>();
  for await (const { numbers, rows: chunk } of job.batches) {
    const refs = [...new Set(chunk.map((row) => rowValues(job, row).customer).filter(Boolean))];
    const customers = refs.length ? await listCustomersByCodeOrName(job.ctx.db, scope, refs) : [];
    const byRef = new Map<string, (typeof customers)[number]>();
    for (const c of customers) byRef.set(c.code, c).set(c.name, c);
    const existing = customers.length
      ? await listContactNamesOfCustomers(
          job.ctx.db,
          customers.map((c) => c.id),
        )
      : [];
    for (const c of existing) seen.add(key(c.customerId, c.name));

    const rows: Array<Insertable<ContactTable>> = [];
    const now = nowIso();
    for (let i = 0; i < chunk.length; i++) {
      const values = rowValues(job, chunk[i]);
      const reject = (field: string, message: FieldMessage) => rejectRow(job, numbers[i], chunk[i], field, message);
      if (!values.customer) {
        reject('customer', 'required');
        continue;
      }
      const customer = byRef.get(values.customer.trim());
      if (!customer) {
        reject('customer', { key: 'customerNotFoundByName', params: { value: values.customer } });
        continue;
      }
      const gender = values.gender ? genders[values.gender.trim().toLowerCase()] : undefined;
      const input = { ...values, customerId: customer.id, customer: undefined, gender };
      const parsed = ContactInput.safeParse(input);
      if (!parsed.success) {
        const [field, message] = Object.entries(issuesToFields(parsed.error.issues, input))[0];
        reject(field, message);
        continue;
      }
      const duplicateKey = key(customer.id, parsed.data.name);
      if (seen.has(duplicateKey) && job.duplicates !== 'create') {
        job.counts.skipped++;
        continue;
      }
      seen.add(duplicateKey);
      const c = parsed.data;
      rows.push({
        customerId: customer.id,
        customerName: customer.name,
        name: c.name,
        gender: c.gender ?? 'unknown',
        title: c.title ?? null,
        department: c.department ?? null,
        mobile: c.mobile ?? null,
        phone: c.phone ?? null,
        email: c.email ?? null,
        wechat: c.wechat ?? null,
        birthday: c.birthday ?? null,
        isPrimary: 0,
        decisionRole: null,
        remark: c.remark ?? null,
        ownerId: customer.ownerId,
        departmentId: customer.departmentId,
        searchText: searchDocument(contactSearchValues(c)).text,
        createdBy: job.actor.userId,
        updatedBy: job.actor.userId,
        createdAt: now,
        updatedAt: now,
      });
    }
    if (!job.dryRun && rows.length) {
      await inTransaction(job.ctx, async (ctx) => {
        const ids = await insertContacts(ctx.db, rows);
        await scoreNewRecords(ctx.db, 'contacts', ids);
        await writeAuditMany(
          ctx.db,
          job.actor,
          ids.map((entityId) => ({ action: 'create', entity: 'contacts', entityId, detail: { importId: job.id } })),
        );
      });
    }
    job.counts.created += rows.length;
    job.counts.processed += chunk.length;
    await job.progress();
  }
}
