import { z } from 'zod';
import { scaled } from '../document-math.ts';
import { EnumList, Id, IsoDate, PageQuery, pageOf, RecordId } from './common.ts';
import { NonNegativeAmount } from './products.ts';

/**
 * Commission (提成). A plan pays a rate of what a person sold — on the money received for their orders
 * (`received`) or on the orders won (`won`) — multiplied by the tier their month's attainment of their
 * target reached, up to a cap per statement. Each month a statement (提成单) per person lists every line it
 * pays, each traced to its order and receipt; it goes through the approval engine and is locked once
 * approved. The rules are written down in server/src/modules/commission/generation.service.ts.
 */
export const commissionBases = ['received', 'won'] as const;
export type CommissionBasis = (typeof commissionBases)[number];

/** draft → submitted → locked (approved) or rejected → (computed again) draft. */
export const statementStatuses = ['draft', 'submitted', 'rejected', 'locked'] as const;
export type StatementStatus = (typeof statementStatuses)[number];

export const statementLineKinds = ['receipt', 'order', 'adjustment'] as const;
export type StatementLineKind = (typeof statementLineKinds)[number];

/** What an adjustment answers: a refund of money commissioned, or a red-letter invoice of an order commissioned. */
export const adjustmentEvents = ['refund', 'red_letter'] as const;

/** A calendar month in the company's time zone: `2026-11`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalidMonth');

/** A rate in percent with up to two decimals ("3.5" is 3.5 %), 0–100: kept in basis points, never as a float. */
export const CommissionRate = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'invalidPercent')
  .refine((v) => !/^\d{1,3}(\.\d{1,2})?$/.test(v) || scaled(v, 2) <= 10_000n, 'invalidPercent');

/** An attainment threshold in percent of the target with up to two decimals, 0–1000. */
export const AttainmentPercent = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, 'invalidPercent')
  .refine((v) => !/^\d{1,4}(\.\d{1,2})?$/.test(v) || scaled(v, 2) <= 100_000n, 'invalidPercent');

/** A multiplier with up to four decimals ("1.25"), 0–10. */
export const TierMultiplier = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,4})?$/, 'invalidMultiplier')
  .refine((v) => !/^\d{1,2}(\.\d{1,4})?$/.test(v) || scaled(v, 4) <= 100_000n, 'invalidMultiplier');

export const CommissionRateInput = z.object({
  /** A product category (its sub-categories included); none: any product, and lines without one. */
  categoryId: RecordId.nullish(),
  /** A customer level (dictionary customer_level); none: any customer. */
  customerLevel: z.string().trim().min(1).max(50).nullish(),
  rate: CommissionRate,
});

export const CommissionTierInput = z.object({
  /** The tier applies from this attainment of the month's target upwards (until the next tier). */
  fromPercent: AttainmentPercent,
  multiplier: TierMultiplier,
});

export const CommissionPlanInput = z.object({
  name: z.string().trim().min(1).max(100),
  basis: z.enum(commissionBases),
  startDate: IsoDate,
  /** Inclusive; none: open-ended. */
  endDate: IsoDate.nullish(),
  active: z.boolean().default(true),
  /** The most a statement pays for its month's own lines, in the default currency; none: no cap. */
  cap: NonNegativeAmount.nullish(),
  /** One rate per category, level or pair of them; the rate with neither is the default. */
  rates: z.array(CommissionRateInput).min(1).max(200),
  /** Ascending thresholds, the first at 0; none: every line at its rate (multiplier 1). */
  tiers: z.array(CommissionTierInput).max(20).default([]),
  userIds: z.array(RecordId).max(500).default([]),
  roleIds: z.array(RecordId).max(50).default([]),
});

export const CommissionPlan = z.object({
  id: z.number(),
  name: z.string(),
  basis: z.enum(commissionBases),
  startDate: z.string(),
  endDate: z.string().nullable(),
  active: z.boolean(),
  cap: z.string().nullable(),
  /** The currency of the cap and of every statement: the company's default currency. */
  currency: z.string(),
  rates: z.array(
    z.object({
      categoryId: z.number().nullable(),
      categoryName: z.string().nullable(),
      customerLevel: z.string().nullable(),
      rate: z.string(),
    }),
  ),
  tiers: z.array(z.object({ fromPercent: z.string(), multiplier: z.string() })),
  users: z.array(z.object({ id: z.number(), name: z.string() })),
  roles: z.array(z.object({ id: z.number(), name: z.string() })),
  /** Statements made under the plan: such a plan is switched off rather than deleted. */
  statements: z.number(),
  updatedAt: z.string(),
});
export type CommissionPlan = z.infer<typeof CommissionPlan>;

