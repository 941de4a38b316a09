import type { Lead, LeadDuplicate, LeadInput, LeadPatch, LeadQuery, Page } from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, type AuditActor, can } from '../../platform/actor.ts';
import { diffFields, writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { assertWritableFields, hiddenFields, withoutHiddenFields } from '../../platform/field-rules.ts';
import { withDivision } from '../../platform/divisions.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { pinyinSearchValues } from '../../platform/pinyin.ts';
import { searchDocument } from '../../platform/search.ts';
import { softDeleteInScope } from '../../platform/soft-delete.ts';
import { reserveNumbers } from '../../platform/sequences.ts';
import { normalizeName, normalizePhone, possibleDuplicateCustomers } from '../customers/index.ts';
import { assertCampaignExists } from '../campaigns/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import { scoreRecords } from '../scoring/index.ts';
import { findUserDepartmentAndStatus } from '../users/index.ts';
import * as repo from './leads.repository.ts';
import { updatedStamps } from '../../platform/stamps.ts';
import { transferOwned } from '../../db/ownership.ts';

export const leadCode = (n: number) => `L${String(n).padStart(6, '0')}`;
export const leadDictionaryFields = { source: 'customer_source', industry: 'industry' } as const;

const plainFields = [
  'name',
  'company',
  'title',
  'mobile',
  'phone',
  'email',
  'wechat',
  'source',
  'campaignId',
  'industry',
  'country',
  'province',
  'city',
  'district',
  'divisionCode',
  'address',
  'remark',
  'disqualifyReason',
] as const;
export const auditedFields = [...plainFields, 'status', 'score', 'ownerId'] as const;

export function toLead(row: repo.LeadRow, hidden: string[]): Lead {
  const lead: Lead = {
    id: row.id,
    code: row.code,
    name: row.name,
    company: row.company,
    title: row.title,
    mobile: row.mobile,
    phone: row.phone,
    email: row.email,
    wechat: row.wechat,
    source: row.source,
    campaignId: row.campaignId,
    industry: row.industry,
    country: row.country,
    province: row.province,
    city: row.city,
    district: row.district,
    divisionCode: row.divisionCode,
    address: row.address,
    remark: row.remark,
    status: row.status as Lead['status'],
    disqualifyReason: row.disqualifyReason,
    score: row.score,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    departmentId: row.departmentId,
    convertedCustomerId: row.convertedCustomerId,
    convertedContactId: row.convertedContactId,
    convertedOpportunityId: row.convertedOpportunityId,
    convertedAt: row.convertedAt,
    lastFollowupAt: row.lastFollowupAt,
    nextFollowupAt: row.nextFollowupAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  return withoutHiddenFields(lead, hidden);
}

export function leadScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'leads');
}

/** What a lead's search text and duplicate keys are made of. */
type LeadKeys = {
  name: string;
  code: string;
  company?: string | null;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
};

/** The person's name and the company's are found by their pinyin and initials too. */
export function leadSearchValues(lead: LeadKeys) {
  return [
    lead.name,
    ...pinyinSearchValues(lead.name, 'person'),
    lead.code,
    lead.company,
    ...pinyinSearchValues(lead.company, 'name'),
    lead.mobile,
    normalizePhone(lead.mobile),
    lead.phone,
    normalizePhone(lead.phone),
    lead.email,
    lead.wechat,
  ];
}

export function plainColumns(input: Partial<z.output<typeof LeadInput>>) {
  const values: Record<string, unknown> = {};
  for (const field of plainFields) if (field in input) values[field] = input[field] ?? null;
  return values;
}

export function derivedColumns(lead: LeadKeys) {
  return {
    nameNorm: normalizeName(lead.name),
    companyNorm: lead.company ? normalizeName(lead.company) : null,
    phoneNorm: normalizePhone(lead.mobile) ?? normalizePhone(lead.phone),
    searchText: searchDocument(leadSearchValues(lead)).text,
  };
}

