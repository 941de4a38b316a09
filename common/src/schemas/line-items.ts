import { z } from 'zod';
import { OptionalLongText, RecordId } from './common.ts';
import { Percent } from './products.ts';

// The priced lines of a quote or an order, and the head fields both documents have.

const Quantity = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, 'invalidQuantity')
  .refine((v) => Number(v) > 0, 'invalidQuantity');
const UnitPrice = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, 'invalidAmount');

export const LineItemInput = z.object({
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
export type LineItemInput = z.infer<typeof LineItemInput>;

export const LineItem = z.object({
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
export type LineItem = z.infer<typeof LineItem>;

/** Who a quote or an order is for, as the API shows it. */
export const DocumentHead = z.object({
  title: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  contactId: z.number().nullable(),
  contactName: z.string().nullable(),
  opportunityId: z.number().nullable(),
});

/** What a quote and an order are both made of: who it is for, in which currency, and its lines. */
export const DocumentFields = z.object({
  title: z.string().trim().min(1).max(200),
  customerId: RecordId,
  contactId: RecordId.nullish(),
  opportunityId: RecordId.nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  discountPercent: Percent.nullish(),
  /** Member points taken as an amount off the total (company currency only; an order holds them from its balance). */
  pointsRedeemed: z.number().int().min(0).max(1_000_000_000).nullish(),
  terms: OptionalLongText,
  notes: OptionalLongText,
  lines: z.array(LineItemInput).min(1).max(500),
});

/** A document's figures as the API shows them: exact decimals of the document's currency. */
export const DocumentTotals = z.object({
  subtotal: z.string(),
  discount: z.string(),
  tax: z.string(),
  /** What the customer pays: subtotal − discount + tax − pointsAmount. */
  total: z.string(),
  pointsRedeemed: z.number(),
  pointsAmount: z.string(),
});
