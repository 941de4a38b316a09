import type { Page, WebForm, WebFormField, WebFormInput, WebFormPatch, WebFormSubmission } from '@relate/common';
import { webFormDictionaryFields } from '@relate/common';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import { updatedStamps } from '../../platform/stamps.ts';
import { assertCampaignExists } from '../campaigns/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { leadsForAssignment } from '../leads/index.ts';
import { hiddenFields } from '../../platform/field-rules.ts';
import { scopeFor } from '../../platform/scope.ts';
import * as repo from './web-forms.repository.ts';

type FormRow = NonNullable<Awaited<ReturnType<typeof repo.findForm>>>;

export function toWebForm(row: FormRow, submissionCount: number): WebForm {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    active: Boolean(row.active),
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    introZh: row.introZh,
    introEn: row.introEn,
    fields: readJson<WebFormField[]>(row.fields, []),
    consent: readJson<WebForm['consent']>(row.consent, null),
    thankYouZh: row.thankYouZh,
    thankYouEn: row.thankYouEn,
    redirectUrl: row.redirectUrl,
    allowedOrigins: readJson<string[]>(row.allowedOrigins, []),
    campaignId: row.campaignId,
    campaignName: row.campaignName ?? null,
    leadSource: row.leadSource,
    submissionCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const auditedFields = [
  'name',
  'slug',
  'active',
  'titleZh',
  'titleEn',
  'fields',
  'consent',
  'redirectUrl',
  'allowedOrigins',
  'campaignId',
  'leadSource',
] as const;

/** A form is checked by meaning: a free address, the name asked and required, each field once, things that exist. */
async function assertFormInput(ctx: AppContext, input: z.output<typeof WebFormInput>, id?: number) {
  if (await repo.slugTaken(ctx.db, input.slug, id)) throw fieldError('slug', 'slugTaken');
  const seen = new Set<string>();
  for (const [i, field] of input.fields.entries()) {
    if (seen.has(field.key)) throw fieldError(`fields.${i}.key`, 'webFormFieldTwice');
    seen.add(field.key);
  }
  if (!input.fields.some((f) => f.key === 'name' && f.required)) throw fieldError('fields', 'webFormNeedsName');
  await assertCampaignExists(ctx, input.campaignId);
  await assertDictionaryCodes(ctx.db, { leadSource: input.leadSource }, { leadSource: 'customer_source' });
}

function columnsOf(input: z.output<typeof WebFormInput>) {
  return {
    name: input.name,
    slug: input.slug,
    active: input.active ? 1 : 0,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    introZh: input.introZh ?? null,
    introEn: input.introEn ?? null,
    fields: writeJson(input.fields),
    consent: input.consent ? writeJson(input.consent) : null,
    thankYouZh: input.thankYouZh ?? null,
    thankYouEn: input.thankYouEn ?? null,
    redirectUrl: input.redirectUrl ?? null,
    allowedOrigins: writeJson([...new Set(input.allowedOrigins)]),
    campaignId: input.campaignId ?? null,
    leadSource: input.leadSource ?? null,
  };
}

export async function listWebForms(
  ctx: AppContext,
  query: { q?: string; page: number; pageSize: number },
): Promise<Page<WebForm>> {
  const { rows, total } = await repo.listForms(ctx.db, query);
  const counts = await repo.submissionCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => toWebForm(row, counts.get(row.id) ?? 0)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getWebForm(ctx: AppContext, id: number): Promise<WebForm> {
  const row = orNotFound(await repo.findForm(ctx.db, id));
  const counts = await repo.submissionCounts(ctx.db, [id]);
  return toWebForm(row, counts.get(id) ?? 0);
}

export async function createWebForm(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof WebFormInput>,
): Promise<WebForm> {
  await assertFormInput(ctx, input);
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertForm(ctx.db, {
      ...columnsOf(input),
      createdBy: actor.userId,
      updatedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'webForms',
      entityId: id,
      detail: { name: input.name, slug: input.slug },
    });
    return id;
  });
  return getWebForm(ctx, id);
}

export async function updateWebForm(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof WebFormPatch>,
): Promise<WebForm> {
  const before = await getWebForm(ctx, id);
  const merged = { ...before, ...patch } as z.output<typeof WebFormInput>;
  await assertFormInput(ctx, merged, id);
  await inTransaction(ctx, async (ctx) => {
    orNotFound(await repo.findForm(ctx.db, id));
    await repo.updateForm(ctx.db, id, { ...columnsOf(merged), ...updatedStamps(actor) });
    const changes = diffFields(before, merged, auditedFields);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'webForms', entityId: id, changes });
  });
  return getWebForm(ctx, id);
}

/** Takes a form off line for good (its address stays taken, its submissions and leads stay). */
export async function deleteWebForm(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findForm(ctx.db, id));
    await repo.updateForm(ctx.db, id, { deletedAt: nowIso(), active: 0 });
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'webForms', entityId: id, detail: { slug: row.slug } });
  });
}

/**
 * A form's submissions, newest first. The answers and the lead are shown only where the caller may see the
 * lead (its leads scope), without the lead fields their role hides: a form's submissions are no way round
 * the leads' scope.
 */
export async function listWebFormSubmissions(
  ctx: AppContext,
  actor: Actor,
  id: number,
  query: { page: number; pageSize: number },
): Promise<Page<WebFormSubmission>> {
  orNotFound(await repo.findForm(ctx.db, id));
  const { rows, total } = await repo.listSubmissions(ctx.db, id, query);
  const leadIds = [...new Set(rows.map((r) => r.leadId).filter((l): l is number => l !== null))];
  const scope = await scopeFor(ctx.db, actor, 'leads');
  const visible = new Set(leadIds.length ? (await leadsForAssignment(ctx.db, scope, leadIds)).map((l) => l.id) : []);
  const hidden = hiddenFields(actor, 'leads');
  const answersOf = (row: (typeof rows)[number]) =>
    Object.fromEntries(
      Object.entries(readJson<Record<string, string>>(row.answers, {})).filter(([key]) => !hidden.includes(key)),
    );
  return {
    items: rows.map((row) => ({
      id: row.id,
      leadId: row.leadName !== null && row.leadId !== null && visible.has(row.leadId) ? row.leadId : null,
      leadName: row.leadId !== null && visible.has(row.leadId) ? row.leadName : null,
      createdLead: Boolean(row.createdLead),
      values: row.leadId !== null && visible.has(row.leadId) ? answersOf(row) : {},
      consent: Boolean(row.consent),
      utmSource: row.utmSource,
      utmMedium: row.utmMedium,
      utmCampaign: row.utmCampaign,
      utmTerm: row.utmTerm,
      utmContent: row.utmContent,
      referrer: row.referrer,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      createdAt: row.createdAt,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The dictionary a field is answered from, if any. */
export const dictionaryOf = (key: string) =>
  (webFormDictionaryFields as Record<string, 'industry' | 'customer_source' | undefined>)[key];