/** A lead's status moves freely except into "converted" (only conversion does that); disqualifying needs a reason. */
function assertStatusChange(
  next: { status?: string; disqualifyReason?: string | null },
  current: { status: string; disqualifyReason: string | null } | null,
) {
  if (next.status === undefined) return;
  if (current?.status === 'converted' && next.status !== 'converted')
    throw fieldError('status', 'leadAlreadyConverted');
  if (next.status === 'converted' && current?.status !== 'converted')
    throw fieldError('status', 'statusOnlyByConversion');
  const reason = next.disqualifyReason !== undefined ? next.disqualifyReason : current?.disqualifyReason;
  if (next.status === 'disqualified' && !reason) throw fieldError('disqualifyReason', 'disqualifyReasonRequired');
}

/** An active user to own leads; handing one to someone else needs leads.assign. */
async function resolveLeadOwner(db: Kysely<DB>, actor: Actor, ownerId: number | undefined) {
  const id = ownerId ?? actor.userId;
  if (id !== actor.userId && !can(actor, 'leads.assign')) throw forbidden();
  const owner = await findUserDepartmentAndStatus(db, id);
  if (!owner) throw fieldError('ownerId', 'unknownUser', { value: id });
  if (owner.status !== 'active') throw fieldError('ownerId', 'userDisabled');
  return { id: owner.id, departmentId: owner.departmentId };
}

export async function listLeads(ctx: AppContext, actor: Actor, query: LeadQuery): Promise<Page<Lead>> {
  const [scope, settings] = await Promise.all([leadScope(ctx, actor), getSettings(ctx.db)]);
  const { items, ...total } = await repo.listLeads(
    ctx.db,
    ctx.dialect,
    scope,
    { ...query, afterKey: cursorKey('leads', query) },
    settings.timezone,
  );
  const hidden = hiddenFields(actor, 'leads');
  return pageResponse(
    'leads',
    query,
    items.map((row) => toLead(row, hidden)),
    total,
  );
}

export async function getLead(ctx: AppContext, actor: Actor, id: number): Promise<Lead> {
  return toLead(orNotFound(await findVisibleLead(ctx, actor, id)), hiddenFields(actor, 'leads'));
}

