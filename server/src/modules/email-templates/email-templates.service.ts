import type {
  EmailTemplate,
  EmailTemplateCategory,
  EmailTemplateInput,
  EmailTemplatePatch,
  EmailTemplateQuery,
  Contact,
  Customer,
  EmailTemplatePreviewInput,
  EmailTemplateRenderInput,
  EmailTemplateScope,
  Lead,
  EmailTemplateSummary,
  Locale,
  Page,
  RenderedEmail,
  UnsubscribeLink,
} from '@relate/common';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import { type Actor, can, systemActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { pageWindow } from '../../platform/list-query.ts';
import { suppressAddress } from '../consent/index.ts';
import { contactEmailOf, getContact } from '../contacts/index.ts';
import { customerEmailOf, getCustomer } from '../customers/index.ts';
import { getLead, leadEmailOf } from '../leads/index.ts';
import { getSettings } from '../settings/index.ts';
import { getUser } from '../users/index.ts';
import * as repo from './email-templates.repository.ts';
import { checkTemplate, type MergeData, renderEmail, sanitizeBody } from './render.ts';
import { holderOfToken, type UnsubscribeHolder, unsubscribeUrl } from './unsubscribe.ts';

/** Shared templates are changed by template managers; a personal one by its owner. */
const mayChange = (actor: Actor, row: { scope: string; ownerId: number | null }) =>
  row.scope === 'shared' ? can(actor, 'emailTemplates.manage') : row.ownerId === actor.userId;

function toSummary(actor: Actor, row: repo.TemplateRow, languages: string[]): EmailTemplateSummary {
  return {
    id: row.id,
    name: row.name,
    category: row.category as EmailTemplateCategory,
    scope: row.scope as EmailTemplateScope,
    defaultLanguage: row.defaultLanguage as Locale,
    languages: languages as Locale[],
    description: row.description,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    editable: mayChange(actor, row),
    updatedAt: row.updatedAt,
  };
}

export async function listTemplates(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof EmailTemplateQuery>,
): Promise<Page<EmailTemplateSummary>> {
  const { rows, total } = await repo.templatePage(
    ctx.db,
    { userId: actor.userId, category: query.category, scope: query.scope, q: query.q },
    pageWindow(query.page, query.pageSize),
  );
  const languages = await repo.languagesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => toSummary(actor, row, languages.get(row.id) ?? [])),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A template the caller sees (shared, or their own personal one) with its versions; 404 otherwise. */
export async function getTemplate(ctx: AppContext, actor: Actor, id: number): Promise<EmailTemplate> {
  const row = orNotFound(await repo.findVisibleTemplate(ctx.db, actor.userId, id));
  const versions = await repo.versionsOf(ctx.db, id);
  return {
    ...toSummary(
      actor,
      row,
      versions.map((v) => v.language),
    ),
    versions: versions.map((v) => ({ language: v.language as Locale, subject: v.subject, body: v.body })),
    createdAt: row.createdAt,
  };
}

/** Versions checked (each subject and body parses in the sandbox, the line of an error named) and their bodies sanitised. */
function checkedVersions(versions: EmailTemplateInput['versions'], defaultLanguage: Locale) {
  if (!versions.some((v) => v.language === defaultLanguage))
    throw fieldError('defaultLanguage', 'templateLanguageMissing');
  return versions.map((v, i) => {
    const body = sanitizeBody(v.body);
    checkTemplate(`versions.${i}.subject`, v.subject);
    checkTemplate(`versions.${i}.body`, body);
    return { language: v.language, subject: v.subject, body };
  });
}

export async function createTemplate(ctx: AppContext, actor: Actor, input: EmailTemplateInput): Promise<EmailTemplate> {
  if (input.scope === 'shared' && !can(actor, 'emailTemplates.manage'))
    throw fieldError('scope', 'templateSharedNeedsManage');
  const versions = checkedVersions(input.versions, input.defaultLanguage);
  const id = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertTemplate(ctx.db, {
      name: input.name,
      category: input.category,
      scope: input.scope,
      defaultLanguage: input.defaultLanguage,
      description: input.description ?? null,
      ownerId: actor.userId,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceVersions(ctx.db, id, versions);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'emailTemplates',
      entityId: id,
      detail: { name: input.name, category: input.category, scope: input.scope },
    });
    return id;
  });
  return getTemplate(ctx, actor, id);
}

