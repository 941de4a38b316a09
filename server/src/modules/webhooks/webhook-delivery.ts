import type { Locale, WebhookKind } from '@relate/common';
import { readJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { loadActor } from '../../platform/authenticate.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getApproval } from '../approvals/index.ts';
import { getContact } from '../contacts/index.ts';
import { getCustomer } from '../customers/index.ts';
import { getLead } from '../leads/index.ts';
import { getOpportunity } from '../opportunities/index.ts';
import { getOrder } from '../orders/index.ts';
import { getReceipt } from '../payments/index.ts';
import { getSettings } from '../settings/index.ts';
import { getTicket } from '../tickets/index.ts';
import { accepted, type EventMessage, requestFor } from './webhook-formats.ts';
import { postJson } from './webhook-sender.ts';
import * as repo from './webhooks.repository.ts';

/**
 * The `webhooks.deliver` job: sends the queued deliveries that are due, one claimed at a time. A
 * delivery that fails (no answer, or not 2xx, or a robot's non-zero code) is tried again after
 * 30 s, 1, 2, 4 … minutes (doubling, at most an hour apart) while its first attempt is less than
 * 24 hours old, then marked failed. A delivery whose sender stopped is taken back after the work
 * lock timeout, so none stays "sending".
 */

export const retryWindowMs = 24 * 3_600_000;
const firstRetryMs = 30_000;
const longestPauseMs = 3_600_000;

/** The pause after the `attempts`-th failed attempt. */
export function retryPauseMs(attempts: number): number {
  return Math.min(firstRetryMs * 2 ** Math.max(attempts - 1, 0), longestPauseMs);
}

/** How each kind of record is read for a webhook's owner: what its GET route needs and calls. */
const readers: Record<
  string,
  { permission: string | null; read: (ctx: AppContext, actor: Actor, id: number) => Promise<unknown> }
> = {
  customers: { permission: 'customers.view', read: getCustomer },
  contacts: { permission: 'contacts.view', read: getContact },
  leads: { permission: 'leads.view', read: getLead },
  opportunities: { permission: 'opportunities.view', read: getOpportunity },
  orders: { permission: 'orders.view', read: getOrder },
  receipts: { permission: 'receipts.view', read: getReceipt },
  tickets: { permission: 'tickets.view', read: getTicket },
  approvals: { permission: null, read: getApproval },
};

type Outcome = {
  status: 'succeeded' | 'failed' | 'skipped' | 'retry';
  patch: Parameters<typeof repo.finishDelivery>[3];
};

/**
 * The record as the owner may see it, or null when they may not (no permission, out of their scope,
 * gone). A deletion carries the id alone: the record can no longer be read.
 */
async function recordFor(ctx: AppContext, owner: Actor, delivery: repo.DeliveryRow) {
  if (delivery.event === 'ping') return {};
  const reader = delivery.entity ? readers[delivery.entity] : undefined;
  if (!reader || delivery.recordId === null) return null;
  if (reader.permission && !owner.permissions.has(reader.permission)) return null;
  if (delivery.event.endsWith('.deleted')) return { id: delivery.recordId };
  try {
    return (await reader.read(ctx, owner, delivery.recordId)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return null;
    throw error;
  }
}

/** Sends one claimed delivery and records the outcome. */
export async function sendClaimed(
  ctx: AppContext,
  delivery: repo.DeliveryRow,
  now: Date,
  options: { retry: boolean } = { retry: true },
): Promise<void> {
  const outcome = await attempt(ctx, delivery, now).catch((error: Error): Outcome => ({
    status: 'retry',
    patch: { error: error.message.slice(0, 500) },
  }));
  const retryAt = new Date(now.getTime() + retryPauseMs(delivery.attempts));
  const withinWindow = retryAt.getTime() - Date.parse(delivery.createdAt) <= retryWindowMs;
  const status = outcome.status === 'retry' ? (options.retry && withinWindow ? 'pending' : 'failed') : outcome.status;
  await repo.finishDelivery(ctx.db, delivery.id, delivery.lockedAt!, {
    ...outcome.patch,
    status,
    nextAttemptAt: status === 'pending' ? retryAt.toISOString() : null,
    deliveredAt: status === 'succeeded' ? nowIso() : null,
  });
}

async function attempt(ctx: AppContext, delivery: repo.DeliveryRow, now: Date): Promise<Outcome> {
  const hook = await repo.findHookForDelivery(ctx.db, delivery.webhookId);
  const skip = (error: string): Outcome => ({ status: 'skipped', patch: { error } });
  if (!hook || hook.deletedAt) return skip('webhook deleted');
  if (!hook.enabled && delivery.event !== 'ping') return skip('webhook disabled');
  const owner = await loadActor(ctx.db, hook.ownerId, { via: 'job' }, { headers: {} });
  if (!owner) return skip('owner inactive');
  const data = await recordFor(ctx, owner, delivery);
  if (!data) return skip('not visible');
  const detail = readJson<Record<string, unknown>>(delivery.payload, {});
  const message: EventMessage = {
    event: delivery.event,
    entity: delivery.entity,
    recordId: delivery.recordId,
    data: delivery.event === 'ping' ? { webhook: { id: hook.id, name: hook.name } } : data,
    detail,
  };
  const settings = await getSettings(ctx.db);
  const request = requestFor(
    { kind: hook.kind as WebhookKind, url: hook.url, secret: hook.secret },
    delivery,
    message,
    { locale: settings.defaultLocale as Locale, publicUrl: ctx.config.publicUrl },
    now,
  );
  const result = await postJson(request.url, request.body, request.headers, {
    allowPrivate: ctx.config.webhooksAllowPrivate,
  });
  const patch = {
    responseCode: result.status,
    responseExcerpt: result.excerpt,
    error: result.error,
    durationMs: result.durationMs,
  };
  if (accepted(hook.kind as WebhookKind, result.status, result.excerpt))
    return { status: 'succeeded', patch: { ...patch, error: null } };
  return { status: 'retry', patch: { ...patch, error: result.error ?? `HTTP ${result.status ?? '—'}` } };
}

/** Sends every delivery due at `now` (after taking back those of a stopped sender); returns how many were tried. */
export async function deliverDueWebhooks(ctx: AppContext, now = new Date()): Promise<number> {
  const at = now.toISOString();
  await repo.requeueStale(ctx.db, new Date(now.getTime() - ctx.config.workLockTimeoutMs).toISOString(), at);
  let tried = 0;
  for (let delivery = await repo.claimNext(ctx.db, at); delivery;) {
    await sendClaimed(ctx, delivery, now);
    tried++;
    delivery = await repo.claimNext(ctx.db, at);
  }
  return tried;
}
