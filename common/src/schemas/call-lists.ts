import { z } from 'zod';
import { Amount } from '../money.ts';
import { IsoDate, IsoDateTime, OptionalEmail, OptionalPhone, OptionalText, PageQuery, RecordId } from './common.ts';

/**
 * Outbound call lists (外呼名单): telemarketing, dunning, callbacks, surveys, data confirmation, welcome and
 * anniversary calls. A list is built from a source (built in, or later a segment or a report), each entry a
 * record and a number; entries go to agents, who work them in a preview dialer and record an outcome.
 */

export const callListPurposes = [
  'telemarketing',
  'dunning',
  'callback',
  'survey',
  'confirmation',
  'welcome',
  'anniversary',
] as const;
export type CallListPurpose = (typeof callListPurposes)[number];

/**
 * The sources built in: instalments past due (dunning), tickets waiting for their callback visit,
 * anniversaries in the coming week, customers created this week (welcome calls) and contacts with
 * incomplete data (confirmation). A segment or a report source is registered by its own module.
 */
export const builtInCallListSources = [
  'overdueInstalments',
  'ticketCallbacks',
  'anniversaries',
  'newCustomers',
  'incompleteData',
] as const;
export type BuiltInCallListSource = (typeof builtInCallListSources)[number];

/** active: agents get its entries; paused: not now; closed: done with (kept for the reports). */
export const callListStatuses = ['active', 'paused', 'closed'] as const;
export type CallListStatus = (typeof callListStatuses)[number];

/** even: round robin over the chosen agents; owner: each entry to its record's owner (else round robin). */
export const callListAssignments = ['even', 'owner'] as const;

/**
 * open: to be called (when its time comes); done: a final outcome; exhausted: the most unanswered attempts
 * were made; skipped: not to be called (do-not-call, no number).
 */
export const callEntryStatuses = ['open', 'done', 'exhausted', 'skipped'] as const;
export type CallEntryStatus = (typeof callEntryStatuses)[number];

/**
 * What a built-in outcome of the `call_outcome` dictionary does. `retryMinutes`: tried again this long
 * after (null: the list's own retry delay), within calling hours; `reached`: the person was spoken to;
 * `needs`: what the agent must give with it. An outcome an administrator adds is final and reached.
 */
export type CallOutcomeRule = {
  final: boolean;
  reached: boolean;
  retryMinutes?: number | null;
  needs?: 'callbackAt' | 'promise';
  doNotCall?: boolean;
};
export const callOutcomeRules: Record<string, CallOutcomeRule> = {
  reached: { final: true, reached: true },
  no_answer: { final: false, reached: false, retryMinutes: null },
  busy: { final: false, reached: false, retryMinutes: 15 },
  voicemail: { final: false, reached: false, retryMinutes: null },
  call_back: { final: false, reached: true, needs: 'callbackAt' },
  promised_to_pay: { final: true, reached: true, needs: 'promise' },
  refused: { final: true, reached: true },
  wrong_number: { final: true, reached: false },
  do_not_call: { final: true, reached: true, doNotCall: true },
};
export const callOutcomeRule = (code: string): CallOutcomeRule =>
  callOutcomeRules[code] ?? { final: true, reached: true };

/** Merge fields every script may use; a source adds its own (`CallListSourceInfo.fields`). */
export const commonMergeFields = [
  'customerName',
  'contactName',
  'contactTitle',
  'phone',
  'agentName',
  'companyName',
  'today',
] as const;

const Time = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'invalidTime');

export const CallListSourceInput = z.object({
  kind: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{1,40}$/),
  /** The source's own settings, checked by the source (e.g. `{ minDaysOverdue: 30 }`). */
  params: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).default({}),
});

export const CallListInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    purpose: z.enum(callListPurposes),
    source: CallListSourceInput,
    /** What the agent says, with {{mergeField}}s filled in from the entry. */
    script: z.string().trim().max(5000).default(''),
    /** The survey whose questions are asked during the call (its answers count in its results). */
    surveyId: RecordId.nullish(),
    /** Unanswered attempts (no answer, busy, voicemail) before an entry is given up. */
    maxAttempts: z.number().int().min(1).max(20).default(3),
    /** How long after an unanswered attempt the entry is tried again (within calling hours). */
    retryMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(120),
    /** Calling hours in the company's time zone; no calls on public holidays. */
    callingStart: Time.default('09:00'),
    callingEnd: Time.default('21:00'),
    assignment: z.enum(callListAssignments).default('even'),
    agentIds: z.array(RecordId).max(200).default([]),
  })
  .refine((list) => list.callingStart < list.callingEnd, { message: 'callingHoursOrder', path: ['callingEnd'] });
