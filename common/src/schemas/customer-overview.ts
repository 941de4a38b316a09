import { z } from 'zod';

/**
 * A customer's key figures for the head of its page, over the records the caller may see, in the default
 * currency (other currencies converted at the settings' rates). A figure the caller may not see is null.
 */
export const CustomerOverview = z.object({
  currency: z.string(),
  /** Orders sold to the customer (approved onwards, not cancelled). */
  revenue: z.string().nullable(),
  /** Instalments not yet received, and those of them past their due date. */
  outstanding: z.string().nullable(),
  overdue: z.string().nullable(),
  openOpportunities: z.object({ count: z.number().int(), amount: z.string() }).nullable(),
  openTickets: z.number().int().nullable(),
  lastFollowupAt: z.string().nullable(),
  nextFollowupAt: z.string().nullable(),
});
export type CustomerOverview = z.infer<typeof CustomerOverview>;
