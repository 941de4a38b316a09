import { z } from 'zod';
import { Id, RecordId } from './common.ts';

export const targetMetrics = ['amountWon', 'newCustomers', 'followups'] as const;
export type TargetMetric = (typeof targetMetrics)[number];
export const targetScopes = ['user', 'department'] as const;

/** `2026` (year), `2026-Q4` (quarter) or `2026-11` (month). */
export const Period = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'invalidPeriod');

export const TargetInput = z.object({
  scopeType: z.enum(targetScopes),
  scopeId: RecordId,
  metric: z.enum(targetMetrics),
  period: Period,
  /** Amounts as exact decimal strings, counts as whole numbers in a string. */
  value: z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'invalidAmount'),
});
export const TargetsInput = z.object({ targets: z.array(TargetInput).min(1).max(500) });
export const Target = TargetInput.extend({ id: z.number(), scopeName: z.string() });
export type Target = z.infer<typeof Target>;
export const TargetQuery = z.object({
  period: Period.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  scopeType: z.enum(targetScopes).optional(),
  scopeId: Id.optional(),
});

export const PerformanceQuery = z.object({
  period: Period,
  departmentId: Id.optional(),
  sort: z.enum(targetMetrics).default('amountWon'),
});
export const PerformanceRow = z.object({
  /** Equal results share a rank; null for a person with nothing to rank by (zero). */
  rank: z.number().nullable(),
  userId: z.number(),
  userName: z.string(),
  departmentId: z.number().nullable(),
  amountWon: z.string(),
  deals: z.number(),
  newCustomers: z.number(),
  followups: z.number(),
  targets: z.object({
    amountWon: z.string().nullable(),
    newCustomers: z.string().nullable(),
    followups: z.string().nullable(),
  }),
});
export const Performance = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(PerformanceRow),
  totals: PerformanceRow.omit({ rank: true, userId: true, userName: true, departmentId: true }),
});
export type Performance = z.infer<typeof Performance>;
