import { z } from 'zod';

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
