import { z } from 'zod';
import { PageQuery, RecordId, RequiredName } from './common.ts';

/** The lead fields a web form may ask for; `remark` is shown to visitors as "description". */
export const webFormFieldKeys = [
  'name',
  'company',
  'title',
  'mobile',
  'phone',
  'email',
  'wechat',
  'province',
  'city',
  'address',
  'industry',
  'source',
  'remark',
] as const;
export type WebFormFieldKey = (typeof webFormFieldKeys)[number];
/** Fields answered by choosing one of a dictionary's options. */
export const webFormDictionaryFields = { industry: 'industry', source: 'customer_source' } as const;

const Label = z.string().trim().min(1).max(100);
const Help = z
  .string()
  .trim()
  .max(300)
  .transform((v) => (v === '' ? null : v))
  .nullish();
const LongText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const WebFormField = z.object({
  key: z.enum(webFormFieldKeys),
  labelZh: Label,
  labelEn: Label,
  required: z.boolean().default(false),
  helpZh: Help,
  helpEn: Help,
});
export type WebFormField = z.infer<typeof WebFormField>;

export const webFormConsentChannels = ['email', 'sms'] as const;
export const WebFormConsent = z.object({
  channels: z.array(z.enum(webFormConsentChannels)).min(1).max(2),
  textZh: z.string().trim().min(1).max(500),
  textEn: z.string().trim().min(1).max(500),
});

/** An origin as a browser sends it: scheme, host and port, nothing after. */
export const WebOrigin = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'invalidOrigin')
  .transform((v) => v.toLowerCase());

export const webFormSlugPattern = /^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/;

export const WebFormInput = z.object({
  name: RequiredName,
  /** The hosted page's address: /f/<slug>. */
  slug: z.string().trim().toLowerCase().regex(webFormSlugPattern, 'invalidSlug'),
  active: z.boolean().default(true),
  titleZh: z.string().trim().min(1).max(200),
  titleEn: z.string().trim().min(1).max(200),
  introZh: LongText(2000),
  introEn: LongText(2000),
  fields: z.array(WebFormField).min(1).max(30),
  consent: WebFormConsent.nullish(),
  thankYouZh: LongText(2000),
  thankYouEn: LongText(2000),
  redirectUrl: z
    .string()
    .trim()
    .max(500)
    .transform((v) => (v === '' ? null : v))
    .pipe(z.url({ protocol: /^https?$/ }).nullable())
    .nullish(),
  allowedOrigins: z.array(WebOrigin).max(20).default([]),
  campaignId: RecordId.nullish(),
  /** A code of the `customer_source` dictionary given to the leads it brings, unless the visitor chose one. */
  leadSource: z.string().trim().max(50).nullish(),
});
export type WebFormInput = z.infer<typeof WebFormInput>;
export const WebFormPatch = WebFormInput.partial();
export type WebFormPatch = z.infer<typeof WebFormPatch>;

export const WebForm = z.object({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  active: z.boolean(),
  titleZh: z.string(),
  titleEn: z.string(),
  introZh: z.string().nullable(),
  introEn: z.string().nullable(),
  fields: z.array(WebFormField),
  consent: WebFormConsent.nullable(),
  thankYouZh: z.string().nullable(),
  thankYouEn: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  allowedOrigins: z.array(z.string()),
  campaignId: z.number().nullable(),
  campaignName: z.string().nullable(),
  leadSource: z.string().nullable(),
  submissionCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebForm = z.infer<typeof WebForm>;

export const WebFormQuery = PageQuery.extend({ q: z.string().trim().max(100).optional() });

const Choice = z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() });
/** What the hosted page needs to draw a form: no internal settings. */
export const PublicWebForm = z.object({
  slug: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  introZh: z.string().nullable(),
  introEn: z.string().nullable(),
  fields: z.array(WebFormField.extend({ options: z.array(Choice).optional() })),
  consent: WebFormConsent.nullable(),
  thankYouZh: z.string().nullable(),
  thankYouEn: z.string().nullable(),
  redirectUrl: z.string().nullable(),
});
export type PublicWebForm = z.infer<typeof PublicWebForm>;
export const SlugParams = z.object({ slug: z.string().trim().toLowerCase().max(60) });