/** Inserts a lead inside the caller's transaction; returns its id. */
export async function insertLead(
  trx: Kysely<DB>,
  actor: Actor,
  given: z.output<typeof LeadInput>,
  owner: { id: number; departmentId: number | null } | null,
) {
  const input = withDivision(given);
  const code = leadCode(await reserveNumbers(trx, 'leads', 1));
  const now = nowIso();
  const [id] = await repo.insertLeads(trx, [
    {
      ...(plainColumns(input) as { name: string }),
      code,
      ...derivedColumns({ ...input, code }),
      status: input.status ?? 'new',
      score: input.score ?? 0,
      ownerId: owner?.id ?? null,
      departmentId: owner?.departmentId ?? null,
      createdBy: actor.userId || null,
      updatedBy: actor.userId || null,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  await scoreRecords(trx, 'leads', [id], { manualScore: input.score });
  await writeAudit(trx, actor, { action: 'create', entity: 'leads', entityId: id, detail: { code, name: input.name } });
  return id;
}

/** Inserts validated leads in one go (imports): numbers reserved together, one audit row each. */
export async function insertLeadBatch(
  trx: Kysely<DB>,
  actor: AuditActor,
  items: Array<{ input: z.output<typeof LeadInput>; owner: { id: number; departmentId: number | null } }>,
  detail: Record<string, unknown>,
): Promise<number[]> {
  if (!items.length) return [];
  const first = await reserveNumbers(trx, 'leads', items.length);
  const now = nowIso();
  const rows = items.map(({ input: given, owner }, i) => {
    const input = withDivision(given);
    const code = leadCode(first + i);
    return {
      ...(plainColumns(input) as { name: string }),
      code,
      ...derivedColumns({ ...input, code }),
      status: input.status ?? 'new',
      score: input.score ?? 0,
      ownerId: owner.id,
      departmentId: owner.departmentId,
      createdBy: actor.userId || null,
      updatedBy: actor.userId || null,
      createdAt: now,
      updatedAt: now,
    };
  });
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) ids.push(...(await repo.insertLeads(trx, rows.slice(i, i + 500))));
  // Field rules score the new leads; a score given in the batch is kept as one typed by hand.
  await scoreRecords(
    trx,
    'leads',
    ids.filter((_, i) => items[i]!.input.score === undefined),
  );
  for (const [i, id] of ids.entries())
    if (items[i]!.input.score !== undefined)
      await scoreRecords(trx, 'leads', [id], { manualScore: items[i]!.input.score });
  await writeAuditMany(
    trx,
    actor,
    ids.map((entityId) => ({ action: 'create', entity: 'leads', entityId, detail })),
  );
  return ids;
}

export async function createLead(ctx: AppContext, actor: Actor, input: z.output<typeof LeadInput>): Promise<Lead> {
  assertWritableFields(actor, 'leads', input, null);
  assertStatusChange(input, null);
  await assertDictionaryCodes(ctx.db, input, leadDictionaryFields);
  await assertCampaignExists(ctx, input.campaignId);
  const owner = await resolveLeadOwner(ctx.db, actor, input.ownerId);
  const id = await inTransaction(ctx, (ctx) => insertLead(ctx.db, actor, input, owner));
  return toLead(orNotFound(await repo.findLead(ctx.db, { kind: 'all' }, id)), hiddenFields(actor, 'leads'));
}

export async function updateLead(
  ctx: AppContext,
  actor: Actor,
  id: number,
  given: z.output<typeof LeadPatch>,
): Promise<Lead> {
  const scope = await leadScope(ctx, actor);
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findLead(ctx.db, scope, id));
    const before = toLead(row, []);
    const patch = withDivision(given, before);
    assertWritableFields(actor, 'leads', patch, before);
    assertStatusChange(patch, row);
    await assertDictionaryCodes(ctx.db, patch, leadDictionaryFields);
    if (patch.campaignId !== row.campaignId) await assertCampaignExists(ctx, patch.campaignId);
    const owner =
      patch.ownerId !== undefined && patch.ownerId !== row.ownerId
        ? await resolveLeadOwner(ctx.db, actor, patch.ownerId)
        : null;
    const merged = { ...before, ...patch };
    await repo.updateLead(ctx.db, id, {
      ...plainColumns(patch),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.status !== undefined && patch.status !== 'disqualified' && patch.disqualifyReason === undefined
        ? { disqualifyReason: null }
        : {}),
      ...(patch.score !== undefined ? { score: patch.score } : {}),
      ...derivedColumns(merged),
      ...(owner ? { ownerId: owner.id, departmentId: owner.departmentId } : {}),
      ...updatedStamps(actor),
    });
    // A score typed by hand (changed from the one shown) is kept as a reason making the total what was typed.
    const manualScore = patch.score !== undefined && patch.score !== row.score ? patch.score : undefined;
    await scoreRecords(ctx.db, 'leads', [id], { manualScore });
    const changes = diffFields(before, { ...merged, ownerId: owner?.id ?? before.ownerId }, [...auditedFields]);
    if (changes.length) await writeAudit(ctx.db, actor, { action: 'update', entity: 'leads', entityId: id, changes });
  });
  const row = orNotFound(await repo.findLead(ctx.db, { kind: 'all' }, id));
  return toLead(row, hiddenFields(actor, 'leads'));
}

export async function deleteLeads(ctx: AppContext, actor: Actor, ids: number[]): Promise<number> {
  return softDeleteInScope(ctx, actor, 'leads', repo, await leadScope(ctx, actor), ids);
}

export async function deleteLead(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  if (!(await deleteLeads(ctx, actor, [id]))) throw notFound();
}

