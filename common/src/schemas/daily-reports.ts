import { z } from 'zod';
import { IdList, IsoDate, OptionalLongText, PageQuery, Id } from './common.ts';

export const dailyReportStatuses = ['draft', 'submitted'] as const;

/** What the day held, gathered from the records themselves when a report is drafted. */
export const DailyActivity = z.object({
  followups: z.array(
    z.object({
      id: z.number(),
      customerId: z.number(),
      customerName: z.string(),
      type: z.string(),
      occurredAt: z.string(),
      content: z.string(),
    }),
  ),
  tasksDone: z.array(z.object({ id: z.number(), subject: z.string(), completedAt: z.string() })),
  opportunitiesMoved: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      fromStage: z.string().nullable(),
      toStage: z.string(),
      changedAt: z.string(),
    }),
  ),
  /** How many of each there were that day, counted by the database (the lists hold the first 200); absent in reports saved before. */
  counts: z.object({ followups: z.number(), tasksDone: z.number(), opportunitiesMoved: z.number() }).optional(),
});
export type DailyActivity = z.infer<typeof DailyActivity>;

export const DailyReportInput = z.object({
  summary: z.string().trim().min(1).max(5000),
  plan: OptionalLongText,
  problems: OptionalLongText,
  /** Submitting makes the report visible to managers as final; it can no longer be changed. */
  submit: z.boolean().default(false),
});

export const DailyReport = z.object({
  id: z.number().nullable(),
  date: z.string(),
  ownerId: z.number(),
  ownerName: z.string(),
  departmentId: z.number().nullable(),
  status: z.enum(dailyReportStatuses),
  summary: z.string(),
  plan: z.string().nullable(),
  problems: z.string().nullable(),
  counts: z.object({ followups: z.number(), tasksDone: z.number(), opportunitiesMoved: z.number() }),
  activity: DailyActivity,
  submittedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type DailyReport = z.infer<typeof DailyReport>;

export const DailyReportSummary = DailyReport.omit({ activity: true });
export type DailyReportSummary = z.infer<typeof DailyReportSummary>;

export const DailyReportQuery = PageQuery.extend({
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  ownerId: IdList,
  departmentId: Id.optional(),
  status: z.enum(dailyReportStatuses).optional(),
});
export const DailyReportDateParams = z.object({ date: IsoDate });