const Utm = z
  .string()
  .trim()
  .max(200)
  .transform((v) => (v === '' ? null : v))
  .nullish();
export const WebFormSubmitInput = z.object({
  /** The visitor's answers by field key. */
  values: z.record(z.string().max(40), z.string().max(5000)).default({}),
  consent: z.boolean().default(false),
  utmSource: Utm,
  utmMedium: Utm,
  utmCampaign: Utm,
  utmTerm: Utm,
  utmContent: Utm,
  referrer: z
    .string()
    .trim()
    .max(1000)
    .transform((v) => (v === '' ? null : v))
    .nullish(),
  /** The site the form was embedded in (the page's ancestor origin), checked against the allowed origins. */
  embeddedOn: z.string().trim().max(200).nullish(),
  captchaId: z.string().max(100).nullish(),
  captchaText: z.string().max(20).nullish(),
});
export type WebFormSubmitInput = z.infer<typeof WebFormSubmitInput>;
export const WebFormReceived = z.object({
  thankYouZh: z.string().nullable(),
  thankYouEn: z.string().nullable(),
  redirectUrl: z.string().nullable(),
});

export const WebFormSubmission = z.object({
  id: z.number(),
  leadId: z.number().nullable(),
  leadName: z.string().nullable(),
  createdLead: z.boolean(),
  values: z.record(z.string(), z.string()),
  consent: z.boolean(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  utmTerm: z.string().nullable(),
  utmContent: z.string().nullable(),
  referrer: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
});
export type WebFormSubmission = z.infer<typeof WebFormSubmission>;
export const WebFormSubmissionQuery = PageQuery;

// Assignment rules (线索分配规则)

export const assignmentMethods = ['round_robin', 'least_loaded'] as const;
export type AssignmentMethod = (typeof assignmentMethods)[number];
const Values = z.array(z.string().trim().min(1).max(50)).max(100).default([]);
const Score = z.number().int().min(0).max(100).nullish();

export const AssignmentRuleInput = z
  .object({
    name: RequiredName,
    active: z.boolean().default(true),
    provinces: Values,
    cities: Values,
    /** Codes of the `industry` dictionary. */
    industries: Values,
    /** Codes of the `customer_source` dictionary. */
    sources: Values,
    /** The score band, both ends included. */
    scoreMin: Score,
    scoreMax: Score,
    userIds: z.array(RecordId).max(200).default([]),
    departmentId: RecordId.nullish(),
    method: z.enum(assignmentMethods),
  })
  .superRefine((v, ctx) => {
    if (!v.userIds.length && !v.departmentId)
      ctx.addIssue({ code: 'custom', path: ['userIds'], message: 'teamRequired' });
    if (v.scoreMin != null && v.scoreMax != null && v.scoreMin > v.scoreMax)
      ctx.addIssue({ code: 'custom', path: ['scoreMax'], message: 'scoreBandReversed' });
  });
export type AssignmentRuleInput = z.infer<typeof AssignmentRuleInput>;

export const AssignmentRule = z.object({
  id: z.number(),
  name: z.string(),
  position: z.number(),
  active: z.boolean(),
  provinces: z.array(z.string()),
  cities: z.array(z.string()),
  industries: z.array(z.string()),
  sources: z.array(z.string()),
  scoreMin: z.number().nullable(),
  scoreMax: z.number().nullable(),
  userIds: z.array(z.number()),
  departmentId: z.number().nullable(),
  method: z.enum(assignmentMethods),
});
export type AssignmentRule = z.infer<typeof AssignmentRule>;
export const AssignmentRules = z.object({
  items: z.array(AssignmentRule),
  /** Who gets a lead no rule matches. */
  defaultOwnerId: z.number().nullable(),
});
export type AssignmentRules = z.infer<typeof AssignmentRules>;
export const AssignmentRuleOrder = z.object({ ids: z.array(RecordId).min(1).max(500) });
export const AssignmentDefaultOwner = z.object({ ownerId: RecordId.nullable() });
export const AssignByRulesInput = z.object({ ids: z.array(RecordId).min(1).max(1000) });
export const AssignByRulesResult = z.object({
  assigned: z.array(z.object({ leadId: z.number(), ownerId: z.number(), ruleId: z.number().nullable() })),
  unmatched: z.number(),
});
