import type { ForecastAccuracy, ForecastAccuracyQuery } from '@relate/common';
import type { z } from 'zod';
import { dayjs, dayStart, nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { departmentSubtree, scopeFor } from '../../platform/scope.ts';
import { converter } from '../opportunities/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './forecast-snapshots.repository.ts';

/**
 * Takes the current month's forecast, once: each owner's open opportunities expected to close in the
 * month (in the company's time zone), their amount and their amount weighted by probability, converted to
 * the default currency at today's rates. Run daily; the first run in a month takes it, so a month's
 * forecast is as it stood when the month began (on its first day, or when the server next ran).
 */
export async function takeForecastSnapshot(ctx: AppContext, now = new Date()): Promise<boolean> {
  const settings = await getSettings(ctx.db);
  const start = dayjs(now).tz(settings.timezone).startOf('month');
  const month = start.format('YYYY-MM');
  const convert = converter(settings);
  return inTransaction(ctx, async ({ db }) => {
    if (!(await repo.claimMonth(db, month, settings.defaultCurrency, nowIso()))) return false;
    const rows = await repo.openForecastOf(db, start.format('YYYY-MM-DD'), start.add(1, 'month').format('YYYY-MM-DD'));
    const byOwner = new Map<
      string,
      { ownerId: number; departmentId: number | null; weighted: number; pipeline: number; openCount: number }
    >();
    for (const row of rows) {
      const key = `${row.ownerId}:${row.departmentId}`;
      const entry = byOwner.get(key) ?? {
        ownerId: row.ownerId,
        departmentId: row.departmentId,
        weighted: 0,
        pipeline: 0,
        openCount: 0,
      };
      entry.pipeline += convert(Number(row.pipeline), row.currency);
      entry.weighted += Math.round(convert(Number(row.weightedHundredths), row.currency) / 100);
      entry.openCount += Number(row.count);
      byOwner.set(key, entry);
    }
    await repo.insertSnapshots(
      db,
      [...byOwner.values()].map((entry) => ({ month, ...entry })),
    );
    return true;
  });
}

/** Job: the month's forecast, if not yet taken. */
export async function dailyForecastSnapshot(ctx: AppContext): Promise<void> {
  await takeForecastSnapshot(ctx);
}

/** 100 × (1 − |actual − forecast| ÷ the larger), to one decimal; null without a forecast or when both are nothing. */
export function forecastAccuracy(forecast: number | null, actual: number): number | null {
  if (forecast === null) return null;
  const larger = Math.max(forecast, actual);
  if (larger <= 0) return null;
  return Math.round((1 - Math.abs(actual - forecast) / larger) * 1000) / 10;
}

/**
 * A year's months: the forecast (weighted) taken as each began against what was won in it, within the
 * caller's opportunity scope, for one owner or one department and below; and each owner's accuracy
 * over the months with a forecast.
 */
export async function forecastAgainstActual(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof ForecastAccuracyQuery>,
): Promise<ForecastAccuracy> {
  const settings = await getSettings(ctx.db);
  const scope = await scopeFor(ctx.db, actor, 'opportunities');
  const filter = {
    ownerId: query.ownerId,
    departmentIds: query.departmentId ? await departmentSubtree(ctx.db, query.departmentId) : undefined,
  };
  const start = dayjs(`${query.year}-01-01`);
  const months = Array.from({ length: 12 }, (_, i) => start.add(i, 'month'));
  const keys = months.map((m) => m.format('YYYY-MM'));
  const end = `${query.year + 1}-01`;
  const bounds = [...months, start.add(12, 'month')].map((m) => dayStart(m.format('YYYY-MM-DD'), settings.timezone));
  const [taken, snapshots, won] = await Promise.all([
    repo.monthsTaken(ctx.db, keys[0], end),
    repo.snapshotsOf(ctx.db, scope, keys[0], end, filter),
    repo.wonByMonth(ctx.db, scope, bounds, filter),
  ]);
  const convert = converter(settings);
  const takenAt = new Map(taken.map((m) => [m.month, m.takenAt]));
  type Cell = { forecast: number; pipeline: number; actual: number };
  const cells = new Map<string, Cell>();
  const cell = (month: string, ownerId: number) => {
    const key = `${month}|${ownerId}`;
    let found = cells.get(key);
    if (!found) cells.set(key, (found = { forecast: 0, pipeline: 0, actual: 0 }));
    return found;
  };
  for (const row of snapshots) {
    const target = cell(row.month, row.ownerId);
    target.forecast += Number(row.weighted);
    target.pipeline += Number(row.pipeline);
  }
  for (const row of won)
    cell(keys[Number(row.period)], row.ownerId).actual += convert(Number(row.amount), row.currency);

  const sum = (entries: Array<[string, Cell]>) =>
    entries.reduce(
      (all, [, c]) => ({
        forecast: all.forecast + c.forecast,
        pipeline: all.pipeline + c.pipeline,
        actual: all.actual + c.actual,
      }),
      {
        forecast: 0,
        pipeline: 0,
        actual: 0,
      },
    );
  const figures = (total: Cell, forecastKnown: boolean) => ({
    forecast: forecastKnown ? total.forecast : null,
    pipeline: forecastKnown ? total.pipeline : null,
    actual: total.actual,
    accuracy: forecastAccuracy(forecastKnown ? total.forecast : null, total.actual),
  });
  const entries = [...cells.entries()];
  const monthOf = (key: string) => key.slice(0, 7);
  const ownerOf = (key: string) => Number(key.slice(8));
  const withForecast = entries.filter(([key]) => takenAt.has(monthOf(key)));
  const owners = [...new Set(withForecast.map(([key]) => ownerOf(key)))];
  const names = new Map((await repo.ownerNames(ctx.db, owners)).map((u) => [u.id, u.displayName]));
  return {
    year: query.year,
    currency: settings.defaultCurrency,
    months: keys.map((month) => ({
      month,
      takenAt: takenAt.get(month) ?? null,
      ...figures(sum(entries.filter(([key]) => monthOf(key) === month)), takenAt.has(month)),
    })),
    people: owners
      .map((ownerId) => ({
        ownerId,
        ownerName: names.get(ownerId) ?? null,
        ...figures(sum(withForecast.filter(([key]) => ownerOf(key) === ownerId)), true),
      }))
      .sort((a, b) => b.actual - a.actual || (b.forecast ?? 0) - (a.forecast ?? 0)),
    totals: figures(sum(withForecast), withForecast.length > 0 || taken.length > 0),
  };
}
