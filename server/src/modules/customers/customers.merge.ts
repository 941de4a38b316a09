import type { Customer } from '@relate/common';
import { writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { searchColumns, searchDocument, syncSearchIndex } from '../../platform/search.ts';
import { customerPlainFields, customerSearchValues } from './customers.fields.ts';
import { normalizeName, normalizePhone } from './customers.normalize.ts';
import * as repo from './customers.repository.ts';
import { customerScope, getCustomer, toCustomer } from './customers.service.ts';
import { updatedStamps } from '../../platform/stamps.ts';

const mergeableFields = new Set<string>([...customerPlainFields, 'customFields']);

/**
 * Merges `sourceId` into `targetId`: chosen field values come from the source, tags are united,
 * contacts and attachments move to the target, and the source goes to the recycle bin marked as merged.
 */
export async function mergeCustomers(
  ctx: AppContext,
  actor: Actor,
  targetId: number,
  sourceId: number,
  takeFromSource: string[],
): Promise<Customer> {
  if (!can(actor, 'customers.delete')) throw forbidden();
  if (targetId === sourceId) throw fieldError('sourceId', 'mergeSelf');
  const unknown = takeFromSource.find((f) => !mergeableFields.has(f));
  if (unknown) throw fieldError(`takeFromSource`, 'unknownField');
  const scope = await customerScope(ctx, actor);
  await inTransaction(ctx, async (ctx) => {
    const targetRow = orNotFound(await repo.findCustomer(ctx.db, scope, targetId));
    const sourceRow = await repo.findCustomer(ctx.db, scope, sourceId);
    if (!sourceRow) throw fieldError('sourceId', 'unknownCustomer', { value: sourceId });
    const tags = await repo.tagsOf(ctx.db, [targetId, sourceId]);
    const target = toCustomer(targetRow, tags.get(targetId) ?? [], []);
    const source = toCustomer(sourceRow, tags.get(sourceId) ?? [], []);
    const merged: Record<string, unknown> = { ...target };
    for (const field of takeFromSource) merged[field] = source[field as keyof Customer];
    if (!takeFromSource.includes('customFields'))
      merged.customFields = { ...source.customFields, ...target.customFields };
    const now = nowIso();
    const phoneNorm = normalizePhone(merged.phone as string | null);
    const doc = searchDocument(customerSearchValues({ ...(merged as Customer), phoneNorm }));
    const columns = Object.fromEntries(customerPlainFields.map((f) => [f, merged[f] ?? null]));
    await repo.updateCustomer(ctx.db, targetId, {
      ...columns,
      nameNorm: normalizeName(merged.name as string),
      phoneNorm,
      customFields: writeJson(merged.customFields),
      ...searchColumns(ctx.dialect, doc),
      ...updatedStamps(actor, now),
    });
    await syncSearchIndex(ctx.db, ctx.dialect, 'customer_search', [{ id: targetId, grams: doc.grams }]);
    await repo.addTags(ctx.db, [targetId], source.tags);
    await repo.moveContacts(ctx.db, sourceId, target, now);
    await repo.moveAttachments(ctx.db, sourceId, targetId);
    await repo.markMergedInto(ctx.db, sourceId, targetId, actor.userId, now);
    const changes = takeFromSource.map((field) => ({
      field,
      old: target[field as keyof Customer] ?? null,
      new: source[field as keyof Customer] ?? null,
    }));
    await writeAudit(ctx.db, actor, {
      action: 'merge',
      entity: 'customers',
      entityId: targetId,
      changes,
      detail: { sourceId, sourceCode: source.code, sourceName: source.name },
    });
    await writeAudit(ctx.db, actor, {
      action: 'merged_into',
      entity: 'customers',
      entityId: sourceId,
      detail: { targetId },
    });
  });
  return getCustomer(ctx, actor, targetId);
}
