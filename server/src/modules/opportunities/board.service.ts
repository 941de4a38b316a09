import { type Board, type BoardQuery, fromMinorUnits } from '@relate/common';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import { dayStart } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { departmentSubtree } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './opportunities.repository.ts';
import { opportunityScope, toOpportunity } from './opportunities.service.ts';
import { getPipeline } from './pipelines.service.ts';

/**
 * One pipeline as columns: count, amount and weighted amount per stage (each currency summed by the
 * database, then converted to the default currency as the forecast does), and each stage's newest cards.
 */
export async function pipelineBoard(
  ctx: AppContext,
  actor: Actor,
  pipelineId: number,
  query: z.output<typeof BoardQuery>,
): Promise<Board> {
  const pipeline = await getPipeline(ctx.db, pipelineId);
  const scope = await opportunityScope(ctx, actor);
  const convert = converter(await getSettings(ctx.db));
  const filter = { ownerId: query.ownerId, departmentId: query.departmentId, q: query.q };
  const totals = new Map<number, { count: number; amount: number; weighted: number }>();
  for (const t of await repo.stageTotals(ctx.db, scope, pipeline.id, filter)) {
    const total = totals.get(t.stageId) ?? { count: 0, amount: 0, weighted: 0 };
    total.count += t.count;
    total.amount += convert(t.amount, t.currency);
    total.weighted += Math.round(convert(t.weightedHundredths, t.currency) / 100);
    totals.set(t.stageId, total);
  }
  const columns = await Promise.all(
    pipeline.stages.map(async (stage) => {
      const total = totals.get(stage.id);
      const cards = total
        ? await repo.stageCards(ctx.db, scope, pipeline.id, stage.id, filter, query.cardsPerStage)
        : [];
      return {
        stage,
        count: total?.count ?? 0,
        amount: fromMinorUnits(total?.amount ?? 0),
        weightedAmount: fromMinorUnits(total?.weighted ?? 0),
        cards: cards.map(toOpportunity),
      };
    }),
  );
  return { pipeline, columns };
}

type Period = { key: string; from: dayjs.Dayjs; to: dayjs.Dayjs };

function periodsOf(year: number, period: 'month' | 'quarter'): Period[] {
  const start = dayjs(`${year}-01-01`);
  if (period === 'month')
    return Array.from({ length: 12 }, (_, i) => ({
      key: start.add(i, 'month').format('YYYY-MM'),
      from: start.add(i, 'month'),
      to: start.add(i + 1, 'month'),
    }));
  return Array.from({ length: 4 }, (_, i) => ({
    key: `${year}-Q${i + 1}`,
    from: start.add(i * 3, 'month'),
    to: start.add((i + 1) * 3, 'month'),
  }));
}

/** Exchange rate of a currency per unit of the default currency (settings); unknown currencies count 1:1. */
export function converter(settings: Awaited<ReturnType<typeof getSettings>>) {
  const rates = new Map(settings.currencies.map((c) => [c.code, Number(c.rate)]));
  return (minor: number, currency: string) =>
    currency === settings.defaultCurrency ? minor : Math.round(minor / (rates.get(currency) || 1));
}

/**
 * Forecast per month or quarter of a year for the caller's scope, one person or one department
 * (and below): committed = won, weighted = open × probability, best case = won + all open,
 * pipeline = all open; in the default currency.
 */
export async function forecast(
  ctx: AppContext,
  actor: Actor,
  query: { year: number; period: 'month' | 'quarter'; ownerId?: number; departmentId?: number },
) {
  const settings = await getSettings(ctx.db);
  const scope = await opportunityScope(ctx, actor);
  const periods = periodsOf(query.year, query.period);
  const end = periods[periods.length - 1].to;
  const bounds = [...periods.map((p) => p.from), end].map((d) => d.format('YYYY-MM-DD'));
  const [won, open] = await repo.forecastFigures(ctx.db, scope, {
    ownerId: query.ownerId,
    departmentIds: query.departmentId ? await departmentSubtree(ctx.db, query.departmentId) : undefined,
    dateBounds: bounds,
    timeBounds: bounds.map((date) => dayStart(date, settings.timezone)),
  });
  const convert = converter(settings);
  const rows = periods.map((p) => ({
    period: p.key,
    committed: 0,
    weighted: 0,
    pipeline: 0,
    wonCount: 0,
    openCount: 0,
  }));
  for (const row of won) {
    const target = rows[Number(row.period)];
    target.committed += convert(Number(row.amount), row.currency);
    target.wonCount += Number(row.count);
  }
  for (const row of open) {
    const target = rows[Number(row.period)];
    target.pipeline += convert(Number(row.amount), row.currency);
    target.weighted += Math.round(convert(Number(row.weightedHundredths), row.currency) / 100);
    target.openCount += Number(row.count);
  }
  return {
    currency: settings.defaultCurrency,
    rows: rows.map((r) => ({
      period: r.period,
      committed: fromMinorUnits(r.committed),
      weighted: fromMinorUnits(r.weighted),
      bestCase: fromMinorUnits(r.committed + r.pipeline),
      pipeline: fromMinorUnits(r.pipeline),
      wonCount: r.wonCount,
      openCount: r.openCount,
    })),
  };
}
