import { LeadInput, type PublicWebForm, scopedModules, type WebFormSubmitInput } from '@relate/common';
import type { z } from 'zod';
import { writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, type FieldMessage, notFound } from '../../platform/errors.ts';
import { issuesToFields } from '../../platform/validation.ts';
import { pickOwnersByRules } from '../assignment-rules/index.ts';
import { solveCaptcha } from '../auth/index.ts';
import { recordCampaignResponse } from '../campaigns/index.ts';
import { recordLeadConsent } from '../consent/index.ts';
import { assertDictionaryCodes, listDictionaryOptions } from '../dictionaries/index.ts';
import {
  findLeadForCapture,
  insertLead,
  leadsForAssignment,
  setLeadOwners,
  updateCapturedLead,
} from '../leads/index.ts';
import { findUserDepartmentAndStatus } from '../users/index.ts';
import { recordBehaviour } from '../scoring/index.ts';
import * as repo from './web-forms.repository.ts';
import { dictionaryOf, toWebForm } from './web-forms.service.ts';

type Client = { ip: string | null; userAgent: string | null; origin: string | null; ownOrigin: string };

/** A visitor sending a form: no rights, every lead in reach so a known one is updated. Audit rows name the form. */
function visitorActor(slug: string, title: string, client: Client): Actor {
  return {
    userId: 0,
    username: `web form ${slug}`,
    displayName: title,
    departmentId: null,
    locale: 'zh-CN',
    roleIds: [],
    permissions: new Set(),
    scopes: Object.fromEntries(scopedModules.map((m) => [m, 'all'])) as Actor['scopes'],
    fieldRules: {},
    via: 'session',
    sessionId: null,
    csrfToken: null,
    ip: client.ip,
    userAgent: client.userAgent,
  };
}

async function liveForm(ctx: AppContext, slug: string) {
  const row = await repo.findFormBySlug(ctx.db, slug);
  if (!row || !row.active) throw notFound();
  return toWebForm(row, 0);
}

/** What the hosted page draws: the fields with the options of those answered from a dictionary. */
export async function publicWebForm(ctx: AppContext, slug: string): Promise<PublicWebForm> {
  const form = await liveForm(ctx, slug);
  const fields = await Promise.all(
    form.fields.map(async (field) => {
      const dictionary = dictionaryOf(field.key);
      if (!dictionary) return field;
      const options = (await listDictionaryOptions(ctx.db, dictionary))
        .filter((o) => o.enabled)
        .map((o) => ({ code: o.code, labelZh: o.labelZh, labelEn: o.labelEn }));
      return { ...field, options };
    }),
  );
  return {
    slug: form.slug,
    titleZh: form.titleZh,
    titleEn: form.titleEn,
    introZh: form.introZh,
    introEn: form.introEn,
    fields,
    consent: form.consent,
    thankYouZh: form.thankYouZh,
    thankYouEn: form.thankYouEn,
    redirectUrl: form.redirectUrl,
  };
}

const originOfUrl = (value: string | null | undefined) => {
  if (!value) return null;
  try {
    return new URL(value).origin.toLowerCase();
  } catch {
    return null;
  }
};

/**
 * Takes a visitor's answers: the captcha first (as the public ticket form), then the posting site (the
 * request's Origin, and the page the form is embedded in, must be the server itself or an allowed
 * origin), then every field. In one transaction the lead with the same mobile, phone or email is updated,
 * or a new one is made and given an owner by the assignment rules (else the default owner, else the
 * form's author); it joins the form's campaign as having responded, its consent is recorded with the form
 * as source, the submission is kept with its UTM parameters and referrer, and a new owner is notified.
 */
