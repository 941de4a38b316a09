import type { Generated } from 'kysely';

// VAT invoicing: billing profiles, invoice requests and the lines of invoices and requests.

export type BillingProfileTable = {
  id: Generated<number>;
  customerId: number;
  title: string;
  taxId: string | null;
  address: string | null;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  isDefault: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type InvoiceRequestTable = {
  id: Generated<number>;
  type: string;
  status: string;
  customerId: number;
  orderId: number | null;
  billingProfileId: number | null;
  buyerTitle: string;
  buyerTaxId: string | null;
  buyerAddressPhone: string | null;
  buyerBankAccount: string | null;
  /** Minor units, tax included; the sums of the lines. */
  amount: number;
  tax: number;
  currency: string;
  notes: string | null;
  invoiceId: number | null;
  ownerId: number | null;
  departmentId: number | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

/** A line of an invoice or of a request (exactly one of the two); minor units, negative on a red-letter invoice. */
export type InvoiceLineTable = {
  id: Generated<number>;
  invoiceId: number | null;
  requestId: number | null;
  position: number;
  productId: number | null;
  name: string;
  specification: string | null;
  unit: string | null;
  quantity: string | null;
  taxRateBp: number;
  taxCode: string | null;
  net: number;
  tax: number;
  total: number;
  redOfLineId: number | null;
};

export type InvoicingTables = {
  billingProfiles: BillingProfileTable;
  invoiceRequests: InvoiceRequestTable;
  invoiceLines: InvoiceLineTable;
};
