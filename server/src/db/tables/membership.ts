import type { Generated } from 'kysely';
import type { Timestamps } from './columns.ts';

// Membership and loyalty: levels, members, the points ledger and level changes (migration 0084).

export type MemberLevelTable = Timestamps & {
  id: Generated<number>;
  nameZh: string;
  nameEn: string;
  /** Basis points: 500 is 5 % off. */
  discountBp: number;
  /** Basis points: 10000 is 1×, 15000 is 1.5× the points. */
  multiplierBp: number;
  /** Rolling 12-month spend that reaches the level, minor units of the company currency. */
  minSpend: number;
  sortOrder: number;
  createdBy: number | null;
  updatedBy: number | null;
};

export type MemberTable = Timestamps & {
  id: Generated<number>;
  customerId: number;
  number: string;
  levelId: number;
  levelLocked: number;
  status: string;
  balance: number;
  enrolledAt: string;
  enrolledBy: number | null;
  removedAt: string | null;
  removedBy: number | null;
};

export type PointsLedgerTable = {
  id: Generated<number>;
  memberId: number;
  kind: string;
  points: number;
  balanceAfter: number;
  bucketYear: number | null;
  orderId: number | null;
  receiptId: number | null;
  spend: Generated<number>;
  rateCenti: number | null;
  multiplierBp: number | null;
  reason: string | null;
  createdBy: number | null;
  occurredAt: string;
};

export type MemberLevelChangeTable = {
  id: Generated<number>;
  memberId: number;
  fromLevelId: number | null;
  toLevelId: number;
  reason: string;
  spend: number | null;
  createdBy: number | null;
  createdAt: string;
};

export type MembershipTables = {
  memberLevels: MemberLevelTable;
  members: MemberTable;
  pointsLedger: PointsLedgerTable;
  memberLevelChanges: MemberLevelChangeTable;
};
