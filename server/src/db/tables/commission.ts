import type { Generated } from 'kysely';

// Commission (提成): plans and the monthly statements computed from them (migration 0058).
// Money in minor units of the default currency; rates in basis points; tiers in hundredths of a percent.

export type CommissionPlanTable = {
  id: Generated<number>;
  name: string;
  /** received: money received for one's orders; won: orders won. */
  basis: string;
  startDate: string;
  endDate: string | null;
  active: number;
  /** The most a statement pays for its month's own lines; null: no cap. */
  cap: number | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
};

/** A rate for a product category (and below), a customer level, both, or neither (the default). */
export type CommissionPlanRateTable = {
  id: Generated<number>;
  planId: number;
  categoryId: number | null;
  customerLevel: string | null;
  /** 350 is 3.5 %. */
  rateBp: number;
};

/** From an attainment of the target (8000 is 80 %) upwards, lines are multiplied (12500 is 1.25×). */
export type CommissionPlanTierTable = { planId: number; fromBp: number; multiplierBp: number };

/** Who a plan applies to: a user, or every active holder of a role. */
export type CommissionPlanAssignmentTable = { planId: number; userId: number | null; roleId: number | null };

export type CommissionStatementTable = {
  id: Generated<number>;
  /** The person paid. */
  ownerId: number;
  departmentId: number | null;
  month: string;
  planId: number | null;
  planName: string | null;
  basis: string | null;
  /** draft, submitted, rejected or locked. */
  status: string;
  currency: string;
  target: number | null;
  achieved: number | null;
  attainmentBp: number | null;
  multiplierBp: number;
  gross: number;
  cap: number | null;
  capped: number;
  adjustments: number;
  total: number;
  lineCount: number;
  generatedAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  lockedAt: string | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type CommissionStatementLineTable = {
  id: Generated<number>;
  statementId: number;
  /** receipt, order or adjustment. */
  kind: string;
  /** The receipt, the order, or (an adjustment) the refund or red-letter invoice. */
  sourceId: number;
  /** An adjustment's event: refund or red_letter. */
  event: string | null;
  orderId: number;
  receiptId: number | null;
  invoiceId: number | null;
  adjustsLineId: number | null;
  customerId: number;
  customerLevel: string | null;
  categoryId: number | null;
  categoryName: string | null;
  sourceDate: string;
  /** The part of the source this line stands for, in the source's currency. */
  sourceAmount: number;
  sourceCurrency: string;
  base: number;
  rateBp: number;
  multiplierBp: number;
  computed: number;
  commission: number;
};

export type CommissionTables = {
  commissionPlans: CommissionPlanTable;
  commissionPlanRates: CommissionPlanRateTable;
  commissionPlanTiers: CommissionPlanTierTable;
  commissionPlanAssignments: CommissionPlanAssignmentTable;
  commissionStatements: CommissionStatementTable;
  commissionStatementLines: CommissionStatementLineTable;
};
