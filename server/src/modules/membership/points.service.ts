import {
  fromMinorUnits,
  mostPointsWithin,
  pointsEarned,
  type PointsKind,
  pointsValue,
  rateToCenti,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { localDate, nowIso } from '../../db/time.ts';
import type { AuditActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { toCompanyCurrency } from '../inventory/index.ts';
import { getSettings } from '../settings/index.ts';
import * as ledger from './ledger.repository.ts';
import { readLoyaltySettings } from './levels.service.ts';
import * as members from './members.repository.ts';

export type PointsChange = {
  kind: PointsKind;
  points: number;
  orderId?: number | null;
  receiptId?: number | null;
  spend?: number;
  rateCenti?: number | null;
  multiplierBp?: number | null;
  reason?: string | null;
  /** An expiry's last year; credits take the year they come in. */
  bucketYear?: number | null;
};

/**
 * Writes one change of a member's balance: the balance moves in one guarded statement (never below zero when
 * `keepNonNegative`; a refund's reversal may take it below) and the ledger row records the balance after it.
 * Answers that balance, or null when the guard refused the change. Runs on the caller's transaction.
 */
export async function recordPoints(
  db: Kysely<DB>,
  actor: AuditActor | null,
  memberId: number,
  change: PointsChange,
  keepNonNegative: boolean,
): Promise<number | null> {
  const now = nowIso();
  const balanceAfter = await members.addToBalance(db, memberId, change.points, now, keepNonNegative);
  if (balanceAfter === null) return null;
  const { timezone } = await getSettings(db);
  await ledger.insertEntry(db, {
    memberId,
    kind: change.kind,
    points: change.points,
    balanceAfter,
    bucketYear: change.points > 0 ? Number(localDate(now, timezone).slice(0, 4)) : (change.bucketYear ?? null),
    orderId: change.orderId ?? null,
    receiptId: change.receiptId ?? null,
    spend: change.spend ?? 0,
    rateCenti: change.rateCenti ?? null,
    multiplierBp: change.multiplierBp ?? null,
    reason: change.reason ?? null,
    createdBy: actor?.userId || null,
    occurredAt: now,
  });
  return balanceAfter;
}

/** An order's payment as the payments module sees it after a receipt is confirmed (minor units of its currency). */
export type OrderPayment = { orderId: number; customerId: number; currency: string; total: number; received: number };

/**
 * Brings the points an order earned in line with what it has been paid, in the transaction that confirmed the
 * receipt: once an order is paid in full, its member earns its total (in the company currency) × the points per
 * unit × the level's multiplier, rounded down — once; a refund that takes it below its total reverses the points
 * of the part given back (at the rate and multiplier it earned at), and paying it again earns them again.
 * Orders of customers who are not members earn nothing; a removed member earns nothing new.
 */
export async function settleOrderPoints(
  ctx: AppContext,
  actor: AuditActor,
  payments: OrderPayment[],
  receiptId: number,
): Promise<void> {
  for (const payment of payments) {
    if (payment.total <= 0) continue;
    const member = await members.findMemberOfCustomer(ctx.db, payment.customerId);
    if (!member) continue;
    await members.lockMembers(ctx.db, [member.id]);
    const held = await ledger.orderEntries(ctx.db, payment.orderId);
    if (!held.firstEarning) {
      if (member.status !== 'active' || payment.received < payment.total) continue;
      const [loyalty, company] = await Promise.all([readLoyaltySettings(ctx), getSettings(ctx.db)]);
      const spend = toCompanyCurrency(payment.total, payment.currency, company);
      const rateCenti = rateToCenti(loyalty.earnPointsPerUnit);
      await recordPoints(
        ctx.db,
        actor,
        member.id,
        {
          kind: 'earned',
          points: pointsEarned(spend, rateCenti, member.multiplierBp),
          orderId: payment.orderId,
          receiptId,
          spend,
          rateCenti,
          multiplierBp: member.multiplierBp,
        },
        false,
      );
      continue;
    }
    const { spend, rateCenti, multiplierBp } = held.firstEarning;
    const paid = Math.min(Math.max(payment.received, 0), payment.total);
    const targetSpend = Number((BigInt(spend) * BigInt(paid)) / BigInt(payment.total));
    const targetPoints = pointsEarned(targetSpend, rateCenti, multiplierBp);
    const points = targetPoints - held.earnedPoints;
    const spendChange = targetSpend - held.earnedSpend;
    if (points === 0 && spendChange === 0) continue;
    await recordPoints(
      ctx.db,
      actor,
      held.firstEarning.memberId,
      {
        kind: points < 0 || (points === 0 && spendChange < 0) ? 'reversed' : 'earned',
        points,
        orderId: payment.orderId,
        receiptId,
        spend: spendChange,
        rateCenti,
        multiplierBp,
      },
      false,
    );
  }
}

/** Points a quote or an order would redeem, checked: what they take off the document's total (minor units). */
export type Redemption = { points: number; amount: number };

/**
 * Checks the points a document redeems and works out their amount: only for an active member, in the company
 * currency, within the balance (plus what the document already holds) and within the document's total.
 */
export async function redemptionFor(
  ctx: AppContext,
  document: { customerId: number; currency: string; points: number; total: number; heldPoints?: number },
): Promise<Redemption> {
  if (!document.points) return { points: 0, amount: 0 };
  const member = await members.findMemberOfCustomer(ctx.db, document.customerId);
  if (!member || member.status !== 'active') throw fieldError('pointsRedeemed', 'notAMember');
  const [loyalty, company] = await Promise.all([readLoyaltySettings(ctx), getSettings(ctx.db)]);
  if (document.currency !== company.defaultCurrency)
    throw fieldError('pointsRedeemed', 'pointsCurrency', { currency: company.defaultCurrency });
  const available = Number(member.balance) + (document.heldPoints ?? 0);
  if (document.points > available) throw fieldError('pointsRedeemed', 'pointsOverBalance', { balance: available });
  const amount = pointsValue(document.points, loyalty.redeemPointsPerUnit);
  if (amount <= 0) throw fieldError('pointsRedeemed', 'pointsTooFew', { perUnit: loyalty.redeemPointsPerUnit });
  if (amount > document.total)
    throw fieldError('pointsRedeemed', 'pointsOverTotal', {
      total: fromMinorUnits(document.total),
      most: mostPointsWithin(document.total, loyalty.redeemPointsPerUnit),
    });
  return { points: document.points, amount };
}

/**
 * Makes the points an order holds from its member's balance `points`, in the order's transaction: more are
 * redeemed (never beyond the balance), fewer are returned; cancelling or deleting the order returns them all.
 * Doing it again changes nothing.
 */
export async function holdOrderPoints(
  ctx: AppContext,
  actor: AuditActor,
  order: { orderId: number; customerId: number; points: number },
): Promise<void> {
  const held = await ledger.orderEntries(ctx.db, order.orderId);
  const change = order.points - held.heldPoints;
  if (!change) return;
  const member = await members.findMemberOfCustomer(ctx.db, order.customerId);
  if (!member) throw fieldError('pointsRedeemed', 'notAMember');
  await members.lockMembers(ctx.db, [member.id]);
  const balance = await recordPoints(
    ctx.db,
    actor,
    member.id,
    { kind: change > 0 ? 'redeemed' : 'returned', points: -change, orderId: order.orderId },
    change > 0,
  );
  if (balance === null)
    throw fieldError('pointsRedeemed', 'pointsOverBalance', { balance: Number(member.balance) + held.heldPoints });
}
