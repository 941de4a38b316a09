import { type RfmClass, RfmRecompute, type RfmSummary, rfmClasses } from '@relate/common';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { scopeFor } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './rfm.repository.ts';

const dayMs = 86_400_000;
/** The window a nightly run scores when no run has chosen one. */
const defaultWindowDays = 365;

/**
 * Scores every customer's value (RFM) over the last `windowDays` of bought orders in the company's
 * currency, replacing the scores of the run before in one transaction (a failed run leaves the
 * earlier scores whole), and records the run with each class's count and value.
 */
export async function recomputeRfm(ctx: AppContext, input: z.input<typeof RfmRecompute> = {}) {
  const started = Date.now();
  const previous = (await repo.latestRuns(ctx.db, 1))[0];
  const windowDays = input.windowDays ?? previous?.windowDays ?? defaultWindowDays;
  const { defaultCurrency } = await getSettings(ctx.db);
  const at = nowIso();
  const since = new Date(Date.parse(at) - windowDays * dayMs).toISOString();
  await inTransaction(ctx, async (ctx) => {
    await repo.scoreCustomers(ctx.db, ctx.dialect, { since, currency: defaultCurrency, at });
    const totals = await repo.classTotals(ctx.db);
    await repo.insertRun(ctx.db, {
      computedAt: at,
      windowDays,
      currency: defaultCurrency,
      customers: totals.reduce((sum, row) => sum + Number(row.customers), 0),
      classes: writeJson(
        Object.fromEntries(
          totals.map((row) => [row.class, { customers: Number(row.customers), monetary: Number(row.monetary) }]),
        ),
      ),
      durationMs: Date.now() - started,
    });
  });
  return rfmRunOf((await repo.latestRuns(ctx.db, 1))[0]);
}

function rfmRunOf(row: Awaited<ReturnType<typeof repo.latestRuns>>[number]) {
  return {
    computedAt: row.computedAt,
    windowDays: row.windowDays,
    currency: row.currency,
    customers: row.customers,
    durationMs: row.durationMs,
  };
}

/**
 * Customer value as the caller sees it: each class of the customers they may see (all eight, empty
 * ones too), those with no bought order in the window, and — for one who sees every customer — how the
 * classes changed from run to run.
 */
export async function rfmSummary(ctx: AppContext, actor: Actor): Promise<RfmSummary> {
  const scope = await scopeFor(ctx.db, actor, 'customers');
  const [runs, figures, unscored] = [
    await repo.latestRuns(ctx.db, 12),
    await repo.classFigures(ctx.db, scope),
    await repo.unscoredCount(ctx.db, scope),
  ];
  const byClass = new Map(figures.map((row) => [row.class, row]));
  return {
    run: runs[0] ? rfmRunOf(runs[0]) : null,
    classes: rfmClasses.map((name: RfmClass) => {
      const row = byClass.get(name);
      return {
        class: name,
        customers: Number(row?.customers ?? 0),
        monetary: Number(row?.monetary ?? 0),
        averageRecencyDays: row ? Math.round(Number(row.averageRecencyDays)) : null,
        averageFrequency: row ? Math.round(Number(row.averageFrequency) * 100) / 100 : null,
      };
    }),
    unscored,
    history:
      scope.kind === 'all'
        ? runs
            .map((run) => ({
              computedAt: run.computedAt,
              counts: Object.fromEntries(
                Object.entries(readJson<Record<string, { customers: number }>>(run.classes, {})).map(([name, v]) => [
                  name,
                  v.customers,
                ]),
              ),
            }))
            .reverse()
        : [],
  };
}

/** The daily run: the window of the last run. */
export async function dailyRfm(ctx: AppContext): Promise<void> {
  await recomputeRfm(ctx);
}
