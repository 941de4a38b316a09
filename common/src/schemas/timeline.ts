import { z } from 'zod';
import { NamedAuditLog } from './audit.ts';
import { Call } from './cti.ts';
import { Followup } from './followups.ts';
import { EmailSummary } from './mailboxes.ts';
import { SmsMessage } from './sms.ts';
import { Task } from './tasks.ts';

const base = { id: z.number(), at: z.string(), userName: z.string().nullable() };

/** One entry of a customer's timeline: what happened, when, by whom; later modules add kinds. */
export const TimelineItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('followup'), ...base, followup: Followup }),
  z.object({ kind: z.literal('task'), ...base, task: Task }),
  z.object({ kind: z.literal('change'), ...base, change: NamedAuditLog }),
  z.object({ kind: z.literal('email'), ...base, email: EmailSummary }),
  z.object({ kind: z.literal('sms'), ...base, sms: SmsMessage }),
  z.object({ kind: z.literal('call'), ...base, call: Call }),
]);
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelinePage = z.object({ items: z.array(TimelineItem), nextCursor: z.string().nullable() });
export type TimelinePage = z.infer<typeof TimelinePage>;
