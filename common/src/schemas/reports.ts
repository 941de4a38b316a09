import { z } from 'zod';
import type { Permission } from '../permissions.ts';

/** What a report counts: one kind of record. */
export const reportSources = [
  'customers',
  'contacts',
  'leads',
  'followups',
  'opportunities',
  'quotes',
  'orders',
  'orderLines',
  'receipts',
  'instalments',
  'invoices',
  'contracts',
  'tickets',
  'workOrders',
  'surveyAnswers',
  'calls',
  'campaigns',
  'campaignMembers',
] as const;
export type ReportSource = (typeof reportSources)[number];

/** Who may report on a source: who may open its list. */
export const reportSourcePermissions = {
  customers: 'customers.view',
  contacts: 'contacts.view',
  leads: 'leads.view',
  followups: 'followups.view',
  opportunities: 'opportunities.view',
  quotes: 'quotes.view',
  orders: 'orders.view',
  orderLines: 'orders.view',
  receipts: 'receipts.view',
  // Payment plans are read with their orders, as the receivables are.
  instalments: 'orders.view',
  invoices: 'invoices.view',
  contracts: 'contracts.view',
  tickets: 'tickets.view',
  workOrders: 'workOrders.view',
  // Survey results are read by whoever may see surveys; each answer within the customers they may see.
  surveyAnswers: 'surveys.view',
  calls: 'calls.view',
  campaigns: 'campaigns.view',
  campaignMembers: 'campaigns.view',
} as const satisfies Record<ReportSource, Permission>;

/** How a date or time is grouped, in the company's time zone; weeks are ISO weeks (Monday first). */
export const reportDateUnits = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type ReportDateUnit = (typeof reportDateUnits)[number];

/** Periods relative to today in the company's time zone, for date filters. */
export const reportRelativePeriods = [
  'today',
  'yesterday',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'lastQuarter',
  'thisYear',
  'lastYear',
  'yearToDate',
  'last7Days',
  'last30Days',
  'last90Days',
] as const;
export type ReportRelativePeriod = (typeof reportRelativePeriods)[number];

/** `ratio`: one measure of the report divided by another, in percent (a win rate, a conversion rate). */
export const reportAggregates = ['count', 'distinct', 'sum', 'avg', 'min', 'max', 'ratio'] as const;
export type ReportAggregate = (typeof reportAggregates)[number];

const FieldName = z.string().trim().min(1).max(64);
const FilterValue = z.union([z.string().max(200), z.number()]);

