import {
  type CampaignEmailAudience,
  type CampaignEmailSend,
  type CampaignEmailSendStatus,
  type CampaignEmailSkipReason,
  type CampaignMemberEntity,
  campaignEmailSkipReasons,
  campaignMemberEntities,
} from '@relate/common';
import type { Kysely } from 'kysely';
import { readJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { campaignMembersOf, findVisibleCampaign, insertCampaignMembers } from '../campaigns/index.ts';
import { getTemplate, renderTemplate } from '../email-templates/index.ts';
import { hasMailSettings, readMailSettings, sendMail } from '../mail/index.ts';
import { segmentMemberIds } from '../segments/index.ts';
import * as repo from './campaign-emails.repository.ts';
import { type Classified, classifyMember, type Member, tally } from './recipients.ts';

export const sendJobKind = 'campaignEmail.send';

/** A marketing template the actor may use (a field error on `templateId` otherwise). */
export async function checkedTemplate(ctx: AppContext, actor: Actor, templateId: number) {
  const template = await getTemplate(ctx, actor, templateId).catch((error) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw fieldError('templateId', 'notARecordYouSee');
    throw error;
  });
  if (template.category !== 'marketing') throw fieldError('templateId', 'campaignEmailNeedsMarketingTemplate');
  return template;
}

/**
 * Who a send would mail now and who it would skip, and why: the campaign's members, and a segment's as the
 * caller sees them (not added yet).
 */
export async function emailAudience(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: { templateId: number; segmentId?: number | null },
): Promise<CampaignEmailAudience> {
  await findVisibleCampaign(ctx, actor, campaignId);
  await checkedTemplate(ctx, actor, input.templateId);
  const members: Member[] = await campaignMembersOf(ctx.db, campaignId);
  if (input.segmentId) {
    if (!can(actor, 'segments.view')) throw forbidden();
    const { entity, ids } = await segmentMemberIds(ctx, actor, input.segmentId);
    const known = new Set(members.map((m) => `${m.entity}:${m.entityId}`));
    for (const id of ids)
      if (!known.has(`${entity}:${id}`)) members.push({ id: -id, entity, entityId: id, status: 'planned' });
  }
  const classified: Classified[] = [];
  const taken = new Set<string>();
  for (const member of members) classified.push(await classifyMember(ctx, actor, member, taken));
  return tally(classified);
}

/**
 * Starts a send: in one transaction the segment (if any) is frozen into the campaign, a send is recorded and
 * one recipient row per member (queued, or skipped with its reason); the `campaignEmail.send` job mails them.
 */
export async function startEmailSend(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: { templateId: number; segmentId?: number | null; perSecond: number },
  origin: string,
): Promise<CampaignEmailSend> {
  await findVisibleCampaign(ctx, actor, campaignId);
  await checkedTemplate(ctx, actor, input.templateId);
  if (input.segmentId && !can(actor, 'segments.view')) throw forbidden();
  if (!(await hasMailSettings(ctx.db))) throw new AppError('CONFLICT', 'mailNotConfigured');
  const sendId = await inTransaction(ctx, async (ctx) => {
    if (input.segmentId) {
      const { entity, ids } = await segmentMemberIds(ctx, actor, input.segmentId);
      for (let i = 0; i < ids.length; i += 5000)
        await insertCampaignMembers(ctx.db, actor, campaignId, entity, ids.slice(i, i + 5000), { source: 'segment' });
    }
    const now = nowIso();
    const sendId = await repo.insertSend(ctx.db, {
      campaignId,
      templateId: input.templateId,
      segmentId: input.segmentId ?? null,
      status: 'queued',
      perSecond: input.perSecond,
      origin,
      createdBy: actor.userId,
      createdAt: now,
      finishedAt: null,
    });
    const members = await campaignMembersOf(ctx.db, campaignId);
    const classified: Classified[] = [];
    const taken = new Set<string>();
    for (const member of members) classified.push(await classifyMember(ctx, actor, member, taken));
    await repo.insertRecipients(
      ctx.db,
      classified.map((c) => ({
        sendId,
        memberId: c.memberId,
        entity: c.entity,
        entityId: c.entityId,
        email: c.email,
        status: c.skip ? 'skipped' : 'queued',
        skipReason: c.skip,
      })),
    );
    await scheduleJob(ctx.db, {
      kind: sendJobKind,
      runAt: now,
      payload: { sendId },
      dedupeKey: `${sendJobKind}:${sendId}@${now}`,
    });
    await writeAudit(ctx.db, actor, {
      action: 'emailSend',
      entity: 'campaigns',
      entityId: campaignId,
      detail: {
        sendId,
        templateId: input.templateId,
        segmentId: input.segmentId ?? null,
        ...tally(classified),
      },
    });
    return sendId;
  });
  return getEmailSend(ctx, actor, campaignId, sendId);
}

