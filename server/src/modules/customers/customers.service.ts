import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Customer, CustomerInput, CustomerPatch, CustomerQuery, Page } from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { z } from 'zod';
import { DuplicateMatch } from '@relate/common';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { diffFields, writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { assertWritableFields, hiddenFields, withoutHiddenFields } from '../../platform/field-rules.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { searchColumns, searchDocument, syncSearchIndex } from '../../platform/search.ts';
import { reserveNumbers } from '../../platform/sequences.ts';
import { softDeleteInScope } from '../../platform/soft-delete.ts';
import { validateCustomFields } from '../custom-fields/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import { findUserDepartmentAndStatus } from '../users/index.ts';
import {
  customerAuditedFields,
  customerDictionaryFields,
  customerPlainFields,
  customerSearchValues,
} from './customers.fields.ts';
import { normalizeName, normalizePhone } from './customers.normalize.ts';
import * as repo from './customers.repository.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';
import { transferOwned } from '../../db/ownership.ts';
import { withDivision } from '../../platform/divisions.ts';

export const customerCode = (n: number) => `C${String(n).padStart(6, '0')}`;

export function toCustomer(row: repo.CustomerRow, tags: string[], hidden: string[]): Customer {
  const customer: Customer = {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type as Customer['type'],
    level: row.level,
    creditLevel: row.creditLevel,
    stage: row.stage,
    industry: row.industry,
    source: row.source,
    country: row.country,
    province: row.province,
    city: row.city,
    district: row.district,
    divisionCode: row.divisionCode,
    address: row.address,
    phone: row.phone,
    email: row.email,
    website: row.website,
    tags,
    remark: row.remark,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    customFields: readJson(row.customFields, {}),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastFollowupAt: row.lastFollowupAt,
    nextFollowupAt: row.nextFollowupAt,
  };
  return withoutHiddenFields(customer, hidden);
}

export async function customerScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'customers');
}

export async function listCustomers(ctx: AppContext, actor: Actor, query: CustomerQuery): Promise<Page<Customer>> {
  const [scope, settings] = await Promise.all([customerScope(ctx, actor), getSettings(ctx.db)]);
  const { items, ...total } = await repo.listCustomers(
    ctx.db,
    ctx.dialect,
    scope,
    { ...query, afterKey: cursorKey('customers', query) },
    settings.timezone,
  );
  const tags = await repo.tagsOf(
    ctx.db,
    items.map((r) => r.id),
  );
  const hidden = hiddenFields(actor, 'customers');
  return pageResponse(
    'customers',
    query,
    items.map((r) => toCustomer(r, tags.get(r.id) ?? [], hidden)),
    total,
  );
}

/** One customer in the caller's scope; NOT_FOUND also when it exists outside the scope. */
export async function getCustomer(ctx: AppContext, actor: Actor, id: number): Promise<Customer> {
  const row = orNotFound(await findVisibleCustomer(ctx, actor, id));
  const tags = await repo.tagsOf(ctx.db, [id]);
  return toCustomer(row, tags.get(id) ?? [], hiddenFields(actor, 'customers'));
}

/** Resolves an owner: an active user; assigning someone else needs customers.assign. */
export async function resolveOwner(ctx: AppContext, actor: Actor, ownerId: number | undefined) {
  const id = ownerId ?? actor.userId;
  if (id !== actor.userId && !can(actor, 'customers.assign')) throw forbidden();
  const owner = await findUserDepartmentAndStatus(ctx.db, id);
  if (!owner) throw fieldError('ownerId', 'unknownUser', { value: id });
  if (owner.status !== 'active') throw fieldError('ownerId', 'userDisabled');
  return { id: owner.id, departmentId: owner.departmentId };
}

function plainColumns(input: Partial<CustomerInput>) {
  const values: Record<string, unknown> = {};
  for (const field of customerPlainFields) if (field in input) values[field] = input[field] ?? null;
  return values;
}