export type CallListInput = z.infer<typeof CallListInput>;

export const CallListPatch = z
  .object({
    name: z.string().trim().min(1).max(100),
    script: z.string().trim().max(5000),
    surveyId: RecordId.nullable(),
    status: z.enum(callListStatuses),
    maxAttempts: z.number().int().min(1).max(20),
    retryMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60),
    callingStart: Time,
    callingEnd: Time,
  })
  .partial();

export const CallListAssignInput = z.object({
  assignment: z.enum(callListAssignments),
  agentIds: z.array(RecordId).max(200).default([]),
  /** Only the open entries of these agents (e.g. one who is away); all open entries when left out. */
  fromAgentIds: z.array(RecordId).max(200).optional(),
});

export const CallListCounts = z.object({
  entries: z.number(),
  open: z.number(),
  /** Open entries whose time has come. */
  due: z.number(),
  done: z.number(),
  exhausted: z.number(),
  skipped: z.number(),
  attempts: z.number(),
  reached: z.number(),
});

export const CallList = z.object({
  id: z.number(),
  name: z.string(),
  purpose: z.enum(callListPurposes),
  sourceKind: z.string(),
  sourceParams: z.record(z.string(), z.unknown()),
  script: z.string(),
  surveyId: z.number().nullable(),
  surveyName: z.string().nullable(),
  status: z.enum(callListStatuses),
  maxAttempts: z.number(),
  retryMinutes: z.number(),
  callingStart: z.string(),
  callingEnd: z.string(),
  assignment: z.enum(callListAssignments),
  agentIds: z.array(z.number()),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  counts: CallListCounts,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CallList = z.infer<typeof CallList>;
export const CallListPage = z.object({
  items: z.array(CallList),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const CallListQuery = PageQuery.extend({
  status: z.enum(callListStatuses).optional(),
  purpose: z.enum(callListPurposes).optional(),
});

/** What building or refreshing a list did. */
export const CallListBuildResult = z.object({
  list: CallList,
  added: z.number(),
  /** Left out: on the do-not-call list, or no number to call. */
  skipped: z.number(),
  /** The source had more records than one list takes. */
  truncated: z.boolean(),
});

/** A source a list can be built from, with the merge fields it adds. */
export const CallListSourceInfo = z.object({
  kind: z.string(),
  purpose: z.enum(callListPurposes),
  fields: z.array(z.string()),
  /** The settings it takes (name → type and default), for the form. */
  params: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['number', 'string', 'boolean', 'segment', 'savedReport']),
      default: z.unknown().optional(),
    }),
  ),
});
export const CallListSourceList = z.object({ items: z.array(CallListSourceInfo) });

export const CallListPreviewResult = z.object({
  count: z.number(),
  truncated: z.boolean(),
  sample: z.array(z.object({ name: z.string(), customerName: z.string().nullable(), phone: z.string().nullable() })),
});