/** Pauses, resumes or cancels a send; a finished or cancelled one stays as it is (409). */
export async function changeEmailSend(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  sendId: number,
  action: 'pause' | 'resume' | 'cancel',
): Promise<CampaignEmailSend> {
  await findVisibleCampaign(ctx, actor, campaignId);
  orNotFound(await repo.findSend(ctx.db, campaignId, sendId));
  await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const moved =
      action === 'pause'
        ? await repo.setSendStatus(ctx.db, sendId, ['queued', 'sending'], 'paused')
        : action === 'resume'
          ? // Queued again (resumed, or the rest of a failed send): no longer finished.
            await repo.setSendStatus(ctx.db, sendId, ['paused', 'failed'], 'queued', null)
          : await repo.setSendStatus(ctx.db, sendId, ['queued', 'sending', 'paused'], 'cancelled', now);
    if (!moved) throw new AppError('CONFLICT', 'campaignEmailSendFinished');
    if (action === 'resume')
      await scheduleJob(ctx.db, {
        kind: sendJobKind,
        runAt: now,
        payload: { sendId },
        dedupeKey: `${sendJobKind}:${sendId}@${now}`,
      });
    await writeAudit(ctx.db, actor, {
      action: `emailSend.${action}`,
      entity: 'campaigns',
      entityId: campaignId,
      detail: { sendId },
    });
  });
  return getEmailSend(ctx, actor, campaignId, sendId);
}

/** A campaign's sends with their reports and tracking figures, all counted by the database. */
export async function listEmailSends(ctx: AppContext, actor: Actor, campaignId: number): Promise<CampaignEmailSend[]> {
  await findVisibleCampaign(ctx, actor, campaignId);
  return reportsOf(ctx, await repo.sendsOf(ctx.db, campaignId));
}

export async function getEmailSend(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  sendId: number,
): Promise<CampaignEmailSend> {
  await findVisibleCampaign(ctx, actor, campaignId);
  const send = orNotFound((await repo.sendsOf(ctx.db, campaignId, sendId))[0]);
  return (await reportsOf(ctx, [send]))[0]!;
}

async function reportsOf(ctx: AppContext, sends: Awaited<ReturnType<typeof repo.sendsOf>>) {
  const ids = sends.map((s) => s.id);
  const [counts, events, uniques, links, opened] = await Promise.all([
    repo.recipientCounts(ctx.db, ids),
    repo.eventCounts(ctx.db, ids),
    repo.uniqueEventCounts(ctx.db, ids),
    repo.linksOfSends(ctx.db, ids),
    repo.openedCounts(ctx.db, ids),
  ]);
  return sends.map((send): CampaignEmailSend => {
    const report = { total: 0, queued: 0, sent: 0, failed: 0, skipped: 0 };
    const bounces = { hard: 0, soft: 0 };
    const skipped: CampaignEmailSend['skipped'] = {};
    const byKind: CampaignEmailSend['byKind'] = {};
    for (const row of counts.filter((c) => c.sendId === send.id)) {
      const n = Number(row.n);
      report.total += n;
      if (row.bounceKind === 'hard' || row.bounceKind === 'soft') bounces[row.bounceKind] += n;
      if (row.status === 'queued' || row.status === 'sending') report.queued += n;
      else if (row.status === 'sent' || row.status === 'failed' || row.status === 'skipped') report[row.status] += n;
      const reason = (campaignEmailSkipReasons as readonly string[]).includes(row.skipReason ?? '')
        ? (row.skipReason as CampaignEmailSkipReason)
        : null;
      if (row.status === 'skipped' && reason) skipped[reason] = (skipped[reason] ?? 0) + n;
      if (!(campaignMemberEntities as readonly string[]).includes(row.entity ?? '')) continue;
      const kind = (byKind[row.entity as CampaignMemberEntity] ??= { recipients: 0, skipped: {} });
      if (row.status !== 'skipped') kind.recipients += n;
      else if (reason) kind.skipped[reason] = (kind.skipped[reason] ?? 0) + n;
    }
    const own = events.filter((e) => e.sendId === send.id);
    const unique = (kind: string) => Number(uniques.find((u) => u.sendId === send.id && u.kind === kind)?.people ?? 0);
    const sum = (kind: string) => own.filter((e) => e.kind === kind).reduce((total, e) => total + Number(e.n), 0);
    const urls = readJson<string[]>(links.find((l) => l.sendId === send.id)?.links ?? null, []);
    return {
      id: send.id,
      campaignId: send.campaignId,
      templateId: send.templateId,
      templateName: send.templateName ?? null,
      segmentId: send.segmentId,
      status: send.status as CampaignEmailSendStatus,
      perSecond: send.perSecond,
      createdBy: send.createdBy,
      createdByName: send.createdByName ?? null,
      createdAt: send.createdAt,
      finishedAt: send.finishedAt,
      counts: report,
      skipped,
      byKind,
      bounces,
      tracking: {
        opens: sum('open'),
        uniqueOpens: Number(opened.find((o) => o.sendId === send.id)?.n ?? 0),
        clicks: sum('click'),
        uniqueClicks: unique('click'),
        links: urls.map((url, index) => {
          const row = own.find((e) => e.kind === 'click' && Number(e.link) === index);
          return { url, clicks: Number(row?.n ?? 0), uniqueClicks: Number(row?.people ?? 0) };
        }),
      },
    };
  });
}

