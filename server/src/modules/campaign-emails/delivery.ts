import { randomBytes } from 'node:crypto';
import { campaignMemberEntities } from '@relate/common';
import { writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { loadActor } from '../../platform/authenticate.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { advanceCampaignMember } from '../campaigns/index.ts';
import { type ConsentHolder, isSuppressed, marketingConsentOf } from '../consent/index.ts';
import { renderTemplate } from '../email-templates/index.ts';
import { type Actor } from '../../platform/actor.ts';
import { dkimOf, type MailPool, openMailPool, readMailSettings } from '../mail/index.ts';
import * as repo from './campaign-emails.repository.ts';
import { unsubscribeMailto } from './mailed-unsubscribe.ts';
import { clickToken, recipientToken, trackedHtml, trackedText } from './tracking.ts';

type Claimed = NonNullable<Awaited<ReturnType<typeof repo.claimNext>>>;

export type DeliveryHooks = {
  /** Called after a message has gone and before it is recorded as sent (tests stop a run there, as a crash would). */
  afterSend?: (recipient: Claimed) => void | Promise<void>;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Message-ID a campaign message goes out with, angle brackets included, as the recipient row keeps it (a
 * bounce names it back): the send, a number unique in it, and a random part.
 */
const campaignMessageId = (sendId: number, n: number, domain: string) =>
  `<campaign.${sendId}.${n}.${randomBytes(6).toString('hex')}@${domain}>`;

/** The public address a recipient's links are built on. */
export const publicPaths = {
  unsubscribe: (origin: string, token: string) => `${origin}/api/public/v1/campaign-emails/unsubscribe/${token}`,
  pixel: (origin: string, token: string) => `${origin}/api/public/v1/t/o/${token}.gif`,
  click: (origin: string, token: string) => `${origin}/api/public/v1/t/c/${token}`,
};

/**
 * The `campaignEmail.send` job: mails a send's queued recipients one at a time, each claimed first (its
 * Message-ID written before the message goes), then sent through one pooled connection, then marked sent. A
 * recipient found claimed when a run starts belongs to a run that stopped between sending and marking: its
 * message may have gone, so it is failed as interrupted and never sent again — a member is mailed at most
 * once. The send is paced at its messages per second; pausing or cancelling it is seen before each message.
 */
export async function deliverEmailSend(ctx: AppContext, sendId: number, hooks: DeliveryHooks = {}): Promise<void> {
  const send = await repo.findSendById(ctx.db, sendId);
  if (!send || !(await repo.setSendStatus(ctx.db, sendId, ['queued', 'sending'], 'sending'))) return;
  await repo.failInterrupted(ctx.db, sendId, nowIso());
  const mailer = await openCampaignMailer(ctx);
  // Without an outgoing mail server no retry can succeed: the send fails at once, its recipients left queued.
  if (!mailer) {
    await repo.setSendStatus(ctx.db, sendId, ['sending'], 'failed', nowIso());
    return;
  }
  const { pool, domain } = mailer;
  const actor = await loadActor(ctx.db, send.createdBy, { via: 'job' }, { headers: {} });
  if (!actor) {
    pool.close();
    await repo.setSendStatus(ctx.db, sendId, ['sending'], 'cancelled', nowIso());
    return;
  }
  const messageIdOf = (id: number) => campaignMessageId(sendId, id, domain);
  const spacingMs = 1000 / send.perSecond;
  try {
    const started = Date.now();
    for (let count = 0; ; count++) {
      const current = await repo.findSendById(ctx.db, sendId);
      if (current?.status !== 'sending') return;
      const claimed = await repo.claimNext(ctx.db, sendId, messageIdOf, nowIso());
      if (!claimed) {
        await repo.setSendStatus(ctx.db, sendId, ['sending'], 'done', nowIso());
        return;
      }
      const wait = started + count * spacingMs - Date.now();
      if (wait > 0) await pause(wait);
      await deliverOne(ctx, { send, actor, mailer, recipient: claimed, hooks });
    }
  } finally {
    pool.close();
  }
}

async function deliverOne(
  ctx: AppContext,
  {
    send,
    actor,
    mailer,
    recipient,
    hooks,
  }: {
    send: NonNullable<Awaited<ReturnType<typeof repo.findSendById>>>;
    actor: NonNullable<Awaited<ReturnType<typeof loadActor>>>;
    mailer: CampaignMailer;
    recipient: Claimed;
    hooks: DeliveryHooks;
  },
) {
  const secret = ctx.config.sessionSecret;
  // Consent and suppression may have changed since the send was started: asked again just before sending.
  const skip = async (skipReason: string) =>
    repo.finishRecipient(ctx.db, recipient.id, { status: 'skipped', skipReason, messageId: null });
  const holder = holderOf(recipient);
  if (!holder || !recipient.email) return skip('noAddress');
  if (await isSuppressed(ctx.db, 'email', recipient.email)) return skip('suppressed');
  if ((await marketingConsentOf(ctx.db, holder, 'email')) !== 'granted') return skip('noConsent');
  if (await repo.addressMailedBefore(ctx.db, send.id, recipient.email, recipient.id)) return skip('duplicateAddress');
  let rendered;
  try {
    rendered = await renderTemplate(ctx, actor, send.templateId, renderedFor(holder), send.origin);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return skip('notVisible');
    throw error;
  }
  const token = recipientToken(secret, recipient.id);
  const click = (index: number) => publicPaths.click(send.origin, clickToken(secret, recipient.id, index));
  const { html, links } = trackedHtml(rendered.html, { click, pixel: publicPaths.pixel(send.origin, token) });
  try {
    await mailer.pool.send({
      to: recipient.email,
      subject: rendered.subject,
      text: trackedText(rendered.text, links, click),
      html,
      messageId: recipient.messageId!,
      headers: {
        // RFC 8058's one-click link first; a mail program that only mails may use the mailto (RFC 2369).
        'List-Unsubscribe': [
          `<${publicPaths.unsubscribe(send.origin, token)}>`,
          ...(mailer.unsubscribeAddress ? [`<${unsubscribeMailto(mailer.unsubscribeAddress, token)}>`] : []),
        ].join(', '),
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Relate-Campaign': String(send.campaignId),
      },
    });
  } catch (error) {
    await repo.finishRecipient(ctx.db, recipient.id, {
      status: 'failed',
      error: ((error as Error).message ?? String(error)).slice(0, 500),
    });
    return;
  }
  await hooks.afterSend?.(recipient);
  await inTransaction(ctx, async (ctx) => {
    await repo.finishRecipient(ctx.db, recipient.id, { status: 'sent', sentAt: nowIso(), links: writeJson(links) });
    await advanceCampaignMember(ctx.db, recipient.memberId, 'sent');
  });
}

/** The record a recipient row was mailed as, or null for an older row that names none. */
function holderOf(recipient: { entity: string | null; entityId: number | null }): ConsentHolder | null {
  if (recipient.entityId === null || !(campaignMemberEntities as readonly string[]).includes(recipient.entity ?? ''))
    return null;
  return { entity: recipient.entity as ConsentHolder['entity'], id: recipient.entityId };
}

/** What a template is rendered for: the recipient's record (its merge fields, its unsubscribe link). */
const renderedFor = (holder: ConsentHolder) =>
  holder.entity === 'contacts'
    ? { contactId: holder.id }
    : holder.entity === 'leads'
      ? { leadId: holder.id }
      : { customerId: holder.id };

/**
 * The company's mail server as campaign messages go through it: one pooled connection, DKIM-signed when a key
 * is set; the bounce address, when set, is also where mailed unsubscribe requests go.
 */
export type CampaignMailer = { pool: MailPool; domain: string; unsubscribeAddress: string | null };

/** Opens the mailer, or null when no outgoing mail server is set. Close its pool when done. */
export async function openCampaignMailer(ctx: AppContext): Promise<CampaignMailer | null> {
  const settings = await readMailSettings(ctx.db, ctx.config.sessionSecret);
  if (!settings) return null;
  return {
    pool: openMailPool(settings, dkimOf(settings, ctx.config.sessionSecret)),
    domain: settings.from.split('@')[1] ?? 'relate.local',
    unsubscribeAddress: settings.bounceAddress ?? null,
  };
}

/**
 * Mails one member the message of a send outside the send's own job (a sequence's email step). The member's
 * recipient row is inserted already claimed, with its Message-ID, before anything goes: unique per send and
 * member, so a member claimed before — by a run beside this one, or one that stopped — is never mailed again
 * (`taken`). Then it is delivered as a send's recipients are: consent and suppression asked again, an address
 * an earlier member of the step was mailed at skipped, tracked links, List-Unsubscribe. Answers what became of
 * it, with the skip reason or the error.
 */
export async function mailMember(
  ctx: AppContext,
  mailer: CampaignMailer,
  input: { sendId: number; memberId: number; entity: string; entityId: number; email: string; actor: Actor },
  hooks: DeliveryHooks = {},
): Promise<{ status: 'sent' | 'skipped' | 'failed' | 'taken'; reason: string | null }> {
  const send = await repo.findSendById(ctx.db, input.sendId);
  if (!send) throw new AppError('NOT_FOUND');
  const recipient = await repo.claimMember(ctx.db, {
    sendId: send.id,
    memberId: input.memberId,
    entity: input.entity,
    entityId: input.entityId,
    email: input.email,
    messageId: campaignMessageId(send.id, input.memberId, mailer.domain),
    at: nowIso(),
  });
  if (!recipient) return { status: 'taken', reason: null };
  await deliverOne(ctx, { send, actor: input.actor, mailer, recipient, hooks });
  const after = await repo.findRecipient(ctx.db, recipient.id);
  const status = after?.status === 'sent' || after?.status === 'skipped' ? after.status : 'failed';
  return { status, reason: after?.skipReason ?? after?.error ?? null };
}

/** A member's message claimed by a run that stopped before recording it: failed as interrupted, never sent again. */
export async function failInterruptedMember(ctx: AppContext, sendId: number, memberId: number): Promise<void> {
  await repo.failInterruptedMember(ctx.db, sendId, memberId, nowIso());
}

const sendIdOf = (payload: unknown) => {
  const sendId = Number((payload as { sendId?: unknown })?.sendId);
  return Number.isInteger(sendId) && sendId > 0 ? sendId : null;
};

/** The job's handler: its payload names the send. */
export async function runEmailSendJob(ctx: AppContext, payload: unknown): Promise<void> {
  const sendId = sendIdOf(payload);
  if (sendId) await deliverEmailSend(ctx, sendId);
}

/**
 * When the send's job has failed for good (every retry threw, or the server stopped on the last one), no run
 * takes the send up again: it says failed instead of "sending", the recipient it had claimed is failed as
 * interrupted (its message may have gone), and the rest stay queued, as when no mail server is set.
 */
export async function giveUpEmailSend(ctx: AppContext, payload: unknown): Promise<void> {
  const sendId = sendIdOf(payload);
  if (!sendId) return;
  const at = nowIso();
  await inTransaction(ctx, async (ctx) => {
    await repo.failInterrupted(ctx.db, sendId, at);
    await repo.setSendStatus(ctx.db, sendId, ['queued', 'sending'], 'failed', at);
  });
}