async function changeable(ctx: AppContext, actor: Actor, id: number): Promise<EmailTemplate> {
  const template = await getTemplate(ctx, actor, id);
  if (!template.editable) throw forbidden();
  return template;
}

export async function updateTemplate(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: EmailTemplatePatch,
): Promise<EmailTemplate> {
  const before = await changeable(ctx, actor, id);
  if (patch.scope === 'shared' && before.scope !== 'shared' && !can(actor, 'emailTemplates.manage'))
    throw fieldError('scope', 'templateSharedNeedsManage');
  const defaultLanguage = patch.defaultLanguage ?? before.defaultLanguage;
  const versions = checkedVersions(patch.versions ?? before.versions, defaultLanguage);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateTemplate(ctx.db, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.scope !== undefined ? { scope: patch.scope } : {}),
      ...(patch.defaultLanguage !== undefined ? { defaultLanguage: patch.defaultLanguage } : {}),
      ...(patch.description !== undefined ? { description: patch.description ?? null } : {}),
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    if (patch.versions) await repo.replaceVersions(ctx.db, id, versions);
    const changes = (['name', 'category', 'scope', 'defaultLanguage', 'description'] as const)
      .filter((field) => patch[field] !== undefined && patch[field] !== before[field])
      .map((field) => ({ field, old: before[field], new: patch[field] }));
    if (patch.versions) changes.push({ field: 'versions', old: before.versions, new: versions } as never);
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'emailTemplates', entityId: id, changes });
  });
  return getTemplate(ctx, actor, id);
}

/** A personal copy of a template the caller sees, named "… (copy)" unless named. */
export async function duplicateTemplate(
  ctx: AppContext,
  actor: Actor,
  id: number,
  name: string | undefined,
): Promise<EmailTemplate> {
  const source = await getTemplate(ctx, actor, id);
  const copyName = name ?? `${source.name} (${actor.locale === 'en' ? 'copy' : '副本'})`.slice(0, 200);
  return createTemplate(ctx, actor, {
    name: copyName,
    category: source.category,
    scope: 'personal',
    defaultLanguage: source.defaultLanguage,
    description: source.description,
    versions: source.versions,
  });
}

/** Moves a template out of use (kept, with who deleted it and when). */
export async function deleteTemplate(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const before = await changeable(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateTemplate(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'emailTemplates',
      entityId: id,
      detail: { name: before.name },
    });
  });
}

const sampleData: Record<Locale, Pick<MergeData, 'recipient' | 'contact' | 'lead' | 'customer'>> = {
  'zh-CN': {
    recipient: { name: '张伟', email: 'zhangwei@example.com' },
    contact: {
      name: '张伟',
      title: '采购经理',
      department: '采购部',
      email: 'zhangwei@example.com',
      mobile: '13800138000',
    },
    lead: {
      name: '张伟',
      company: '深圳龙腾科技有限公司',
      title: '采购经理',
      email: 'zhangwei@example.com',
      mobile: '13800138000',
    },
    customer: { name: '深圳龙腾科技有限公司', code: 'C0001', phone: '0755-88886666', email: 'info@example.com' },
  },
  en: {
    recipient: { name: 'Alex Chen', email: 'alex@example.com' },
    contact: {
      name: 'Alex Chen',
      title: 'Purchasing manager',
      department: 'Purchasing',
      email: 'alex@example.com',
      mobile: '+1 415 555 0100',
    },
    lead: {
      name: 'Alex Chen',
      company: 'Longteng Technology Ltd.',
      title: 'Purchasing manager',
      email: 'alex@example.com',
      mobile: '+1 415 555 0100',
    },
    customer: { name: 'Longteng Technology Ltd.', code: 'C0001', phone: '+1 415 555 0199', email: 'info@example.com' },
  },
};

