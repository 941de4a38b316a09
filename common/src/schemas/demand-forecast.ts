import { z } from 'zod';
import { Id, PageQuery } from './common.ts';

/** What a demand forecast is made for: each product, or each product category. */
export const demandForecastGroupings = ['product', 'category'] as const;
export type DemandForecastGrouping = (typeof demandForecastGroupings)[number];

/** How an item's forecast was made (see the method): chosen per series by its months of sales. */
export const demandForecastMethods = ['seasonal', 'seasonalNaive', 'arima', 'average', 'none'] as const;
export type DemandForecastMethod = (typeof demandForecastMethods)[number];

export const demandForecastSorts = ['forecast', 'name'] as const;
export type DemandForecastSort = (typeof demandForecastSorts)[number];

/** Months forecast after the history. */
export const demandForecastHorizon = 3;
/** Months at the end of the history the method is tested on (fitted on what came before them). */
export const demandForecastBacktestMonths = 6;
/** The months of history a forecast is fitted on, unless asked otherwise. */
export const defaultDemandForecastMonths = 24;

export const DemandForecastQuery = PageQuery.pick({ page: true, pageSize: true, q: true }).extend({
  by: z.enum(demandForecastGroupings).default('product'),
  productId: Id.optional(),
  /** Products of this category and those below it. */
  categoryId: Id.optional(),
  /** Complete months of history, up to the month before this one. */
  months: z.coerce.number().int().min(12).max(60).default(defaultDemandForecastMonths),
  sort: z
    .string()
    .regex(new RegExp(`^(${demandForecastSorts.join('|')}):(asc|desc)$`))
    .optional(),
  pageSize: PageQuery.shape.pageSize.default(20),
});
export type DemandForecastQuery = z.input<typeof DemandForecastQuery>;

/** Quantities are exact decimals as order lines hold them ("12", "2.5"). */
const Quantity = z.string();

/** One series' history, forecast, test on the last months and its error. */
export const DemandForecastSeries = z.object({
  history: z.array(z.object({ month: z.string(), quantity: Quantity })),
  /** The next months, from this one: the quantity expected and, where the model gives one, an 80 % interval. */
  forecast: z.array(
    z.object({ month: z.string(), quantity: Quantity, low: Quantity.optional(), high: Quantity.optional() }),
  ),
  /** The last months of the history against what the same method, fitted on the months before them, forecast. */
  backtest: z.array(z.object({ month: z.string(), actual: Quantity, forecast: Quantity })),
  /** Mean absolute percentage error over the backtest months with a quantity, one decimal; null when none had one. */
  mape: z.number().nullable(),
  /** Mean absolute error over the backtest months, in the item's units. */
  mae: Quantity,
  method: z.enum(demandForecastMethods),
  /** The method of the backtest (the same rule over the months it was fitted on). */
  backtestMethod: z.enum(demandForecastMethods),
});
export type DemandForecastSeries = z.infer<typeof DemandForecastSeries>;

export const DemandForecastItem = DemandForecastSeries.extend({
  /** The product's or category's id; null for products without a category. */
  id: z.number().nullable(),
  name: z.string().nullable(),
  /** The product's code; null for a category. */
  code: z.string().nullable(),
  /** The product's category (null for a category, or a product without one). */
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  unit: z.string().nullable(),
  /** The next months' forecast added up: what the list sorts by. */
  forecastTotal: Quantity,
});
export type DemandForecastItem = z.infer<typeof DemandForecastItem>;

export const DemandForecast = z.object({
  by: z.enum(demandForecastGroupings),
  months: z.number(),
  /** The first month forecast (this one, in the company's time zone). */
  firstForecastMonth: z.string(),
  items: z.array(DemandForecastItem),
  /** Items with a sold quantity in the history, over every match. */
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Every matching item's quantities added up by the database, forecast as one series. */
  totals: DemandForecastSeries,
});
export type DemandForecast = z.infer<typeof DemandForecast>;
