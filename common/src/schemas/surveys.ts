import { z } from 'zod';
import { OptionalText, PageQuery, RecordId } from './common.ts';

/**
 * rating: 1–5 stars (the ticket's satisfaction, CSAT); nps: 0–10 "would you recommend us";
 * single / multiple: choices; text: free answer.
 */
export const surveyQuestionKinds = ['rating', 'nps', 'single', 'multiple', 'text'] as const;
export type SurveyQuestionKind = (typeof surveyQuestionKinds)[number];

export const SurveyQuestion = z
  .object({
    /** Stable within the survey, so answers stay matched to questions when the wording changes. */
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,30}$/),
    kind: z.enum(surveyQuestionKinds),
    label: z.string().trim().min(1).max(300),
    options: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    required: z.boolean().default(false),
  })
  .refine((q) => !(q.kind === 'single' || q.kind === 'multiple') || q.options.length >= 2, {
    message: 'surveyNeedsOptions',
    path: ['options'],
  });
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    intro: OptionalText,
    questions: z.array(SurveyQuestion).min(1).max(30),
    active: z.boolean().default(true),
  })
  .refine((s) => new Set(s.questions.map((q) => q.key)).size === s.questions.length, {
    message: 'surveyDuplicateKey',
    path: ['questions'],
  })
  .refine(
    (s) =>
      s.questions.filter((q) => q.kind === 'rating').length <= 1 &&
      s.questions.filter((q) => q.kind === 'nps').length <= 1,
    { message: 'surveyOneScore', path: ['questions'] },
  );

export const Survey = z.object({
  id: z.number(),
  name: z.string(),
  intro: z.string().nullable(),
  questions: z.array(SurveyQuestion),
  active: z.boolean(),
  sent: z.number(),
  answered: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof Survey>;

export const surveyChannels = ['email', 'sms', 'portal', 'link'] as const;
/** Send a survey to contacts (or about a ticket, to its contact): by email, as a link for SMS or by hand, or asked on the portal. */
export const SurveySend = z
  .object({
    channel: z.enum(surveyChannels),
    contactIds: z.array(RecordId).max(500).default([]),
    ticketId: RecordId.nullish(),
  })
  .refine((s) => s.contactIds.length > 0 || s.ticketId, { message: 'surveyNoRecipients', path: ['contactIds'] });
/** How an invitation was answered: as sent, or asked on the phone during a call-list call. */
export const surveyInvitationChannels = [...surveyChannels, 'phone'] as const;
export const SurveyInvitation = z.object({
  id: z.number(),
  surveyId: z.number(),
  contactId: z.number().nullable(),
  contactName: z.string().nullable(),
  customerName: z.string().nullable(),
  ticketId: z.number().nullable(),
  ticketNumber: z.string().nullable(),
  channel: z.enum(surveyInvitationChannels),
  sentAt: z.string(),
  answeredAt: z.string().nullable(),
  /** Present only right after sending: the personal link, to pass on by SMS or by hand. */
  url: z.string().optional(),
  /** Whether the email went out (email channel). */
  emailed: z.boolean().optional(),
});
export type SurveyInvitation = z.infer<typeof SurveyInvitation>;
export const SurveyInvitationQuery = PageQuery.extend({
  answered: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const SurveyAnswers = z.object({
  answers: z.record(
    z.string().max(30),
    z.union([z.string().max(2000), z.number(), z.array(z.string().max(100)).max(20)]),
  ),
});
/** What the person answering sees: the questions, the company and what the survey is about. */
export const SurveyForm = z.object({
  companyName: z.string(),
  name: z.string(),
  intro: z.string().nullable(),
  questions: z.array(SurveyQuestion),
  ticketNumber: z.string().nullable(),
  ticketSubject: z.string().nullable(),
  answered: z.boolean(),
});
export type SurveyForm = z.infer<typeof SurveyForm>;

export const SurveyReportQuestion = z.object({
  key: z.string(),
  kind: z.enum(surveyQuestionKinds),
  label: z.string(),
  responses: z.number(),
  /** rating: average of 1–5; nps: average of 0–10. Two decimals. */
  average: z.string().nullable(),
  /** rating: share of 4 and 5 (CSAT %); nps: promoters − detractors (NPS). */
  score: z.string().nullable(),
  /** Counts per star, per 0–10 point or per option. */
  counts: z.record(z.string(), z.number()),
  /** The latest free answers. */
  texts: z.array(z.object({ text: z.string(), contactName: z.string().nullable(), answeredAt: z.string() })),
});
export const SurveyReport = z.object({
  sent: z.number(),
  answered: z.number(),
  responseRate: z.string(),
  questions: z.array(SurveyReportQuestion),
});
export type SurveyReport = z.infer<typeof SurveyReport>;
export const SurveyReportQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });
