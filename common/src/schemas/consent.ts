import { z } from 'zod';

/** The channels a contact, lead or customer may agree to be reached on for marketing. */
export const consentChannels = ['email', 'sms', 'phone'] as const;
export type ConsentChannel = (typeof consentChannels)[number];
/** `granted`: they agreed; `withdrawn`: they said no (or unsubscribed). No row: never asked. */
export const consentStates = ['granted', 'withdrawn'] as const;
export type ConsentState = (typeof consentStates)[number];

/** One channel's consent of a contact, lead or customer, as its page shows it. */
export const ContactConsent = z.object({
  channel: z.enum(consentChannels),
  /** null: never asked (marketing skips the record on this channel). */
  state: z.enum(consentStates).nullable(),
  /** Where the answer came from: a form, a call, an SMS reply (“TD”), an import … */
  source: z.string().nullable(),
  at: z.string().nullable(),
  userName: z.string().nullable(),
  /** The record's address on this channel is on the global suppression list. */
  suppressed: z.boolean(),
});
export type ContactConsent = z.infer<typeof ContactConsent>;
export const ContactConsentList = z.object({ items: z.array(ContactConsent) });

export const ConsentInput = z.object({
  channel: z.enum(consentChannels),
  state: z.enum(consentStates),
  source: z.string().trim().min(1).max(100),
});
export type ConsentInput = z.infer<typeof ConsentInput>;

/** An address nobody is to send marketing to, whoever it belongs to (an SMS “TD”, a complaint, a bounce). */
export const Suppression = z.object({
  id: z.number(),
  channel: z.enum(consentChannels),
  address: z.string(),
  reason: z.string(),
  source: z.string().nullable(),
  createdAt: z.string(),
});
export type Suppression = z.infer<typeof Suppression>;
export const SuppressionList = z.object({ items: z.array(Suppression), total: z.number() });
export const SuppressionQuery = z.object({
  channel: z.enum(consentChannels).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const SuppressionInput = z.object({
  channel: z.enum(consentChannels),
  address: z.string().trim().min(3).max(200),
  reason: z.string().trim().min(1).max(200),
});
