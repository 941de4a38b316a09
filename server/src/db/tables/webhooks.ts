import type { Generated } from 'kysely';
import type { Timestamps } from './columns.ts';

/** An outgoing webhook or group robot (common/schemas/webhooks.ts): where events are sent, as whom. */
export type WebhookTable = Timestamps & {
  id: Generated<number>;
  name: string;
  url: string;
  kind: 'generic' | 'wecom' | 'dingtalk' | 'feishu';
  /** The subscribed event names, a JSON array. */
  events: unknown;
  enabled: number;
  /** Signs the deliveries; never shown again after it was made (see webhooks.service.ts). */
  secret: string | null;
  /** The administrator who made it: deliveries carry only what this user may see. */
  ownerId: number;
  deletedAt: string | null;
};

/**
 * One event for one webhook: written in the transaction of the change (an outbox), sent by the
 * `webhooks.deliver` job, retried with backoff until it succeeds or 24 hours have passed.
 */
export type WebhookDeliveryTable = {
  id: Generated<number>;
  webhookId: number;
  event: string;
  entity: string | null;
  recordId: number | null;
  /** What the event said at the moment (alert details such as the SLA step); the record itself is read when sent. */
  payload: unknown;
  status: 'pending' | 'sending' | 'succeeded' | 'failed' | 'skipped';
  attempts: number;
  nextAttemptAt: string | null;
  lockedAt: string | null;
  responseCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  deliveredAt: string | null;
};

export type WebhookTables = { webhooks: WebhookTable; webhookDeliveries: WebhookDeliveryTable };
