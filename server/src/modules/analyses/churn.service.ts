import type { ChurnReason, ChurnRiskList, ChurnRiskQuery, ChurnRiskSort, ChurnRun } from '@relate/common';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { type SortColumns, sortSpec } from '../../platform/list-query.ts';
import { scopeFor } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './churn.repository.ts';

const dayMs = 86_400_000;
const byCustomer = ['customers.id'];

const sortColumns: Record<ChurnRiskSort, SortColumns[string]> = {
  name: { column: 'customers.name', ties: byCustomer },
  owner: { column: 'owner.displayName', nullable: true, ties: byCustomer },
  lastOrderAt: { column: 'r.lastOrderAt', nullable: true, ties: byCustomer },
  usualIntervalDays: { column: 'r.rhythmLimitDays', nullable: true, ties: byCustomer },
  daysSinceLastOrder: { column: 'r.daysSinceOrder', nullable: true, ties: byCustomer },
  lastFollowupAt: { column: 'customers.lastFollowupAt', nullable: true, ties: byCustomer },
  openReceivable: { column: 'r.openReceivable', ties: byCustomer },
  openTickets: { column: 'r.openTickets', ties: byCustomer },
};
/** Sorts by figures of orders (and what is owed on them), or of tickets: open to those who may see them. */
const orderSorts: ChurnRiskSort[] = ['lastOrderAt', 'usualIntervalDays', 'daysSinceLastOrder', 'openReceivable'];
const defaultSort = 'daysSinceLastOrder:desc';

/**
 * Finds every customer whose order rhythm broke or who holds open receivables or tickets, replacing the
 * figures of the run before in one transaction (a failed run leaves them whole), and records the run.
 */
export async function recomputeChurnRisks(ctx: AppContext): Promise<ChurnRun> {
  const started = Date.now();
  const { defaultCurrency } = await getSettings(ctx.db);
  const at = nowIso();
  await inTransaction(ctx, async (ctx) => {
    await repo.computeChurnRisks(ctx.db, ctx.dialect, { currency: defaultCurrency, at });
    await repo.insertRun(ctx.db, {
      computedAt: at,
      currency: defaultCurrency,
      orderRhythm: await repo.countOrderRhythm(ctx.db),
      durationMs: Date.now() - started,
    });
  });
  return runOf((await repo.latestRun(ctx.db))!);
}

function runOf(row: NonNullable<Awaited<ReturnType<typeof repo.latestRun>>>): ChurnRun {
  return {
    computedAt: row.computedAt,
    currency: row.currency,
    orderRhythm: row.orderRhythm,
    durationMs: row.durationMs,
  };
}

/**
 * The customers at risk of churning that the caller may see (scoped as the customer list), a page at a
 * time: whose order rhythm broke at the last computation, or who hold open receivables or tickets and
 * were not followed up in `silentDays` — read now, so a follow-up takes a customer off at once. The
 * count of each reason is over all of them. Order figures and what is owed go to those who may see
 * orders, open tickets to those who may see tickets (and only they sort by them).
 */
export async function churnRisks(ctx: AppContext, actor: Actor, query: ChurnRiskQuery): Promise<ChurnRiskList> {
  const seesOrders = can(actor, 'orders.view');
  const seesTickets = can(actor, 'tickets.view');
  const filter: repo.ChurnFilter = {
    scope: await scopeFor(ctx.db, actor, 'customers'),
    ownerIds: query.ownerId,
    silentSince: new Date(Date.now() - query.silentDays * dayMs).toISOString(),
  };
  const asked = (query.sort?.split(':')[0] ?? '') as ChurnRiskSort;
  const hidden = (!seesOrders && orderSorts.includes(asked)) || (!seesTickets && asked === 'openTickets');
  const sort = sortSpec(hidden ? undefined : query.sort, sortColumns, seesOrders ? defaultSort : 'name:asc');
  const reasons = query.reason?.length ? query.reason : undefined;
  const wanted = {
    orderRhythm: !reasons || reasons.includes('orderRhythm'),
    silentWithOpen: !reasons || reasons.includes('silentWithOpen'),
  };
  const [run, totals, rows] = [
    await repo.latestRun(ctx.db),
    await repo.churnRiskTotals(ctx.db, filter),
    await repo.churnRiskPage(ctx.db, filter, wanted, sort, query),
  ];
  const total = wanted.orderRhythm && wanted.silentWithOpen ? totals.customers : totals[reasons![0]];
  return {
    run: run ? runOf(run) : null,
    silentDays: query.silentDays,
    items: rows.map((row) => {
      const why: ChurnReason[] = [];
      if (Number(row.orderRhythm) === 1) why.push('orderRhythm');
      if (Number(row.silentWithOpen) === 1) why.push('silentWithOpen');
      const limit = row.rhythmLimitDays === null ? null : Number(row.rhythmLimitDays);
      return {
        id: row.id,
        name: row.name,
        ownerId: row.ownerId,
        ownerName: row.ownerName ?? null,
        reasons: why,
        boughtOrders: seesOrders ? Number(row.boughtOrders) : null,
        lastOrderAt: seesOrders ? row.lastOrderAt : null,
        usualIntervalDays: seesOrders && limit !== null ? limit / 2 : null,
        daysSinceLastOrder: seesOrders && row.daysSinceOrder !== null ? Number(row.daysSinceOrder) : null,
        lastFollowupAt: row.lastFollowupAt,
        openReceivable: seesOrders ? Number(row.openReceivable) : null,
        openTickets: seesTickets ? Number(row.openTickets) : null,
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    totals: { ...totals, openReceivable: seesOrders ? totals.openReceivable : null },
  };
}

/** The daily run. */
export async function dailyChurnRisks(ctx: AppContext): Promise<void> {
  await recomputeChurnRisks(ctx);
}
