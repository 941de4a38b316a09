import { divideRounded, soldOrderStatuses } from '@relate/common';
import type { Insertable, Kysely } from 'kysely';
import type { CommissionStatementLineTable, DB } from '../../db/schema.ts';
import { localDate } from '../../db/time.ts';
import { converter } from '../opportunities/index.ts';
import type { getSettings } from '../settings/index.ts';
import { adjustmentOf, commissionOf, type PlanRate, rateFor, splitByWeights } from './rules.ts';
import * as repo from './sources.repository.ts';

// The lines of a statement: its month's own and its adjustments, as the rules in generation.service.ts say.

export type Settings = Awaited<ReturnType<typeof getSettings>>;
export type MonthSpan = { month: string; from: string; to: string; firstDay: string; lastDay: string };
export type NewLine = Omit<Insertable<CommissionStatementLineTable>, 'statementId'>;
export type Plan = {
  id: number;
  name: string;
  basis: string;
  startDate: string;
  endDate: string | null;
  cap: number | null;
  rates: PlanRate[];
  tiers: Array<{ fromBp: number; multiplierBp: number }>;
};

/** Product categories: each one's chain up the tree (itself first) and its name. */
async function categoryCatalogue(db: Kysely<DB>) {
  const rows = await repo.categories(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chainOf = (id: number | null): number[] => {
    const chain: number[] = [];
    for (let at = id === null ? undefined : byId.get(id); at && chain.length < 50; at = byId.get(at.parentId ?? -1))
      chain.push(at.id);
    return chain;
  };
  return { chainOf, nameOf: (id: number | null) => (id === null ? null : (byId.get(id)?.name ?? null)) };
}

/** Each order's weights per category: the net amounts of its lines (a category of zero weighs nothing). */
async function orderWeights(db: Kysely<DB>, orderIds: number[]) {
  const rows = await repo.categoryWeights(db, [...new Set(orderIds)]);
  const weights = new Map<number, Array<[number | null, number]>>();
  for (const row of rows) {
    if (Number(row.net) <= 0) continue;
    const list = weights.get(row.orderId) ?? [];
    list.push([row.categoryId, Number(row.net)]);
    weights.set(row.orderId, list);
  }
  // The same order on both databases: no category first, then by id.
  for (const list of weights.values()) list.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  return (orderId: number): Array<[number | null, number]> => weights.get(orderId) ?? [[null, 1]];
}

/** `part` of `whole` of an amount in another currency, in that currency (half up). */
function shareOf(amount: number, part: number, whole: number): number {
  if (part === whole || whole === 0) return amount;
  const exact = BigInt(Math.abs(amount)) * BigInt(Math.abs(part));
  return Math.sign(amount) * Number(divideRounded(exact, BigInt(Math.abs(whole)), 'half_up'));
}

/** The month's own lines of a person's plan. */
export async function ownLines(
  db: Kysely<DB>,
  plan: Plan,
  userId: number,
  span: MonthSpan,
  settings: Settings,
  multiplierBp: number,
): Promise<NewLine[]> {
  const tz = settings.timezone;
  const sources =
    plan.basis === 'received'
      ? (await repo.receiptParts(db, userId, span.from, span.to)).map((r) => ({
          kind: 'receipt',
          sourceId: r.receiptId,
          receiptId: r.receiptId as number | null,
          orderId: r.orderId,
          customerId: r.customerId,
          customerLevel: r.customerLevel,
          day: localDate(r.confirmedAt!, tz),
          amount: Number(r.amount),
          currency: r.currency,
        }))
      : (await repo.wonOrders(db, userId, span.from, span.to, soldOrderStatuses)).map((o) => ({
          kind: 'order',
          sourceId: o.orderId,
          receiptId: null,
          orderId: o.orderId,
          customerId: o.customerId,
          customerLevel: o.customerLevel,
          day: localDate(o.approvedAt!, tz),
          amount: Number(o.amount),
          currency: o.currency,
        }));
  const counted = sources.filter((s) => s.day >= plan.startDate && (!plan.endDate || s.day <= plan.endDate));
  const weightsOf = await orderWeights(
    db,
    counted.map((s) => s.orderId),
  );
  const categories = await categoryCatalogue(db);
  const convert = converter(settings);
  const lines: NewLine[] = [];
  for (const source of counted) {
    const weights = weightsOf(source.orderId);
    const base = convert(source.amount, source.currency);
    const own = splitByWeights(source.amount, weights);
    splitByWeights(base, weights).forEach(([categoryId, part], i) => {
      const rate = rateFor(plan.rates, categories.chainOf(categoryId), source.customerLevel);
      if (!rate || part === 0) return;
      const commission = commissionOf(part, rate.rateBp, multiplierBp);
      lines.push({
        kind: source.kind,
        sourceId: source.sourceId,
        event: null,
        orderId: source.orderId,
        receiptId: source.receiptId,
        invoiceId: null,
        adjustsLineId: null,
        customerId: source.customerId,
        customerLevel: source.customerLevel,
        categoryId,
        categoryName: categories.nameOf(categoryId),
        sourceDate: source.day,
        sourceAmount: own[i][1],
        sourceCurrency: source.currency,
        base: part,
        rateBp: rate.rateBp,
        multiplierBp,
        computed: commission,
        commission,
      });
    });
  }
  return lines;
}

/** The adjustments a person's statement of this month makes to their locked lines (see the rules above). */
export async function adjustmentLines(
  db: Kysely<DB>,
  userId: number,
  span: MonthSpan,
  settings: Settings,
): Promise<NewLine[]> {
  const orderIds = await repo.ordersAwaitingAdjustment(db, userId, span.month, span);
  if (!orderIds.length) return [];
  const [locked, made, refunds, redLetters, weightsOf] = await Promise.all([
    repo.lockedLinesOf(db, orderIds),
    repo.adjustmentsOf(db, orderIds),
    repo.refundParts(db, orderIds, span.to),
    repo.redLetters(db, orderIds, span.lastDay),
    orderWeights(db, orderIds),
  ]);
  const pair = (lineId: number, event: string, sourceId: number) => `${lineId}|${event}|${sourceId}`;
  /** What each line has given back (base, positive), each pair already adjusted, each statement's reversals (≤ 0). */
  const reversed = new Map<number, number>();
  const adjusted = new Map<string, number>();
  const statementReversals = new Map<number, number>();
  for (const a of made) {
    reversed.set(a.adjustsLineId!, (reversed.get(a.adjustsLineId!) ?? 0) - Number(a.base));
    adjusted.set(pair(a.adjustsLineId!, a.event!, a.sourceId), -Number(a.base));
    statementReversals.set(
      a.adjustedStatementId,
      (statementReversals.get(a.adjustedStatementId) ?? 0) + Number(a.computed),
    );
  }
  const events = [
    ...refunds.map((r) => ({
      event: 'refund',
      id: r.id,
      day: localDate(r.confirmedAt!, settings.timezone),
      orderId: r.orderId,
      amount: Number(r.amount),
      currency: r.currency,
      receiptId: r.id as number | null,
      invoiceId: null as number | null,
      touches: 'receipt',
    })),
    ...redLetters.map((i) => ({
      event: 'red_letter',
      id: i.id,
      day: i.issuedOn,
      orderId: i.orderId!,
      amount: -Number(i.amount),
      currency: i.currency,
      receiptId: null,
      invoiceId: i.id,
      touches: 'order',
    })),
  ].sort((a, b) => a.day.localeCompare(b.day) || a.event.localeCompare(b.event) || a.id - b.id);
  const convert = converter(settings);
  const lines: NewLine[] = [];
  for (const event of events) {
    const weights = weightsOf(event.orderId);
    const own = splitByWeights(event.amount, weights);
    splitByWeights(convert(event.amount, event.currency), weights).forEach(([categoryId, part], i) => {
      const candidates = locked
        .filter(
          (l) =>
            l.orderId === event.orderId &&
            l.kind === event.touches &&
            l.categoryId === categoryId &&
            l.sourceDate <= event.day,
        )
        .sort((a, b) => b.sourceDate.localeCompare(a.sourceDate) || b.id - a.id);
      let left = part - candidates.reduce((sum, l) => sum + (adjusted.get(pair(l.id, event.event, event.id)) ?? 0), 0);
      for (const line of candidates) {
        if (left <= 0) break;
        if (adjusted.has(pair(line.id, event.event, event.id))) continue;
        const take = Math.min(left, Number(line.base) - (reversed.get(line.id) ?? 0));
        if (take <= 0) continue;
        reversed.set(line.id, (reversed.get(line.id) ?? 0) + take);
        left -= take;
        // Another person's line, or one of a month not before this one, is adjusted on their own statement.
        if (line.ownerId !== userId || line.month >= span.month) continue;
        const computed = commissionOf(-take, line.rateBp, line.multiplierBp);
        const soFar = statementReversals.get(line.statementId) ?? 0;
        statementReversals.set(line.statementId, soFar + computed);
        lines.push({
          kind: 'adjustment',
          sourceId: event.id,
          event: event.event,
          orderId: event.orderId,
          receiptId: event.receiptId,
          invoiceId: event.invoiceId,
          adjustsLineId: line.id,
          customerId: line.customerId,
          customerLevel: line.customerLevel,
          categoryId: line.categoryId,
          categoryName: line.categoryName,
          sourceDate: event.day,
          sourceAmount: -shareOf(own[i][1], take, part),
          sourceCurrency: event.currency,
          base: -take,
          rateBp: line.rateBp,
          multiplierBp: line.multiplierBp,
          computed,
          commission: adjustmentOf(Number(line.gross), line.cap === null ? null : Number(line.cap), soFar, computed),
        });
      }
    });
  }
  return lines;
}