const person = (
  user: { displayName: string; email: string | null; mobile: string | null } | null,
): Record<string, string | null> => (user ? { name: user.displayName, email: user.email, mobile: user.mobile } : {});

const userOrNull = (ctx: AppContext, id: number | null) =>
  id ? getUser(ctx.db, id).catch(() => null) : Promise.resolve(null);

/**
 * Renders a template for a recipient — a contact (with its customer, its owner, its language's version), a
 * lead or a customer — or sample data: `{ subject, html, text }`. A record the caller does not see is a 404;
 * fields their role hides render empty.
 */
export async function renderTemplate(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: EmailTemplateRenderInput,
  origin: string,
): Promise<RenderedEmail> {
  const template = await getTemplate(ctx, actor, id);
  const recipient = await recipientOf(ctx, actor, input);
  // A marketing mail carries an unsubscribe link signed for its recipient: without one it could not be honoured.
  if (template.category === 'marketing' && !recipient.holder && !input.sample)
    throw fieldError('contactId', 'templateNeedsContact');
  const language = pickLanguage(template, input.language ?? recipient.contact?.language ?? null);
  const version = input.draft ?? template.versions.find((v) => v.language === language) ?? template.versions[0];
  const body = input.draft ? sanitizeBody(input.draft.body) : version.body;
  if (input.draft) {
    checkTemplate('draft.subject', input.draft.subject);
    checkTemplate('draft.body', body);
  }
  return render(
    ctx,
    actor,
    recipient,
    { language, subject: version.subject, body, category: template.category },
    origin,
    Boolean(input.sample),
  );
}

/** Renders unsaved content as the editor shows it, for a record or sample data. */
export async function previewTemplate(
  ctx: AppContext,
  actor: Actor,
  input: EmailTemplatePreviewInput,
  origin: string,
): Promise<RenderedEmail> {
  const body = sanitizeBody(input.body);
  checkTemplate('subject', input.subject);
  checkTemplate('body', body);
  const recipient = await recipientOf(ctx, actor, input);
  return render(ctx, actor, recipient, { ...input, body }, origin, true);
}

/** Who a message is written to: the record its unsubscribe link names (`holder`) and what its merge fields read. */
type Recipient = {
  holder: UnsubscribeHolder | null;
  contact: Contact | null;
  lead: Lead | null;
  customer: Customer | null;
};

/** The first record named is the recipient: a contact (and its customer), a lead, or a customer. */
async function recipientOf(
  ctx: AppContext,
  actor: Actor,
  input: { contactId?: number | null; leadId?: number | null; customerId?: number | null },
): Promise<Recipient> {
  if (input.contactId) {
    const contact = await getContact(ctx, actor, input.contactId);
    const customerId = contact.customerId ?? input.customerId ?? null;
    const customer = customerId ? await getCustomer(ctx, actor, customerId).catch(() => null) : null;
    return { holder: { entity: 'contacts', id: contact.id }, contact, lead: null, customer };
  }
  if (input.leadId) {
    const lead = await getLead(ctx, actor, input.leadId);
    return { holder: { entity: 'leads', id: lead.id }, contact: null, lead, customer: null };
  }
  if (input.customerId) {
    const customer = await getCustomer(ctx, actor, input.customerId);
    return { holder: { entity: 'customers', id: customer.id }, contact: null, lead: null, customer };
  }
  return { holder: null, contact: null, lead: null, customer: null };
}

/**
 * The merge fields of a recipient. `contact` is the person written to: the contact, or the lead (or a customer
 * that is a person); `customer` is the contact's customer, the customer itself, or the lead's company.
 */
