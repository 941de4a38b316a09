import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, PointsLedgerTable } from '../../db/schema.ts';
import { pageWithTotal } from '../../platform/list-query.ts';

export async function insertEntry(db: Kysely<DB>, row: Insertable<PointsLedgerTable>): Promise<void> {
  await db.insertInto('pointsLedger').values(row).execute();
}

/** A page of a member's ledger, latest first, with the number of all its entries of those kinds. */
export function ledgerPage(
  db: Kysely<DB>,
  memberId: number,
  kinds: string[] | undefined,
  page: { page: number; pageSize: number },
) {
  let qb = db
    .selectFrom('pointsLedger as l')
    .leftJoin('orders', 'orders.id', 'l.orderId')
    .leftJoin('receipts', 'receipts.id', 'l.receiptId')
    .leftJoin('users', 'users.id', 'l.createdBy')
    .selectAll('l')
    .select(['orders.number as orderNumber', 'receipts.number as receiptNumber', 'users.displayName as createdByName'])
    .where('l.memberId', '=', memberId);
  if (kinds?.length) qb = qb.where('l.kind', 'in', kinds);
  return pageWithTotal(qb.orderBy('l.occurredAt', 'desc').orderBy('l.id', 'desc'), page);
}

/**
 * What the ledger holds for an order: the points and spend it earned net of reversals, the rate and
 * multiplier of its first earning, and the points it holds redeemed net of those returned.
 */
export async function orderEntries(db: Kysely<DB>, orderId: number) {
  const rows = await db
    .selectFrom('pointsLedger')
    .select(['memberId', 'kind', 'points', 'spend', 'rateCenti', 'multiplierBp'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
  const earning = rows.filter((r) => r.kind === 'earned' || r.kind === 'reversed');
  const redemption = rows.filter((r) => r.kind === 'redeemed' || r.kind === 'returned');
  const first = earning.find((r) => r.kind === 'earned');
  return {
    earnedPoints: earning.reduce((sum, r) => sum + Number(r.points), 0),
    earnedSpend: earning.reduce((sum, r) => sum + Number(r.spend), 0),
    firstEarning: first
      ? {
          memberId: first.memberId,
          spend: Number(first.spend),
          rateCenti: first.rateCenti!,
          multiplierBp: first.multiplierBp!,
        }
      : null,
    heldPoints: -redemption.reduce((sum, r) => sum + Number(r.points), 0),
  };
}

/** Each member's spend counted towards the level since `since` (earned less reversed), summed by the database. */
export async function spendSince(db: Kysely<DB>, memberIds: number[], since: string): Promise<Map<number, number>> {
  if (!memberIds.length) return new Map();
  const rows = await db
    .selectFrom('pointsLedger')
    .select(['memberId', sql<number>`coalesce(sum(spend), 0)`.as('spend')])
    .where('memberId', 'in', memberIds)
    .where('occurredAt', '>=', since)
    .where('kind', 'in', ['earned', 'reversed'])
    .groupBy('memberId')
    .execute();
  return new Map(rows.map((r) => [r.memberId, Number(r.spend)]));
}

/**
 * What is left of the points credited up to the end of `lastYear`, per member: those credits less every
 * debit so far (debits take the oldest points first), where more than nothing is left.
 */
export async function expiringRemainders(db: Kysely<DB>, memberIds: number[], lastYear: number) {
  if (!memberIds.length) return [];
  const rows = await db
    .selectFrom('pointsLedger')
    .select([
      'memberId',
      sql<number>`coalesce(sum(case when points > 0 and bucket_year <= ${lastYear} then points else 0 end), 0)`.as(
        'credited',
      ),
      sql<number>`coalesce(sum(case when points < 0 then -points else 0 end), 0)`.as('debited'),
    ])
    .where('memberId', 'in', memberIds)
    .groupBy('memberId')
    .execute();
  return rows
    .map((r) => ({ memberId: r.memberId, remaining: Number(r.credited) - Number(r.debited) }))
    .filter((r) => r.remaining > 0);
}

/** The next members after `afterId` (id order) that were credited points up to the end of `lastYear`. */
export async function membersCreditedUpTo(db: Kysely<DB>, lastYear: number, afterId: number, limit: number) {
  return db
    .selectFrom('members')
    .select('id')
    .where('id', '>', afterId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('pointsLedger')
          .select('pointsLedger.id')
          .whereRef('pointsLedger.memberId', '=', 'members.id')
          .where('pointsLedger.points', '>', 0)
          .where('pointsLedger.bucketYear', '<=', lastYear),
      ),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}
