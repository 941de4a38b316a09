import type { ProfitabilityDimension, ProfitabilityReport } from '@relate/common';

/** A drill-down filter of the profitability analysis, as the query names it. */
export type DrillFilter = ProfitabilityReport['filters'][number]['filter'];

export const drillFilters: DrillFilter[] = [
  'customerId',
  'productId',
  'categoryId',
  'departmentId',
  'ownerId',
  'province',
  'period',
];

/** The filter a row of each dimension sets when it is clicked. */
export const filterOf: Record<ProfitabilityDimension, DrillFilter> = {
  customer: 'customerId',
  product: 'productId',
  category: 'categoryId',
  department: 'departmentId',
  owner: 'ownerId',
  province: 'province',
  month: 'period',
  quarter: 'period',
};

/**
 * Where a click on a row of each dimension leads, the first not yet filtered by: a department, an owner or
 * a province to its customers, a customer to its products, a product line to its products, a product to
 * who bought it, a quarter to its months and a month to its customers.
 */
const nextOf: Record<ProfitabilityDimension, ProfitabilityDimension[]> = {
  department: ['customer', 'product'],
  owner: ['customer', 'product'],
  province: ['customer', 'product'],
  customer: ['product', 'month'],
  category: ['product', 'customer'],
  product: ['customer', 'month'],
  quarter: ['month', 'customer'],
  month: ['customer', 'product'],
};

/** The drill-down path in the order it was taken: the filters among the page's parameters, in their order. */
export function drillPath(params: URLSearchParams): Array<{ filter: DrillFilter; key: string }> {
  const path: Array<{ filter: DrillFilter; key: string }> = [];
  for (const [name, key] of params)
    if ((drillFilters as string[]).includes(name) && key) path.push({ filter: name as DrillFilter, key });
  return path;
}

/** The dimension a row of `dimension` opens, none when every next one is already filtered by. */
export function nextDimension(
  dimension: ProfitabilityDimension,
  used: DrillFilter[],
): ProfitabilityDimension | undefined {
  return nextOf[dimension].find((next) => !used.includes(filterOf[next]));
}

/** The dimension whose row set a step of the path (a period of a quarter or a month). */
export function dimensionOf(step: { filter: DrillFilter; key: string }): ProfitabilityDimension {
  if (step.filter === 'period') return step.key.includes('Q') ? 'quarter' : 'month';
  return (Object.keys(filterOf) as ProfitabilityDimension[]).find((d) => filterOf[d] === step.filter)!;
}

/**
 * Back to a step of the path (-1: before the first): the filters after it go, and the dimension its click
 * opened shows again (the first step's own dimension, before it).
 */
export function stepBack(
  path: Array<{ filter: DrillFilter; key: string }>,
  index: number,
  current: ProfitabilityDimension,
): { removed: DrillFilter[]; dimension: ProfitabilityDimension } {
  const removed = path.slice(index + 1).map((step) => step.filter);
  if (index < 0) return { removed, dimension: path.length ? dimensionOf(path[0]) : current };
  const kept = path.slice(0, index + 1).map((step) => step.filter);
  return { removed, dimension: nextDimension(dimensionOf(path[index]), kept) ?? current };
}