export async function submitWebForm(
  ctx: AppContext,
  slug: string,
  input: z.output<typeof WebFormSubmitInput>,
  client: Client,
): Promise<{ thankYouZh: string | null; thankYouEn: string | null; redirectUrl: string | null }> {
  const form = await liveForm(ctx, slug);
  const allowed = new Set([client.ownOrigin.toLowerCase(), ...form.allowedOrigins]);
  const origin = client.origin?.toLowerCase() ?? null;
  if (origin && !allowed.has(origin)) throw new AppError('FORBIDDEN', 'originNotAllowed');
  const embeddedOn = originOfUrl(input.embeddedOn);
  if (form.allowedOrigins.length && embeddedOn && !allowed.has(embeddedOn))
    throw new AppError('FORBIDDEN', 'originNotAllowed');
  if (!(await solveCaptcha(ctx.db, input.captchaId, input.captchaText)))
    throw new AppError('CAPTCHA_REQUIRED', 'CAPTCHA_REQUIRED', { captchaText: 'captchaWrong' });

  const errors: Record<string, FieldMessage> = {};
  const answers: Record<string, string> = {};
  for (const field of form.fields) {
    const value = (input.values[field.key] ?? '').trim();
    if (value) answers[field.key] = value;
    else if (field.required) errors[field.key] = 'required';
  }
  const parsed = LeadInput.partial().safeParse(answers);
  if (!parsed.success) Object.assign(errors, issuesToFields(parsed.error.issues, answers));
  if (Object.keys(errors).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', errors);
  const answered = Object.fromEntries(
    Object.entries(parsed.data!).filter(([key, value]) => key in answers && value !== undefined),
  ) as Partial<z.output<typeof LeadInput>>;
  await assertDictionaryCodes(ctx.db, answered, { industry: 'industry', source: 'customer_source' });

  const actor = visitorActor(form.slug, form.titleZh, client);
  const source = answered.source ?? form.leadSource ?? null;
  return inTransaction(ctx, async (ctx) => {
    const existing = await findLeadForCapture(ctx.db, answered);
    let leadId: number;
    if (existing) {
      leadId = existing.id;
      await updateCapturedLead(ctx.db, actor, leadId, answered, { webForm: form.slug });
    } else {
      leadId = await insertLead(
        ctx.db,
        actor,
        { name: answered.name ?? '', ...answered, source, campaignId: form.campaignId },
        null,
      );
    }
    if (form.campaignId) await recordCampaignResponse(ctx.db, actor, form.campaignId, 'leads', leadId, 'form');
    await recordBehaviour(ctx.db, { kind: 'form_submitted', leadId, sourceRef: `webForm:${form.id}` });
    if (form.consent && input.consent)
      for (const channel of form.consent.channels)
        await recordLeadConsent(ctx.db, actor, leadId, { channel, state: 'granted', source: `web_form:${form.slug}` });
    // An owner is picked once the lead is scored (its answers and this submission counted), so that
    // assignment rules on the score see the lead's own; the new owner is told by the assignment.
    let ownerId = existing?.ownerId ?? null;
    if (ownerId === null) {
      const [facts] = await leadsForAssignment(ctx.db, { kind: 'all' }, [leadId]);
      const owner = await ownerFor(ctx, facts!, form.id);
      if (owner)
        await setLeadOwners(ctx.db, actor, [{ leadId, owner, previousOwnerId: null }], {
          detail: { method: 'rules', webForm: form.slug },
          by: form.titleZh,
        });
      ownerId = owner?.id ?? null;
    }
    const submissionId = await repo.insertSubmission(ctx.db, {
      formId: form.id,
      leadId,
      createdLead: existing ? 0 : 1,
      ownerId,
      answers: writeJson(answers),
      consent: form.consent && input.consent ? 1 : 0,
      utmSource: input.utmSource ?? null,
      utmMedium: input.utmMedium ?? null,
      utmCampaign: input.utmCampaign ?? null,
      utmTerm: input.utmTerm ?? null,
      utmContent: input.utmContent ?? null,
      referrer: input.referrer ?? null,
      ip: client.ip,
      userAgent: client.userAgent,
      createdAt: nowIso(),
    });
    await writeAudit(ctx.db, actor, {
      action: 'submit',
      entity: 'webForms',
      entityId: form.id,
      detail: { submissionId, leadId, created: !existing },
    });
    return { thankYouZh: form.thankYouZh, thankYouEn: form.thankYouEn, redirectUrl: form.redirectUrl };
  });
}

/** The owner of a new lead: by the rules (or their default owner), else the form's author while active. */
async function ownerFor(ctx: AppContext, facts: Parameters<typeof pickOwnersByRules>[1][number], formId: number) {
  const [pick] = await pickOwnersByRules(ctx.db, [facts]);
  if (pick) return pick.owner;
  const row = await repo.findForm(ctx.db, formId);
  const author = row?.createdBy ? await findUserDepartmentAndStatus(ctx.db, row.createdBy) : undefined;
  return author?.status === 'active' ? { id: author.id, departmentId: author.departmentId } : null;
}

/**
 * The sites that may frame a form's hosted page: its allowed origins, or any site when it names none;
 * null for an address that is no live form.
 */
export async function frameAncestorsOf(ctx: AppContext, slug: string): Promise<string[] | null> {
  const row = await repo.findFormBySlug(ctx.db, slug);
  if (!row || !row.active) return null;
  const origins = toWebForm(row, 0).allowedOrigins;
  return origins.length ? ["'self'", ...origins] : ['*'];
}
