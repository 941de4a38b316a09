import { z } from 'zod';
import { EnumList, PageQuery, RecordId } from './common.ts';
import { NonNegativeAmount, Percent } from './products.ts';

// Membership and loyalty (会员与积分): member levels, the loyalty rules, a customer's membership, its points
// ledger and level history.

/** How a points balance changes: earned on a paid order, reversed by its refund, redeemed on an order, given back
 * when that order is cancelled or deleted, expired at a year end, adjusted by hand. */
export const pointsKinds = ['earned', 'reversed', 'redeemed', 'returned', 'expired', 'adjusted'] as const;
export type PointsKind = (typeof pointsKinds)[number];
export const memberStatuses = ['active', 'removed'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const levelChangeReasons = ['enrolled', 'manual', 'upgrade', 'downgrade'] as const;
export type LevelChangeReason = (typeof levelChangeReasons)[number];

/** A points multiplier as an exact decimal ("1", "1.5"), at most 10×. */
const Multiplier = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,4})?$/, 'invalidMultiplier')
  .refine((v) => Number(v) <= 10, 'invalidMultiplier');

export const MemberLevelInput = z.object({
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(50),
  /** The document discount a member of the level is offered on a new quote or order. */
  discountPercent: Percent,
  /** Points earned are multiplied by it. */
  multiplier: Multiplier,
  /** Rolling 12-month spend (company currency) that reaches the level; the lowest level is where everyone starts. */
  minSpend: NonNegativeAmount,
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export type MemberLevelInput = z.infer<typeof MemberLevelInput>;

export const MemberLevel = z.object({
  id: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  discountPercent: z.string(),
  multiplier: z.string(),
  minSpend: z.string(),
  sortOrder: z.number(),
  /** Active members at the level now. */
  members: z.number(),
});
export type MemberLevel = z.infer<typeof MemberLevel>;

/** The loyalty rules: how points are earned, what they are worth, when they expire. */
export const LoyaltySettings = z.object({
  /** Points per unit of the company currency paid (before the level's multiplier), up to two decimals: "1". */
  earnPointsPerUnit: z
    .string()
    .trim()
    .regex(/^\d{1,4}(\.\d{1,2})?$/, 'invalidPointsRate'),
  /** How many points make one unit of the company currency when redeemed: 100 points = 1 yuan. */
  redeemPointsPerUnit: z.number().int().min(1).max(1_000_000),
  /** Points earned in year Y expire at the end of year Y + expireAfterYears (company time zone). */
  pointsExpire: z.boolean(),
  expireAfterYears: z.number().int().min(0).max(10),
});
export type LoyaltySettings = z.infer<typeof LoyaltySettings>;
export const defaultLoyaltySettings: LoyaltySettings = {
  earnPointsPerUnit: '1',
  redeemPointsPerUnit: 100,
  pointsExpire: true,
  expireAfterYears: 1,
};
/** The rules with the currency points are earned and redeemed in (the company's). */
export const LoyaltySetup = LoyaltySettings.extend({ currency: z.string() });
export type LoyaltySetup = z.infer<typeof LoyaltySetup>;

export const Member = z.object({
  id: z.number(),
  customerId: z.number(),
  number: z.string(),
  levelId: z.number(),
  levelNameZh: z.string(),
  levelNameEn: z.string(),
  discountPercent: z.string(),
  multiplier: z.string(),
  /** Kept by hand: the nightly level review does not change it. */
  levelLocked: z.boolean(),
  status: z.enum(memberStatuses),
  balance: z.number(),
  /** What the member paid on orders in the last 12 months (company currency), which sets the level. */
  spend12Months: z.string(),
  /** The next level up and the spend it needs; null at the top. */
  nextLevel: z.object({ id: z.number(), nameZh: z.string(), nameEn: z.string(), minSpend: z.string() }).nullable(),
  /** The amount the balance is worth now, in the company currency. */
  balanceValue: z.string(),
  currency: z.string(),
  redeemPointsPerUnit: z.number(),
  enrolledAt: z.string(),
  enrolledByName: z.string().nullable(),
  removedAt: z.string().nullable(),
});
export type Member = z.infer<typeof Member>;
export const CustomerMembership = z.object({ member: Member.nullable() });
export type CustomerMembership = z.infer<typeof CustomerMembership>;

export const MemberEnrolment = z.object({
  /** The lowest level when left out. */
  levelId: RecordId.optional(),
  levelLocked: z.boolean().optional(),
});
export const MemberLevelChoice = z.object({ levelId: RecordId, levelLocked: z.boolean() });

export const PointsAdjustment = z.object({
  /** Added (positive) or taken off (negative); a balance never goes below zero by an adjustment. */
  points: z
    .number()
    .int()
    .min(-1_000_000_000)
    .max(1_000_000_000)
    .refine((v) => v !== 0, 'pointsZero'),
  reason: z.string().trim().min(1).max(500),
});

export const PointsEntry = z.object({
  id: z.number(),
  kind: z.enum(pointsKinds),
  points: z.number(),
  balanceAfter: z.number(),
  /** Credits: the year they count in; an expiry: the last year whose points it ended. */
  bucketYear: z.number().nullable(),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  receiptId: z.number().nullable(),
  receiptNumber: z.string().nullable(),
  /** What counted towards the level (company currency). */
  spend: z.string(),
  reason: z.string().nullable(),
  createdByName: z.string().nullable(),
  occurredAt: z.string(),
});
export type PointsEntry = z.infer<typeof PointsEntry>;
export const PointsLedgerQuery = PageQuery.pick({ page: true, pageSize: true }).extend({
  kind: EnumList(pointsKinds),
});

export const LevelChange = z.object({
  id: z.number(),
  fromLevelName: z.object({ zh: z.string(), en: z.string() }).nullable(),
  toLevelName: z.object({ zh: z.string(), en: z.string() }),
  reason: z.enum(levelChangeReasons),
  spend: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type LevelChange = z.infer<typeof LevelChange>;

/** A recurring job's account of a run, for the tests and the log. */
export type MembershipRun = { members: number; changed: number };
