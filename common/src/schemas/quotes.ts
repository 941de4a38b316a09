import { z } from 'zod';
import { locales } from '../locale.ts';
import { IdList, IsoDate, OptionalLongText, PageQuery, Id, RecordId } from './common.ts';
import { Percent } from './products.ts';

export const quoteStatuses = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

const Quantity = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, 'invalidQuantity')
  .refine((v) => Number(v) > 0, 'invalidQuantity');
const UnitPrice = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, 'invalidAmount');

export const QuoteLineInput = z.object({
  /** A catalogue product: its code, name, unit, tax rate and the customer's price fill in what is left out. */
  productId: RecordId.nullish(),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(1000).nullish(),
  unit: z.string().trim().max(50).nullish(),
  quantity: Quantity,
  unitPrice: UnitPrice.optional(),
  discountPercent: Percent.nullish(),
  taxRate: Percent.optional(),
});

const QuoteFields = z.object({
  title: z.string().trim().min(1).max(200),
  customerId: RecordId,
  contactId: RecordId.nullish(),
  opportunityId: RecordId.nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  validUntil: IsoDate.nullish(),
  discountPercent: Percent.nullish(),
  terms: OptionalLongText,
  notes: OptionalLongText,
  lines: z.array(QuoteLineInput).min(1).max(500),
});
export const QuoteInput = QuoteFields.extend({ currency: QuoteFields.shape.currency.optional() });
/** Without defaults: a field left out of a change stays as it is; `lines` replaces all lines. */
export const QuotePatch = QuoteFields.omit({ customerId: true }).partial();

export const QuoteLine = z.object({
  id: z.number(),
  position: z.number(),
  productId: z.number().nullable(),
  productCode: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.string().nullable(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  taxRate: z.string(),
  net: z.string(),
  tax: z.string(),
  total: z.string(),
});
export type QuoteLine = z.infer<typeof QuoteLine>;

export const Quote = z.object({
  id: z.number(),
  number: z.string(),
  version: z.number(),
  isLatest: z.boolean(),
  rootId: z.number(),
  title: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  contactId: z.number().nullable(),
  contactName: z.string().nullable(),
  opportunityId: z.number().nullable(),
  opportunityName: z.string().nullable(),
  currency: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(quoteStatuses),
  discountPercent: z.string(),
  subtotal: z.string(),
  discount: z.string(),
  tax: z.string(),
  total: z.string(),
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
  status: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).filter(Boolean))
    .pipe(z.array(z.enum(quoteStatuses)))
    .optional(),
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