export const CallEntry = z.object({
  id: z.number(),
  listId: z.number(),
  status: z.enum(callEntryStatuses),
  name: z.string(),
  phone: z.string().nullable(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  contactId: z.number().nullable(),
  leadId: z.number().nullable(),
  ticketId: z.number().nullable(),
  instalmentId: z.number().nullable(),
  agentId: z.number().nullable(),
  agentName: z.string().nullable(),
  attempts: z.number(),
  unansweredAttempts: z.number(),
  lastOutcome: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextCallAt: z.string().nullable(),
  skipReason: z.string().nullable(),
  /** The source's own facts (amount due, ticket number, anniversary …), by merge field. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type CallEntry = z.infer<typeof CallEntry>;
export const CallEntryPage = z.object({
  items: z.array(CallEntry),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** Sorted by `name`, `status`, `attempts`, `lastOutcome`, `lastAttemptAt` or `nextCallAt` (else as built). */
export const CallEntryQuery = PageQuery.extend({
  status: z.enum(callEntryStatuses).optional(),
  agentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** The last outcome recorded on the entry (a code of the call_outcome dictionary). */
  outcome: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,50}$/)
    .optional(),
});

export const CallAttempt = z.object({
  id: z.number(),
  entryId: z.number(),
  agentId: z.number().nullable(),
  agentName: z.string().nullable(),
  callId: z.number().nullable(),
  dialedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  note: z.string().nullable(),
  callbackAt: z.string().nullable(),
  promiseDate: z.string().nullable(),
  promiseAmount: z.string().nullable(),
  talkSeconds: z.number().nullable(),
  wrapUpSeconds: z.number().nullable(),
});
export type CallAttempt = z.infer<typeof CallAttempt>;

/** Everything the agent sees before dialling: the record, the script filled in, the questions, the history. */
export const CallEntryPreview = z.object({
  entry: CallEntry,
  list: z.object({
    id: z.number(),
    name: z.string(),
    purpose: z.enum(callListPurposes),
    sourceKind: z.string(),
    maxAttempts: z.number(),
  }),
  script: z.string(),
  customer: z
    .object({
      id: z.number(),
      name: z.string(),
      level: z.string().nullable(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
      ownerName: z.string().nullable(),
    })
    .nullable(),
  contact: z
    .object({
      id: z.number(),
      name: z.string(),
      title: z.string().nullable(),
      mobile: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      birthday: z.string().nullable(),
    })
    .nullable(),
  /** The lead called, for an entry made for a lead. */
  lead: z
    .object({
      id: z.number(),
      name: z.string(),
      company: z.string().nullable(),
      status: z.string(),
      ownerName: z.string().nullable(),
    })
    .nullable(),
  /** The survey asked in the call. */
  survey: z
    .object({
      id: z.number(),
      name: z.string(),
      questions: z.array(
        z.object({
          key: z.string(),
          kind: z.string(),
          label: z.string(),
          options: z.array(z.string()),
          required: z.boolean(),
        }),
      ),
    })
    .nullable(),
  /** The customer's open tickets and what is past due, in the default currency. */
  openTickets: z.number().nullable(),
  overdue: z.string().nullable(),
  currency: z.string().nullable(),
  lastFollowups: z.array(z.object({ id: z.number(), occurredAt: z.string(), content: z.string() })),
  attempts: z.array(CallAttempt),
  /** The number is on the do-not-call list (or the contact withdrew phone consent). */
  doNotCall: z.boolean(),
});
export type CallEntryPreview = z.infer<typeof CallEntryPreview>;

/** The agent's next entry, or why there is none now. */
export const NextCallEntry = z.object({
  preview: CallEntryPreview.nullable(),
  /** none: nothing to call; later: entries wait for their time (see nextAt); outsideHours: not calling time now. */
  reason: z.enum(['none', 'later', 'outsideHours']).nullable(),
  nextAt: z.string().nullable(),
  /** The agent's entries still to call (due now or later). */
  remaining: z.number(),
});
export const NextCallEntryQuery = z.object({
  listId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

/** What data confirmation may change on the contact (audited like any edit of it). */
export const ContactConfirmation = z
  .object({
    name: z.string().trim().min(1).max(100),
    title: OptionalText,
    department: OptionalText,
    mobile: OptionalPhone,
    phone: OptionalPhone,
    email: OptionalEmail,
    birthday: IsoDate.nullish(),
  })
  .partial();

export const CallOutcomeInput = z.object({
  /** A code of the call_outcome dictionary. */
  outcome: z.string().trim().min(1).max(50),
  note: z.string().trim().max(2000).nullish(),
  /**
   * call_back: when to call again; an unanswered outcome (no answer, busy, voicemail) may name it too instead of
   * the list's retry delay. Moved into calling hours; ignored for a final outcome.
   */
  callbackAt: IsoDateTime.nullish(),
  /** promised_to_pay: the date and the amount promised; becomes a note on the instalment. */
  promise: z.object({ date: IsoDate, amount: Amount.refine((v) => Number(v) > 0, 'invalidAmount') }).nullish(),
  /** The survey's answers, by question key (checked like any answer of the survey). */
  answers: z
    .record(z.string().max(30), z.union([z.string().max(2000), z.number(), z.array(z.string().max(100)).max(20)]))
    .nullish(),
  /** The contact's data as confirmed in the call. */
  confirmation: ContactConfirmation.nullish(),
  /** The call this outcome is about, when the agent picked it; otherwise the agent's latest call to the number. */
  callId: RecordId.nullish(),
});
export type CallOutcomeInput = z.infer<typeof CallOutcomeInput>;

export const CallOutcomeResult = z.object({
  entry: CallEntry,
  attempt: CallAttempt,
  /** Where the outcome went besides the entry. */
  instalmentNoteId: z.number().nullable(),
  surveyInvitationId: z.number().nullable(),
  contactUpdated: z.boolean(),
});

export const CallDialResult = z.object({ attemptId: z.number(), externalId: z.string().nullable() });

/** A note on an instalment: a promise to pay made on a call, or any remark. */
export const InstalmentNote = z.object({
  id: z.number(),
  instalmentId: z.number(),
  body: z.string(),
  promisedOn: z.string().nullable(),
  promisedAmount: z.string().nullable(),
  currency: z.string().nullable(),
  userName: z.string().nullable(),
  createdAt: z.string(),
});
export type InstalmentNote = z.infer<typeof InstalmentNote>;
export const InstalmentNoteList = z.object({ items: z.array(InstalmentNote) });

// ——— Reports ———

export const CallCenterReportQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    /** Orders or payments within this many days after a call count as its conversion. */
    conversionDays: z.coerce.number().int().min(1).max(365).default(30),
  })
  .refine((q) => q.from <= q.to, { message: 'dateOrder', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 92 * 86_400_000, {
    message: 'rangeTooLong',
    path: ['to'],
  });

/** An agent's figures over the whole period, or everyone's (the overall total). */
const CallCenterTotals = z.object({
  calls: z.number(),
  outbound: z.number(),
  inbound: z.number(),
  /** Calls per day of the period (calls ÷ days), two decimals. */
  callsPerDay: z.string(),
  attempts: z.number(),
  reached: z.number(),
  reachRate: z.string(),
  talkSeconds: z.number(),
  averageTalkSeconds: z.number().nullable(),
  averageWrapUpSeconds: z.number().nullable(),
});

export const CallCenterReport = z.object({
  from: z.string(),
  to: z.string(),
  /** Per agent over the period, each added up by the database. */
  agents: z.array(CallCenterTotals.extend({ agentId: z.number(), agentName: z.string() })),
  /** Every agent's calls and attempts together, added up by the database (not from the rows above). */
  total: CallCenterTotals,
  /** Per agent and day (company time): calls, call-list attempts, how many reached, talk and wrap-up time. */
  agentDays: z.array(
    z.object({
      date: z.string(),
      agentId: z.number(),
      agentName: z.string(),
      calls: z.number(),
      outbound: z.number(),
      inbound: z.number(),
      attempts: z.number(),
      reached: z.number(),
      /** Share of attempts reached, %, two decimals. */
      reachRate: z.string(),
      talkSeconds: z.number(),
      averageTalkSeconds: z.number().nullable(),
      averageWrapUpSeconds: z.number().nullable(),
    }),
  ),
  lists: z.array(
    z.object({
      listId: z.number(),
      name: z.string(),
      purpose: z.enum(callListPurposes),
      attempts: z.number(),
      reached: z.number(),
      reachRate: z.string(),
      averageTalkSeconds: z.number().nullable(),
      averageWrapUpSeconds: z.number().nullable(),
      outcomes: z.record(z.string(), z.number()),
      /** Entries reached in the period. */
      reachedEntries: z.number(),
      /** …whose customer ordered or paid within `conversionDays` after the call. */
      converted: z.number(),
      conversionRate: z.string(),
    }),
  ),
  inbound: z.object({
    calls: z.number(),
    answered: z.number(),
    answerRate: z.string(),
    averageWaitSeconds: z.number().nullable(),
    longestWaitSeconds: z.number().nullable(),
  }),
});
export type CallCenterReport = z.infer<typeof CallCenterReport>;
