import type { CustomerInput } from '@relate/common';
import type { z } from 'zod';
import { insertRows } from '../../db/bulk-insert.ts';
import { writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { AuditActor } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { divisionCodeOf } from '../../platform/divisions.ts';
import {
  joinSearchParts,
  type SearchDocument,
  searchColumns,
  searchParts,
  syncSearchIndex,
} from '../../platform/search.ts';
import { reserveNumbers } from '../../platform/sequences.ts';
import { type CustomerKeys, customerKeys } from './customer-keys.ts';
import { customerPlainFields } from './customers.fields.ts';
import * as repo from './customers.repository.ts';
import { customerCode } from './customers.service.ts';

export type NewCustomer = z.output<typeof CustomerInput> & {
  owner: { id: number; departmentId: number | null };
  /** Worked out beforehand (customerKeys of the same input) where that saves the writer the work. */
  keys?: CustomerKeys;
};

/**
 * The rows of new customers numbered from `first` (code, normalised keys, search text) and their
 * search documents. One object literal per row: this runs for every row of an import.
 */
export function newCustomerRows(
  dialect: AppContext['dialect'],
  actor: AuditActor,
  items: NewCustomer[],
  first: number,
) {
  const now = nowIso();
  const userId = actor.userId || null;
  const docs: SearchDocument[] = [];
  const rows = items.map((item, i) => {
    const code = customerCode(first + i);
    const keys = item.keys ?? customerKeys(item);
    const doc = joinSearchParts([keys.search.before, searchParts([code]), keys.search.after]);
    docs.push(doc);
    const row = {
      name: item.name,
      type: item.type ?? ('company' as const),
      level: item.level ?? null,
      creditLevel: item.creditLevel ?? null,
      stage: item.stage ?? null,
      industry: item.industry ?? null,
      source: item.source ?? null,
      country: item.country ?? null,
      province: item.province ?? null,
      city: item.city ?? null,
      district: item.district ?? null,
      divisionCode: divisionCodeOf(item),
      address: item.address ?? null,
      phone: item.phone ?? null,
      email: item.email ?? null,
      website: item.website ?? null,
      remark: item.remark ?? null,
      code,
      nameNorm: keys.nameNorm,
      phoneNorm: keys.phoneNorm,
      ownerId: item.owner.id,
      departmentId: item.owner.departmentId,
      customFields: item.customFields ? writeJson(item.customFields) : '{}',
      searchText: doc.text,
      createdBy: userId,
      updatedBy: userId,
      createdAt: now,
      updatedAt: now,
    };
    // Every plain field is copied above (spreading them in costs more than the rest of the row).
    row satisfies Record<(typeof customerPlainFields)[number], unknown>;
    if (dialect === 'postgres') Object.assign(row, searchColumns(dialect, doc));
    return row;
  });
  return { rows, docs };
}

/**
 * Inserts many validated customers in one statement per chunk (codes, search index, tags, audit):
 * the write path of imports and demo data. In the transaction of `ctx` (see inTransaction).
 */
export async function insertCustomerBatch(
  ctx: Pick<AppContext, 'db' | 'dialect'>,
  actor: AuditActor,
  items: NewCustomer[],
  auditDetail: Record<string, unknown> = {},
): Promise<number[]> {
  if (!items.length) return [];
  const first = await reserveNumbers(ctx.db, 'customers', items.length);
  const { rows, docs } = newCustomerRows(ctx.dialect, actor, items, first);
  const ids = await insertRows(ctx.db, 'customers', rows, { returnIds: true });
  await syncSearchIndex(
    ctx.db,
    ctx.dialect,
    'customer_search',
    ids.map((id, i) => ({ id, grams: docs[i].grams })),
    { fresh: true },
  );
  await repo.insertTags(
    ctx.db,
    items.flatMap((item, i) => [...new Set(item.tags ?? [])].map((tag) => ({ customerId: ids[i], tag }))),
  );
  await writeAuditMany(
    ctx.db,
    actor,
    ids.map((entityId, i) => ({
      action: 'create',
      entity: 'customers',
      entityId,
      detail: { ...auditDetail, code: rows[i].code },
    })),
  );
  return ids;
}
