import { z } from 'zod';
import { RecordId, RequiredName } from './common.ts';

/** What scoring rules look at: a lead's or a contact's fields, and what a record does. */
export const scoringEntities = ['leads', 'contacts'] as const;
export type ScoringEntity = (typeof scoringEntities)[number];

/**
 * The fields a field rule may test, per entity, with where their values come from (a dictionary's codes or
 * free text). Values are compared as stored: dictionary codes, text trimmed and without case.
 */
export const scoringFields = {
  leads: {
    industry: { dictionary: 'industry' },
    source: { dictionary: 'customer_source' },
    status: {},
    province: {},
    city: {},
    district: {},
    company: {},
    title: {},
    email: {},
    mobile: {},
    phone: {},
    wechat: {},
  },
  contacts: {
    title: {},
    department: {},
    decisionRole: {},
    gender: {},
    email: {},
    mobile: {},
    phone: {},
    wechat: {},
  },
} as const satisfies Record<ScoringEntity, Record<string, { dictionary?: string }>>;

/** equals / in (one of a list) / contains (text) / is set (not empty) / greater than (as numbers). */
export const scoringOperators = ['equals', 'in', 'contains', 'is_set', 'gt'] as const;
export type ScoringOperator = (typeof scoringOperators)[number];

/**
 * Behaviour: what a record did. Email opened and clicked are recorded by email tracking; a web form's
 * submission, a campaign response and a follow-up logged by their modules; "no activity" by the nightly
 * scoring run, once a record has been idle for the rule's days (ended by the next activity).
 */
export const scoringEvents = [
  'email_opened',
  'email_clicked',
  'form_submitted',
  'campaign_responded',
  'followup_logged',
  'no_activity',
] as const;
export type ScoringEvent = (typeof scoringEvents)[number];

const Points = z.number().int().min(-1000).max(1000);
const Days = z.number().int().min(1).max(3650);

export const ScoringGroupInput = z.object({
  name: RequiredName,
  /** The default group's total is the record's score; making a group the default unmakes the one before. */
  isDefault: z.boolean().default(false),
  /** Behaviour points lose this share every `decayDays` days (0: they keep their value). */
  decayPercent: z.number().int().min(0).max(100).default(0),
  decayDays: Days.default(30),
  /** Behaviour points stop counting after this many days (null: never). */
  expireDays: Days.nullish(),
});
export type ScoringGroupInput = z.infer<typeof ScoringGroupInput>;

export const ScoringRuleValue = z.union([
  z.string().trim().max(200),
  z.number().finite(),
  z.array(z.string().trim().min(1).max(200)).max(100),
]);

export const ScoringRuleInput = z
  .object({
    groupId: RecordId,
    name: RequiredName,
    active: z.boolean().default(true),
    kind: z.enum(['field', 'behaviour']),
    entity: z.enum(scoringEntities).nullish(),
    field: z.string().trim().max(50).nullish(),
    operator: z.enum(scoringOperators).nullish(),
    value: ScoringRuleValue.nullish(),
    event: z.enum(scoringEvents).nullish(),
    /** For "no activity": the days a record has been idle. */
    days: Days.nullish(),
    points: Points,
    /** At most this many points from the rule per record within `capDays` days. */
    capPoints: z.number().int().min(1).max(100000).nullish(),
    capDays: Days.nullish(),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, ok: unknown) => {
      if (ok === undefined || ok === null || ok === '')
        ctx.addIssue({ code: 'custom', path: [path], message: 'required' });
    };
    if (v.points === 0) ctx.addIssue({ code: 'custom', path: ['points'], message: 'scoringPointsZero' });
    if (v.kind === 'field') {
      need('entity', v.entity);
      need('field', v.field);
      need('operator', v.operator);
      if (v.entity && v.field && !(v.field in scoringFields[v.entity]))
        ctx.addIssue({ code: 'custom', path: ['field'], message: 'unknownField' });
      if (v.operator && v.operator !== 'is_set') {
        need('value', v.value);
        const isList = Array.isArray(v.value);
        if (v.operator === 'in' && v.value != null && (!isList || !(v.value as string[]).length))
          ctx.addIssue({ code: 'custom', path: ['value'], message: 'scoringValueList' });
        if (v.operator === 'gt' && v.value != null && typeof v.value !== 'number')
          ctx.addIssue({ code: 'custom', path: ['value'], message: 'mustBeNumber' });
        if ((v.operator === 'equals' || v.operator === 'contains') && v.value != null && typeof v.value !== 'string')
          ctx.addIssue({ code: 'custom', path: ['value'], message: 'mustBeText' });
      }
    } else {
      need('event', v.event);
      if (v.event === 'no_activity') {
        need('days', v.days);
        if (v.points > 0) ctx.addIssue({ code: 'custom', path: ['points'], message: 'scoringNoActivityNegative' });
      }
      if ((v.capPoints == null) !== (v.capDays == null))
        ctx.addIssue({ code: 'custom', path: [v.capPoints == null ? 'capPoints' : 'capDays'], message: 'required' });
    }
  });
export type ScoringRuleInput = z.infer<typeof ScoringRuleInput>;

export const ScoringRule = z.object({
  id: z.number(),
  groupId: z.number(),
  name: z.string(),
  active: z.boolean(),
  kind: z.enum(['field', 'behaviour']),
  entity: z.enum(scoringEntities).nullable(),
  field: z.string().nullable(),
  operator: z.enum(scoringOperators).nullable(),
  value: z.union([z.string(), z.number(), z.array(z.string())]).nullable(),
  event: z.enum(scoringEvents).nullable(),
  days: z.number().nullable(),
  points: z.number(),
  capPoints: z.number().nullable(),
  capDays: z.number().nullable(),
});
export type ScoringRule = z.infer<typeof ScoringRule>;

export const ScoringGroup = z.object({
  id: z.number(),
  name: z.string(),
  isDefault: z.boolean(),
  decayPercent: z.number(),
  decayDays: z.number(),
  expireDays: z.number().nullable(),
  rules: z.array(ScoringRule),
});
export type ScoringGroup = z.infer<typeof ScoringGroup>;

export const ScoringSetup = z.object({
  groups: z.array(ScoringGroup),
  /** A recompute of every record is queued or under way. */
  recomputing: z.boolean(),
});
export type ScoringSetup = z.infer<typeof ScoringSetup>;

export const ScoreReason = z.object({
  id: z.number(),
  ruleId: z.number().nullable(),
  kind: z.enum(['field', 'behaviour', 'no_activity', 'manual']),
  event: z.string().nullable(),
  reason: z.string(),
  points: z.number(),
  currentPoints: z.number(),
  occurredAt: z.string(),
});
export type ScoreReason = z.infer<typeof ScoreReason>;

export const ScoreReasons = z.object({
  score: z.number(),
  groups: z.array(
    z.object({
      groupId: z.number(),
      name: z.string(),
      isDefault: z.boolean(),
      total: z.number(),
      reasons: z.array(ScoreReason),
    }),
  ),
});
export type ScoreReasons = z.infer<typeof ScoreReasons>;

export const ScoringRecomputeResult = z.object({ queued: z.boolean() });
