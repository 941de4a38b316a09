import {
  type DemandForecast,
  type DemandForecastItem,
  type DemandForecastQuery,
  type DemandForecastSort,
  demandForecastBacktestMonths,
} from '@relate/common';
import type { z } from 'zod';
import { dayjs, dayStart } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { quantityText } from '../../platform/quantity.ts';
import { scopeFor } from '../../platform/scope.ts';
import { categorySubtree } from '../products/index.ts';
import { getSettings } from '../settings/index.ts';
import { demandSeries, forecastTotalMilli, monthsFrom } from './demand-forecast.model.ts';
import * as repo from './demand-forecast.repository.ts';

const collator = new Intl.Collator('zh-CN', { numeric: true });
/** Fits run in the request's thread: it lets other requests in after every so many. */
const fitsBetweenBreaths = 25;
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

type Entry = { id: number | null; milli: number[]; name: string | null; code: string | null; sortKey: number };

/**
 * Demand forecast: for each product (or category) sold in the orders the caller may see, the quantity
 * per month of the last `months` complete months of the company's time zone, the next three months
 * forecast by the rule of `forecastOf` (demand-forecast.model.ts), and the method's error on the last six
 * months; a page of items, sorted by the forecast or by name, and the totals of every matching item (the
 * database adds their quantities up; that one series is forecast and tested the same way).
 */
export async function demandForecast(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof DemandForecastQuery>,
): Promise<DemandForecast> {
  const { timezone } = await getSettings(ctx.db);
  const thisMonth = dayjs().tz(timezone).startOf('month');
  const fetched = query.months + demandForecastBacktestMonths;
  const firstMonth = thisMonth.subtract(fetched, 'month').format('YYYY-MM');
  const labels = monthsFrom(firstMonth, fetched);
  const categoryIds = query.categoryId ? await categorySubtree(ctx, query.categoryId) : undefined;
  if (categoryIds && !categoryIds.length) throw fieldError('categoryId', 'notFoundOrHidden');
  const filter: repo.DemandFilter = {
    scope: await scopeFor(ctx.db, actor, 'orders'),
    by: query.by,
    from: dayStart(`${firstMonth}-01`, timezone),
    to: dayStart(thisMonth.format('YYYY-MM-DD'), timezone),
    zone: timezone,
    productId: query.productId,
    categoryIds,
    q: query.q || undefined,
  };
  const [rows, totalRows] = [
    await repo.monthlyQuantities(ctx.db, ctx.dialect, filter),
    await repo.monthlyTotals(ctx.db, ctx.dialect, filter),
  ];
  const index = new Map(labels.map((label, i) => [label, i]));
  const byItem = new Map<number | null, number[]>();
  for (const row of rows) {
    const at = index.get(row.month);
    if (at === undefined) continue;
    const itemId = row.itemId === null ? null : Number(row.itemId);
    let milli = byItem.get(itemId);
    if (!milli) byItem.set(itemId, (milli = Array<number>(fetched).fill(0)));
    milli[at] += Number(row.quantity);
  }
  const totalMilli = Array<number>(fetched).fill(0);
  for (const row of totalRows) {
    const at = index.get(row.month);
    if (at !== undefined) totalMilli[at] += Number(row.quantity);
  }

  const [sortField, direction] = (query.sort ?? 'forecast:desc').split(':') as [DemandForecastSort, 'asc' | 'desc'];
  const ids = [...byItem.keys()];
  const names = new Map(
    (
      await repo.namesOf(
        ctx.db,
        query.by,
        ids.filter((id): id is number => id !== null),
      )
    ).map((n) => [n.id, n]),
  );
  const entries: Entry[] = [];
  for (const [i, id] of ids.entries()) {
    const milli = byItem.get(id)!;
    const named = id === null ? undefined : names.get(id);
    let sortKey = 0;
    if (sortField === 'forecast') {
      if (i % fitsBetweenBreaths === fitsBetweenBreaths - 1) await breathe();
      sortKey = forecastTotalMilli(milli);
    }
    entries.push({ id, milli, name: named?.name ?? null, code: named?.code ?? null, sortKey });
  }
  const byName = (a: Entry, b: Entry) =>
    a.name === null || b.name === null
      ? Number(a.name === null) - Number(b.name === null)
      : collator.compare(a.name, b.name) || collator.compare(a.code ?? '', b.code ?? '') || (a.id ?? 0) - (b.id ?? 0);
  const sign = direction === 'asc' ? 1 : -1;
  entries.sort((a, b) =>
    sortField === 'forecast' ? sign * (a.sortKey - b.sortKey) || byName(a, b) : sign * byName(a, b),
  );
  const start = (query.page - 1) * query.pageSize;
  const page = entries.slice(start, start + query.pageSize);
  const pageIds = page.map((e) => e.id).filter((id): id is number => id !== null);
  const products = new Map(
    query.by === 'product' ? (await repo.productsOf(ctx.db, pageIds)).map((p) => [p.id, p]) : [],
  );

  const items: DemandForecastItem[] = [];
  for (const entry of page) {
    await breathe();
    const series = demandSeries(entry.milli, firstMonth, query.months);
    const product = entry.id === null ? undefined : products.get(entry.id);
    items.push({
      id: entry.id,
      name: entry.name,
      code: product?.code ?? null,
      categoryId: product?.categoryId ?? null,
      categoryName: product?.categoryName ?? null,
      unit: product?.unit ?? null,
      forecastTotal: quantityText(series.forecast.reduce((sum, p) => sum + Math.round(Number(p.quantity) * 1000), 0)),
      ...series,
    });
  }
  return {
    by: query.by,
    months: query.months,
    firstForecastMonth: thisMonth.format('YYYY-MM'),
    items,
    total: entries.length,
    page: query.page,
    pageSize: query.pageSize,
    totals: demandSeries(totalMilli, firstMonth, query.months),
  };
}
