import type { Generated } from 'kysely';

// Campaign sequences (drip): the sequence of a campaign, its steps, where each member stands and the steps
// each member went through (migration 0085).

export type CampaignSequenceTable = {
  id: Generated<number>;
  campaignId: number;
  /** draft, active, paused. */
  status: string;
  perSecond: number;
  origin: string | null;
  startedBy: number | null;
  startedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type CampaignSequenceStepTable = {
  id: Generated<number>;
  sequenceId: number;
  position: number;
  /** email, sms, wait, branch, task, segment, end. */
  kind: string;
  /** JSON: the step's settings. */
  settings: string;
  /** An email step's campaign_email_sends row, from the start on. */
  sendId: number | null;
};

export type CampaignSequencePositionTable = {
  id: Generated<number>;
  sequenceId: number;
  memberId: number;
  stepId: number | null;
  /** active, waiting, completed, stopped, failed. */
  state: string;
  stopReason: string | null;
  error: string | null;
  enteredAt: string;
  stepAt: string;
  nextRunAt: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  finishedAt: string | null;
};

export type CampaignSequenceRunTable = {
  id: Generated<number>;
  sequenceId: number;
  positionId: number;
  stepId: number;
  /** running, done, skipped, failed. */
  status: string;
  /** A branch's way: yes or no. */
  outcome: string | null;
  /** Why it was skipped, or what failed. */
  reason: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export type CampaignSequenceTables = {
  campaignSequences: CampaignSequenceTable;
  campaignSequenceSteps: CampaignSequenceStepTable;
  campaignSequencePositions: CampaignSequencePositionTable;
  campaignSequenceRuns: CampaignSequenceRunTable;
};