function recordFields({
  contact,
  lead,
  customer,
}: Recipient): Pick<MergeData, 'recipient' | 'contact' | 'lead' | 'customer'> {
  const personalCustomer = !contact && !lead && customer?.type === 'individual' ? customer : null;
  const name = contact?.name ?? lead?.name ?? customer?.name ?? null;
  const email = contact ? (contact.email ?? null) : lead ? (lead.email ?? null) : (customer?.email ?? null);
  return {
    recipient: { name, email },
    contact: {
      name: contact?.name ?? lead?.name ?? personalCustomer?.name ?? null,
      title: contact?.title ?? lead?.title ?? null,
      department: contact?.department ?? null,
      email: contact?.email ?? lead?.email ?? personalCustomer?.email ?? null,
      mobile: contact?.mobile ?? lead?.mobile ?? null,
    },
    lead: {
      name: lead?.name ?? null,
      company: lead?.company ?? null,
      title: lead?.title ?? null,
      email: lead?.email ?? null,
      mobile: lead?.mobile ?? null,
    },
    customer: {
      name: customer?.name ?? lead?.company ?? null,
      code: customer?.code ?? null,
      phone: customer?.phone ?? null,
      email: customer?.email ?? null,
    },
  };
}

async function render(
  ctx: AppContext,
  actor: Actor,
  recipient: Recipient,
  version: { language: Locale; subject: string; body: string; category: EmailTemplateCategory },
  origin: string,
  sampleWhenNoRecord: boolean,
): Promise<RenderedEmail> {
  const { contact, lead, customer } = recipient;
  const [settings, owner, sender] = await Promise.all([
    getSettings(ctx.db),
    userOrNull(ctx, contact?.ownerId ?? lead?.ownerId ?? customer?.ownerId ?? null),
    userOrNull(ctx, actor.userId),
  ]);
  const sample = sampleWhenNoRecord && !recipient.holder ? sampleData[version.language] : null;
  const data: MergeData = {
    ...(sample ?? recordFields(recipient)),
    owner: person(owner ?? sender),
    sender: person(sender),
    company: {
      name: settings.companyName,
      address: settings.companyAddress || null,
      phone: settings.companyPhone || null,
    },
    unsubscribe_url: unsubscribeUrl(ctx.config.sessionSecret, origin, recipient.holder),
  };
  const rendered = await renderEmail({
    language: version.language,
    subject: version.subject,
    body: version.body,
    data,
    withUnsubscribe: version.category === 'marketing',
  });
  return { language: version.language, ...rendered };
}

/** The version for a recipient's language, else the template's default language. */
function pickLanguage(template: EmailTemplate, wanted: Locale | null): Locale {
  if (wanted && template.versions.some((v) => v.language === wanted)) return wanted;
  return template.defaultLanguage;
}

/** The address a signed unsubscribe link stops mail to; 404 for a link that is not ours or names no address. */
async function addressOfToken(ctx: AppContext, token: string): Promise<string> {
  const holder = holderOfToken(ctx.config.sessionSecret, token);
  const address = holder ? await emailOfRecord(ctx, holder) : null;
  if (!address) throw notFound();
  return address;
}

function emailOfRecord(ctx: AppContext, holder: UnsubscribeHolder): Promise<string | null> {
  if (holder.entity === 'contacts') return contactEmailOf(ctx.db, holder.id);
  if (holder.entity === 'leads') return leadEmailOf(ctx.db, holder.id);
  return customerEmailOf(ctx.db, holder.id);
}

/** What the unsubscribe page shows before the recipient confirms. */
export async function unsubscribeLink(ctx: AppContext, token: string): Promise<UnsubscribeLink> {
  const address = await addressOfToken(ctx, token);
  const [name, domain] = address.split('@');
  const settings = await getSettings(ctx.db);
  return { address: `${name!.slice(0, 2)}***@${domain}`, companyName: settings.companyName };
}

/** Puts the link's address on the suppression list: no marketing mail goes to it again. */
export async function unsubscribe(ctx: AppContext, token: string): Promise<void> {
  const address = await addressOfToken(ctx, token);
  // The suppression, its audit and each contact's withdrawn consent stand or fall together.
  await inTransaction(ctx, (ctx) =>
    suppressAddress(ctx.db, systemActor, {
      channel: 'email',
      address,
      reason: 'Unsubscribe link',
      source: 'email:unsubscribe',
    }),
  );
}
