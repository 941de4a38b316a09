import { z } from 'zod';
import { locales } from '../locale.ts';
import { OptionalLongText, CheckedMobile, CheckedPhone, OptionalText, PageQuery, RequiredName } from './common.ts';
import { ticketPriorities, ticketStatuses } from './tickets.ts';

/** A contact's access to the customer portal, as staff see it. */
export const portalAccountStatuses = ['invited', 'active', 'disabled'] as const;
export const PortalAccess = z.object({
  id: z.number(),
  contactId: z.number(),
  login: z.string(),
  status: z.enum(portalAccountStatuses),
  inviteExpiresAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PortalAccess = z.infer<typeof PortalAccess>;
/** What an invitation produced: the link (to pass on by hand when mail is not set up) and whether it was emailed. */
export const PortalInvitation = z.object({ access: PortalAccess, inviteUrl: z.string(), emailed: z.boolean() });
export type PortalInvitation = z.infer<typeof PortalInvitation>;
export const PortalInviteInput = z.object({ locale: z.enum(locales).optional() });

export const PortalLoginInput = z.object({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  captchaId: z.string().max(64).optional(),
  captchaText: z.string().max(16).optional(),
});
export const PortalResetInput = z.object({
  login: z.string().trim().min(1).max(200),
  captchaId: z.string().max(64).optional(),
  captchaText: z.string().max(16).optional(),
});
export const PortalAcceptInput = z.object({ token: z.string().min(10).max(200), password: z.string().min(1).max(200) });
export const PortalPasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

/** What the portal shows before anyone signs in: the company, its logo, and the kinds of request a customer can raise. */
export const PortalBranding = z.object({
  companyName: z.string(),
  hasLogo: z.boolean(),
  passwordMinLength: z.number(),
  passwordReset: z.boolean(),
  ticketTypes: z.array(z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() })),
});
export type PortalBranding = z.infer<typeof PortalBranding>;

export const PortalSession = z.object({
  contactId: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  name: z.string(),
  login: z.string(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  locale: z.enum(locales),
  csrfToken: z.string(),
});
export type PortalSession = z.infer<typeof PortalSession>;
/** Whether a visitor is signed in to the portal, and as whom (null: not signed in). */
export const PortalSessionState = z.object({ session: PortalSession.nullable() });
export type PortalSessionState = z.infer<typeof PortalSessionState>;
export const PortalProfileInput = z.object({
  name: RequiredName.optional(),
  mobile: CheckedMobile,
  phone: CheckedPhone,
  title: OptionalText,
  locale: z.enum(locales).optional(),
});

/** A ticket as the customer sees it: no internal notes, no SLA internals, no agent workload. */
export const PortalTicket = z.object({
  id: z.number(),
  number: z.string(),
  type: z.string(),
  priority: z.enum(ticketPriorities),
  status: z.enum(ticketStatuses),
  subject: z.string(),
  description: z.string().nullable(),
  contactName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  resolution: z.string().nullable(),
  satisfactionScore: z.number().nullable(),
  satisfactionComment: z.string().nullable(),
  /** The customer can rate a resolved ticket, or a closed one not rated yet. */
  canRate: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PortalTicket = z.infer<typeof PortalTicket>;
export const PortalMessage = z.object({
  id: z.number(),
  /** reply: from the service team; customer: from the customer. */
  kind: z.enum(['reply', 'customer']),
  body: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type PortalMessage = z.infer<typeof PortalMessage>;
export const PortalAttachment = z.object({
  id: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
export type PortalAttachment = z.infer<typeof PortalAttachment>;
export const PortalTicketDetail = PortalTicket.extend({
  messages: z.array(PortalMessage),
  attachments: z.array(PortalAttachment),
});
export type PortalTicketDetail = z.infer<typeof PortalTicketDetail>;
export const PortalTicketInput = z.object({
  type: z.string().trim().min(1).max(50).default('consultation'),
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  subject: z.string().trim().min(1).max(200),
  description: OptionalLongText,
});
export const PortalTicketQuery = PageQuery.extend({
  status: z.enum(['open', 'done']).optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const PortalReplyInput = z.object({ body: z.string().trim().min(1).max(20000) });
/** The customer's own verdict: solved closes the ticket with the rating; not solved sends it back to work. */
export const PortalRatingInput = z.object({
  solved: z.boolean(),
  score: z.number().int().min(1).max(5),
  comment: OptionalText,
});

export const PortalOrder = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  currency: z.string(),
  total: z.string(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
});
export type PortalOrder = z.infer<typeof PortalOrder>;
export const PortalOrderLine = z.object({
  name: z.string(),
  unit: z.string().nullable(),
  quantity: z.string(),
  delivered: z.string(),
  unitPrice: z.string(),
  total: z.string(),
});
export const PortalDelivery = z.object({
  number: z.string(),
  deliveredOn: z.string(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  recipient: z.string().nullable(),
});
export const PortalOrderDetail = PortalOrder.extend({
  lines: z.array(PortalOrderLine),
  deliveries: z.array(PortalDelivery),
});
export type PortalOrderDetail = z.infer<typeof PortalOrderDetail>;
export const PortalInvoice = z.object({
  id: z.number(),
  number: z.string(),
  type: z.string(),
  issuedOn: z.string(),
  orderNumber: z.string().nullable(),
  currency: z.string(),
  amount: z.string(),
  tax: z.string(),
  status: z.string(),
});
export type PortalInvoice = z.infer<typeof PortalInvoice>;
/** What the company owes, per currency, and the instalments still open. */
export const PortalStatement = z.object({
  asOf: z.string(),
  totals: z.array(z.object({ currency: z.string(), outstanding: z.string(), overdue: z.string() })),
  /** One page of the open instalments, the earliest due first (`total` counts them all). */
  instalments: z.array(
    z.object({
      orderNumber: z.string(),
      seq: z.number(),
      dueDate: z.string(),
      currency: z.string(),
      amount: z.string(),
      received: z.string(),
      outstanding: z.string(),
      overdue: z.boolean(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PortalStatement = z.infer<typeof PortalStatement>;
