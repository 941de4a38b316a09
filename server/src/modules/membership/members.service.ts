import {
  type CustomerMembership,
  fromMinorUnits,
  type LevelChange,
  type LevelChangeReason,
  type Member,
  type MemberStatus,
  multiplierFromBp,
  type Page,
  type PointsEntry,
  type PointsKind,
  pointsValue,
} from '@relate/common';
import { dayjs, nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/document-numbers.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { fromBasisPoints } from '../../platform/percent.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import * as ledger from './ledger.repository.ts';
import * as levelsRepo from './levels.repository.ts';
import { readLoyaltySettings } from './levels.service.ts';
import * as repo from './members.repository.ts';
import { recordPoints } from './points.service.ts';

/** The rolling window a member's spend is counted over for the level. */
export const spendWindowStart = (now: Date) => dayjs(now).subtract(12, 'month').toISOString();

/** A customer the caller may see, or 404: a member is seen by whoever sees the customer. */
async function visibleCustomerId(ctx: AppContext, actor: Actor, customerId: number): Promise<number> {
  if (!(await findVisibleCustomer(ctx, actor, customerId))) throw notFound();
  return customerId;
}

async function toMember(ctx: AppContext, row: repo.MemberRow): Promise<Member> {
  const [spend, levels, loyalty, company] = await Promise.all([
    ledger.spendSince(ctx.db, [row.id], spendWindowStart(new Date())),
    levelsRepo.listLevels(ctx.db),
    readLoyaltySettings(ctx),
    getSettings(ctx.db),
  ]);
  const current = levels.find((l) => l.id === row.levelId);
  const next = levels.find((l) => Number(l.minSpend) > Number(current?.minSpend ?? 0));
  return {
    id: row.id,
    customerId: row.customerId,
    number: row.number,
    levelId: row.levelId,
    levelNameZh: row.levelNameZh,
    levelNameEn: row.levelNameEn,
    discountPercent: fromBasisPoints(row.discountBp),
    multiplier: multiplierFromBp(row.multiplierBp),
    levelLocked: Boolean(row.levelLocked),
    status: row.status as MemberStatus,
    balance: Number(row.balance),
    spend12Months: fromMinorUnits(spend.get(row.id) ?? 0),
    nextLevel: next
      ? { id: next.id, nameZh: next.nameZh, nameEn: next.nameEn, minSpend: fromMinorUnits(Number(next.minSpend)) }
      : null,
    balanceValue: fromMinorUnits(pointsValue(Number(row.balance), loyalty.redeemPointsPerUnit)),
    currency: company.defaultCurrency,
    redeemPointsPerUnit: loyalty.redeemPointsPerUnit,
    enrolledAt: row.enrolledAt,
    enrolledByName: row.enrolledByName,
    removedAt: row.removedAt,
  };
}

/** A customer's membership (null when the customer is not a member); 404 for a customer the caller may not see. */
export async function getCustomerMembership(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
): Promise<CustomerMembership> {
  await visibleCustomerId(ctx, actor, customerId);
  const row = await repo.findMemberOfCustomer(ctx.db, customerId);
  return { member: row ? await toMember(ctx, row) : null };
}

async function activeMemberOf(ctx: AppContext, actor: Actor, customerId: number): Promise<repo.MemberRow> {
  await visibleCustomerId(ctx, actor, customerId);
  const row = await repo.findMemberOfCustomer(ctx.db, customerId);
  if (!row || row.status !== 'active') throw new AppError('CONFLICT', 'notAMember');
  return row;
}

/** The level asked for, or the lowest when none is named (a field error when it does not exist). */
async function chosenLevel(ctx: AppContext, levelId: number | undefined) {
  if (levelId) {
    const level = await levelsRepo.findLevel(ctx.db, levelId);
    if (!level) throw fieldError('levelId', 'notFoundOrHidden');
    return level;
  }
  const [lowest] = await levelsRepo.listLevels(ctx.db);
  if (!lowest) throw fieldError('levelId', 'noMemberLevels');
  return lowest;
}

async function recordLevelChange(
  ctx: AppContext,
  actor: Actor,
  memberId: number,
  change: { from: number | null; to: number; reason: LevelChangeReason },
) {
  await repo.insertLevelChanges(ctx.db, [
    {
      memberId,
      fromLevelId: change.from,
      toLevelId: change.to,
      reason: change.reason,
      spend: null,
      createdBy: actor.userId,
      createdAt: nowIso(),
    },
  ]);
}

/** Enrols a customer as a member (a removed member comes back with its number and balance); 409 when it is one. */
export async function enrolMember(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  input: { levelId?: number; levelLocked?: boolean },
): Promise<CustomerMembership> {
  await visibleCustomerId(ctx, actor, customerId);
  const level = await chosenLevel(ctx, input.levelId);
  const { timezone } = await getSettings(ctx.db);
  await inTransaction(ctx, async (ctx) => {
    const existing = await repo.findMemberOfCustomer(ctx.db, customerId);
    if (existing?.status === 'active') throw new AppError('CONFLICT', 'alreadyMember');
    const now = nowIso();
    const enrolment = {
      levelId: level.id,
      levelLocked: input.levelLocked ? 1 : 0,
      status: 'active',
      enrolledAt: now,
      enrolledBy: actor.userId,
      removedAt: null,
      removedBy: null,
      updatedAt: now,
    };
    let memberId: number;
    if (existing) {
      memberId = existing.id;
      await repo.updateMember(ctx.db, memberId, enrolment);
    } else {
      const number = await nextDocumentNumber(ctx.db, 'members', 'M{SEQ6}', timezone);
      memberId = await repo.insertMember(ctx.db, { ...enrolment, customerId, number, balance: 0, createdAt: now });
    }
    await recordLevelChange(ctx, actor, memberId, {
      from: existing?.levelId ?? null,
      to: level.id,
      reason: 'enrolled',
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'members',
      entityId: memberId,
      detail: { customerId, level: level.nameZh, levelLocked: Boolean(input.levelLocked) },
    });
  });
  return getCustomerMembership(ctx, actor, customerId);
}

/** Sets a member's level by hand; `levelLocked` keeps it through the nightly review. */
export async function chooseMemberLevel(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  input: { levelId: number; levelLocked: boolean },
): Promise<CustomerMembership> {
  const member = await activeMemberOf(ctx, actor, customerId);
  const level = await chosenLevel(ctx, input.levelId);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateMember(ctx.db, member.id, {
      levelId: level.id,
      levelLocked: input.levelLocked ? 1 : 0,
      updatedAt: nowIso(),
    });
    if (level.id !== member.levelId)
      await recordLevelChange(ctx, actor, member.id, { from: member.levelId, to: level.id, reason: 'manual' });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'members',
      entityId: member.id,
      changes: [
        { field: 'level', old: member.levelNameZh, new: level.nameZh },
        { field: 'levelLocked', old: Boolean(member.levelLocked), new: input.levelLocked },
      ].filter((c) => c.old !== c.new),
    });
  });
  return getCustomerMembership(ctx, actor, customerId);
}

