import {
  type ProfitabilityFigures,
  type ProfitabilityQuery,
  type ProfitabilityReport,
  type ProfitabilitySort,
  profitabilityCostSorts,
} from '@relate/common';
import { dayjs, todayIn } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { type SortColumns, sortSpec } from '../../platform/list-query.ts';
import { quantityText } from '../../platform/quantity.ts';
import { departmentSubtree, scopeFor } from '../../platform/scope.ts';
import { listDepartments } from '../departments/index.ts';
import { marginPercent } from '../inventory/index.ts';
import { departmentRollUp, relativeDays } from '../reports/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './profitability.repository.ts';

const byKey = ['r.key'];
const sortColumns: Record<ProfitabilitySort, SortColumns[string]> = {
  name: { column: 'r.name', nullable: true, ties: byKey },
  revenue: { column: 'r.revenue', ties: byKey },
  cost: { column: 'r.cost', nullable: true, ties: byKey },
  margin: { column: 'r.margin', nullable: true, ties: byKey },
  marginPercent: { column: 'r.marginRatio', nullable: true, ties: byKey },
  quantity: { column: 'r.quantity', ties: byKey },
  orders: { column: 'r.orders', ties: byKey },
};

type Filter = ProfitabilityReport['filters'][number]['filter'];

/** The delivery days asked for: from/to as given, or a relative period resolved on the company's calendar. */
export function daysOf(
  query: Pick<ProfitabilityQuery, 'from' | 'to' | 'within'>,
  today: string,
): { from: string | null; to: string | null } {
  if (query.within && (query.from || query.to)) throw fieldError('within', 'profitabilityRangeOrPeriod');
  if (query.from && query.to && query.from > query.to) throw fieldError('to', 'endBeforeStart');
  if (!query.within) return { from: query.from ?? null, to: query.to ?? null };
  const { from, until } = relativeDays(query.within, today);
  return { from, to: dayjs(until).subtract(1, 'day').format('YYYY-MM-DD') };
}

/** The days of a month (`2026-03`) or quarter (`2026-Q1`): the first and the first after it. */
export function periodDays(period: string): { since: string; until: string } {
  const year = Number(period.slice(0, 4));
  const quarter = period[5] === 'Q' ? Number(period[6]) : null;
  const first = dayjs(`${year}-${String(quarter ? quarter * 3 - 2 : Number(period.slice(5, 7))).padStart(2, '0')}-01`);
  return { since: first.format('YYYY-MM-DD'), until: first.add(quarter ? 3 : 1, 'month').format('YYYY-MM-DD') };
}

/** A category and every category below it. */
function categorySubtree(categories: Array<{ id: number; parentId: number | null }>, rootId: number): number[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++)
    for (const c of categories) if (c.parentId === ids[i] && !ids.includes(c.id)) ids.push(c.id);
  return ids;
}

/** How deep a department lies (1: a top-level one). */
function depthOf(departments: Array<{ id: number; parentId: number | null }>, id: number): number {
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  let depth = 1;
  const seen = new Set([id]);
  for (let parent = parentOf.get(id); parent != null && !seen.has(parent); parent = parentOf.get(parent)) {
    seen.add(parent);
    depth++;
  }
  return depth;
}

/**
 * Revenue, cost of goods and gross margin of what was delivered on the orders the caller may see, by one
 * dimension, within a period and a drill-down: a page of rows in the order asked, and the totals over every
 * matching line. Cost, margin and the lines without a recorded cost go only to those who may see costs;
 * others may not sort by them.
 */
export async function profitability(
  ctx: AppContext,
  actor: Actor,
  query: ProfitabilityQuery,
): Promise<ProfitabilityReport> {
  const seesCosts = can(actor, 'inventory.costs');
  const asked = (query.sort?.split(':')[0] ?? '') as ProfitabilitySort;
  if (!seesCosts && profitabilityCostSorts.includes(asked)) throw fieldError('sort', 'profitabilityCostsHidden');
  const settings = await getSettings(ctx.db);
  const { from, to } = daysOf(query, todayIn(settings.timezone));
  const chronological = query.dimension === 'month' || query.dimension === 'quarter';
  const sort = sortSpec(query.sort, sortColumns, chronological ? 'name:asc' : 'revenue:desc');

  const needsDepartments = query.dimension === 'department' || query.departmentId !== undefined;
  const departments = needsDepartments ? await listDepartments(ctx.db) : [];
  // The level below the department drilled into; at the top, below the company when it is the one root.
  const roots = departments.filter((d) => d.parentId === null).length;
  const level = query.departmentId ? depthOf(departments, query.departmentId) + 1 : roots === 1 ? 2 : 1;
  const rollUp = query.dimension === 'department' ? departmentRollUp(departments, level) : new Map<number, number>();
  const filter: repo.LineFilter = {
    scope: await scopeFor(ctx.db, actor, 'orders'),
    from: from ?? undefined,
    to: to ?? undefined,
    ...(query.period && periodDays(query.period)),
    customerId: query.customerId,
    productId: query.productId,
    categoryIds: query.categoryId ? categorySubtree(await repo.productCategories(ctx.db), query.categoryId) : undefined,
    departmentIds: query.departmentId ? await departmentSubtree(ctx.db, query.departmentId) : undefined,
    ownerId: query.ownerId,
    province: query.province,
  };
  const page = await repo.profitabilityPage(ctx.db, filter, query.dimension, rollUp, sort, query);
  const totals = await repo.profitabilityTotals(ctx.db, filter);

  const figuresOf = (row: Omit<repo.ProfitabilityRowData, 'key' | 'name' | 'margin'>): ProfitabilityFigures => {
    const base = {
      revenue: Number(row.revenue),
      quantity: quantityText(Number(row.quantity)),
      orders: Number(row.orders),
    };
    if (!seesCosts) return base;
    const cost = row.cost === null ? null : Number(row.cost);
    const margin = cost === null ? null : Number(row.costedRevenue) - cost;
    return {
      ...base,
      cost,
      margin,
      marginPercent: margin === null ? null : marginPercent(margin, Number(row.costedRevenue)),
      uncostedLines: Number(row.uncostedLines),
      uncostedRevenue: Number(row.uncostedRevenue),
    };
  };
  return {
    dimension: query.dimension,
    from,
    to,
    currency: settings.defaultCurrency,
    costs: seesCosts,
    items: page.rows.map((row) => ({
      key: row.key === null ? null : String(row.key),
      name: row.name === null ? null : String(row.name),
      ...figuresOf(row),
    })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    totals: figuresOf(totals),
    filters: await filterNames(ctx, actor, query),
  };
}

/** The drill-down's filters with their names (a customer's only when the caller may see it). */
async function filterNames(ctx: AppContext, actor: Actor, query: ProfitabilityQuery) {
  const names: Record<Filter, (key: number) => Promise<string | null>> = {
    customerId: async (id) => repo.customerName(ctx.db, await scopeFor(ctx.db, actor, 'customers'), id),
    productId: (id) => repo.productName(ctx.db, id),
    categoryId: (id) => repo.categoryName(ctx.db, id),
    departmentId: (id) => repo.departmentName(ctx.db, id),
    ownerId: (id) => repo.userName(ctx.db, id),
    province: async () => null,
    period: async () => null,
  };
  const filters: ProfitabilityReport['filters'] = [];
  for (const filter of Object.keys(names) as Filter[]) {
    const value = query[filter];
    if (value === undefined) continue;
    const name = typeof value === 'number' ? await names[filter](value) : value;
    filters.push({ filter, key: String(value), name });
  }
  return filters;
}
