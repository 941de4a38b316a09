import { z } from 'zod';
import { NamedAuditLog } from './audit.ts';
import { Task } from './tasks.ts';

export const HomeQuery = z.object({ view: z.enum(['me', 'team']).default('me') });
export const Home = z.object({
  view: z.enum(['me', 'team']),
  tasks: z.array(Task.extend({ overdue: z.boolean() })),
  followupsDue: z.array(
    z.object({
      customerId: z.number(),
      customerName: z.string(),
      nextFollowupAt: z.string(),
      overdue: z.boolean(),
      ownerName: z.string().nullable(),
    }),
  ),
  anniversaries: z.array(
    z.object({
      contactName: z.string(),
      customerId: z.number(),
      customerName: z.string(),
      type: z.string(),
      nextDate: z.string(),
      daysLeft: z.number(),
    }),
  ),
  /** Approval requests waiting for the caller's decision. */
  approvals: z.array(
    z.object({ id: z.number(), title: z.string(), submittedAt: z.string(), submittedByName: z.string() }),
  ),
  /** What the caller or their team did lately, newest first, each entry naming its record. */
  activity: z.array(NamedAuditLog),
  progress: z.object({
    period: z.string(),
    amountWon: z.string(),
    amountTarget: z.string().nullable(),
    newCustomers: z.number(),
    newCustomersTarget: z.string().nullable(),
    followups: z.number(),
    followupsTarget: z.string().nullable(),
  }),
  funnel: z.array(z.object({ stageCode: z.string(), probability: z.number(), count: z.number(), amount: z.string() })),
});
export type Home = z.infer<typeof Home>;
