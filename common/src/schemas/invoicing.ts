import { z } from 'zod';
import { CheckedPhone, IsoDate, OptionalText, PageQuery, Id, RecordId } from './common.ts';
import { InvoiceLine, InvoiceLineInput, TaxId, invoiceTypes, issuableInvoiceTypes } from './payments.ts';

/** A customer's billing profile (开票信息): what its invoices are made out to; several per customer, one default. */
export const BillingProfileInput = z.object({
  /** 发票抬头. */
  title: z.string().trim().min(1).max(200),
  /** 纳税人识别号 / 统一社会信用代码; none for a private person. */
  taxId: TaxId.nullish(),
  address: OptionalText,
  phone: CheckedPhone,
  bankName: OptionalText,
  bankAccount: z
    .string()
    .trim()
    .max(50)
    .regex(/^[0-9\s-]*$/, 'invalidBankAccount')
    .transform((v) => (v === '' ? null : v.replace(/[\s-]/g, '')))
    .nullish(),
  isDefault: z.boolean().default(false),
});
export const BillingProfile = z.object({
  id: z.number(),
  customerId: z.number(),
  title: z.string(),
  taxId: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  isDefault: z.boolean(),
  updatedAt: z.string(),
});
export type BillingProfile = z.infer<typeof BillingProfile>;

export const invoiceRequestStatuses = ['draft', 'pending', 'approved', 'rejected', 'issued'] as const;
export type InvoiceRequestStatus = (typeof invoiceRequestStatuses)[number];
/** Sales ask finance for an invoice (开票申请): made out to one of the customer's billing profiles. */
export const InvoiceRequestInput = z.object({
  customerId: RecordId,
  orderId: RecordId.nullish(),
  billingProfileId: RecordId,
  type: z.enum(issuableInvoiceTypes),
  lines: z.array(InvoiceLineInput).min(1).max(200),
  notes: OptionalText,
});
export const InvoiceRequest = z.object({
  id: z.number(),
  type: z.enum(invoiceTypes),
  status: z.enum(invoiceRequestStatuses),
  customerId: z.number(),
  customerName: z.string(),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  billingProfileId: z.number().nullable(),
  buyerTitle: z.string(),
  buyerTaxId: z.string().nullable(),
  buyerAddressPhone: z.string().nullable(),
  buyerBankAccount: z.string().nullable(),
  amount: z.string(),
  tax: z.string(),
  currency: z.string(),
  /** 大写: the amount with tax in Chinese capitals. */
  amountInWords: z.string(),
  notes: z.string().nullable(),
  invoiceId: z.number().nullable(),
  invoiceNumber: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
});
export type InvoiceRequest = z.infer<typeof InvoiceRequest>;
export const InvoiceRequestDetail = InvoiceRequest.extend({ lines: z.array(InvoiceLine) });
export type InvoiceRequestDetail = z.infer<typeof InvoiceRequestDetail>;
export const InvoiceRequestQuery = PageQuery.extend({
  status: z.enum(invoiceRequestStatuses).optional(),
  customerId: Id.optional(),
  orderId: Id.optional(),
});
/** Finance registers the invoice issued for an approved request: its number and day (its file is attached after). */
export const InvoiceRegisterInput = z.object({
  number: z.string().trim().min(1).max(50),
  issuedOn: IsoDate,
});
