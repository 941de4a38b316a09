import { inTransaction } from '../../platform/context.ts';
import { LeadInput } from '@relate/common';
import type { z } from 'zod';
import { can } from '../../platform/actor.ts';
import type { FieldMessage } from '../../platform/errors.ts';
import { issuesToFields } from '../../platform/validation.ts';
import { normalizeName, normalizePhone } from '../customers/index.ts';
import { loadDictionaryLookup } from '../dictionaries/index.ts';
import { pickOwnersByRules } from '../assignment-rules/index.ts';
import { insertLeadBatch } from '../leads/index.ts';
import { dictionaryCellOf } from './dictionary-values.ts';
import { type ImportJob, rejectRow } from './import-job.ts';
import { leadImportFields, rowValues } from './import-fields.ts';
import { listOwnerCandidates } from './import-lookups.repository.ts';
import * as repo from './lead-import.repository.ts';
import { ownerLookupOf } from './owner-lookup.ts';

type Prepared = {
  input: z.output<typeof LeadInput>;
  owner: { id: number; departmentId: number | null };
  /** No owner named in the file: the assignment rules may give one. */
  ownerByRules: boolean;
  keys: string[];
};

/** What makes two leads the same person: the same phone, the same email, or the same name at the same company. */
function identityKeys(lead: z.output<typeof LeadInput>): string[] {
  const keys: string[] = [];
  const phone = normalizePhone(lead.mobile) ?? normalizePhone(lead.phone);
  if (phone) keys.push(`p:${phone}`);
  if (lead.email) keys.push(`e:${lead.email}`);
  if (!keys.length) keys.push(`n:${normalizeName(lead.name)}\u0000${lead.company ? normalizeName(lead.company) : ''}`);
  return keys;
}

async function existingKeys(job: ImportJob, items: Prepared[]): Promise<Set<string>> {
  const phones = items.flatMap((p) => p.keys.filter((k) => k.startsWith('p:')).map((k) => k.slice(2)));
  const emails = items.flatMap((p) => p.keys.filter((k) => k.startsWith('e:')).map((k) => k.slice(2)));
  const names = items.filter((p) => p.keys[0].startsWith('n:')).map((p) => normalizeName(p.input.name));
  const found = new Set<string>();
  const db = job.ctx.db;
  if (phones.length) for (const r of await repo.listLeadPhonesIn(db, phones)) found.add(`p:${r.phoneNorm}`);
  if (emails.length) for (const r of await repo.listLeadEmailsIn(db, emails)) found.add(`e:${r.email}`);
  if (names.length)
    for (const r of await repo.listLeadNamesIn(db, names)) found.add(`n:${r.nameNorm}\u0000${r.companyNorm ?? ''}`);
  return found;
}

/**
 * Imports lead rows: bad rows are rejected with row, column and reason; a row that matches an
 * existing lead (or an earlier row) by phone, email, or name and company is skipped unless
 * duplicates are to be created.
 */
export async function runLeadImport(job: ImportJob): Promise<void> {
  const dictionary = dictionaryCellOf(
    await loadDictionaryLookup(job.ctx.db, ['customer_source', 'industry']),
    job.valueMap,
  );
  const owners = ownerLookupOf(await listOwnerCandidates(job.ctx.db));
  const seenInFile = new Set<string>();
  for await (const { numbers, rows: chunk } of job.batches) {
    const prepared: Prepared[] = [];
    chunk.forEach((row, i) => {
      const values = rowValues(job, row);
      const reject = (field: string, message: FieldMessage) => rejectRow(job, numbers[i], row, field, message);
      const input: Record<string, unknown> = { ...values, owner: undefined };
      for (const field of leadImportFields) {
        if (!field.dictionary || !values[field.key]) continue;
        const code = dictionary(field.dictionary, field.key, values[field.key]);
        if (code === undefined)
          return reject(field.key, { key: 'unknownOption', params: { value: values[field.key] } });
        input[field.key] = code ?? undefined;
      }
      if (values.score !== undefined) {
        if (!/^\d+$/.test(values.score.trim())) return reject('score', 'invalid');
        input.score = Number(values.score.trim());
      }
      let owner = { id: job.actor.userId, departmentId: job.actor.departmentId };
      const ownerByRules = Boolean(job.assignByRules) && !values.owner;
      if (values.owner) {
        const user = owners(values.owner);
        if (!user) return reject('owner', { key: 'unknownUser', params: { value: values.owner } });
        if (user.id !== job.actor.userId && !can(job.actor, 'leads.assign')) return reject('owner', 'FORBIDDEN');
        owner = { id: user.id, departmentId: user.departmentId };
      }
      const parsed = LeadInput.safeParse(input);
      if (!parsed.success) {
        const [field, message] = Object.entries(issuesToFields(parsed.error.issues, input))[0];
        return reject(field, message);
      }
      prepared.push({ input: parsed.data, owner, ownerByRules, keys: identityKeys(parsed.data) });
    });
    const existing = job.duplicates === 'create' ? new Set<string>() : await existingKeys(job, prepared);
    const toCreate = prepared.filter((item) => {
      const duplicate = item.keys.some((k) => existing.has(k) || seenInFile.has(k));
      if (duplicate && job.duplicates !== 'create') {
        job.counts.skipped++;
        return false;
      }
      for (const k of item.keys) seenInFile.add(k);
      return true;
    });
    if (!job.dryRun && toCreate.length) {
      await inTransaction(job.ctx, async (ctx) => {
        const byRules = toCreate.filter((item) => item.ownerByRules);
        const picks = await pickOwnersByRules(
          ctx.db,
          byRules.map(({ input }) => ({
            province: input.province ?? null,
            city: input.city ?? null,
            industry: input.industry ?? null,
            source: input.source ?? null,
            score: input.score ?? 0,
          })),
        );
        byRules.forEach((item, i) => {
          if (picks[i]) item.owner = picks[i].owner;
        });
        await insertLeadBatch(ctx.db, job.actor, toCreate, { importId: job.id });
      });
    }
    job.counts.created += toCreate.length;
    job.counts.processed += chunk.length;
    await job.progress();
  }
}