/** Inserts a customer (code, search index, tags, audit) in the transaction of `ctx` (see inTransaction); returns its id. */
export async function insertCustomer(
  ctx: AppContext,
  actor: Actor,
  given: z.output<typeof CustomerInput>,
): Promise<number> {
  const input = withDivision(given);
  assertWritableFields(actor, 'customers', input, null);
  await assertDictionaryCodes(ctx.db, input, customerDictionaryFields);
  const owner = await resolveOwner(ctx, actor, input.ownerId);
  const customFields = await validateCustomFields(ctx.db, 'customers', input.customFields ?? {}, null);
  const code = customerCode(await reserveNumbers(ctx.db, 'customers', 1));
  const now = nowIso();
  const phoneNorm = normalizePhone(input.phone);
  const doc = searchDocument(
    customerSearchValues({
      name: input.name,
      type: input.type,
      code,
      phone: input.phone,
      phoneNorm,
      email: input.email,
    }),
  );
  const [id] = await repo.insertCustomers(ctx.db, [
    {
      ...(plainColumns(input) as { name: string }),
      type: input.type ?? 'company',
      code,
      nameNorm: normalizeName(input.name),
      phoneNorm,
      ownerId: owner.id,
      departmentId: owner.departmentId,
      customFields: writeJson(customFields),
      ...searchColumns(ctx.dialect, doc),
      ...createdStamps(actor, now),
    },
  ]);
  await syncSearchIndex(ctx.db, ctx.dialect, 'customer_search', [{ id, grams: doc.grams }], { fresh: true });
  if (input.tags?.length) await repo.addTags(ctx.db, [id], input.tags);
  await writeAudit(ctx.db, actor, {
    action: 'create',
    entity: 'customers',
    entityId: id,
    detail: { code, name: input.name },
  });
  return id;
}

/** Creates a customer inside one transaction. */
export async function createCustomer(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof CustomerInput>,
): Promise<Customer> {
  const id = await inTransaction(ctx, (ctx) => insertCustomer(ctx, actor, input));
  const row = orNotFound(await repo.findCustomer(ctx.db, { kind: 'all' }, id));
  return toCustomer(row, (await repo.tagsOf(ctx.db, [id])).get(id) ?? [], hiddenFields(actor, 'customers'));
}

/** Changes some fields of a customer in scope; each changed field is audited with old and new value. */
export async function updateCustomer(
  ctx: AppContext,
  actor: Actor,
  id: number,
  given: z.output<typeof CustomerPatch>,
): Promise<Customer> {
  const scope = await customerScope(ctx, actor);
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findCustomer(ctx.db, scope, id));
    const before = toCustomer(row, (await repo.tagsOf(ctx.db, [id])).get(id) ?? [], []);
    const patch = withDivision(given, before);
    assertWritableFields(actor, 'customers', patch, before);
    await assertDictionaryCodes(ctx.db, patch, customerDictionaryFields);
    const owner =
      patch.ownerId !== undefined && patch.ownerId !== before.ownerId
        ? await resolveOwner(ctx, actor, patch.ownerId)
        : null;
    const customFields = patch.customFields
      ? await validateCustomFields(ctx.db, 'customers', patch.customFields, before.customFields)
      : undefined;
    const merged = { ...before, ...patch };
    const phoneNorm = normalizePhone(merged.phone);
    const doc = searchDocument(customerSearchValues({ ...merged, phoneNorm }));
    await repo.updateCustomer(ctx.db, id, {
      ...plainColumns(patch),
      ...(patch.name ? { nameNorm: normalizeName(patch.name) } : {}),
      phoneNorm,
      ...(owner ? { ownerId: owner.id, departmentId: owner.departmentId } : {}),
      ...(customFields ? { customFields: writeJson(customFields) } : {}),
      ...searchColumns(ctx.dialect, doc),
      ...updatedStamps(actor),
    });
    await syncSearchIndex(ctx.db, ctx.dialect, 'customer_search', [{ id, grams: doc.grams }]);
    if (patch.tags) await repo.replaceTags(ctx.db, id, patch.tags);
    if (owner) await repo.assignOwner(ctx.db, [id], owner, actor.userId, nowIso());
    const after = {
      ...merged,
      tags: patch.tags ? [...new Set(patch.tags)].sort() : before.tags,
      customFields: customFields ?? before.customFields,
    };
    const changes = diffFields(before, after, [...customerAuditedFields]);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'customers', entityId: id, changes });
  });
  return getCustomer(ctx, actor, id).catch(async () => {
    // The caller may have handed the customer to someone outside their scope.
    const row = orNotFound(await repo.findCustomer(ctx.db, { kind: 'all' }, id));
    return toCustomer(row, (await repo.tagsOf(ctx.db, [id])).get(id) ?? [], hiddenFields(actor, 'customers'));
  });
}

/** Moves customers in scope to the recycle bin (their contacts go with them). */
export async function deleteCustomers(ctx: AppContext, actor: Actor, ids: number[]): Promise<number> {
  return softDeleteInScope(ctx, actor, 'customers', repo, await customerScope(ctx, actor), ids);
}

export async function deleteCustomer(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  if (!(await deleteCustomers(ctx, actor, [id]))) throw notFound();
}