/** Sends the template, rendered with sample data, to the caller's own address (a test before the real send). */
export async function sendTestEmail(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  templateId: number,
  origin: string,
  userEmail: string | null,
): Promise<void> {
  await findVisibleCampaign(ctx, actor, campaignId);
  await checkedTemplate(ctx, actor, templateId);
  if (!userEmail) throw fieldError('templateId', 'campaignEmailNoOwnAddress');
  const settings = await readMailSettings(ctx.db, ctx.config.sessionSecret);
  if (!settings) throw new AppError('CONFLICT', 'mailNotConfigured');
  const rendered = await renderTemplate(ctx, actor, templateId, { sample: true }, origin);
  try {
    await sendMail(settings, {
      to: userEmail,
      subject: `[TEST] ${rendered.subject}`,
      text: rendered.text,
      html: rendered.html,
    });
  } catch (error) {
    throw new AppError('UPSTREAM_FAILED', 'mailRefused', undefined, { reason: (error as Error).message.slice(0, 200) });
  }
}

/**
 * The send that stands for a sequence's email step (in the caller's transaction): its recipients are the members
 * the sequence mails at that step, so their opens, clicks and one-click unsubscribes are tracked like any other
 * campaign message's. No send job ever runs it, and the campaign's list of sends leaves it out.
 */
export function createSequenceSend(
  db: Kysely<DB>,
  input: { campaignId: number; templateId: number; perSecond: number; origin: string; createdBy: number },
): Promise<number> {
  return repo.insertSend(db, {
    ...input,
    segmentId: null,
    status: repo.sequenceSendStatus,
    createdAt: nowIso(),
    finishedAt: null,
  });
}

/** Recipients of each send who opened its message (pixel or link) and who followed a link, counted by the database. */
export async function engagementOfSends(
  db: Kysely<DB>,
  sendIds: number[],
): Promise<Map<number, { opened: number; clicked: number }>> {
  const [opened, uniques] = await Promise.all([repo.openedCounts(db, sendIds), repo.uniqueEventCounts(db, sendIds)]);
  return new Map(
    sendIds.map((id) => [
      id,
      {
        opened: Number(opened.find((o) => o.sendId === id)?.n ?? 0),
        clicked: Number(uniques.find((u) => u.sendId === id && u.kind === 'click')?.people ?? 0),
      },
    ]),
  );
}

/** Whether a member opened or clicked any message of the campaign, and the Message-IDs it was sent (a reply names one). */
export async function memberEngagement(
  db: Kysely<DB>,
  campaignId: number,
  memberId: number,
): Promise<{ opened: boolean; clicked: boolean; messageIds: string[] }> {
  const messages = await repo.messagesToMember(db, campaignId, memberId);
  return {
    opened: messages.some((m) => m.openedAt !== null),
    clicked: messages.some((m) => m.clickedAt !== null),
    messageIds: messages.flatMap((m) => (m.messageId ? [m.messageId] : [])),
  };
}