export const ReportFilter = z.discriminatedUnion('op', [
  z.object({ field: FieldName, op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']), value: FilterValue }),
  z.object({ field: FieldName, op: z.enum(['in', 'notIn']), value: z.array(FilterValue).min(1).max(200) }),
  z.object({ field: FieldName, op: z.literal('between'), value: z.tuple([FilterValue, FilterValue]) }),
  z.object({ field: FieldName, op: z.enum(['empty', 'notEmpty']) }),
  z.object({ field: FieldName, op: z.literal('contains'), value: z.string().min(1).max(100) }),
  z.object({ field: FieldName, op: z.literal('within'), value: z.enum(reportRelativePeriods) }),
]);
export type ReportFilter = z.infer<typeof ReportFilter>;

export const ReportGrouping = z.object({
  field: FieldName,
  /** For a date or time field: the period its values are grouped by (month by default). */
  unit: z.enum(reportDateUnits).optional(),
  /**
   * For a department field: the depth of the department tree its values are rolled up to (1: the
   * top-level departments). A record of a deeper department counts for its ancestor at that depth.
   */
  departmentLevel: z.number().int().min(1).max(10).optional(),
});
export type ReportGrouping = z.infer<typeof ReportGrouping>;

export const ReportMeasure = z
  .object({
    aggregate: z.enum(reportAggregates),
    /** The field summed, averaged and so on; none for a count of records or a ratio. */
    field: FieldName.optional(),
    /** Also each row's share of the total, in percent. */
    share: z.boolean().optional(),
    /** Only the records that also match these filters are measured ("count of won opportunities"). */
    where: z.array(ReportFilter).max(5).optional(),
    /** For a ratio: the positions of the measures divided (numerator, denominator), neither a ratio. */
    of: z.tuple([z.number().int().min(0).max(9), z.number().int().min(0).max(9)]).optional(),
  })
  .refine((m) => m.aggregate === 'count' || m.aggregate === 'ratio' || m.field !== undefined, {
    message: 'fieldRequired',
    path: ['field'],
  })
  .refine((m) => (m.aggregate === 'ratio') === (m.of !== undefined), { message: 'ratioOf', path: ['of'] });
export type ReportMeasure = z.infer<typeof ReportMeasure>;

export const ReportDefinition = z.object({
  source: z.enum(reportSources),
  filters: z.array(ReportFilter).max(20).default([]),
  groupBy: z.array(ReportGrouping).max(3).default([]),
  measures: z.array(ReportMeasure).min(1).max(10),
  /**
   * Money is added up in one currency: the company's own unless another is named. Records in other
   * currencies are left out of a report that measures money.
   */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Rows shown, largest first by the first measure when grouped; totals always cover every record. */
  limit: z.number().int().min(1).max(1000).default(500),
  /**
   * Each measure also for the period before the one the report's relative-period filter (`within`)
   * names, or for the same period a year earlier, with the change in percent.
   */
  compare: z.enum(['previousPeriod', 'previousYear']).optional(),
});
export type ReportDefinition = z.infer<typeof ReportDefinition>;
export type ReportDefinitionInput = z.input<typeof ReportDefinition>;

export const ReportColumn = z.object({
  key: z.string(),
  /** `previous`: a measure over the period compared with; `change`: from it to this period, in percent. */
  kind: z.enum(['group', 'measure', 'share', 'previous', 'change']),
  /** The field grouped or measured; for a count, none. */
  field: z.string().nullable(),
  /** What the values are: text (labels, codes, periods), a number, or money in minor units. */
  type: z.enum(['text', 'number', 'money', 'percent']),
  aggregate: z.enum(reportAggregates).nullable(),
  unit: z.enum(reportDateUnits).nullable(),
  /** For a dictionary field: the dictionary its codes come from. */
  dictionary: z.string().nullable(),
});
export type ReportColumn = z.infer<typeof ReportColumn>;

const ReportValue = z.union([z.string(), z.number(), z.null()]);

export const ReportResult = z.object({
  columns: z.array(ReportColumn),
  rows: z.array(z.record(z.string(), ReportValue)),
  /** The measures over every matching record (not only the rows shown). */
  totals: z.record(z.string(), ReportValue),
  /** Groups beyond `limit` were left out of `rows`. */
  truncated: z.boolean(),
  /** The currency money columns are in. */
  currency: z.string().nullable(),
});
export type ReportResult = z.infer<typeof ReportResult>;

/**
 * The records behind one figure of a report: the report's definition and the values of its groupings
 * in that row (by column key; null for "(none)").
 */
export const ReportRecordsQuery = z.object({
  definition: ReportDefinition,
  match: z.record(z.string().max(80), z.union([z.string().max(200), z.number(), z.null()])).default({}),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type ReportRecordsQuery = z.input<typeof ReportRecordsQuery>;

export const ReportRecord = z.object({
  id: z.number(),
  title: z.string().nullable(),
  detail: z.string().nullable(),
  /** The page the record opens on (its own, or its customer's, order's or ticket's). */
  url: z.string().nullable(),
  /** Its value of the field the report sums (see `measured`); money in minor units. */
  value: z.number().nullable(),
});
export type ReportRecord = z.infer<typeof ReportRecord>;

export const ReportRecordsPage = z.object({
  items: z.array(ReportRecord),
  total: z.number(),
  /**
   * The field the report's first summed measure reads (an amount), with its sum over every record
   * behind the figure, so the figure can be checked; none for a count.
   */
  measured: z
    .object({
      field: z.string(),
      type: z.enum(['number', 'money']),
      sum: z.number(),
      currency: z.string().nullable(),
    })
    .nullable(),
});
export type ReportRecordsPage = z.infer<typeof ReportRecordsPage>;

/** What a field's values are: how it may be filtered, grouped and measured. */
export const reportFieldKinds = [
  'text',
  'dictionary',
  'number',
  'money',
  /** A quantity of a product: a decimal number (kept in thousandths). */
  'quantity',
  'date',
  'timestamp',
  'user',
  'department',
  'customer',
  'product',
  'category',
] as const;
export type ReportFieldKind = (typeof reportFieldKinds)[number];

/** A source the caller may report on, with the fields they may read. */
export const ReportSourceInfo = z.object({
  source: z.enum(reportSources),
  fields: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(reportFieldKinds),
      dictionary: z.string().nullable(),
      /** A custom field's own name, in both languages, and the options of a choice. */
      custom: z
        .object({
          labelZh: z.string(),
          labelEn: z.string(),
          options: z.array(z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() })),
        })
        .optional(),
    }),
  ),
});
export type ReportSourceInfo = z.infer<typeof ReportSourceInfo>;

