import type { Webhook, WebhookDelivery, WebhookInput, WebhookPatch, WebhookWithSecret } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, notFound, orNotFound } from '../../platform/errors.ts';
import { kickDelivery } from '../../platform/events.ts';
import { randomToken } from '../../platform/tokens.ts';
import { sendClaimed } from './webhook-delivery.ts';
import { urlProblem } from './webhook-sender.ts';
import * as repo from './webhooks.repository.ts';

/**
 * Outgoing webhooks, managed by administrators (settings.manage). A webhook sends as its owner — the
 * administrator who made it — and carries only what that user may see. Its secret is stored as the
 * mail server's password is (mail.settings.ts: kept server-side, never answered): a generic webhook's
 * is made here and shown once, on creation or rotation; a robot's is the one its chat app gave.
 */

function toWebhook(row: repo.WebhookRow): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    kind: row.kind,
    events: readJson<string[]>(row.events, []),
    enabled: Boolean(row.enabled),
    secretSet: Boolean(row.secret),
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastStatus: row.lastStatus,
    lastDeliveryAt: row.lastDeliveryAt,
  };
}

export function toDelivery(row: repo.DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    entity: row.entity,
    recordId: row.recordId,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.nextAttemptAt,
    responseCode: row.responseCode,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    durationMs: row.durationMs,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
  };
}

const newSecret = () => `whsec_${randomToken(24)}`;

function assertUrl(ctx: AppContext, url: string) {
  const problem = urlProblem(url, ctx.config.webhooksAllowPrivate);
  if (problem) throw fieldError('url', problem);
}

async function readHook(db: Kysely<DB>, id: number): Promise<Webhook> {
  return toWebhook(orNotFound(await repo.findHook(db, id)));
}

export async function listWebhooks(ctx: AppContext): Promise<Webhook[]> {
  return (await repo.listHooks(ctx.db)).map(toWebhook);
}

export function getWebhook(ctx: AppContext, id: number): Promise<Webhook> {
  return readHook(ctx.db, id);
}

/** A new webhook owned by the caller; a generic one's secret is answered this once. */
export async function createWebhook(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof WebhookInput>,
): Promise<WebhookWithSecret> {
  assertUrl(ctx, input.url);
  const secret = input.kind === 'generic' ? newSecret() : (input.secret ?? null);
  return inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const id = await repo.insertHook(ctx.db, {
      name: input.name,
      url: input.url,
      kind: input.kind,
      events: writeJson([...new Set(input.events)]),
      enabled: input.enabled ? 1 : 0,
      secret,
      ownerId: actor.userId,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'webhooks',
      entityId: id,
      detail: { name: input.name, kind: input.kind, events: input.events },
    });
    return { ...(await readHook(ctx.db, id)), secret: input.kind === 'generic' ? secret : null };
  });
}

export async function updateWebhook(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof WebhookPatch>,
): Promise<Webhook> {
  if (patch.url !== undefined) assertUrl(ctx, patch.url);
  return inTransaction(ctx, async (ctx) => {
    const before = await readHook(ctx.db, id);
    const kind = patch.kind ?? before.kind;
    // A generic webhook keeps its own secret (rotated, never typed in); a robot's is replaced when given.
    const secret =
      kind !== before.kind
        ? kind === 'generic'
          ? newSecret()
          : (patch.secret ?? null)
        : kind === 'generic'
          ? undefined
          : patch.secret;
    await repo.updateHook(ctx.db, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.events !== undefined ? { events: writeJson([...new Set(patch.events)]) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
      ...(secret !== undefined ? { secret } : {}),
      updatedAt: nowIso(),
    });
    const { secret: given, ...rest } = patch;
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'webhooks',
      entityId: id,
      detail: { ...rest, secretChanged: given !== undefined || kind !== before.kind },
    });
    return readHook(ctx.db, id);
  });
}

/** Deletes a webhook; what it still had queued is skipped when its turn comes. */
export async function deleteWebhook(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const result = await repo.updateHook(ctx.db, id, { deletedAt: nowIso(), enabled: 0 });
    if (!Number(result.numUpdatedRows)) throw notFound();
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'webhooks', entityId: id });
  });
}

/** A new secret for a generic webhook, answered this once; the old one stops signing at once. */
export async function rotateSecret(ctx: AppContext, actor: Actor, id: number): Promise<WebhookWithSecret> {
  return inTransaction(ctx, async (ctx) => {
    const hook = await readHook(ctx.db, id);
    if (hook.kind !== 'generic') throw fieldError('kind', 'invalid');
    const secret = newSecret();
    await repo.updateHook(ctx.db, id, { secret, updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, { action: 'rotate', entity: 'webhooks', entityId: id });
    return { ...(await readHook(ctx.db, id)), secret };
  });
}

/**
 * Sends a `ping` now and answers how it went. Unlike the deliveries of record changes — queued and
 * sent by the job, so that no change waits for another server — an administrator pressing "test"
 * waits for the answer (at most the 10 s timeout). A failed ping is not retried.
 */
export async function testWebhook(
  ctx: AppContext,
  actor: Actor,
  id: number,
  now = new Date(),
): Promise<WebhookDelivery> {
  await readHook(ctx.db, id);
  const at = now.toISOString();
  const deliveryId = await repo.insertDelivery(ctx.db, {
    webhookId: id,
    event: 'ping',
    entity: null,
    recordId: null,
    payload: writeJson({ by: actor.userId }),
    status: 'sending',
    attempts: 1,
    nextAttemptAt: null,
    lockedAt: at,
    createdAt: at,
  });
  await sendClaimed(ctx, (await repo.findDelivery(ctx.db, deliveryId))!, now, { retry: false });
  return toDelivery((await repo.findDelivery(ctx.db, deliveryId))!);
}

/** One page of a webhook's deliveries, newest first, optionally of one status. */
export async function listDeliveries(
  ctx: AppContext,
  id: number,
  query: { page: number; pageSize: number; status?: string },
) {
  await readHook(ctx.db, id);
  const { items, total } = await repo.deliveriesOf(ctx.db, id, { status: query.status }, query);
  return { items: items.map(toDelivery), total, page: query.page, pageSize: query.pageSize };
}

/**
 * Sends a delivery again: a new delivery of the same event and record (the log keeps the first), read
 * and sent afresh by the job, with a new 24-hour window of retries.
 */
export async function resendDelivery(ctx: AppContext, actor: Actor, deliveryId: number): Promise<WebhookDelivery> {
  return inTransaction(ctx, async (ctx) => {
    const original = orNotFound(await repo.findDelivery(ctx.db, deliveryId));
    await readHook(ctx.db, original.webhookId);
    const at = nowIso();
    const id = await repo.insertDelivery(ctx.db, {
      webhookId: original.webhookId,
      event: original.event,
      entity: original.entity,
      recordId: original.recordId,
      payload: writeJson(readJson(original.payload, {})),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lockedAt: null,
      createdAt: at,
    });
    await kickDelivery(ctx.db, at);
    await writeAudit(ctx.db, actor, {
      action: 'resend',
      entity: 'webhooks',
      entityId: original.webhookId,
      detail: { deliveryId, resentAs: id },
    });
    return toDelivery((await repo.findDelivery(ctx.db, id))!);
  });
}
