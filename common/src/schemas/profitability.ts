import { z } from 'zod';
import { Id, IsoDate, PageQuery, pageOf } from './common.ts';
import { reportRelativePeriods } from './reports.ts';

/**
 * Multi-dimensional profitability (多维盈利分析): what was delivered — its revenue after the order's
 * discount and its cost of goods, both as recorded on each delivery in the default currency — grouped by
 * one of these.
 */
export const profitabilityDimensions = [
  'customer',
  'product',
  'category',
  'department',
  'owner',
  'province',
  'month',
  'quarter',
] as const;
export type ProfitabilityDimension = (typeof profitabilityDimensions)[number];

/** The orders of the rows; cost, margin and margin % only for those who may see costs. */
export const profitabilitySorts = ['name', 'revenue', 'cost', 'margin', 'marginPercent', 'quantity', 'orders'] as const;
export type ProfitabilitySort = (typeof profitabilitySorts)[number];
export const profitabilityCostSorts: readonly ProfitabilitySort[] = ['cost', 'margin', 'marginPercent'];

/** A month (`2026-03`) or a quarter (`2026-Q1`) of the delivery dates. */
export const ProfitabilityPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'invalid');

export const ProfitabilityQuery = PageQuery.pick({ page: true, pageSize: true }).extend({
  dimension: z.enum(profitabilityDimensions).default('customer'),
  sort: z
    .string()
    .regex(new RegExp(`^(${profitabilitySorts.join('|')}):(asc|desc)$`))
    .optional(),
  /** Deliveries from this day on (inclusive) … */
  from: IsoDate.optional(),
  /** … up to this day (inclusive); or instead a period relative to today in the company's time zone. */
  to: IsoDate.optional(),
  within: z.enum(reportRelativePeriods).optional(),
  // The drill-down: the rows behind one row of another dimension.
  customerId: Id.optional(),
  productId: Id.optional(),
  /** The category and the categories below it. */
  categoryId: Id.optional(),
  /** The department and the departments below it. */
  departmentId: Id.optional(),
  ownerId: Id.optional(),
  province: z.string().trim().min(1).max(50).optional(),
  period: ProfitabilityPeriod.optional(),
});
export type ProfitabilityQuery = z.infer<typeof ProfitabilityQuery>;

/**
 * Figures in minor units of the default currency. The cost fields are absent for a caller who may not
 * see costs (inventory.costs). A delivered line with no recorded cost (see the method) counts in revenue,
 * quantity and orders, but not in cost or margin: `uncostedLines` and `uncostedRevenue` say how much was
 * left out, and the margin is the revenue of the lines with a cost less their cost.
 */
export const ProfitabilityFigures = z.object({
  revenue: z.number(),
  /** Null when no line of the row has a recorded cost. */
  cost: z.number().nullable().optional(),
  margin: z.number().nullable().optional(),
  /** Margin ÷ the revenue of the lines with a cost, in percent with two decimals; null without such revenue. */
  marginPercent: z.string().nullable().optional(),
  uncostedLines: z.number().optional(),
  uncostedRevenue: z.number().optional(),
  /** Units delivered (decimal text, as on an order line). */
  quantity: z.string(),
  orders: z.number(),
});
export type ProfitabilityFigures = z.infer<typeof ProfitabilityFigures>;

export const ProfitabilityRow = ProfitabilityFigures.extend({
  /** What a drill-down filters by: the id, province or period; null for the rows with none. */
  key: z.string().nullable(),
  name: z.string().nullable(),
});
export type ProfitabilityRow = z.infer<typeof ProfitabilityRow>;

export const ProfitabilityReport = pageOf(ProfitabilityRow).extend({
  dimension: z.enum(profitabilityDimensions),
  /** The days asked for (a relative period resolved in the company's time zone); null for no bound. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  currency: z.string(),
  /** Whether the cost fields are given. */
  costs: z.boolean(),
  /** Over every matching delivered line, not only this page. */
  totals: ProfitabilityFigures,
  /** The drill-down filters with their names, for the path above the table. */
  filters: z.array(
    z.object({
      filter: z.enum(['customerId', 'productId', 'categoryId', 'departmentId', 'ownerId', 'province', 'period']),
      key: z.string(),
      name: z.string().nullable(),
    }),
  ),
});
export type ProfitabilityReport = z.infer<typeof ProfitabilityReport>;
