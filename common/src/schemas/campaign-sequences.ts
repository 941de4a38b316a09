import { z } from 'zod';
import { maxEmailsPerSecond } from './campaign-emails.ts';
import { IsoDate, RecordId } from './common.ts';
import { taskPriorities } from './tasks.ts';

/**
 * A campaign's sequence (drip): steps in order that each member of the campaign goes through, moved on by a
 * job. Editable while a draft; started, its steps are fixed (it can be paused and resumed, not edited).
 */
export const sequenceStatuses = ['draft', 'active', 'paused'] as const;
export type SequenceStatus = (typeof sequenceStatuses)[number];

export const sequenceStepKinds = ['email', 'sms', 'wait', 'branch', 'task', 'segment', 'end'] as const;
export type SequenceStepKind = (typeof sequenceStepKinds)[number];

/** What a branch asks of the member: opened or clicked a message of the campaign, replied to one, a score of at least N. */
export const sequenceBranchConditions = ['opened', 'clicked', 'replied', 'score'] as const;
export type SequenceBranchCondition = (typeof sequenceBranchConditions)[number];

/** Where a member stands: its step runs when due (active), a wait step holds it (waiting), or it has left. */
export const sequencePositionStates = ['active', 'waiting', 'completed', 'stopped', 'failed'] as const;
export type SequencePositionState = (typeof sequencePositionStates)[number];

/** Why a member left before the end: it converted (a lead converted, a won deal of the campaign), unsubscribed or withdrew consent. */
export const sequenceStopReasons = ['converted', 'unsubscribed', 'consentWithdrawn'] as const;
export type SequenceStopReason = (typeof sequenceStopReasons)[number];

/**
 * Why a step did nothing for a member (who still moves on). `duplicateAddress`: another member was mailed at the
 * address at this step. `notContact` is only in the figures of steps taken before leads and customers were mailed.
 */
export const sequenceSkipReasons = [
  'notContact',
  'notVisible',
  'noAddress',
  'duplicateAddress',
  'noConsent',
  'suppressed',
  'unsubscribed',
  'throttled',
  'noOwner',
  'notAllowed',
  'otherEntity',
] as const;
export type SequenceSkipReason = (typeof sequenceSkipReasons)[number];

export const maxSequenceSteps = 30;

const EmailStep = z.object({ kind: z.literal('email'), templateId: RecordId });
const SmsStep = z.object({
  kind: z.literal('sms'),
  templateId: RecordId,
  /** Each variable of the SMS template: text, which may name {{name}}, {{customer}}, {{owner}} or {{campaign}}. */
  variables: z.record(z.string().regex(/^[A-Za-z0-9_]{1,50}$/), z.string().trim().max(200)).default({}),
});
/** Waits a number of days from when the member reached it, or until a day (its start, in the company's time zone). */
const WaitStep = z.object({
  kind: z.literal('wait'),
  days: z.number().int().min(1).max(365).nullish(),
  until: IsoDate.nullish(),
});
/** Yes: on to the next step; no: to a later step (its number), or out of the sequence (null). */
const BranchStep = z.object({
  kind: z.literal('branch'),
  condition: z.enum(sequenceBranchConditions),
  minScore: z.number().int().min(-100_000).max(100_000).nullish(),
  noStep: z.number().int().min(1).max(maxSequenceSteps).nullish(),
});
/** A task for the member's owner: its title may name {{name}} (the member) and {{campaign}}. */
const TaskStep = z.object({
  kind: z.literal('task'),
  title: z.string().trim().min(1).max(200),
  dueDays: z.number().int().min(0).max(365).default(1),
  priority: z.enum(taskPriorities).default('normal'),
});
/** Adds the member to, or takes it out of, a static segment of its kind (contacts, leads or customers). */
const SegmentStep = z.object({
  kind: z.literal('segment'),
  action: z.enum(['add', 'remove']),
  segmentId: RecordId,
});
/** The member leaves the sequence here, completed (the end of a branch's way). */
const EndStep = z.object({ kind: z.literal('end') });

export const SequenceStepInput = z.discriminatedUnion('kind', [
  EmailStep,
  SmsStep,
  WaitStep,
  BranchStep,
  TaskStep,
  SegmentStep,
  EndStep,
]);
export type SequenceStepInput = z.input<typeof SequenceStepInput>;
export type SequenceStepSettings = z.output<typeof SequenceStepInput>;

/** A draft's steps and throttle, written whole (the editor sends the list as it stands). */
export const CampaignSequenceInput = z.object({
  perSecond: z.number().int().min(1).max(maxEmailsPerSecond).default(5),
  steps: z.array(SequenceStepInput).min(1).max(maxSequenceSteps),
});
export type CampaignSequenceInput = z.input<typeof CampaignSequenceInput>;

export const CampaignSequencePatch = z.object({ action: z.enum(['start', 'pause', 'resume']) });

/** One step's figures, counted by the database over every member. */
export const SequenceStepFigures = z.object({
  /** Members at this step now: due to run it, or waiting in it. */
  current: z.number(),
  /** Members who went through it: it did its work, did nothing (skipped, by reason) or failed. */
  done: z.number(),
  skipped: z.partialRecord(z.enum(sequenceSkipReasons), z.number()),
  failed: z.number(),
  /** A branch: how many went each way. */
  yes: z.number(),
  no: z.number(),
  /** An email step: recipients who opened its message (pixel or link) and who followed a link. */
  opened: z.number(),
  clicked: z.number(),
});
export type SequenceStepFigures = z.infer<typeof SequenceStepFigures>;

export const CampaignSequenceStep = z.object({
  id: z.number(),
  position: z.number(),
  settings: SequenceStepInput,
  figures: SequenceStepFigures,
});
export type CampaignSequenceStep = z.infer<typeof CampaignSequenceStep>;

export const CampaignSequence = z.object({
  id: z.number(),
  campaignId: z.number(),
  status: z.enum(sequenceStatuses),
  perSecond: z.number(),
  startedAt: z.string().nullable(),
  startedByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  steps: z.array(CampaignSequenceStep),
  /** Where the campaign's members stand, counted by the database. */
  funnel: z.object({
    members: z.number(),
    entered: z.number(),
    active: z.number(),
    waiting: z.number(),
    completed: z.number(),
    failed: z.number(),
    stopped: z.partialRecord(z.enum(sequenceStopReasons), z.number()),
  }),
});
export type CampaignSequence = z.infer<typeof CampaignSequence>;

/** A campaign's sequence, or none yet. */
export const CampaignSequenceAnswer = z.object({ sequence: CampaignSequence.nullable() });
export type CampaignSequenceAnswer = z.infer<typeof CampaignSequenceAnswer>;