export async function bulkAssign(ctx: AppContext, actor: Actor, ids: number[], ownerId: number): Promise<number> {
  const owner = await resolveOwner(ctx, actor, ownerId);
  const scope = await customerScope(ctx, actor);
  return inTransaction(ctx, async (ctx) => {
    const visible = await repo.idsInScope(ctx.db, scope, ids);
    const before = new Map((await repo.ownersOf(ctx.db, visible)).map((r) => [r.id, r.ownerId]));
    if (visible.length) await repo.assignOwner(ctx.db, visible, owner, actor.userId, nowIso());
    await writeAuditMany(
      ctx.db,
      actor,
      visible.map((entityId) => ({
        action: 'assign',
        entity: 'customers',
        entityId,
        changes: [{ field: 'ownerId', old: before.get(entityId) ?? null, new: owner.id }],
      })),
    );
    return visible.length;
  });
}

export async function bulkTags(
  ctx: AppContext,
  actor: Actor,
  ids: number[],
  add: string[],
  remove: string[],
): Promise<number> {
  const scope = await customerScope(ctx, actor);
  return inTransaction(ctx, async (ctx) => {
    const visible = await repo.idsInScope(ctx.db, scope, ids);
    if (!visible.length) return 0;
    await repo.addTags(ctx.db, visible, add);
    await repo.removeTags(ctx.db, visible, remove);
    await repo.markUpdated(ctx.db, visible, actor.userId, nowIso());
    await writeAuditMany(
      ctx.db,
      actor,
      visible.map((entityId) => ({
        action: 'update',
        entity: 'customers',
        entityId,
        detail: { tagsAdded: add, tagsRemoved: remove },
      })),
    );
    return visible.length;
  });
}

/** Possible duplicates by normalised name, phone or email; those outside the scope show only name and owner. */
export async function findDuplicates(
  ctx: AppContext,
  actor: Actor,
  input: { name?: string; phone?: string; email?: string; excludeId?: number },
): Promise<Array<z.infer<typeof DuplicateMatch>>> {
  const scope = await customerScope(ctx, actor);
  const keys = {
    nameNorm: input.name ? normalizeName(input.name) : undefined,
    phoneNorm: normalizePhone(input.phone),
    email: input.email?.trim().toLowerCase() || null,
  };
  const rows = await repo.findPossibleDuplicates(
    ctx.db,
    { ...keys, phoneNorms: keys.phoneNorm ? [keys.phoneNorm] : [] },
    input.excludeId,
  );
  const visibleIds = new Set(
    rows.length
      ? await repo.idsInScope(
          ctx.db,
          scope,
          rows.map((r) => r.id),
        )
      : [],
  );
  return rows.map((row) => {
    const visible = visibleIds.has(row.id);
    const matchedOn = [
      ...(keys.nameNorm && row.nameNorm === keys.nameNorm ? (['name'] as const) : []),
      ...(keys.phoneNorm && row.phoneNorm === keys.phoneNorm ? (['phone'] as const) : []),
      ...(keys.email && row.email === keys.email ? (['email'] as const) : []),
    ];
    return {
      id: visible ? row.id : null,
      code: visible ? row.code : null,
      visible,
      name: row.name,
      ownerName: row.ownerName,
      matchedOn,
    };
  });
}

/** The ownership hook for handover: customers and, with them, their contacts. */
export const customersOwnership: OwnedEntity = {
  entity: 'customers',
  transfer: (trx, fromUserId, to) => transferOwned(trx, 'customers', fromUserId, to, nowIso()),
};

// What other modules read of customers (the queries stay in the repository).

/** The active customer with this id if the caller may see it; undefined otherwise (answer 404 or a field error). */
/** A customer's own email address, whoever asks (an unsubscribe link names the customer it was sent to). */
export async function customerEmailOf(db: Kysely<DB>, customerId: number): Promise<string | null> {
  return (await repo.findCustomer(db, { kind: 'all' }, customerId))?.email ?? null;
}

export async function findVisibleCustomer(ctx: AppContext, actor: Actor, id: number) {
  return repo.findCustomer(ctx.db, await customerScope(ctx, actor), id);
}

/** The customers of an export in id order, a batch at a time, with only the columns asked for. */
export const customersForExport = repo.iterateCustomers;

/** The tags of these customers, by customer id. */
export const tagsOfCustomers = repo.tagsOf;

/** Active customers that may be the same as a record with these keys, whether the caller may see them or not. */
export const possibleDuplicateCustomers = repo.findPossibleDuplicates;

export type { CustomerColumn, CustomerExportRow } from './customers.repository.ts';
