import { z } from 'zod';
import {
  IdList,
  OptionalEmail,
  OptionalLongText,
  OptionalPhone,
  OptionalText,
  PageQuery,
  Id,
  RecordId,
  EnumList,
} from './common.ts';

export const ticketChannels = ['phone', 'email', 'web_form', 'portal', 'wechat', 'onsite', 'walk_in'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
/** new → assigned → in_progress → waiting (for the customer) → resolved → callback → closed; reopened goes back to work. */
export const ticketStatuses = [
  'new',
  'assigned',
  'in_progress',
  'waiting',
  'resolved',
  'callback',
  'closed',
  'reopened',
] as const;
export const openTicketStatuses = ['new', 'assigned', 'in_progress', 'waiting', 'reopened'] as const;
export const complaintSeverities = ['minor', 'major', 'critical'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketPriority = (typeof ticketPriorities)[number];

/** The ticket type that carries complaint fields and the complaint SLA. */
export const complaintType = 'complaint';

const TicketFields = z.object({
  type: z.string().trim().min(1).max(50),
  category: z.string().trim().max(50).nullish(),
  channel: z.enum(ticketChannels),
  priority: z.enum(ticketPriorities),
  customerId: RecordId.nullish(),
  contactId: RecordId.nullish(),
  /** Who asked, when there is no contact on file (web form, a first call). */
  requesterName: OptionalText,
  requesterEmail: OptionalEmail,
  requesterPhone: OptionalPhone,
  productId: RecordId.nullish(),
  /** The customer's installed product the ticket is about: shows warranty and service-contract cover. */
  assetId: RecordId.nullish(),
  orderId: RecordId.nullish(),
  contractId: RecordId.nullish(),
  subject: z.string().trim().min(1).max(200),
  description: OptionalLongText,
  teamId: RecordId.nullish(),
  assigneeId: RecordId.nullish(),
  severity: z.enum(complaintSeverities).nullish(),
  promised: OptionalText,
  compensation: OptionalText,
});
export const TicketInput = TicketFields.extend({
  channel: TicketFields.shape.channel.default('phone'),
  priority: TicketFields.shape.priority.default('normal'),
});
export const TicketPatch = TicketFields.omit({ assigneeId: true, teamId: true })
  .extend({ resolution: OptionalLongText, rootCause: OptionalText })
  .partial();

export const Ticket = z.object({
  id: z.number(),
  number: z.string(),
  type: z.string(),
  category: z.string().nullable(),
  channel: z.enum(ticketChannels),
  priority: z.enum(ticketPriorities),
  status: z.enum(ticketStatuses),
  vip: z.boolean(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  contactId: z.number().nullable(),
  contactName: z.string().nullable(),
  requesterName: z.string().nullable(),
  requesterEmail: z.string().nullable(),
  requesterPhone: z.string().nullable(),
  productId: z.number().nullable(),
  assetId: z.number().nullable(),
  serviceContractId: z.number().nullable(),
  orderId: z.number().nullable(),
  contractId: z.number().nullable(),
  subject: z.string(),
  description: z.string().nullable(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  severity: z.enum(complaintSeverities).nullable(),
  promised: z.string().nullable(),
  compensation: z.string().nullable(),
  escalatedTo: z.number().nullable(),
  resolution: z.string().nullable(),
  rootCause: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  firstResponseDue: z.string().nullable(),
  resolutionDue: z.string().nullable(),
  firstRespondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** While waiting for the customer the SLA clock stops. */
  pausedAt: z.string().nullable(),
  firstResponseBreached: z.boolean().nullable(),
  resolutionBreached: z.boolean().nullable(),
  escalationLevel: z.number(),
  callbackSolved: z.boolean().nullable(),
  satisfactionScore: z.number().nullable(),
  satisfactionComment: z.string().nullable(),
  callbackAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof Ticket>;

export const ticketMessageKinds = ['note', 'reply', 'customer'] as const;
export const TicketMessage = z.object({
  id: z.number(),
  kind: z.enum(ticketMessageKinds),
  body: z.string(),
  authorId: z.number().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type TicketMessage = z.infer<typeof TicketMessage>;
export const TicketDetail = Ticket.extend({ messages: z.array(TicketMessage) });
export type TicketDetail = z.infer<typeof TicketDetail>;

/** An internal note stays with the team; a reply goes to the customer and counts as the first response. */
export const TicketMessageInput = z.object({
  kind: z.enum(['note', 'reply']),
  body: z.string().trim().min(1).max(20000),
});

export const ticketActions = ['start', 'wait', 'resume', 'resolve', 'close', 'reopen'] as const;
export const TicketTransition = z.object({
  action: z.enum(ticketActions),
  resolution: OptionalLongText,
  rootCause: OptionalText,
  reason: OptionalText,
});
export const TicketAssign = z.object({
  /** A named agent; or, left out, routed by the team's rule (round-robin or least busy). */
  assigneeId: RecordId.nullish(),
  teamId: RecordId.nullish(),
});
/** The callback visit: solved closes the ticket with the customer's rating; not solved reopens it. */
export const TicketCallback = z.object({
  solved: z.boolean(),
  score: z.number().int().min(1).max(5).nullish(),
  comment: OptionalText,
});
export const SatisfactionQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: z.enum(['agent', 'team', 'category']).default('agent'),
});
export const SatisfactionRow = z.object({
  key: z.string(),
  name: z.string().nullable(),
  responses: z.number(),
  /** Average score, two decimals. */
  average: z.string(),
  /** Share of 4 and 5 ratings, in percent (CSAT). */
  csat: z.string(),
  solvedRate: z.string(),
});
export const SatisfactionReport = z.object({ rows: z.array(SatisfactionRow), total: SatisfactionRow });
export type SatisfactionReport = z.infer<typeof SatisfactionReport>;
export type SatisfactionRow = z.infer<typeof SatisfactionRow>;

export const TicketEscalate = z.object({ reason: z.string().trim().min(1).max(500) });
export const TicketMerge = z.object({ intoId: RecordId });

export const ticketSortFields = ['number', 'priority', 'createdAt', 'updatedAt', 'resolutionDue'] as const;
export const TicketQuery = PageQuery.extend({
  status: EnumList([...ticketStatuses, 'open'] as const),
  type: z.string().max(50).optional(),
  priority: z.enum(ticketPriorities).optional(),
  teamId: Id.optional(),
  assigneeId: IdList.optional(),
  /** "me": the caller's own queue; "unassigned": waiting for someone to take it. */
  queue: z.enum(['me', 'unassigned', 'team']).optional(),
  customerId: Id.optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type TicketQuery = z.infer<typeof TicketQuery>;
export const TicketCounts = z.object({
  byStatus: z.record(z.string(), z.number()),
  mine: z.number(),
  unassigned: z.number(),
  breached: z.number(),
});
export type TicketCounts = z.infer<typeof TicketCounts>;

export const CannedAnswerInput = z.object({
  title: z.string().trim().min(1).max(100),
  /** Placeholders: {customer}, {contact}, {ticket}, {subject}, {agent}. */
  body: z.string().trim().min(1).max(5000),
  category: z.string().trim().max(50).nullish(),
});
export const CannedAnswer = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  category: z.string().nullable(),
  updatedAt: z.string(),
});
export type CannedAnswer = z.infer<typeof CannedAnswer>;
export const CannedAnswerQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.string().max(50).optional(),
});

export const SlaPolicyInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** Empty: any type / priority / customer level. The most specific matching policy applies. */
  ticketType: z.string().trim().max(50).nullish(),
  priority: z.enum(ticketPriorities).nullish(),
  customerLevel: z.string().trim().max(50).nullish(),
  /** Business minutes. */
  firstResponseMinutes: z.number().int().min(1).max(100_000),
  resolutionMinutes: z.number().int().min(1).max(1_000_000),
  active: z.boolean().default(true),
});
export const SlaPolicy = SlaPolicyInput.extend({
  id: z.number(),
  ticketType: z.string().nullable(),
  priority: z.enum(ticketPriorities).nullable(),
  customerLevel: z.string().nullable(),
  active: z.boolean(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** A request from the public web form: who asks, about what, and the captcha answer. */
export const WebFormTicket = z
  .object({
    name: z.string().trim().min(1).max(100),
    company: z.string().trim().max(200).nullish(),
    email: OptionalEmail,
    phone: OptionalPhone,
    type: z.string().trim().max(50).default('consultation'),
    subject: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).nullish(),
    captchaId: z.string().min(1).max(100),
    captchaText: z.string().min(1).max(20),
  })
  .refine((v) => Boolean(v.email || v.phone), { path: ['email'], message: 'emailOrPhone' });
export const WebFormReceipt = z.object({ number: z.string() });