export const CommissionPlanQuery = PageQuery.pick({ page: true, pageSize: true });

export const CommissionGenerateQuery = z.object({ month: Month, userId: Id.optional() });
const StatementRef = z.object({ statementId: z.number(), userId: z.number(), userName: z.string() });
export const CommissionGenerated = z.object({
  month: z.string(),
  /** Statements computed (created, or drafts computed again). */
  generated: z.array(StatementRef),
  /** Statements already submitted or locked, left as they are. */
  skipped: z.array(StatementRef.extend({ status: z.enum(statementStatuses) })),
});
export type CommissionGenerated = z.infer<typeof CommissionGenerated>;

export const CommissionStatement = z.object({
  id: z.number(),
  userId: z.number(),
  userName: z.string(),
  departmentId: z.number().nullable(),
  month: z.string(),
  /** None for a statement of adjustments alone (a month without a plan). */
  planId: z.number().nullable(),
  planName: z.string().nullable(),
  basis: z.enum(commissionBases).nullable(),
  status: z.enum(statementStatuses),
  currency: z.string(),
  /** The month's amount-won target and what was won against it; null without a target. */
  target: z.string().nullable(),
  achieved: z.string().nullable(),
  /** achieved ÷ target in percent, two decimals cut off (not rounded); null without a target. */
  attainment: z.string().nullable(),
  multiplier: z.string(),
  /** The month's own lines (receipts or orders). */
  gross: z.string(),
  cap: z.string().nullable(),
  /** gross, at most the cap. */
  capped: z.string(),
  /** Adjustments of earlier, locked statements (negative for refunds and red-letter invoices). */
  adjustments: z.string(),
  /** capped + adjustments: what the statement pays. */
  total: z.string(),
  lineCount: z.number(),
  generatedAt: z.string(),
  submittedAt: z.string().nullable(),
  lockedAt: z.string().nullable(),
});
export type CommissionStatement = z.infer<typeof CommissionStatement>;

export const CommissionLine = z.object({
  id: z.number(),
  kind: z.enum(statementLineKinds),
  event: z.enum(adjustmentEvents).nullable(),
  orderId: z.number(),
  orderNumber: z.string(),
  /** The receipt of a receipt line; the refund of a refund's adjustment. */
  receiptId: z.number().nullable(),
  receiptNumber: z.string().nullable(),
  /** The red-letter invoice of its adjustment. */
  invoiceId: z.number().nullable(),
  invoiceNumber: z.string().nullable(),
  /** An adjustment's line of an earlier statement, with that statement's month. */
  adjustsLineId: z.number().nullable(),
  adjustsStatementId: z.number().nullable(),
  adjustsMonth: z.string().nullable(),
  customerId: z.number(),
  customerName: z.string(),
  customerLevel: z.string().nullable(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  /** When it counted: the receipt's (or refund's) confirmation day, the order's approval day, the invoice's issue day. */
  sourceDate: z.string(),
  /** The part of the receipt, order or event this line stands for, in its own currency. */
  sourceAmount: z.string(),
  sourceCurrency: z.string(),
  /** That part in the statement's currency. */
  base: z.string(),
  rate: z.string(),
  multiplier: z.string(),
  /** base × rate × multiplier, to the cent (half up). */
  computed: z.string(),
  /** What the line pays: `computed`, but for an adjustment of a capped statement only what the cap let through. */
  commission: z.string(),
});
export type CommissionLine = z.infer<typeof CommissionLine>;

export const CommissionStatementDetail = CommissionStatement.extend({ lines: pageOf(CommissionLine) });
export type CommissionStatementDetail = z.infer<typeof CommissionStatementDetail>;

export const CommissionStatementQuery = PageQuery.pick({ page: true, pageSize: true }).extend({
  month: Month.optional(),
  userId: Id.optional(),
  status: EnumList(statementStatuses),
});
/** The page of a statement's lines. */
export const CommissionLinesQuery = PageQuery.pick({ page: true, pageSize: true });
