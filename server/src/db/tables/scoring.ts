import type { Generated } from 'kysely';
import type { Timestamps } from './columns.ts';

// Lead scoring: score groups, their rules and the ledger of reasons (migration 0081).

export type ScoringGroupTable = Timestamps & {
  id: Generated<number>;
  name: string;
  isDefault: number;
  decayPercent: number;
  decayDays: number;
  expireDays: number | null;
  createdBy: number | null;
  updatedBy: number | null;
};

export type ScoringRuleTable = Timestamps & {
  id: Generated<number>;
  groupId: number;
  name: string;
  active: number;
  kind: string;
  entity: string | null;
  field: string | null;
  operator: string | null;
  /** JSON: the value compared. */
  value: string | null;
  event: string | null;
  days: number | null;
  points: number;
  capPoints: number | null;
  capDays: number | null;
  createdBy: number | null;
  updatedBy: number | null;
};

export type ScoreEventTable = {
  id: Generated<number>;
  groupId: number;
  ruleId: number | null;
  leadId: number | null;
  contactId: number | null;
  kind: string;
  event: string | null;
  points: number;
  currentPoints: number;
  decaySteps: Generated<number>;
  reason: string;
  sourceRef: string | null;
  occurredAt: string;
  createdAt: string;
  endedAt: string | null;
};

export type ScoringTables = {
  scoringGroups: ScoringGroupTable;
  scoringRules: ScoringRuleTable;
  scoreEvents: ScoreEventTable;
};
