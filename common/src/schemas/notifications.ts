import { z } from 'zod';
import { EnumList, PageQuery } from './common.ts';

/** What a notification is about; the web app words each kind in the reader's language from `params`. */
export const notificationKinds = [
  'leadsAssigned',
  'followupDue',
  'taskDue',
  'taskAssigned',
  'anniversary',
  'customerReturning',
  'customerReturned',
  'approvalRequested',
  'approvalDecided',
  'paymentOverdue',
  'contractEnding',
  'lowStock',
  'ticketAssigned',
  'ticketEscalated',
  'slaBreached',
  'ticketReopened',
  'ticketCustomerReply',
  'workOrderDispatched',
  'workOrderCancelled',
  'calendarUnknown',
  'smsReply',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const Notification = z.object({
  id: z.number(),
  kind: z.string(),
  entity: z.string().nullable(),
  entityId: z.number().nullable(),
  params: z.record(z.string(), z.unknown()),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = PageQuery.extend({
  unread: z.stringbool().optional(),
  /** Only notifications of these kinds. */
  kind: EnumList(notificationKinds),
});
export const UnreadCount = z.object({ unread: z.number() });
