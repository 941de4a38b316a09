import { z } from 'zod';
import { IsoDateTime, PageQuery, Id, RecordId } from './common.ts';

/** Documents that can go through approval; later modules (orders, contracts, refunds) add theirs. */
export const approvableTypes = ['quote', 'order', 'contract', 'refund', 'commission', 'invoice_request'] as const;
export type ApprovableType = (typeof approvableTypes)[number];

/** Facts of a document a flow's conditions can test, per document type. */
export const approvalFacts = {
  quote: ['discountPercent', 'total'],
  order: ['discountPercent', 'total'],
  contract: ['amount'],
  refund: ['amount'],
  /** A commission statement: what it pays in all (its total, adjustments included). */
  commission: ['total'],
  /** An invoice request: its amount with tax. */
  invoice_request: ['amount'],
} as const satisfies Record<ApprovableType, readonly string[]>;

export const ApprovalCondition = z.object({
  fact: z.string().min(1).max(50),
  op: z.enum(['>', '>=', '<', '<=']),
  value: z
    .string()
    .trim()
    .regex(/^\d{1,13}(\.\d{1,2})?$/, 'invalidAmount'),
});
export const ApprovalStep = z
  .object({
    name: z.string().trim().min(1).max(100),
    approverType: z.enum(['role', 'user', 'department_manager']),
    roleId: RecordId.nullish(),
    userId: RecordId.nullish(),
    /** any: one approval completes the step; all: every approver must approve. */
    mode: z.enum(['any', 'all']).default('any'),
  })
  .refine((s) => s.approverType !== 'role' || Boolean(s.roleId), { path: ['roleId'], message: 'required' })
  .refine((s) => s.approverType !== 'user' || Boolean(s.userId), { path: ['userId'], message: 'required' });

export const ApprovalFlowInput = z.object({
  name: z.string().trim().min(1).max(100),
  documentType: z.enum(approvableTypes),
  active: z.boolean().default(true),
  /** Lower numbers are tried first; the first active flow whose conditions all hold applies. */
  priority: z.number().int().min(0).max(10000).default(100),
  conditions: z.array(ApprovalCondition).max(10).default([]),
  steps: z.array(ApprovalStep).min(1).max(10),
});
export const ApprovalFlow = z.object({
  id: z.number(),
  name: z.string(),
  documentType: z.enum(approvableTypes),
  active: z.boolean(),
  priority: z.number(),
  conditions: z.array(ApprovalCondition),
  steps: z.array(
    z.object({
      name: z.string(),
      approverType: z.enum(['role', 'user', 'department_manager']),
      roleId: z.number().nullable().optional(),
      userId: z.number().nullable().optional(),
      mode: z.enum(['any', 'all']),
    }),
  ),
  updatedAt: z.string(),
});
export type ApprovalFlow = z.infer<typeof ApprovalFlow>;

export const approvalStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

export const ApprovalDecision = z.object({
  step: z.number(),
  approverId: z.number(),
  approverName: z.string(),
  decision: z.enum(['pending', 'approved', 'rejected', 'skipped']),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export const ApprovalRequest = z.object({
  id: z.number(),
  documentType: z.enum(approvableTypes),
  documentId: z.number(),
  title: z.string(),
  amount: z.string().nullable(),
  flowName: z.string(),
  steps: z.array(z.string()),
  currentStep: z.number(),
  status: z.enum(approvalStatuses),
  submittedBy: z.number(),
  submittedByName: z.string(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** The reason given with a rejection, for the submitter to see. */
  comment: z.string().nullable(),
  decisions: z.array(ApprovalDecision),
  /** Whether the caller is an approver of the current step who has not yet decided. */
  awaitingMe: z.boolean(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequest>;

export const ApprovalSubmit = z.object({ documentType: z.enum(approvableTypes), documentId: RecordId });
export const ApprovalComment = z.object({ comment: z.string().trim().max(1000).nullish() });
export const ApprovalRejection = z.object({ comment: z.string().trim().min(1).max(1000) });
export const ApprovalQuery = PageQuery.extend({
  /** pending: waiting for the caller's decision; submitted: the caller's own requests; all: every request (approvals.manage). */
  view: z.enum(['pending', 'submitted', 'all']).default('pending'),
  documentType: z.enum(approvableTypes).optional(),
  documentId: Id.optional(),
  since: IsoDateTime.optional(),
});
export const ApprovalDocumentParams = z.object({ documentType: z.enum(approvableTypes), documentId: Id });
