import { z } from 'zod';
import { Amount } from '../money.ts';
import { isTaxpayerNumber } from '../credit-code.ts';
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

/**
 * 数电发票（增值税专用发票）, 数电发票（普通发票）, 纸质专票, 纸质普票; `other` is kept for invoices
 * recorded before the four were told apart.
 */
export const invoiceTypes = ['digital_special', 'digital_ordinary', 'vat_special', 'vat_ordinary', 'other'] as const;
export type InvoiceType = (typeof invoiceTypes)[number];
/** The types a new invoice or request may have. */
export const issuableInvoiceTypes = ['digital_special', 'digital_ordinary', 'vat_special', 'vat_ordinary'] as const;
/** Special VAT invoices (专票) name the buyer's taxpayer number, address and bank. */
export const isSpecialInvoice = (type: string) => type === 'digital_special' || type === 'vat_special';
export const invoiceStatuses = ['issued', 'cancelled'] as const;
/**
 * A taxpayer identification number: an 18-character unified social credit code with its check character
 * right (GB 32100-2015), or an older 15-, 17- or 20-character number.
 */
export const TaxId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{15,20}$/, 'invalidTaxId')
  .refine(isTaxpayerNumber, 'invalidTaxId');
/** A line as asked for: its amount with tax (价税合计); the tax rate and tax code default to the product's. */
export const InvoiceLineInput = z.object({
  productId: RecordId.nullish(),
  name: z.string().trim().min(1).max(200),
  specification: OptionalText,
  unit: z.string().trim().max(20).nullish(),
  quantity: z
    .string()
    .trim()
    .regex(/^\d{1,10}(\.\d{1,3})?$/, 'invalidQuantity')
    .nullish(),
  amount: NonNegativeAmount.refine((v) => Number(v) > 0, 'invalidAmount'),
  taxRate: Percent.nullish(),
  /** 税收分类编码: 19 digits. */
  taxCode: z
    .string()
    .trim()
    .regex(/^\d{19}$/, 'invalidTaxCode')
    .nullish(),
});
export const InvoiceLine = z.object({
  id: z.number(),
  position: z.number(),
  productId: z.number().nullable(),
  name: z.string(),
  specification: z.string().nullable(),
  unit: z.string().nullable(),
  quantity: z.string().nullable(),
  taxRate: z.string(),
  taxCode: z.string().nullable(),
  /** Without tax (金额), tax (税额) and with tax (价税合计); negative on a red-letter invoice. */
  net: z.string(),
  tax: z.string(),
  total: z.string(),
  /** On a red-letter invoice: the line it credits. */
  redOfLineId: z.number().nullable(),
  /** On an invoice: what its red-letter invoices credited of this line so far (positive). */
  credited: z.string(),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;
export const InvoiceInput = z
  .object({
    type: z.enum(issuableInvoiceTypes),
    number: z.string().trim().min(1).max(50),
    issuedOn: IsoDate,
    customerId: RecordId,
    orderId: RecordId.nullish(),
    /** With lines, the amount and tax are their sums; without, one line of this amount and tax. */
    amount: NonNegativeAmount.refine((v) => Number(v) > 0, 'invalidAmount').optional(),
    tax: NonNegativeAmount.optional(),
    lines: z.array(InvoiceLineInput).min(1).max(200).optional(),
    buyerTitle: z.string().trim().min(1).max(200),
    buyerTaxId: TaxId.nullish(),
    buyerAddressPhone: OptionalText,
    buyerBankAccount: OptionalText,
    notes: OptionalText,
  })
  // A special VAT invoice carries the buyer's taxpayer number.
  .refine((i) => !isSpecialInvoice(i.type) || Boolean(i.buyerTaxId), { path: ['buyerTaxId'], message: 'required' })
  .refine((i) => Boolean(i.lines) || i.amount !== undefined, { path: ['amount'], message: 'required' })
  .refine((i) => Boolean(i.lines) || i.tax !== undefined, { path: ['tax'], message: 'required' })
  .refine((i) => Boolean(i.lines) || Number(i.tax) <= Number(i.amount), { path: ['tax'], message: 'taxAboveAmount' });
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
  /** Why a red-letter invoice was issued. */
  redReason: z.string().nullable(),
  /** The invoice request it was issued for. */
  requestId: z.number().nullable(),
  createdAt: z.string(),
});
export type Invoice = z.infer<typeof Invoice>;
/** One invoice with its lines, what its red-letter invoices left of it, and its amount in capitals. */
export const InvoiceDetail = Invoice.extend({
  lines: z.array(InvoiceLine),
  /** What red-letter invoices may still credit (amount with tax; 0 for a red-letter invoice). */
  creditable: z.string(),
  amountInWords: z.string(),
});
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;
export const InvoiceQuery = PageQuery.extend({
  customerId: Id.optional(),
  orderId: Id.optional(),
  status: z.enum(invoiceStatuses).optional(),
  /** The red-letter invoices of one invoice. */
  redOfId: Id.optional(),
});
export const InvoiceCancel = z.object({ reason: z.string().trim().min(1).max(500) });
/**
 * A red-letter invoice (红字发票) reversing all or part of an issued invoice, for a return or an allowance:
 * `all`, or the amount with tax to credit on each line (positive figures, recorded negative); the
 * amount and tax of the older form are still taken for an invoice of one line. Together the red-letter
 * invoices of a line may not exceed it.
 */
export const InvoiceRedLetterInput = z
  .object({
    number: z.string().trim().min(1).max(50),
    issuedOn: IsoDate,
    reason: z.string().trim().min(1).max(500),
    all: z.boolean().optional(),
    lines: z
      .array(z.object({ lineId: RecordId, amount: NonNegativeAmount.refine((v) => Number(v) > 0, 'invalidAmount') }))
      .min(1)
      .max(200)
      .optional(),
    amount: NonNegativeAmount.refine((v) => Number(v) > 0, 'invalidAmount').optional(),
    tax: NonNegativeAmount.optional(),
  })
  .refine((i) => Boolean(i.all) || Boolean(i.lines) || i.amount !== undefined, {
    path: ['lines'],
    message: 'required',
  })
  .refine((i) => i.amount === undefined || i.tax === undefined || Number(i.tax) <= Number(i.amount), {
    path: ['tax'],
    message: 'taxAboveAmount',
  });

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
