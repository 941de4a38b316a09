import { type CampaignMemberStatus, campaignMemberEntities } from '@relate/common';
import { isbot } from 'isbot';
import { readJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { systemActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { advanceCampaignMember } from '../campaigns/index.ts';
import { suppressAddress } from '../consent/index.ts';
import type { UnsubscribeHolder } from '../email-templates/index.ts';
import { recordBehaviour } from '../scoring/index.ts';
import * as repo from './campaign-emails.repository.ts';
import { clickOfToken, isMachineFetch, recipientOfToken } from './tracking.ts';

async function recipientOf(ctx: AppContext, id: number | null) {
  const recipient = id ? await repo.findRecipient(ctx.db, id) : undefined;
  if (!recipient || recipient.status !== 'sent') throw notFound();
  return recipient;
}

type Recipient = Awaited<ReturnType<typeof recipientOf>>;

/**
 * What the recipient did, on the history of the record it was mailed as (a contact's and a customer's show on
 * the customer's timeline, a lead's on the customer it was converted into).
 */
async function recordOnRecord(ctx: AppContext, recipient: Recipient, action: string, detail: Record<string, unknown>) {
  if (recipient.entity && recipient.entityId)
    await writeAudit(ctx.db, systemActor, {
      action,
      entity: recipient.entity,
      entityId: recipient.entityId,
      detail: { campaignId: recipient.campaignId, sendId: recipient.sendId, ...detail },
    });
}

/**
 * One-click unsubscribe (RFC 8058) from a campaign message's List-Unsubscribe link: the address goes on the
 * suppression list (every contact, lead and customer with it withdraws email consent) and the member is
 * unsubscribed, at once and in one transaction. Asked again, it answers the same.
 */
export async function unsubscribeRecipient(ctx: AppContext, token: string): Promise<void> {
  const recipient = await recipientOf(ctx, recipientOfToken(ctx.config.sessionSecret, token));
  await unsubscribe(ctx, recipient, { reason: 'One-click unsubscribe', via: 'link' });
}

/**
 * The same for a request mailed to the List-Unsubscribe address (in the mailbox sync's transaction): false when
 * the message it names was never sent.
 */
export async function unsubscribeRecipientByMail(ctx: AppContext, recipientId: number): Promise<boolean> {
  const recipient = await repo.findRecipient(ctx.db, recipientId);
  if (recipient?.status !== 'sent') return false;
  await unsubscribe(ctx, recipient, { reason: 'Unsubscribe by mail', via: 'mail' });
  return true;
}

async function unsubscribe(ctx: AppContext, recipient: Recipient, how: { reason: string; via: 'link' | 'mail' }) {
  await inTransaction(ctx, async (ctx) => {
    if (recipient.email)
      await suppressAddress(ctx.db, systemActor, {
        channel: 'email',
        address: recipient.email,
        reason: how.reason,
        source: `campaign:${recipient.campaignId}`,
      });
    await advanceCampaignMember(ctx.db, recipient.memberId, 'unsubscribed');
    await recordOnRecord(ctx, recipient, 'campaignEmailUnsubscribed', { via: how.via });
  });
}

/** The record a List-Unsubscribe link names, for its confirmation page (a GET never unsubscribes). */
export async function recordOfUnsubscribeLink(ctx: AppContext, token: string): Promise<UnsubscribeHolder> {
  const recipient = await recipientOf(ctx, recipientOfToken(ctx.config.sessionSecret, token));
  if (!recipient.entityId || !(campaignMemberEntities as readonly string[]).includes(recipient.entity ?? ''))
    throw notFound();
  return { entity: recipient.entity as UnsubscribeHolder['entity'], id: recipient.entityId };
}

async function recordEvent(
  ctx: AppContext,
  recipient: Recipient,
  kind: 'open' | 'click',
  link: number | null,
  status: CampaignMemberStatus,
) {
  const at = nowIso();
  await inTransaction(ctx, async (ctx) => {
    await repo.insertEvent(ctx.db, { recipientId: recipient.id, sendId: recipient.sendId, kind, link, at });
    const first = await repo.markFirst(ctx.db, recipient.id, kind === 'open' ? 'openedAt' : 'clickedAt', at);
    // A click shows the message was read, even when its images were not loaded.
    if (kind === 'click') await repo.markFirst(ctx.db, recipient.id, 'openedAt', at);
    await advanceCampaignMember(ctx.db, recipient.memberId, status);
    if (first) {
      await recordOnRecord(ctx, recipient, kind === 'open' ? 'campaignEmailOpened' : 'campaignEmailClicked', {
        link,
      });
      // The first open and the first click of each message count towards the contact's or lead's score.
      await recordBehaviour(ctx.db, {
        kind: kind === 'open' ? 'email_opened' : 'email_clicked',
        contactId: recipient.entity === 'contacts' ? recipient.entityId : null,
        leadId: recipient.entity === 'leads' ? recipient.entityId : null,
        at: new Date(at),
        sourceRef: `campaignEmail:${recipient.id}`,
      });
    }
  });
}

/**
 * The open pixel was fetched: an open is counted when the fetch is a person's mail program, not a crawler, link
 * scanner or a provider's privacy proxy. Unknown or forged tokens count nothing; the pixel is served anyway.
 */
export async function recordOpen(ctx: AppContext, token: string, userAgent: string | undefined): Promise<void> {
  const id = recipientOfToken(ctx.config.sessionSecret, token);
  if (!id || isMachineFetch(isbot, userAgent)) return;
  const recipient = await repo.findRecipient(ctx.db, id);
  if (!recipient || recipient.status !== 'sent') return;
  await recordEvent(ctx, recipient, 'open', null, 'opened');
}

/**
 * A tracked link was followed: answers the link the message held at that place (never any other address, so
 * the route is no open redirect) and counts the click unless a machine followed it.
 */
export async function followLink(ctx: AppContext, token: string, userAgent: string | undefined): Promise<string> {
  const click = clickOfToken(ctx.config.sessionSecret, token);
  const recipient = await recipientOf(ctx, click?.recipientId ?? null);
  const url = readJson<string[]>(recipient.links, [])[click!.link];
  if (!url) throw notFound();
  if (!isMachineFetch(isbot, userAgent)) await recordEvent(ctx, recipient, 'click', click!.link, 'clicked');
  return url;
}
