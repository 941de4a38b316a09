import { z } from 'zod';
import { IsoDate, OptionalLongText, PageQuery, Id, RecordId } from './common.ts';

/** A named service measure (dedicated account manager, 2-hour response, quarterly visit …) and the customer levels it is standard for. */
export const StrategyInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: OptionalLongText,
  customerLevels: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  active: z.boolean().default(true),
});
export const Strategy = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  customerLevels: z.array(z.string()),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Strategy = z.infer<typeof Strategy>;

export const planStatuses = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
/** An implementation plan (实施方案): the strategies chosen for one customer, who carries them out and until when. */
export const PlanInput = z
  .object({
    customerId: RecordId,
    title: z.string().trim().min(1).max(200),
    /** Left out on a new plan: the standard strategies of the customer's level. */
    strategyIds: z.array(RecordId).max(50).optional(),
    ownerId: RecordId.nullish(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    status: z.enum(planStatuses).default('planned'),
    description: OptionalLongText,
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'endBeforeStart' });
export const Plan = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  customerLevel: z.string().nullable(),
  title: z.string(),
  strategies: z.array(z.object({ id: z.number(), name: z.string() })),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(planStatuses),
  description: z.string().nullable(),
  version: z.number(),
  notes: z.array(
    z.object({ id: z.number(), body: z.string(), authorName: z.string().nullable(), createdAt: z.string() }),
  ),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof Plan>;
export const PlanVersion = z.object({
  version: z.number(),
  snapshot: z.record(z.string(), z.unknown()),
  editedByName: z.string().nullable(),
  createdAt: z.string(),
});
export const PlanQuery = PageQuery.extend({ customerId: Id.optional(), status: z.enum(planStatuses).optional() });
export const PlanNoteInput = z.object({ body: z.string().trim().min(1).max(5000) });

export const requirementStatuses = ['open', 'in_progress', 'answered', 'closed'] as const;
export const requirementUrgencies = ['low', 'normal', 'high', 'urgent'] as const;
/** A customer requirement (客户需求) from any channel, answered by a plan or a strategy. */
export const RequirementInput = z.object({
  customerId: RecordId,
  channel: z.string().trim().max(30).nullish(),
  category: z.string().trim().max(50).nullish(),
  urgency: z.enum(requirementUrgencies).default('normal'),
  status: z.enum(requirementStatuses).default('open'),
  description: z.string().trim().min(1).max(5000),
  planId: RecordId.nullish(),
  strategyId: RecordId.nullish(),
});
export const RequirementPatch = RequirementInput.omit({ customerId: true }).partial();
export const Requirement = z.object({
  id: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  customerLevel: z.string().nullable(),
  channel: z.string().nullable(),
  category: z.string().nullable(),
  urgency: z.enum(requirementUrgencies),
  status: z.enum(requirementStatuses),
  description: z.string(),
  planId: z.number().nullable(),
  planTitle: z.string().nullable(),
  strategyId: z.number().nullable(),
  strategyName: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Requirement = z.infer<typeof Requirement>;
export const RequirementQuery = PageQuery.extend({
  customerId: Id.optional(),
  status: z.enum(requirementStatuses).optional(),
  category: z.string().max(50).optional(),
});
/** Open requirements (not answered or closed) by customer level and category. */
export const RequirementReport = z.object({
  rows: z.array(
    z.object({
      customerLevel: z.string().nullable(),
      category: z.string().nullable(),
      open: z.number(),
      urgent: z.number(),
    }),
  ),
});
export type RequirementReport = z.infer<typeof RequirementReport>;
