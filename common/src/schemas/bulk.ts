import { z } from 'zod';
import { RecordId } from './common.ts';
import { CustomerInput } from './customers.ts';
import { LeadInput } from './leads.ts';
import { OpportunityInput } from './opportunities.ts';
import { ticketPriorities } from './tickets.ts';

/** The most records one bulk edit changes: each is checked and audited as a single edit would be. */
export const bulkEditLimit = 500;

const BulkEditIds = z.array(RecordId).min(1).max(bulkEditLimit);

/** Changes of a bulk edit: at least one field, and only the fields the list's bulk edit offers. */
const changesOf = <S extends z.ZodRawShape>(shape: S) =>
  z
    .strictObject(shape)
    .partial()
    .refine((changes) => Object.values(changes).some((value) => value !== undefined), { message: 'required' });

export const CustomerBulkChanges = changesOf(
  CustomerInput.pick({ type: true, level: true, creditLevel: true, stage: true, industry: true, source: true }).shape,
);
export const CustomerBulkEdit = z.object({ ids: BulkEditIds, changes: CustomerBulkChanges });

export const LeadBulkChanges = changesOf(
  LeadInput.pick({ status: true, disqualifyReason: true, source: true, industry: true, ownerId: true }).shape,
);
export const LeadBulkEdit = z.object({ ids: BulkEditIds, changes: LeadBulkChanges });

export const OpportunityBulkChanges = changesOf(
  OpportunityInput.pick({ stageId: true, source: true, expectedCloseDate: true, ownerId: true }).shape,
);
export const OpportunityBulkEdit = z.object({ ids: BulkEditIds, changes: OpportunityBulkChanges });

/** The statuses a bulk action moves tickets to; each ticket takes the transition the single ticket would. */
export const ticketBulkStatuses = ['in_progress', 'waiting', 'resolved', 'closed', 'reopened'] as const;
export type TicketBulkStatus = (typeof ticketBulkStatuses)[number];
export const TicketBulkChanges = changesOf({
  assigneeId: RecordId,
  status: z.enum(ticketBulkStatuses),
  priority: z.enum(ticketPriorities),
});
export const TicketBulkEdit = z.object({ ids: BulkEditIds, changes: TicketBulkChanges });

/**
 * What a bulk edit did: records changed, and records skipped — outside the caller's data scope (not
 * named, so that nothing tells they exist) or, in `rejected`, visible ones a rule of the single edit refused.
 */
export const BulkEditResult = z.object({
  affected: z.number(),
  skipped: z.number(),
  rejected: z.array(z.object({ id: z.number(), reason: z.string() })),
});
export type BulkEditResult = z.infer<typeof BulkEditResult>;
