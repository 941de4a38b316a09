import { z } from 'zod';
import { PageQuery, pageOf } from './common.ts';

/** The records whose changes an outgoing webhook may subscribe to (`customer.created` …). */
export const webhookEntities = ['customer', 'contact', 'lead', 'opportunity', 'order', 'payment', 'ticket'] as const;
export type WebhookEntity = (typeof webhookEntities)[number];
export const webhookActions = ['created', 'updated', 'deleted', 'status_changed'] as const;
/** Moments worth a message in a team's group chat (the robots' events, open to every kind). */
export const webhookAlerts = [
  'ticket.vip_opened',
  'opportunity.won',
  'approval.waiting',
  'ticket.sla_breached',
] as const;
export const webhookEvents = [
  ...webhookEntities.flatMap((entity) => webhookActions.map((action) => `${entity}.${action}` as const)),
  ...webhookAlerts,
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
export const WebhookEventName = z.enum(webhookEvents as unknown as [WebhookEvent, ...WebhookEvent[]]);

/** generic: signed JSON to any receiver; the others: a group robot of WeCom, DingTalk or Feishu. */
export const webhookKinds = ['generic', 'wecom', 'dingtalk', 'feishu'] as const;
export type WebhookKind = (typeof webhookKinds)[number];

const WebhookUrl = z
  .string()
  .trim()
  .max(1000)
  .regex(/^https?:\/\/[^\s]+$/i, 'must be an http:// or https:// address');

export const WebhookInput = z.object({
  name: z.string().trim().min(1).max(100),
  url: WebhookUrl,
  kind: z.enum(webhookKinds).default('generic'),
  events: z.array(WebhookEventName).min(1).max(webhookEvents.length),
  enabled: z.boolean().default(true),
  /**
   * A robot's signing secret (DingTalk 加签 `SEC…`, Feishu 签名校验), given by the chat app; null or left
   * out: the robot is not signed. A generic webhook's secret is made by the server and shown once.
   */
  secret: z.string().trim().min(1).max(200).nullish(),
});
export const WebhookPatch = WebhookInput.partial();

export const Webhook = z.object({
  id: z.number(),
  name: z.string(),
  url: z.string(),
  kind: z.enum(webhookKinds),
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** Whether a secret is stored (it is never shown again after it was made). */
  secretSet: z.boolean(),
  ownerId: z.number(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The latest delivery's status, if any. */
  lastStatus: z.string().nullable(),
  lastDeliveryAt: z.string().nullable(),
});
export type Webhook = z.infer<typeof Webhook>;
/** A webhook just made, or whose secret was just replaced: the secret, this once. */
export const WebhookWithSecret = Webhook.extend({ secret: z.string().nullable() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const deliveryStatuses = ['pending', 'sending', 'succeeded', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const WebhookDelivery = z.object({
  id: z.number(),
  webhookId: z.number(),
  event: z.string(),
  entity: z.string().nullable(),
  recordId: z.number().nullable(),
  status: z.enum(deliveryStatuses),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  responseCode: z.number().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryQuery = PageQuery.pick({ page: true, pageSize: true }).extend({
  status: z.enum(deliveryStatuses).optional(),
});
export const WebhookDeliveryPage = pageOf(WebhookDelivery);
