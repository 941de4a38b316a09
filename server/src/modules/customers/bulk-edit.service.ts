import type { BulkEditResult, CustomerBulkEdit } from '@relate/common';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAuditMany } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { assertWritableFields } from '../../platform/field-rules.ts';
import { updatedStamps } from '../../platform/stamps.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { type CustomerBulkField, customersToEdit, setCustomerValues } from './bulk-edit.repository.ts';
import { customerDictionaryFields } from './customers.fields.ts';
import { customerScope } from './customers.service.ts';

/**
 * Sets the same fields on many customers, with the checks and audit of the single customer's update
 * (options from the dictionaries, field permissions, one audit row per customer with old and new values)
 * in one statement: the fields offered are plain columns that no search text or key is made of. Ids
 * outside the caller's scope are skipped and only counted, so the answer never tells that they exist.
 */
export async function bulkEditCustomers(
  ctx: AppContext,
  actor: Actor,
  { ids, changes }: z.output<typeof CustomerBulkEdit>,
): Promise<BulkEditResult> {
  const fields = (Object.keys(changes) as CustomerBulkField[]).filter((field) => changes[field] !== undefined);
  const values = Object.fromEntries(fields.map((field) => [field, changes[field] ?? null]));
  await assertDictionaryCodes(ctx.db, values, customerDictionaryFields);
  // A field the caller may only read refuses the whole edit, as it refuses the single customer's.
  assertWritableFields(actor, 'customers', values, null);
  const scope = await customerScope(ctx, actor);
  const unique = [...new Set(ids)];
  return inTransaction(ctx, async (ctx) => {
    const rows = await customersToEdit(ctx.db, scope, unique, fields);
    for (const row of rows) assertWritableFields(actor, 'customers', values, row);
    await setCustomerValues(
      ctx.db,
      rows.map((row) => row.id),
      { ...values, ...updatedStamps(actor) },
    );
    await writeAuditMany(
      ctx.db,
      actor,
      rows.flatMap((row) => {
        const changed = diffFields(row, { ...row, ...values }, fields);
        return changed.length ? [{ action: 'update', entity: 'customers', entityId: row.id, changes: changed }] : [];
      }),
    );
    return { affected: rows.length, skipped: unique.length - rows.length, rejected: [] };
  });
}
