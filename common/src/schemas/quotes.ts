import { z } from 'zod';
import { locales } from '../locale.ts';
import { EnumList, Id, IdList, IsoDate, PageQuery } from './common.ts';
import { DocumentFields, DocumentHead, DocumentTotals, LineItem, LineItemInput } from './line-items.ts';

export const quoteStatuses = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

const QuoteFields = DocumentFields.extend({ validUntil: IsoDate.nullish() });
export const QuoteInput = QuoteFields.extend({ currency: QuoteFields.shape.currency.optional() });
/** Without defaults: a field left out of a change stays as it is; `lines` replaces all lines. */
export const QuotePatch = QuoteFields.omit({ customerId: true }).partial();

export const QuoteLine = LineItem;
export type QuoteLine = LineItem;
/** A line as a client sends it. */
export const QuoteLineInput = LineItemInput;

export const Quote = z.object({
  id: z.number(),
  number: z.string(),
  version: z.number(),
  isLatest: z.boolean(),
  rootId: z.number(),
  ...DocumentHead.shape,
  opportunityName: z.string().nullable(),
  currency: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(quoteStatuses),
  discountPercent: z.string(),
  ...DocumentTotals.shape,
  terms: z.string().nullable(),
  notes: z.string().nullable(),
  sentAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Of the latest approval request; null when none was made. */
  approvalStatus: z.enum(['pending', 'approved', 'rejected']).nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Quote = z.infer<typeof Quote>;
export const QuoteDetail = Quote.extend({
  lines: z.array(QuoteLine),
  versions: z.array(
    z.object({
      id: z.number(),
      version: z.number(),
      status: z.enum(quoteStatuses),
      total: z.string(),
      updatedAt: z.string(),
    }),
  ),
});
export type QuoteDetail = z.infer<typeof QuoteDetail>;

export const quoteSortFields = ['number', 'total', 'createdAt', 'updatedAt', 'validUntil'] as const;
export const QuoteQuery = PageQuery.extend({
  status: EnumList(quoteStatuses),
  customerId: Id.optional(),
  opportunityId: Id.optional(),
  ownerId: IdList,
  /** Every version instead of only the latest of each quote. */
  allVersions: z.stringbool().optional(),
});
export type QuoteQuery = z.infer<typeof QuoteQuery>;

/** Emails the quote's PDF; a draft is marked sent by it (once any approval it needs is given). */
export const QuoteEmail = z.object({
  to: z.array(z.email().max(200)).min(1).max(20),
  cc: z.array(z.email().max(200)).max(20).optional(),
  subject: z.string().trim().min(1).max(200).optional(),
  message: z.string().trim().max(5000).optional(),
  locale: z.enum(locales).optional(),
});

export const QuoteStatusChange = z.object({
  status: z.enum(['sent', 'accepted', 'rejected']),
  reason: z.string().trim().max(500).nullish(),
});