/**
 * How a report is shown: a table (with totals), a pivot (first grouping down, second across), or a
 * chart of its first measure; `map` places the first grouping's provinces on a map of China.
 */
export const reportCharts = [
  'table',
  'pivot',
  'bar',
  'stackedBar',
  'line',
  'area',
  'pie',
  'donut',
  'funnel',
  'scatter',
  'gauge',
  'map',
] as const;
export type ReportChart = (typeof reportCharts)[number];

/** A report to print: its definition, under a name, shown as a table, a pivot or a chart (with the table below). */
export const ReportPdfRequest = z.object({
  name: z.string().trim().min(1).max(100),
  definition: ReportDefinition,
  chart: z.enum(reportCharts),
});
export type ReportPdfRequest = z.output<typeof ReportPdfRequest>;
export type ReportPdfRequestInput = z.input<typeof ReportPdfRequest>;

const savedReportFields = {
  name: z.string().trim().min(1).max(100),
  folder: z.string().trim().max(60).nullable(),
  definition: ReportDefinition,
  chart: z.enum(reportCharts),
  /** The users of these roles, and of these departments, see it too (and run it within their own scope). */
  sharedWithRoleIds: z.array(z.number().int().positive()).max(50),
  sharedWithDepartmentIds: z.array(z.number().int().positive()).max(50),
};

/** A report to save: its definition, how it is shown, and who else sees it. */
export const SavedReportInput = z.object({
  ...savedReportFields,
  folder: savedReportFields.folder.default(null),
  chart: savedReportFields.chart.default('bar'),
  sharedWithRoleIds: savedReportFields.sharedWithRoleIds.default([]),
  sharedWithDepartmentIds: savedReportFields.sharedWithDepartmentIds.default([]),
});
export type SavedReportInput = z.input<typeof SavedReportInput>;

/** A change to a saved report: what is given replaces what it held; nothing else changes. */
export const SavedReportPatch = z.object(savedReportFields).partial();
export type SavedReportPatch = z.input<typeof SavedReportPatch>;

export const SavedReport = z.object({
  id: z.number(),
  name: z.string(),
  folder: z.string().nullable(),
  definition: ReportDefinition,
  chart: z.enum(reportCharts),
  ownerId: z.number(),
  ownerName: z.string().nullable(),
  /** Whether the caller owns it (and may change or delete it). */
  mine: z.boolean(),
  sharedWithRoleIds: z.array(z.number()),
  sharedWithDepartmentIds: z.array(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedReport = z.infer<typeof SavedReport>;

export const reportScheduleFrequencies = ['daily', 'weekly', 'monthly'] as const;
export type ReportScheduleFrequency = (typeof reportScheduleFrequencies)[number];

/**
 * When a saved report is sent by email, and to whom: each recipient gets the figures of their own data
 * scope and field rules, in their own language, at `hour` in the company's time zone — every day, on
 * an ISO weekday (1 = Monday), or on a day of the month (up to 28, which every month has).
 */
export const ReportScheduleInput = z
  .object({
    frequency: z.enum(reportScheduleFrequencies),
    weekday: z.number().int().min(1).max(7).nullable().default(null),
    monthDay: z.number().int().min(1).max(28).nullable().default(null),
    hour: z.number().int().min(0).max(23).default(8),
    recipientIds: z.array(z.number().int().positive()).min(1).max(100),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    if (schedule.frequency === 'weekly' && schedule.weekday === null)
      ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'required' });
    if (schedule.frequency === 'monthly' && schedule.monthDay === null)
      ctx.addIssue({ code: 'custom', path: ['monthDay'], message: 'required' });
  });
export type ReportScheduleInput = z.input<typeof ReportScheduleInput>;

export const ReportSchedule = z.object({
  reportId: z.number(),
  frequency: z.enum(reportScheduleFrequencies),
  weekday: z.number().nullable(),
  monthDay: z.number().nullable(),
  hour: z.number(),
  recipientIds: z.array(z.number()),
  enabled: z.boolean(),
  /** When it is next sent (null while paused). */
  nextRunAt: z.string().nullable(),
  lastSentAt: z.string().nullable(),
  /** Why the last sending failed for someone, in words (null when every recipient got it). */
  lastError: z.string().nullable(),
});
export type ReportSchedule = z.infer<typeof ReportSchedule>;
