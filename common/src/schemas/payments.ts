import { z } from 'zod';
import { Amount } from '../money.ts';
import { IsoDate, OptionalText, PageQuery, Id, RecordId } from './common.ts';
import { NonNegativeAmount, Percent } from './products.ts';

export const PaymentPlanInput = z.object({
  /** Each instalment by amount or by percentage of the order total; together exactly the total. */
  instalments: z
    .array(
      z
        .object({ dueDate: IsoDate, amount: NonNegativeAmount.optional(), percent: Percent.optional() })
        .refine((i) => (i.amount === undefined) !== (i.percent === undefined), {
          path: ['amount'],
          message: 'amountOrPercent',
        }),
    )
    .min(1)
    .max(60),
});
export const instalmentStatuses = ['open', 'partial', 'paid'] as const;
export const Instalment = z.object({
  id: z.number(),
  orderId: z.number(),
  orderNumber: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  seq: z.number(),
  dueDate: z.string(),
  amount: z.string(),
  received: z.string(),
  outstanding: z.string(),
  currency: z.string(),
  status: z.enum(instalmentStatuses),
  /** Days past the due date while something is outstanding; 0 when not overdue. */
  daysOverdue: z.number(),
});
export type Instalment = z.infer<typeof Instalment>;

export const receiptMethods = ['bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'other'] as const;
export const receiptStatuses = ['unconfirmed', 'confirmed'] as const;
export const ReceiptInput = z.object({
  customerId: RecordId,
  receivedOn: IsoDate,
  amount: Amount.refine((v) => Number(v) !== 0, 'invalidAmount'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  method: z.enum(receiptMethods),
  payer: OptionalText,
  bankAccount: OptionalText,
  reference: OptionalText,
  notes: OptionalText,
  /** Amounts matched to instalments (positive; for a refund, what is taken back from each). */
  allocations: z
    .array(
      z.object({ instalmentId: RecordId, amount: NonNegativeAmount.refine((v) => Number(v) > 0, 'invalidAmount') }),
    )
    .max(60)
    .default([]),
  /** Allows paying an instalment beyond what is outstanding on it. */
  overpayment: z.boolean().default(false),
});
export const Receipt = z.object({
  id: z.number(),
  number: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  receivedOn: z.string(),
  amount: z.string(),
  currency: z.string(),
  method: z.enum(receiptMethods),
  payer: z.string().nullable(),
  bankAccount: z.string().nullable(),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
  status: z.enum(receiptStatuses),
  overpayment: z.boolean(),
  /** Refunds only: pending, approved or rejected. */
  approvalStatus: z.enum(['pending', 'approved', 'rejected']).nullable(),
  confirmedAt: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  allocations: z.array(
    z.object({ instalmentId: z.number(), orderNumber: z.string(), seq: z.number(), amount: z.string() }),
  ),
  createdAt: z.string(),
});
export type Receipt = z.infer<typeof Receipt>;
export const ReceiptQuery = PageQuery.extend({
  /** One receipt by its number (as a commission statement's line links to it). */
  number: z.string().trim().min(1).max(50).optional(),
  customerId: Id.optional(),
  orderId: Id.optional(),
  status: z.enum(receiptStatuses).optional(),
});

const ListPage = PageQuery.pick({ page: true, pageSize: true });
export const ReceivablesQuery = ListPage.extend({ customerId: Id.optional(), orderId: Id.optional() });
/** What is planned, invoiced, received, outstanding and overdue in one currency (never summed across currencies). */
export const ReceivableFigures = z.object({
  currency: z.string(),
  planned: z.string(),
  /** Invoices issued (not cancelled) for the same customer or order. */
  invoiced: z.string(),
  received: z.string(),
  outstanding: z.string(),
  overdue: z.string(),
});
export const Receivables = ReceivableFigures.extend({
  /** Every currency that has instalments or invoices, each summed by the database over all matching rows. */
  byCurrency: z.array(ReceivableFigures),
  /** One page of the instalments (`total` counts them all). */
  instalments: z.array(Instalment),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
/** The top-level figures are those of `currency`: the only currency present, else the default currency. */
export type Receivables = z.infer<typeof Receivables>;

export const agingBuckets = ['current', 'd0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export const AgingQuery = ListPage.extend({
  groupBy: z.enum(['customer', 'owner', 'department']).default('customer'),
  customerId: Id.optional(),
});
const AgingFigures = z.object({
  currency: z.string(),
  current: z.string(),
  d0_30: z.string(),
  d31_60: z.string(),
  d61_90: z.string(),
  d90_plus: z.string(),
  total: z.string(),
});
/** One customer, owner or department in one currency. */
export const AgingRow = AgingFigures.extend({ key: z.number().nullable(), name: z.string() });
export const Aging = z.object({
  asOf: z.string(),
  /** One page of the groups, largest total first (`total` counts every group). */
  rows: z.array(AgingRow),
  /** The figures of `totals.currency` (the only currency owed, else the default currency). */
  totals: AgingFigures,
  /** Every currency owed, each summed by the database over all open instalments in scope. */
  totalsByCurrency: z.array(AgingFigures),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type Aging = z.infer<typeof Aging>;

export const invoiceTypes = ['vat_special', 'vat_ordinary', 'other'] as const;
export const invoiceStatuses = ['issued', 'cancelled'] as const;
/** 统一社会信用代码 (18 characters) or an older 15–20 character taxpayer number. */
const TaxId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{15,20}$/, 'invalidTaxId');
export const InvoiceInput = z
  .object({
    type: z.enum(invoiceTypes),
    number: z.string().trim().min(1).max(50),
    issuedOn: IsoDate,
    customerId: RecordId,
    orderId: RecordId.nullish(),
    amount: NonNegativeAmount.refine((v) => Number(v) > 0, 'invalidAmount'),
    tax: NonNegativeAmount,
    buyerTitle: z.string().trim().min(1).max(200),
    buyerTaxId: TaxId.nullish(),
    buyerAddressPhone: OptionalText,
    buyerBankAccount: OptionalText,
    notes: OptionalText,
  })
  // A VAT special invoice carries the buyer's taxpayer number.
  .refine((i) => i.type !== 'vat_special' || Boolean(i.buyerTaxId), { path: ['buyerTaxId'], message: 'required' })
  .refine((i) => Number(i.tax) <= Number(i.amount), { path: ['tax'], message: 'taxAboveAmount' });
export const Invoice = z.object({
  id: z.number(),
  type: z.enum(invoiceTypes),
  number: z.string(),
  issuedOn: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  amount: z.string(),
  tax: z.string(),
  currency: z.string(),
  buyerTitle: z.string(),
  buyerTaxId: z.string().nullable(),
  buyerAddressPhone: z.string().nullable(),
  buyerBankAccount: z.string().nullable(),
  status: z.enum(invoiceStatuses),
  cancelReason: z.string().nullable(),
  notes: z.string().nullable(),
  /** A red-letter invoice (红字发票): the invoice it offsets; its amount and tax are negative. */
  redOfId: z.number().nullable(),
  redOfNumber: z.string().nullable(),
  createdAt: z.string(),
});
export type Invoice = z.infer<typeof Invoice>;
export const InvoiceQuery = PageQuery.extend({
  customerId: Id.optional(),
  orderId: Id.optional(),
  status: z.enum(invoiceStatuses).optional(),
});
export const InvoiceCancel = z.object({ reason: z.string().trim().min(1).max(500) });
/**
 * A red-letter invoice (红字发票) offsetting part or all of an issued invoice, for a return or an allowance:
 * amounts given as positive figures, recorded negative; together they may not exceed the invoice.
 */
export const InvoiceRedLetterInput = z
  .object({
    number: z.string().trim().min(1).max(50),
    issuedOn: IsoDate,
    amount: NonNegativeAmount.refine((v) => Number(v) > 0, 'invalidAmount'),
    tax: NonNegativeAmount,
    reason: z.string().trim().min(1).max(500),
  })
  .refine((i) => Number(i.tax) <= Number(i.amount), { path: ['tax'], message: 'taxAboveAmount' });

export const ReconciliationQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalidPeriod'),
  groupBy: z.enum(['owner', 'department']).default('owner'),
});
const ReconciliationFigures = z.object({
  currency: z.string(),
  contractsSigned: z.string(),
  ordersDelivered: z.string(),
  receiptsConfirmed: z.string(),
  invoicesIssued: z.string(),
});
/** One rep or department in one currency. */
export const ReconciliationRow = ReconciliationFigures.extend({ key: z.number().nullable(), name: z.string() });
export const Reconciliation = z.object({
  month: z.string(),
  rows: z.array(ReconciliationRow),
  /** The figures of `totals.currency` (the only currency of the month, else the default currency). */
  totals: ReconciliationFigures,
  /** Every currency of the month, each summed by the database. */
  totalsByCurrency: z.array(ReconciliationFigures),
});
export type Reconciliation = z.infer<typeof Reconciliation>;
