import {
  type CampaignMember,
  type CampaignMemberEntity,
  type CampaignMembership,
  type CampaignMemberStatus,
  campaignMemberSources,
  campaignResponseStatuses,
  type Page,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can, type AuditActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { pageWindow } from '../../platform/list-query.ts';
import { scopeFor } from '../../platform/scope.ts';
import { findVisibleCampaign } from './campaigns.service.ts';
import { recordBehaviour } from '../scoring/index.ts';
import * as repo from './members.repository.ts';

export type MemberSource = (typeof campaignMemberSources)[number];

/**
 * What other modules do when records join a campaign, inside the same transaction: leads take the
 * campaign as their source (first touch) when they have none. Registered at start-up (app.ts), since
 * those modules depend on this one.
 */
type MembersAdded = (db: Kysely<DB>, campaignId: number, entity: CampaignMemberEntity, ids: number[]) => Promise<void>;
let membersAdded: MembersAdded = async () => {};
export function onCampaignMembersAdded(hook: MembersAdded): void {
  membersAdded = hook;
}

type MemberRow = Awaited<ReturnType<typeof repo.membersPage>>['rows'][number];

function toMember(row: MemberRow): CampaignMember {
  return {
    id: row.id,
    campaignId: row.campaignId,
    entity: row.entity as CampaignMemberEntity,
    entityId: row.entityId,
    name: row.name ?? `#${row.entityId}`,
    status: row.status as CampaignMemberStatus,
    source: row.source as MemberSource,
    firstAt: row.firstAt,
    lastAt: row.lastAt,
    createdAt: row.createdAt,
  };
}

/**
 * Adds records to a campaign inside the caller's transaction — the one path every way of adding takes (a
 * list's selection, an import, and later segments and web forms). Records already in it stay as they are.
 */
export async function insertCampaignMembers(
  db: Kysely<DB>,
  actor: AuditActor,
  campaignId: number,
  entity: CampaignMemberEntity,
  ids: number[],
  {
    status = 'planned',
    source,
    audit = true,
  }: {
    status?: CampaignMemberStatus;
    source: MemberSource;
    /** false: the caller writes one audit row for many calls */ audit?: boolean;
  },
): Promise<{ added: number; alreadyMembers: number }> {
  const unique = [...new Set(ids)];
  const now = nowIso();
  const touched = status !== 'planned';
  const added = await repo.insertMembers(
    db,
    unique.map((entityId) => ({
      campaignId,
      entity,
      entityId,
      status,
      source,
      firstAt: touched ? now : null,
      lastAt: touched ? now : null,
      createdBy: actor.userId || null,
      createdAt: now,
    })),
  );
  await membersAdded(db, campaignId, entity, unique);
  if (added && audit)
    await writeAudit(db, actor, {
      action: 'addMembers',
      entity: 'campaigns',
      entityId: campaignId,
      detail: { entity, added, source },
    });
  return { added, alreadyMembers: unique.length - added };
}

/** A lead's or contact's first response to a campaign is a behaviour lead scoring counts. */
async function scoreResponse(db: Kysely<DB>, campaignId: number, entity: CampaignMemberEntity, entityId: number) {
  const sourceRef = `campaign:${campaignId}`;
  if (entity === 'leads') await recordBehaviour(db, { kind: 'campaign_responded', leadId: entityId, sourceRef });
  if (entity === 'contacts') await recordBehaviour(db, { kind: 'campaign_responded', contactId: entityId, sourceRef });
}

/**
 * A record answered the campaign (a web form sent) inside the caller's transaction: it joins as having
 * responded, or, already a member that had not responded, moves to responded; a response or conversion stays.
 */
export async function recordCampaignResponse(
  db: Kysely<DB>,
  actor: AuditActor,
  campaignId: number,
  entity: CampaignMemberEntity,
  entityId: number,
  source: MemberSource,
): Promise<void> {
  const member = await repo.findMemberOf(db, campaignId, entity, entityId);
  if (member && (campaignResponseStatuses as readonly string[]).includes(member.status)) return;
  await scoreResponse(db, campaignId, entity, entityId);
  if (!member) {
    await insertCampaignMembers(db, actor, campaignId, entity, [entityId], { status: 'responded', source });
    return;
  }
  await repo.setMemberStatus(db, member.id, 'responded', nowIso());
  await writeAudit(db, actor, {
    action: 'memberStatus',
    entity: 'campaigns',
    entityId: campaignId,
    changes: [{ field: 'status', old: member.status, new: 'responded' }],
    detail: { entity, entityId, source },
  });
}

/** Adds records the caller sees (a selection of a list) to a campaign the caller sees. */
export async function addCampaignMembers(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: { entity: CampaignMemberEntity; ids: number[]; status?: CampaignMemberStatus },
  source: MemberSource = 'list',
) {
  await findVisibleCampaign(ctx, actor, campaignId);
  if (!can(actor, `${input.entity}.view`)) throw forbidden();
  const unique = [...new Set(input.ids)];
  const visible = await repo.visibleRecordIds(
    ctx.db,
    input.entity,
    await scopeFor(ctx.db, actor, input.entity),
    unique,
  );
  if (visible.length !== unique.length) throw fieldError('ids', 'notARecordYouSee');
  return inTransaction(ctx, (ctx) =>
    insertCampaignMembers(ctx.db, actor, campaignId, input.entity, unique, { status: input.status, source }),
  );
}

/** A page of a campaign's members, with each record's name. */
export async function listCampaignMembers(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: { entity?: string[]; status?: string[]; page: number; pageSize: number },
): Promise<Page<CampaignMember>> {
  await findVisibleCampaign(ctx, actor, campaignId);
  const { rows, total } = await repo.membersPage(ctx.db, campaignId, query, pageWindow(query.page, query.pageSize));
  return { items: rows.map(toMember), total, page: query.page, pageSize: query.pageSize };
}

/** Moves a member to a status (sent, opened, responded …), remembering the first and the latest move. */
export async function setCampaignMemberStatus(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  memberId: number,
  status: CampaignMemberStatus,
): Promise<void> {
  await findVisibleCampaign(ctx, actor, campaignId);
  await inTransaction(ctx, async (ctx) => {
    const member = orNotFound(await repo.findMember(ctx.db, campaignId, memberId));
    await repo.setMemberStatus(ctx.db, memberId, status, nowIso());
    const responded = campaignResponseStatuses as readonly string[];
    if (responded.includes(status) && !responded.includes(member.status))
      await scoreResponse(ctx.db, campaignId, member.entity as CampaignMemberEntity, member.entityId);
    await writeAudit(ctx.db, actor, {
      action: 'memberStatus',
      entity: 'campaigns',
      entityId: campaignId,
      changes: [{ field: 'status', old: member.status, new: status }],
      detail: { entity: member.entity, entityId: member.entityId },
    });
  });
}

export async function removeCampaignMember(ctx: AppContext, actor: Actor, campaignId: number, memberId: number) {
  await findVisibleCampaign(ctx, actor, campaignId);
  await inTransaction(ctx, async (ctx) => {
    const member = orNotFound(await repo.findMember(ctx.db, campaignId, memberId));
    await repo.deleteMember(ctx.db, memberId);
    await writeAudit(ctx.db, actor, {
      action: 'removeMember',
      entity: 'campaigns',
      entityId: campaignId,
      detail: { entity: member.entity, entityId: member.entityId },
    });
  });
}

/** A converted lead's memberships count as converted (inside the conversion's transaction). */
export async function markLeadMembershipsConverted(db: Kysely<DB>, leadId: number): Promise<void> {
  await repo.markConverted(db, 'leads', leadId, nowIso());
}

/**
 * The campaigns a record the caller sees was a member of: a lead's, contact's or customer's own; an
 * opportunity's through the lead it came from, its customer and its contacts.
 */
export async function membershipsOfRecord(
  ctx: AppContext,
  actor: Actor,
  entity: CampaignMemberEntity | 'opportunities',
  id: number,
): Promise<CampaignMembership[]> {
  if (!can(actor, `${entity}.view`)) throw forbidden();
  const [visible] = await repo.visibleRecordIds(ctx.db, entity, await scopeFor(ctx.db, actor, entity), [id]);
  orNotFound(visible);
  const records =
    entity === 'opportunities'
      ? await repo.opportunityRelations(ctx.db, id).then((r) => [
          { entity: 'leads', ids: r.leadIds },
          { entity: 'customers', ids: r.customerIds },
          { entity: 'contacts', ids: r.contactIds },
        ])
      : [{ entity, ids: [id] }];
  const rows = await repo.membershipsOf(ctx.db, records);
  return rows.map((r) => ({
    campaignId: r.campaignId,
    campaignName: r.campaignName,
    entity: r.entity as CampaignMemberEntity,
    entityId: r.entityId,
    status: r.status as CampaignMemberStatus,
    lastAt: r.lastAt,
  }));
}

/** A campaign's members (id, record, status), for a send to go through them; on the caller's handle. */
export function campaignMembersOf(db: Kysely<DB>, campaignId: number) {
  return repo.membersOfCampaign(db, campaignId);
}

/** The order a member moves through by what it did with a campaign's message; bounced and unsubscribed end it. */
const progress: CampaignMemberStatus[] = [
  'planned',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'responded',
  'converted',
];
const ended: CampaignMemberStatus[] = ['bounced', 'unsubscribed'];

/**
 * Moves a member on by what a campaign's message saw it do (sent, opened, clicked, unsubscribed), never back: a
 * member who already clicked is not moved to opened, nor one who responded to sent. Unsubscribed and bounced
 * always apply. Runs on the caller's handle.
 */
export async function advanceCampaignMember(db: Kysely<DB>, memberId: number, status: CampaignMemberStatus) {
  const unless = ended.includes(status) ? [status] : [...ended, ...progress.slice(progress.indexOf(status))];
  await repo.advanceMemberStatus(db, memberId, status, unless, nowIso());
}
