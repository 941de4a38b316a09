import type { CommissionGenerated } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dayjs, nowIso } from '../../db/time.ts';
import { type AuditActor, systemActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { amountWonAgainstTarget, currentMonth, periodBounds } from '../performance/index.ts';
import { getSettings } from '../settings/index.ts';
import { displayNamesOf, findUserDepartmentAndStatus } from '../users/index.ts';
import * as plansRepo from './plans.repository.ts';
import { attainmentOf, cappedOf, multiplierFor, oneTimes } from './rules.ts';
import * as sources from './sources.repository.ts';
import { adjustmentLines, type MonthSpan, ownLines, type Plan } from './statement-lines.ts';
import * as repo from './statements.repository.ts';

/*
 * How a month's statement is computed — the rules, in one place.
 *
 * Month: a calendar month in the company's time zone (system settings). Money: integer minor units; every
 * amount is converted to the default currency at the rates of the settings when the statement is computed,
 * as the other money analyses do; rates, multipliers and attainment are exact integers (rules.ts).
 *
 * Plan: a person's plan for a month is an active plan in force on some day of it (started by its last day,
 * not ended before its first) and assigned to them — directly, or through a role they hold while active. A
 * plan assigned directly beats one through a role; then the later start date, then the newer plan. A line
 * counts only when its day lies within the plan's dates.
 *
 * Lines (the month's own):
 * - received basis: every receipt confirmed in the month (its confirmation decides the month, not the day
 *   the money arrived), for the part matched to instalments of orders the person owns now (the order's
 *   owner decides, not who recorded the receipt); money matched to no order is not commissioned. One line
 *   per receipt, order and product category. Refunds are not receipts here: they adjust (below).
 * - won basis: every order the person owns that was approved in the month and is still sold (approved,
 *   delivered or completed; not cancelled, terminated or deleted), on its total (tax included), one line
 *   per order and product category.
 * - An order is commissioned on one basis once: a receipt or order already on any statement is left out,
 *   and so are the receipts of an order commissioned as won.
 * - Categories: an order's amount (or a receipt's part of it) is split across the product categories of
 *   its lines in proportion to their net amounts (lines without a product have none), exactly (rules.ts).
 * - Rate: the most specific matching rate of the plan (rules.ts rateFor: a category rate — the nearest
 *   category up the tree — beats any rate without one; then the customer's level beats every level; the
 *   default last). A part no rate matches is not a line.
 * - Tier: the month's attainment is what the person won (won opportunities closed in the month, as the
 *   leaderboard counts them) against their amount-won target for the month; the highest tier reached gives
 *   the multiplier of every line of the month. Without a target or without tiers the multiplier is 1.
 * - Commission of a line: base × rate × multiplier, to the minor unit, half away from zero.
 * - Cap: a statement pays its own lines' sum up to the plan's cap; adjustments come on top.
 *
 * Adjustments: lines of a locked statement are never rewritten. A refund (confirmed; taking money back
 * from an order's instalments) touches the receipt lines of that order; a red-letter invoice (issued)
 * touches the order's won line. Each is split across the order's categories as above and taken back from
 * the locked lines of that order and category — the newest first, of any person, each at most up to what
 * is left of it, only lines counted on or before the event's day. What it takes back from a person's line
 * is an adjustment line (negative, at that line's rate and multiplier) on that person's first statement
 * computed for a later month than the locked one, once the event has happened by that month's end: the
 * next month's, as a rule. A statement whose lines passed its cap gives back only what it paid (rules.ts
 * adjustmentOf). Each event adjusts each line once (a unique index holds it); recomputing a draft takes
 * its adjustments back with its lines and makes them again.
 *
 * Statements: one per person and month, computed as a draft (again and again while draft or rejected, its
 * lines replaced in one transaction); submitted, then locked when approved. A submitted or locked statement
 * is never computed again.
 */

/** A draft or a rejected statement may be computed again; a submitted or locked one never. */
export const recomputable = (status: string) => status === 'draft' || status === 'rejected';

export function monthSpan(month: string, timezone: string): MonthSpan {
  const first = dayjs(`${month}-01`);
  return {
    month,
    ...periodBounds(month, timezone),
    firstDay: first.format('YYYY-MM-DD'),
    lastDay: first.endOf('month').format('YYYY-MM-DD'),
  };
}

/** Each person's plan for the month (see the rules above). */
async function planOfEachPerson(db: Kysely<DB>, span: MonthSpan): Promise<Map<number, number>> {
  type Row = Awaited<ReturnType<typeof plansRepo.plansInForce>>[number];
  const direct = (row: Row) => Number(row.directUserId === row.userId);
  const preferred = (a: Row, b: Row) =>
    direct(b) - direct(a) || b.startDate.localeCompare(a.startDate) || b.planId - a.planId;
  const plans = new Map<number, number>();
  for (const row of (await plansRepo.plansInForce(db, span.firstDay, span.lastDay)).sort(preferred))
    if (row.status === 'active' && !plans.has(row.userId)) plans.set(row.userId, row.planId);
  return plans;
}

async function loadPlan(db: Kysely<DB>, id: number): Promise<Plan> {
  const plan = (await plansRepo.findPlan(db, id))!;
  const parts = await plansRepo.partsOf(db, [id]);
  return {
    id,
    name: plan.name,
    basis: plan.basis,
    startDate: plan.startDate,
    endDate: plan.endDate,
    cap: plan.cap === null ? null : Number(plan.cap),
    rates: parts.rates.map((r) => ({ categoryId: r.categoryId, customerLevel: r.customerLevel, rateBp: r.rateBp })),
    tiers: parts.tiers.map((t) => ({ fromBp: t.fromBp, multiplierBp: t.multiplierBp })),
  };
}

type Computed = { statementId: number; status: string; computed: boolean } | null;

/**
 * Computes one person's statement of a month in one transaction: a new draft, or a draft (or rejected
 * statement) computed again with its lines replaced; a submitted or locked statement is left as it is
 * (`computed` false). Null when there is nothing to make a statement of: no plan and no adjustment.
 */
async function computeStatement(
  ctx: AppContext,
  actor: AuditActor,
  userId: number,
  span: MonthSpan,
  planId: number | null,
): Promise<Computed> {
  return inTransaction(ctx, async (ctx) => {
    const { db } = ctx;
    const existing = await repo.findStatementOf(db, userId, span.month);
    if (existing && !recomputable(existing.status))
      return { statementId: existing.id, status: existing.status, computed: false };
    if (existing) await repo.deleteLinesOf(db, existing.id);
    const settings = await getSettings(db);
    const plan = planId === null ? null : await loadPlan(db, planId);
    const won = plan ? (await amountWonAgainstTarget(ctx, [userId], span.month)).get(userId)! : null;
    const multiplierBp = plan && won ? multiplierFor(plan.tiers, won.achieved, won.target) : oneTimes;
    const lines = [
      ...(plan ? await ownLines(db, plan, userId, span, settings, multiplierBp) : []),
      ...(await adjustmentLines(db, userId, span, settings)),
    ];
    if (!existing && !plan && !lines.length) return null;
    const person = await findUserDepartmentAndStatus(db, userId);
    const now = nowIso();
    const by = actor.userId || null;
    const head = {
      departmentId: person?.departmentId ?? null,
      planId: plan?.id ?? null,
      planName: plan?.name ?? null,
      basis: plan?.basis ?? null,
      status: 'draft',
      currency: settings.defaultCurrency,
      target: won?.target ?? null,
      achieved: won && won.target !== null ? won.achieved : null,
      attainmentBp: won ? attainmentOf(won.achieved, won.target) : null,
      multiplierBp,
      cap: plan?.cap ?? null,
      generatedAt: now,
      submittedAt: null,
      approvedAt: null,
      lockedAt: null,
      updatedBy: by,
      updatedAt: now,
    };
    const statementId =
      existing?.id ??
      (await repo.insertStatement(db, {
        ...head,
        ownerId: userId,
        month: span.month,
        gross: 0,
        capped: 0,
        adjustments: 0,
        total: 0,
        lineCount: 0,
        createdBy: by,
        createdAt: now,
      }));
    await repo.insertLines(
      db,
      lines.map((line) => ({ ...line, statementId })),
    );
    const totals = await repo.totalsOf(db, statementId);
    const capped = cappedOf(totals.gross, head.cap);
    await repo.updateStatement(db, statementId, {
      ...head,
      gross: totals.gross,
      capped,
      adjustments: totals.adjustments,
      total: capped + totals.adjustments,
      lineCount: totals.lines,
    });
    await writeAudit(db, actor, {
      action: existing ? 'update' : 'create',
      entity: 'commissionStatements',
      entityId: statementId,
      detail: { userId, month: span.month, lines: totals.lines, total: capped + totals.adjustments },
    });
    return { statementId, status: 'draft', computed: true };
  });
}

/**
 * Computes the statements of a month: of one person, or of everyone with a plan for the month and everyone
 * with an adjustment due. Statements already submitted or locked are left as they are and listed as
 * skipped; for one person such a statement is refused (STATEMENT_LOCKED).
 */
export async function generate(
  ctx: AppContext,
  actor: AuditActor,
  month: string,
  userId?: number,
): Promise<CommissionGenerated> {
  const settings = await getSettings(ctx.db);
  if (month > currentMonth(settings.timezone)) throw fieldError('month', 'monthInFuture');
  const span = monthSpan(month, settings.timezone);
  const plans = await planOfEachPerson(ctx.db, span);
  const people = userId
    ? [userId]
    : [...new Set([...plans.keys(), ...(await sources.ownersAwaitingAdjustment(ctx.db, month, span))])].sort(
        (a, b) => a - b,
      );
  const names = await displayNamesOf(ctx.db, people);
  if (userId && !names.has(userId)) throw fieldError('userId', 'notFoundOrHidden');
  const result: CommissionGenerated = { month, generated: [], skipped: [] };
  for (const person of people) {
    const computed = await computeStatement(ctx, actor, person, span, plans.get(person) ?? null);
    if (!computed) {
      if (userId) throw fieldError('userId', 'noCommissionPlan');
      continue;
    }
    const ref = { statementId: computed.statementId, userId: person, userName: names.get(person) ?? '' };
    if (computed.computed) result.generated.push(ref);
    else if (userId) throw statementLocked(computed.status);
    else result.skipped.push({ ...ref, status: computed.status as CommissionGenerated['skipped'][number]['status'] });
  }
  return result;
}

export function statementLocked(status: string): AppError {
  return new AppError('STATEMENT_LOCKED', 'statementLocked', undefined, { status });
}

/** Job: on the first day of a month (in the company's time zone), last month's statements as drafts. */
export async function monthlyStatements(ctx: AppContext, now = new Date()): Promise<void> {
  const settings = await getSettings(ctx.db);
  const today = dayjs(now).tz(settings.timezone);
  if (today.date() !== 1) return;
  await generate(ctx, systemActor, today.subtract(1, 'month').format('YYYY-MM'));
}
