import type { CustomerInput } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { AuditActor } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { searchColumns, searchDocument, syncSearchIndex } from '../../platform/search.ts';
import { reserveNumbers } from '../../platform/sequences.ts';
import { customerPlainFields, customerSearchValues } from './customers.fields.ts';
import { normalizeName, normalizePhone } from './customers.normalize.ts';
import * as repo from './customers.repository.ts';
import { customerCode } from './customers.service.ts';

export type NewCustomer = z.output<typeof CustomerInput> & { owner: { id: number; departmentId: number | null } };

/**
 * Inserts many validated customers in one statement per chunk (codes, search index, tags, audit):
 * the write path of imports and demo data. Call inside a transaction.
 */
export async function insertCustomerBatch(
  trx: Kysely<DB>,
  ctx: Pick<AppContext, 'dialect'>,
  actor: AuditActor,
  items: NewCustomer[],
  auditDetail: Record<string, unknown> = {},
): Promise<number[]> {
  if (!items.length) return [];
  const first = await reserveNumbers(trx, 'customers', items.length);
  const now = nowIso();
  const docs: Array<{ grams: string[] }> = [];
  const rows = items.map((item, i) => {
    const code = customerCode(first + i);
    const phoneNorm = normalizePhone(item.phone);
    const doc = searchDocument(customerSearchValues({ name: item.name, code, phone: item.phone, phoneNorm, email: item.email }));
    docs.push(doc);
    const plain: Record<string, unknown> = {};
    for (const field of customerPlainFields) plain[field] = item[field] ?? null;
    return {
      ...(plain as { name: string }),
      type: item.type ?? 'company',
      code,
      nameNorm: normalizeName(item.name),
      phoneNorm,
      ownerId: item.owner.id,
      departmentId: item.owner.departmentId,
      customFields: writeJson(item.customFields ?? {}),
      ...searchColumns(ctx.dialect, doc),
      createdBy: actor.userId || null,
      updatedBy: actor.userId || null,
      createdAt: now,
      updatedAt: now,
    };
  });
  const ids: number[] = [];
  // Postgres allows 65535 bind parameters per statement; 30 columns × 500 rows stays well below.
  for (let i = 0; i < rows.length; i += 500) ids.push(...(await repo.insertCustomers(trx, rows.slice(i, i + 500))));
  await syncSearchIndex(trx, ctx.dialect, 'customer_search', ids.map((id, i) => ({ id, grams: docs[i].grams })), { fresh: true });
  for (let i = 0; i < items.length; i++) if (items[i].tags?.length) await repo.addTags(trx, [ids[i]], items[i].tags!);
  await writeAuditMany(trx, actor, ids.map((entityId, i) => ({ action: 'create', entity: 'customers', entityId, detail: { ...auditDetail, code: rows[i].code } })));
  return ids;
}
