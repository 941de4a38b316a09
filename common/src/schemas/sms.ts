import { z } from 'zod';
import { RecordId } from './common.ts';

export const smsProviders = ['outbox', 'aliyun', 'tencent'] as const;
export type SmsProviderName = (typeof smsProviders)[number];

/** An endpoint override (a private gateway or a test stub): host[:port], no scheme. */
const Endpoint = z
  .string()
  .trim()
  .max(200)
  .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/)
  .transform((value) => (value === '' ? null : value))
  .nullish();

/**
 * The SMS provider: the local outbox (development and tests: messages are kept in a table), Aliyun SMS
 * or Tencent Cloud SMS. A key secret left out when saving keeps the stored one; it is never shown again.
 */
export const SmsSettingsInput = z.object({
  provider: z.enum(smsProviders),
  /** At most this many messages to one number per hour: Chinese providers refuse more. */
  perRecipientPerHour: z.number().int().min(1).max(100).default(5),
  aliyun: z
    .object({
      accessKeyId: z.string().trim().min(1).max(100),
      accessKeySecret: z.string().trim().min(1).max(200).optional(),
      endpoint: Endpoint,
      /** http only for a stub on this machine; https otherwise. */
      protocol: z.enum(['https', 'http']).default('https'),
    })
    .nullish(),
  tencent: z
    .object({
      secretId: z.string().trim().min(1).max(100),
      secretKey: z.string().trim().min(1).max(200).optional(),
      sdkAppId: z.string().trim().min(1).max(50),
      region: z.string().trim().min(1).max(50).default('ap-guangzhou'),
      endpoint: Endpoint,
      protocol: z.enum(['https', 'http']).default('https'),
    })
    .nullish(),
});
export type SmsSettingsInput = z.infer<typeof SmsSettingsInput>;

export const SmsSettings = z.object({
  provider: z.enum(smsProviders),
  perRecipientPerHour: z.number(),
  aliyun: z
    .object({
      accessKeyId: z.string(),
      secretSet: z.boolean(),
      endpoint: z.string().nullable(),
      protocol: z.enum(['https', 'http']),
    })
    .nullable(),
  tencent: z
    .object({
      secretId: z.string(),
      secretSet: z.boolean(),
      sdkAppId: z.string(),
      region: z.string(),
      endpoint: z.string().nullable(),
      protocol: z.enum(['https', 'http']),
    })
    .nullable(),
  /** The callback paths to give the provider (delivery receipts and replies), each carrying its signature. */
  callbacks: z.object({ receipts: z.string(), replies: z.string() }),
});
export type SmsSettings = z.infer<typeof SmsSettings>;

/** A variable of a template and the provider's limit on its length. */
export const SmsTemplateVariable = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z0-9_]+$/),
  maxLength: z.number().int().min(1).max(500).default(35),
});

/**
 * An SMS template as registered with the provider: its code there, the signature (签名) and the text
 * with `${name}` variables (Tencent's {1}, {2} … are the variables in their order here).
 */
export const SmsTemplateInput = z.object({
  name: z.string().trim().min(1).max(100),
  providerCode: z.string().trim().min(1).max(100),
  signature: z.string().trim().min(2).max(20),
  content: z.string().trim().min(1).max(500),
  variables: z.array(SmsTemplateVariable).max(10).default([]),
  enabled: z.boolean().default(true),
});
export type SmsTemplateInput = z.infer<typeof SmsTemplateInput>;
export const SmsTemplate = SmsTemplateInput.extend({
  id: z.number(),
  variables: z.array(z.object({ name: z.string(), maxLength: z.number() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SmsTemplate = z.infer<typeof SmsTemplate>;
export const SmsTemplateList = z.object({ items: z.array(SmsTemplate) });

export const smsStatuses = ['sending', 'sent', 'delivered', 'failed', 'received'] as const;
export type SmsStatus = (typeof smsStatuses)[number];

export const SmsMessage = z.object({
  id: z.number(),
  direction: z.enum(['out', 'in']),
  phone: z.string(),
  content: z.string(),
  templateId: z.number().nullable(),
  templateName: z.string().nullable(),
  provider: z.enum(smsProviders),
  providerMessageId: z.string().nullable(),
  status: z.enum(smsStatuses),
  error: z.string().nullable(),
  contactId: z.number().nullable(),
  contactName: z.string().nullable(),
  customerId: z.number().nullable(),
  userName: z.string().nullable(),
  createdAt: z.string(),
  statusAt: z.string().nullable(),
});
export type SmsMessage = z.infer<typeof SmsMessage>;

/** Send from a contact: a template, its variables, and — when the number unsubscribed — the sender's confirmation. */
export const SmsSendInput = z.object({
  templateId: RecordId,
  variables: z.record(z.string().max(30), z.string().max(500)).default({}),
  confirmUnsubscribed: z.boolean().default(false),
});
export type SmsSendInput = z.infer<typeof SmsSendInput>;

/** What the send dialog needs to know about the contact's number. */
export const SmsRecipient = z.object({
  mobile: z.string().nullable(),
  /** The number replied “TD”/“退订” or is otherwise on the suppression list. */
  unsubscribed: z.boolean(),
});
export type SmsRecipient = z.infer<typeof SmsRecipient>;

/** One message the local outbox provider kept instead of sending. */
export const SmsOutboxItem = z.object({
  id: z.number(),
  phone: z.string(),
  signature: z.string(),
  templateCode: z.string(),
  params: z.record(z.string(), z.string()),
  content: z.string(),
  messageId: z.string(),
  createdAt: z.string(),
});
export type SmsOutboxItem = z.infer<typeof SmsOutboxItem>;
export const SmsOutboxList = z.object({ items: z.array(SmsOutboxItem), total: z.number() });
export const SmsOutboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const SmsCallbackParams = z.object({
  provider: z.enum(['aliyun', 'tencent', 'outbox']),
  kind: z.enum(['receipts', 'replies']),
});
export const SmsCallbackQuery = z.object({ signature: z.string().max(200).default('') });
/** What the providers expect back from a callback. */
export const SmsCallbackAnswer = z.object({
  code: z.number().optional(),
  msg: z.string().optional(),
  result: z.number().optional(),
  errmsg: z.string().optional(),
});
