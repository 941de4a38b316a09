import { z } from 'zod';
import { locales } from '../locale.ts';
import { EnumList, OptionalLongText, PageQuery, RecordId, RequiredName } from './common.ts';

/** Marketing mail, transactional mail (order, invoice, reminder) or a service reply. */
export const emailTemplateCategories = ['marketing', 'transactional', 'service'] as const;
export type EmailTemplateCategory = (typeof emailTemplateCategories)[number];

/** Shared: every user with emailTemplates.view uses it, managers change it; personal: its owner's alone. */
export const emailTemplateScopes = ['shared', 'personal'] as const;
export type EmailTemplateScope = (typeof emailTemplateScopes)[number];

export const EmailTemplateLanguage = z.enum(locales);

/**
 * One language's version: the subject and the body as the rich editor writes it (HTML), both with
 * Liquid merge fields such as `{{ contact.name | default: "客户" }}`.
 */
export const EmailTemplateVersionInput = z.object({
  language: EmailTemplateLanguage,
  subject: z.string().trim().min(1).max(500),
  body: z.string().max(200_000),
});
export type EmailTemplateVersionInput = z.infer<typeof EmailTemplateVersionInput>;

export const EmailTemplateInput = z.object({
  name: RequiredName,
  category: z.enum(emailTemplateCategories).default('marketing'),
  scope: z.enum(emailTemplateScopes).default('personal'),
  /** The version sent to a contact whose language has none (or who has no language). */
  defaultLanguage: EmailTemplateLanguage.default('zh-CN'),
  description: OptionalLongText,
  versions: z
    .array(EmailTemplateVersionInput)
    .min(1)
    .max(2)
    .refine((v) => new Set(v.map((x) => x.language)).size === v.length, { message: 'duplicateLanguage' }),
});
export type EmailTemplateInput = z.infer<typeof EmailTemplateInput>;
export const EmailTemplatePatch = EmailTemplateInput.partial();
export type EmailTemplatePatch = z.infer<typeof EmailTemplatePatch>;

export const EmailTemplateVersion = z.object({
  language: EmailTemplateLanguage,
  subject: z.string(),
  body: z.string(),
});

export const EmailTemplateSummary = z.object({
  id: z.number(),
  name: z.string(),
  category: z.enum(emailTemplateCategories),
  scope: z.enum(emailTemplateScopes),
  defaultLanguage: EmailTemplateLanguage,
  languages: z.array(EmailTemplateLanguage),
  description: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  /** Whether the caller may change or delete it. */
  editable: z.boolean(),
  updatedAt: z.string(),
});
export type EmailTemplateSummary = z.infer<typeof EmailTemplateSummary>;

export const EmailTemplate = EmailTemplateSummary.extend({
  versions: z.array(EmailTemplateVersion),
  createdAt: z.string(),
});
export type EmailTemplate = z.infer<typeof EmailTemplate>;

export const EmailTemplateQuery = PageQuery.extend({
  category: EnumList(emailTemplateCategories),
  scope: EnumList(emailTemplateScopes),
});
export type EmailTemplateQuery = z.infer<typeof EmailTemplateQuery>;

export const EmailTemplateDuplicateInput = z.object({ name: RequiredName.optional() });

/**
 * What a template is rendered for: a contact (its customer, owner and language), a lead, a customer, or
 * sample data — the first of them named is the recipient. `language` forces a version (the editor's preview
 * of each language); unsaved `draft` content is rendered in place of the stored one (the editor's live preview).
 */
export const EmailTemplateRenderInput = z.object({
  contactId: RecordId.nullish(),
  leadId: RecordId.nullish(),
  customerId: RecordId.nullish(),
  /** Fill a recipient's fields with sample data when no record is named (a preview; never what is sent). */
  sample: z.boolean().nullish(),
  language: EmailTemplateLanguage.nullish(),
  draft: EmailTemplateVersionInput.omit({ language: true }).nullish(),
});
export type EmailTemplateRenderInput = z.infer<typeof EmailTemplateRenderInput>;

/** An unsaved version rendered as the editor shows it (no template need exist yet). */
export const EmailTemplatePreviewInput = z.object({
  category: z.enum(emailTemplateCategories).default('marketing'),
  language: EmailTemplateLanguage,
  subject: z.string().max(500),
  body: z.string().max(200_000),
  contactId: RecordId.nullish(),
  leadId: RecordId.nullish(),
  customerId: RecordId.nullish(),
});
export type EmailTemplatePreviewInput = z.infer<typeof EmailTemplatePreviewInput>;

export const RenderedEmail = z.object({
  language: EmailTemplateLanguage,
  subject: z.string(),
  /** The body in the responsive, email-client-safe layout (tables, inline styles). */
  html: z.string(),
  /** The plain-text part made from the body. */
  text: z.string(),
});
export type RenderedEmail = z.infer<typeof RenderedEmail>;

/** What an unsubscribe link's page shows: the address it stops mail to (partly hidden) and the company's name. */
export const UnsubscribeLink = z.object({ address: z.string(), companyName: z.string() });
export type UnsubscribeLink = z.infer<typeof UnsubscribeLink>;
export const UnsubscribeParams = z.object({ token: z.string().min(1).max(100) });

/**
 * The merge fields a template may use, for the editor's picker: `{{ path }}`. `recipient` is whoever the
 * message goes to (a contact, a lead or a customer); `contact` is the person it goes to (a contact, or a lead);
 * `lead` a lead's own fields; `customer` the contact's customer, the customer itself, or a lead's company.
 */
export const mergeFields = [
  { group: 'recipient', paths: ['recipient.name', 'recipient.email'] },
  {
    group: 'contact',
    paths: ['contact.name', 'contact.title', 'contact.department', 'contact.email', 'contact.mobile'],
  },
  { group: 'lead', paths: ['lead.name', 'lead.company', 'lead.title', 'lead.email', 'lead.mobile'] },
  { group: 'customer', paths: ['customer.name', 'customer.code', 'customer.phone', 'customer.email'] },
  { group: 'owner', paths: ['owner.name', 'owner.email', 'owner.mobile'] },
  { group: 'sender', paths: ['sender.name', 'sender.email', 'sender.mobile'] },
  { group: 'company', paths: ['company.name', 'company.address', 'company.phone'] },
  { group: 'links', paths: ['unsubscribe_url'] },
] as const;
