import { z } from 'zod';
import { EnumList, Id, IdList, PageQuery, pageOf } from './common.ts';

/**
 * The eight classes of customer value (RFM): each of recency, frequency and monetary value above or
 * below the average score — 重要价值 (all three above) to 一般挽留 (all three below).
 */
export const rfmClasses = [
  'importantValue',
  'importantDevelop',
  'importantKeep',
  'importantRetain',
  'generalValue',
  'generalDevelop',
  'generalKeep',
  'generalRetain',
] as const;
export type RfmClass = (typeof rfmClasses)[number];

export const RfmRecompute = z.object({
  /** The days of orders scored, back from today. */
  windowDays: z.number().int().min(30).max(3650).default(365),
});
export type RfmRecompute = z.input<typeof RfmRecompute>;

export const RfmClassFigures = z.object({
  class: z.enum(rfmClasses),
  customers: z.number(),
  /** Minor units of the run's currency, over the window. */
  monetary: z.number(),
  averageRecencyDays: z.number().nullable(),
  averageFrequency: z.number().nullable(),
});
export type RfmClassFigures = z.infer<typeof RfmClassFigures>;

export const RfmRun = z.object({
  computedAt: z.string(),
  windowDays: z.number(),
  currency: z.string(),
  customers: z.number(),
  durationMs: z.number(),
});
export type RfmRun = z.infer<typeof RfmRun>;

/** Customer value for the caller: the classes of the customers they may see, and how the classes changed. */
export const RfmSummary = z.object({
  run: RfmRun.nullable(),
  classes: z.array(RfmClassFigures),
  /** Customers the caller may see with no order in the window. */
  unscored: z.number(),
  /** Each earlier run's count per class, over every customer: for those who see every customer only. */
  history: z.array(z.object({ computedAt: z.string(), counts: z.record(z.string(), z.number()) })),
});
export type RfmSummary = z.infer<typeof RfmSummary>;

/**
 * Why a customer is at risk of churning: their order rhythm broke (no bought order in more than twice
 * their usual interval), or they were not followed up for the days asked while holding open receivables
 * or tickets.
 */
export const churnReasons = ['orderRhythm', 'silentWithOpen'] as const;
export type ChurnReason = (typeof churnReasons)[number];

/** The orders of the churn risk list. */
export const churnRiskSorts = [
  'name',
  'owner',
  'lastOrderAt',
  'usualIntervalDays',
  'daysSinceLastOrder',
  'lastFollowupAt',
  'openReceivable',
  'openTickets',
] as const;
export type ChurnRiskSort = (typeof churnRiskSorts)[number];

/** The days without a follow-up after which a customer holding open receivables or tickets is at risk, unless asked otherwise. */
export const defaultSilentDays = 30;

export const ChurnRiskQuery = PageQuery.pick({ page: true, pageSize: true }).extend({
  sort: z
    .string()
    .regex(new RegExp(`^(${churnRiskSorts.join('|')}):(asc|desc)$`))
    .optional(),
  /** Customers at risk for any of these reasons (all reasons when none is given). */
  reason: EnumList(churnReasons),
  ownerId: IdList,
  /** Days without a follow-up that make a customer with open receivables or tickets silent. */
  silentDays: z.coerce.number().int().min(1).max(365).default(defaultSilentDays),
});
export type ChurnRiskQuery = z.infer<typeof ChurnRiskQuery>;

export const ChurnRiskCustomer = z.object({
  id: z.number(),
  name: z.string(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  reasons: z.array(z.enum(churnReasons)),
  /**
   * The order figures as of the last computation; null (with the receivable) for a caller who may not
   * see orders.
   */
  boughtOrders: z.number().nullable(),
  lastOrderAt: z.string().nullable(),
  /** The median of the days between the customer's bought orders (null under three orders a day apart). */
  usualIntervalDays: z.number().nullable(),
  daysSinceLastOrder: z.number().nullable(),
  lastFollowupAt: z.string().nullable(),
  /** Minor units of the run's currency: instalments not yet received in full. */
  openReceivable: z.number().nullable(),
  /** Null for a caller who may not see tickets. */
  openTickets: z.number().nullable(),
});
export type ChurnRiskCustomer = z.infer<typeof ChurnRiskCustomer>;

export const ChurnRun = z.object({
  computedAt: z.string(),
  currency: z.string(),
  /** Customers whose order rhythm broke, over every customer. */
  orderRhythm: z.number(),
  durationMs: z.number(),
});
export type ChurnRun = z.infer<typeof ChurnRun>;

/** The customers at risk the caller may see, a page at a time, with the count of each reason over all of them. */
export const ChurnRiskList = pageOf(ChurnRiskCustomer).extend({
  run: ChurnRun.nullable(),
  silentDays: z.number(),
  totals: z.object({
    /** At risk for any reason (the reason filter aside). */
    customers: z.number(),
    orderRhythm: z.number(),
    silentWithOpen: z.number(),
    /** Minor units of the run's currency, over every customer at risk; null for a caller who may not see orders. */
    openReceivable: z.number().nullable(),
  }),
});
export type ChurnRiskList = z.infer<typeof ChurnRiskList>;

/** Forecast against actual: a year's months, one person or one department (and below), within the caller's scope. */
export const ForecastAccuracyQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  ownerId: Id.optional(),
  departmentId: Id.optional(),
});
export type ForecastAccuracyQuery = z.input<typeof ForecastAccuracyQuery>;

/** A forecast against what was won, in minor units of the default currency; accuracy in percent (see the method). */
const ForecastFigures = z.object({
  /** Null when no forecast was taken as the month began. */
  forecast: z.number().nullable(),
  /** The open amount expected to close in the month, unweighted, as it began. */
  pipeline: z.number().nullable(),
  actual: z.number(),
  /** 100 × (1 − |actual − forecast| ÷ the larger of the two); null without a forecast or when both are nothing. */
  accuracy: z.number().nullable(),
});

export const ForecastAccuracy = z.object({
  year: z.number(),
  currency: z.string(),
  months: z.array(
    ForecastFigures.extend({
      month: z.string(),
      /** When the month's forecast was taken (its first day, unless the server was not running then). */
      takenAt: z.string().nullable(),
    }),
  ),
  /** Each owner, over the months with a forecast. */
  people: z.array(ForecastFigures.extend({ ownerId: z.number(), ownerName: z.string().nullable() })),
  /** Over the months with a forecast. */
  totals: ForecastFigures,
});
export type ForecastAccuracy = z.infer<typeof ForecastAccuracy>;
