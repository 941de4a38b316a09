import { z } from 'zod';
import { Id, PageQuery, pageOf, RecordId } from './common.ts';

/**
 * Telephony (CTI): connections to a PBX or a cloud call center, agents' seats, calls as activities and
 * what the agent's browser is shown when a call rings (the screen pop).
 */

/** asterisk: the Manager Interface (AMI); freeswitch: the event socket (ESL); cloud: signed HTTP callbacks. */
export const ctiKinds = ['asterisk', 'freeswitch', 'cloud'] as const;
export type CtiKind = (typeof ctiKinds)[number];

/** An agent's seat: available, on a call, after-call work (a timer), away, offline. */
export const seatStates = ['available', 'on_call', 'after_call', 'away', 'offline'] as const;
export type SeatState = (typeof seatStates)[number];

export const callDirections = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof callDirections)[number];
/** queued: waiting for an agent (ACD); ringing; talking; held; ended. */
export const callStates = ['queued', 'ringing', 'talking', 'held', 'ended'] as const;
export type CallState = (typeof callStates)[number];

const Text = (max: number) => z.string().trim().max(max);
const PhoneNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[+\d\s\-().#*]+$/, 'not a phone number');

export const CtiConnectionInput = z.object({
  name: Text(100).min(1),
  kind: z.enum(ctiKinds),
  enabled: z.boolean().default(true),
  /** AMI or ESL: the PBX's address and port (5038 for AMI, 8021 for ESL). */
  host: Text(200).nullish(),
  port: z.number().int().min(1).max(65535).nullish(),
  /** AMI: the manager user. */
  username: Text(100).nullish(),
  /**
   * AMI: the manager's secret; ESL: the event socket's password; cloud: the shared HMAC key of the
   * callbacks and of the click-to-dial request. Write-only: never answered, kept sealed; left out on
   * an edit, the stored one stays.
   */
  secret: z.string().min(1).max(500).nullish(),
  /** Asterisk: the dialplan context calls are originated in (default from-internal). */
  dialContext: Text(100).nullish(),
  /** Where recordings are fetched from: the base address a recording's file name is appended to (AMI/ESL). */
  recordingBaseUrl: Text(1000).nullish(),
  /** Cloud: the click-to-dial request, {agent}, {extension} and {number} filled in. */
  dialUrl: Text(1000)
    .regex(/^https?:\/\/[^\s]+$/i, 'must be an http:// or https:// address')
    .nullish(),
  dialMethod: z.enum(['POST', 'GET']).default('POST'),
  dialBody: Text(4000).nullish(),
  /** The area code of local landline numbers that arrive without it (e.g. 010, 021, 0755). */
  areaCode: z
    .string()
    .trim()
    .regex(/^0\d{2,3}$/)
    .nullish(),
});
export type CtiConnectionInput = z.infer<typeof CtiConnectionInput>;
export const CtiConnectionPatch = CtiConnectionInput.partial();

export const CtiConnection = CtiConnectionInput.omit({ secret: true }).extend({
  id: z.number(),
  secretSet: z.boolean(),
  /** connected / error text, as the adapter last reported. */
  status: z.string().nullable(),
  /** Addresses the PBX or cloud calls (the callback, the caller lookup, IVR), relative to the server. */
  callbackPath: z.string(),
  lookupPath: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CtiConnection = z.infer<typeof CtiConnection>;
export const CtiConnectionList = z.object({ items: z.array(CtiConnection) });

export const Seat = z.object({
  userId: z.number(),
  userName: z.string(),
  extension: z.string().nullable(),
  state: z.enum(seatStates),
  stateSince: z.string(),
  /** After-call work ends by itself at this time. */
  wrapUpUntil: z.string().nullable(),
  skills: z.array(z.string()),
  connectionId: z.number().nullable(),
});
export type Seat = z.infer<typeof Seat>;
export const SeatList = z.object({ items: z.array(Seat) });

export const SeatInput = z.object({
  extension: z
    .string()
    .trim()
    .regex(/^\d{2,8}$/)
    .nullish(),
  skills: z.array(Text(50).min(1)).max(20).optional(),
  connectionId: RecordId.nullish(),
});
export const SeatStateInput = z.object({ state: z.enum(['available', 'away', 'offline', 'after_call']) });
export const UserIdParams = z.object({ userId: Id });

export const CallMatch = z.object({
  type: z.enum(['customer', 'contact', 'lead']),
  id: z.number(),
  name: z.string(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  level: z.string().nullable(),
  /** The customer's open tickets, instalments past due and not received (default currency), as the agent may see them. */
  openTickets: z.number().nullable(),
  overdue: z.string().nullable(),
  currency: z.string().nullable(),
  lastFollowups: z.array(z.object({ id: z.number(), occurredAt: z.string(), content: z.string() })),
});
export type CallMatch = z.infer<typeof CallMatch>;

export const Call = z.object({
  id: z.number(),
  connectionId: z.number().nullable(),
  externalId: z.string(),
  direction: z.enum(callDirections),
  state: z.enum(callStates),
  fromNumber: z.string(),
  toNumber: z.string(),
  /** The other party's number, normalised (digits, no +86). */
  peerNumber: z.string(),
  agentId: z.number().nullable(),
  agentName: z.string().nullable(),
  extension: z.string().nullable(),
  queue: z.string().nullable(),
  ringAt: z.string(),
  answerAt: z.string().nullable(),
  endAt: z.string().nullable(),
  talkSeconds: z.number().nullable(),
  result: z.string().nullable(),
  notes: z.string().nullable(),
  hasRecording: z.boolean(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  contactId: z.number().nullable(),
  contactName: z.string().nullable(),
  leadId: z.number().nullable(),
  leadName: z.string().nullable(),
  ticketId: z.number().nullable(),
  wrappedUpAt: z.string().nullable(),
});
export type Call = z.infer<typeof Call>;

export const CallQuery = PageQuery.extend({
  customerId: Id.optional(),
  agentId: Id.optional(),
  direction: z.enum(callDirections).optional(),
  mine: z.enum(['true', 'false']).optional(),
});
export const CallPage = pageOf(Call);

/** What the agent is shown when a call rings: the caller matched to records, or none. */
export const CallerCard = z.object({
  number: z.string(),
  normalized: z.string(),
  matches: z.array(CallMatch),
});
export type CallerCard = z.infer<typeof CallerCard>;
export const CallerLookupQuery = z.object({ number: PhoneNumber });

/** The event pushed to the agent's browser (SSE `call`). */
export const ScreenPop = z.object({ call: Call, card: CallerCard });
export type ScreenPop = z.infer<typeof ScreenPop>;

export const CallWrapUpInput = z.object({
  result: Text(50).min(1),
  notes: Text(4000).nullish(),
  /** Which of the matches the call was with (when several matched). */
  customerId: RecordId.nullish(),
  contactId: RecordId.nullish(),
  leadId: RecordId.nullish(),
  /** In the same step: a follow-up, a ticket and/or a task. */
  followup: z.object({ content: Text(4000).min(1), nextAt: z.string().datetime({ offset: true }).nullish() }).nullish(),
  ticket: z.object({ subject: Text(200).min(1), description: Text(4000).nullish() }).nullish(),
  task: z.object({ title: Text(200).min(1), dueAt: z.string().datetime({ offset: true }) }).nullish(),
});
export type CallWrapUpInput = z.infer<typeof CallWrapUpInput>;
export const CallWrapUpResult = z.object({
  call: Call,
  followupId: z.number().nullable(),
  ticketId: z.number().nullable(),
  taskId: z.number().nullable(),
});

export const DialInput = z.object({ number: PhoneNumber, customerId: RecordId.nullish() });
export const DialResult = z.object({ externalId: z.string().nullable() });

/** The PBX's routing question (within 50 ms): who is this caller, which queue, which agent owns them. */
export const PbxLookupQuery = z.object({ number: PhoneNumber });
export const PbxLookup = z.object({
  number: z.string(),
  known: z.boolean(),
  name: z.string().nullable(),
  level: z.string().nullable(),
  vip: z.boolean(),
  queue: z.string(),
  owner: z.object({ userId: z.number(), name: z.string(), extension: z.string().nullable() }).nullable(),
});
export type PbxLookup = z.infer<typeof PbxLookup>;

/** IVR self-service: a ticket's status by its number, the amount due by the caller's number. */
export const IvrTicketQuery = z.object({ number: Text(50).min(1) });
export const IvrTicket = z.object({
  found: z.boolean(),
  status: z.string().nullable(),
  subject: z.string().nullable(),
});
export const IvrAmountDueQuery = z.object({ number: PhoneNumber });
export const IvrAmountDue = z.object({
  found: z.boolean(),
  currency: z.string().nullable(),
  outstanding: z.string().nullable(),
  overdue: z.string().nullable(),
});

export const CtiConnectionParams = z.object({ connectionId: Id });

/** The ACD queue: waiting calls, VIPs first then by waiting time, and whom each is offered to. */
export const QueueEntry = z.object({
  call: Call,
  level: z.string().nullable(),
  waitingSeconds: z.number(),
  offeredTo: z.object({ userId: z.number(), name: z.string(), extension: z.string().nullable() }).nullable(),
});
export const QueueList = z.object({ items: z.array(QueueEntry) });