/** Ends a membership: it earns and redeems nothing more; its number, ledger and balance are kept for a return. */
export async function removeMember(ctx: AppContext, actor: Actor, customerId: number): Promise<void> {
  const member = await activeMemberOf(ctx, actor, customerId);
  await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    await repo.updateMember(ctx.db, member.id, {
      status: 'removed',
      removedAt: now,
      removedBy: actor.userId,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'members',
      entityId: member.id,
      detail: { customerId, number: member.number, balance: Number(member.balance) },
    });
  });
}

/** Adds or takes off points by hand with a reason; a balance never goes below zero this way (409). */
export async function adjustPoints(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  input: { points: number; reason: string },
): Promise<CustomerMembership> {
  const member = await activeMemberOf(ctx, actor, customerId);
  await inTransaction(ctx, async (ctx) => {
    await repo.lockMembers(ctx.db, [member.id]);
    const balance = await recordPoints(
      ctx.db,
      actor,
      member.id,
      { kind: 'adjusted', points: input.points, reason: input.reason },
      true,
    );
    if (balance === null) throw fieldError('points', 'pointsBelowZero', { balance: Number(member.balance) });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'members',
      entityId: member.id,
      detail: { points: input.points, reason: input.reason, balance },
    });
  });
  return getCustomerMembership(ctx, actor, customerId);
}

/** A page of a member's points ledger, latest first (an empty page for a customer who never was a member). */
export async function memberLedger(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  query: { page: number; pageSize: number; kind?: PointsKind[] },
): Promise<Page<PointsEntry>> {
  await visibleCustomerId(ctx, actor, customerId);
  const member = await repo.findMemberOfCustomer(ctx.db, customerId);
  if (!member) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const { items, total } = await ledger.ledgerPage(ctx.db, member.id, query.kind, query);
  return {
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind as PointsKind,
      points: Number(r.points),
      balanceAfter: Number(r.balanceAfter),
      bucketYear: r.bucketYear,
      orderId: r.orderId,
      orderNumber: r.orderNumber,
      receiptId: r.receiptId,
      receiptNumber: r.receiptNumber,
      spend: fromMinorUnits(Number(r.spend)),
      reason: r.reason,
      createdByName: r.createdByName,
      occurredAt: r.occurredAt,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A member's level changes, latest first. */
export async function memberLevelHistory(ctx: AppContext, actor: Actor, customerId: number): Promise<LevelChange[]> {
  await visibleCustomerId(ctx, actor, customerId);
  const member = await repo.findMemberOfCustomer(ctx.db, customerId);
  if (!member) return [];
  return (await repo.levelChangesOf(ctx.db, member.id)).map((c) => ({
    id: c.id,
    fromLevelName: c.fromNameZh !== null ? { zh: c.fromNameZh, en: c.fromNameEn ?? c.fromNameZh } : null,
    toLevelName: { zh: c.toNameZh, en: c.toNameEn },
    reason: c.reason as LevelChangeReason,
    spend: c.spend === null ? null : fromMinorUnits(Number(c.spend)),
    createdByName: c.createdByName,
    createdAt: c.createdAt,
  }));
}