/** Possible duplicates of a lead among leads, customers and contacts; those out of scope show only name and owner. */
export async function findLeadDuplicates(
  ctx: AppContext,
  actor: Actor,
  input: { name?: string; company?: string; mobile?: string; phone?: string; email?: string; excludeId?: number },
): Promise<LeadDuplicate[]> {
  const phoneNorms = [normalizePhone(input.mobile), normalizePhone(input.phone)].filter((p): p is string => Boolean(p));
  const keys = {
    nameNorm: input.name ? normalizeName(input.name) : undefined,
    companyNorm: input.company ? normalizeName(input.company) : null,
    phoneNorms,
    email: input.email?.trim().toLowerCase() || null,
  };
  const found = {
    ...(await repo.findPossibleDuplicates(ctx.db, keys, input.excludeId)),
    customers: await possibleDuplicateCustomers(ctx.db, { nameNorm: keys.companyNorm, phoneNorms, email: keys.email }),
  };
  const [leadIds, customerIds, contactIds] = await Promise.all([
    visibleIds(ctx, actor, 'leads', found.leads),
    visibleIds(ctx, actor, 'customers', found.customers),
    visibleIds(ctx, actor, 'contacts', found.contacts),
  ]);
  // What every match shows: id and details only to those who may see the record.
  const shown = (
    visible: Set<number>,
    r: { id: number; name: string; ownerName: string | null },
    detail: string | null,
  ) => ({
    id: visible.has(r.id) ? r.id : null,
    visible: visible.has(r.id),
    name: r.name,
    detail,
    ownerName: r.ownerName,
  });
  const sharesPhone = (...phones: Array<string | null>) =>
    phones.some((p) => p && phoneNorms.includes(normalizePhone(p) ?? ''));
  const sharesEmail = (email: string | null) => Boolean(keys.email && email === keys.email);
  const matchedOn = (on: Partial<Record<LeadDuplicate['matchedOn'][number], unknown>>) =>
    (['name', 'company', 'phone', 'email'] as const).filter((key) => Boolean(on[key]));
  return [
    ...found.leads.map((r) => ({
      entity: 'leads' as const,
      ...shown(leadIds, r, r.company),
      matchedOn: matchedOn({
        name: keys.nameNorm && keys.companyNorm && r.nameNorm === keys.nameNorm && r.companyNorm === keys.companyNorm,
        company: keys.companyNorm && r.companyNorm === keys.companyNorm,
        phone: sharesPhone(r.phoneNorm),
        email: sharesEmail(r.email),
      }),
    })),
    ...found.customers.map((r) => ({
      entity: 'customers' as const,
      ...shown(customerIds, r, customerIds.has(r.id) ? r.code : null),
      matchedOn: matchedOn({
        company: keys.companyNorm && r.nameNorm === keys.companyNorm,
        phone: sharesPhone(r.phoneNorm),
        email: sharesEmail(r.email),
      }),
    })),
    ...found.contacts.map((r) => ({
      entity: 'contacts' as const,
      ...shown(contactIds, r, r.customerName),
      matchedOn: matchedOn({ phone: sharesPhone(r.mobile, r.phone), email: sharesEmail(r.email) }),
    })),
  ];
}

/** The ids of those of `rows` the caller's scope of `module` shows. */
async function visibleIds(
  ctx: AppContext,
  actor: Actor,
  module: 'leads' | 'customers' | 'contacts',
  rows: Array<{ id: number }>,
): Promise<Set<number>> {
  if (!rows.length) return new Set();
  const scope = await scopeFor(ctx.db, actor, module);
  const ids = rows.map((r) => r.id);
  return new Set(await repo.idsInScopeOf(ctx.db, module, scope, ids));
}

/** The ownership hook for handover. */
export const leadsOwnership: OwnedEntity = {
  entity: 'leads',
  transfer: (trx, fromUserId, to) => transferOwned(trx, 'leads', fromUserId, to, nowIso()),
};

// What other modules read of leads (the queries stay in the repository).

/** The active lead with this id if the caller may see it; undefined otherwise. */
/** A lead's email address, whoever asks (an unsubscribe link names the lead it was sent to). */
export async function leadEmailOf(db: Kysely<DB>, leadId: number): Promise<string | null> {
  return (await repo.findLead(db, { kind: 'all' }, leadId))?.email ?? null;
}

export async function findVisibleLead(ctx: AppContext, actor: Actor, id: number) {
  return repo.findLead(ctx.db, await leadScope(ctx, actor), id);
}

/** Leads added to a campaign take it as their source campaign (first touch) unless they have one. */
export async function takeSourceCampaign(db: Kysely<DB>, ids: number[], campaignId: number): Promise<void> {
  await repo.setCampaignWhereNone(db, ids, campaignId);
}

/** The leads of an export in id order, a batch at a time. */
export const leadsForExport = repo.iterateLeads;

export type { LeadRow } from './leads.repository.ts';
